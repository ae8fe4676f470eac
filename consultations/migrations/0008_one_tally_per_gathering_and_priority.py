"""Every in-room tally now has its gathering: the old place and day columns go, and the database
holds one tally per gathering and priority."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0007_tallies_to_gatherings")]

    operations = [
        migrations.AlterField(
            model_name="inroomtally",
            name="gathering",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tallies",
                to="consultations.inroomgathering",
            ),
        ),
        migrations.RemoveField(model_name="inroomtally", name="place"),
        migrations.RemoveField(model_name="inroomtally", name="held_on"),
        migrations.AddConstraint(
            model_name="inroomtally",
            constraint=models.UniqueConstraint(
                fields=("gathering", "priority"), name="one_tally_per_gathering_and_priority"
            ),
        ),
        migrations.AlterField(
            model_name="moderationlog",
            name="action",
            field=models.CharField(
                choices=[
                    ("approve", "Approved"),
                    ("return", "Sent back"),
                    ("edit", "Edited out personal details"),
                    ("merge", "Joined with a similar priority"),
                    ("remove", "Taken down"),
                    ("dismiss_reports", "Reports looked at, no change"),
                    ("gathered", "Entered for someone at a group"),
                    ("tally", "Entered in-room votes"),
                    ("tally_removed", "Took off in-room votes"),
                ],
                max_length=20,
            ),
        ),
    ]
