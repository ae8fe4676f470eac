"""Timings of the facilitator's pages that hold a whole consultation, for bench/consultations.py.

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""

import time


def bench_facilitator_pages(consultation, author, repeats):
    """A facilitator's page to check a post waiting in the consultation (its list to join the post
    into holds every published priority: portal/quick_widgets.py, consultations/alike.py), and the
    in-room tally sheet, its first page of boxes (selectors.TALLY_PAGE_SIZE; portal/form_field.py)."""
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.utils import timezone

    from accounts.roles import FACILITATORS
    from bench.consultations import new_member
    from consultations.models import InRoomGathering, Priority, PriorityStatus

    facilitator = new_member("bench-facilitator")
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    waiting = Priority.objects.create(
        consultation=consultation, title="Cheaper bus passes", status=PriorityStatus.SUBMITTED,
        explanation="Getting to the groups by bus costs too much.", author=author,
    )  # fmt: skip
    gathering = InRoomGathering.objects.create(
        consultation=consultation, name="The hub", held_on=timezone.now()
    )
    client = Client()
    client.force_login(facilitator)
    pages = {
        "A facilitator's page to check a post (a list to join it into)": f"/consultations/moderation/priorities/{waiting.pk}/",
        "The in-room tally sheet (its first page of 50 boxes)": f"/consultations/{consultation.pk}/in-room-votes/{gathering.pk}/",
    }  # fmt: skip
    timings = {}
    for name, url in pages.items():
        client.get(url)
        timings[name] = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            timings[name].append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
    return timings
