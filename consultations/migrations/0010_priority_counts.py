"""Each priority keeps its own vote counts. The database keeps them right with triggers on the vote
and tally tables (consultations/vote_counts.py): put in place here with a first count, and again
after every `migrate`. Going back past this migration takes them away first."""

from django.db import migrations, models

from consultations import vote_counts


def start_counting(apps, schema_editor):
    vote_counts.install(schema_editor.connection)


def stop_counting(apps, schema_editor):
    vote_counts.uninstall(schema_editor.connection)



class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0009_priority_listing_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="priority",
            name="online_votes",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="priority",
            name="supporters",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="priority",
            name="in_room_votes",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddConstraint(
            model_name="priority",
            constraint=models.CheckConstraint(
                condition=models.Q(("supporters__lte", models.F("online_votes"))),
                name="priority_supporters_within_votes",
            ),
        ),
        migrations.RunPython(start_counting, stop_counting),
    ]
