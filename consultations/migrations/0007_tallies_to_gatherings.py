"""In-room tallies belong to a gathering (a group session or a named event) chosen from a list,
instead of a free-text place and day on every row.

Existing rows: one gathering per consultation, place and day, with places compared with their
spaces collapsed and case ignored ("Drop-in at the Net Loft" and "drop-in at the net loft " are
one). Where that leaves two rows for the same gathering and priority, they were the same paper
sheet typed in twice: the most recently entered count is kept and the older ones are deleted,
never added together (adding them is the double count this migration puts right).
"""

from django.db import migrations


def _tidy(name):
    return " ".join((name or "").split())


def _key(tally):
    return (tally.priority.consultation_id, (_tidy(tally.place) or "Unnamed group").lower(), tally.held_on)


def tallies_to_gatherings(apps, schema_editor):
    InRoomTally = apps.get_model("consultations", "InRoomTally")
    InRoomGathering = apps.get_model("consultations", "InRoomGathering")
    rows = InRoomTally.objects.select_related("priority")
    # A gathering takes its name as it was first typed, and who first typed it.
    gatherings = {}
    for tally in rows.order_by("entered_at", "pk").iterator():
        key = _key(tally)
        if key not in gatherings:
            gatherings[key] = InRoomGathering.objects.create(
                consultation_id=key[0],
                name=_tidy(tally.place) or "Unnamed group",
                name_key=key[1],
                held_on=tally.held_on,
                created_by_id=tally.entered_by_id,
            )
    # Newest first: a later row for the same gathering and priority is the count kept, and the
    # older copies of that sheet are deleted, not added (adding them was the double count).
    kept = set()
    for tally in rows.order_by("-entered_at", "-pk").iterator():
        gathering = gatherings[_key(tally)]
        if (gathering.pk, tally.priority_id) in kept:
            InRoomTally.objects.filter(pk=tally.pk).delete()
            continue
        kept.add((gathering.pk, tally.priority_id))
        InRoomTally.objects.filter(pk=tally.pk).update(gathering=gathering)


def gatherings_to_tallies(apps, schema_editor):
    InRoomTally = apps.get_model("consultations", "InRoomTally")
    for tally in InRoomTally.objects.select_related("gathering"):
        InRoomTally.objects.filter(pk=tally.pk).update(
            place=tally.gathering.name, held_on=tally.gathering.held_on
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0006_in_room_gatherings")]

    operations = [
        migrations.RunPython(tallies_to_gatherings, gatherings_to_tallies),
    ]
