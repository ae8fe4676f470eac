"""In-room tallies belong to a gathering (a group session or a named event) chosen from a list,
instead of a free-text place and day on every row. This step adds the gatherings; 0007 fills them
from the old rows and 0008 drops the old columns (three steps, so that PostgreSQL never changes a
table in the transaction that updated its rows)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_section_pages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="InRoomGathering",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="where")),
                ("name_key", models.CharField(editable=False, max_length=120)),
                ("held_on", models.DateField(verbose_name="day")),
                ("source", models.CharField(blank=True, max_length=60)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gatherings",
                        to="consultations.consultation",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "in-room gathering",
                "ordering": ["-held_on", "name_key", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("consultation", "name_key", "held_on"), name="one_gathering_per_name_and_day"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("source", ""), _negated=True),
                        fields=("consultation", "source"),
                        name="one_gathering_per_source",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name_key", ""), _negated=True), name="gathering_has_a_name"
                    ),
                ],
            },
        ),
        migrations.RemoveConstraint(model_name="inroomtally", name="one_tally_per_priority_place_day"),
        migrations.AddField(
            model_name="inroomtally",
            name="gathering",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tallies",
                to="consultations.inroomgathering",
            ),
        ),
    ]
