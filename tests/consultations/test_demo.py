import io

import pytest
from django.core.management import call_command

from consultations.models import Consultation, InRoomTally, Priority, Vote
from consultations.selectors import ranked_priorities

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_duplicates():
    call_command("load_demo_content", stdout=io.StringIO())
    counts = (
        Consultation.objects.count(),
        Priority.objects.count(),
        Vote.objects.count(),
        InRoomTally.objects.count(),
    )
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts == (
        Consultation.objects.count(),
        Priority.objects.count(),
        Vote.objects.count(),
        InRoomTally.objects.count(),
    )
    assert counts[0] == 2
    open_one = next(c for c in Consultation.objects.all() if c.is_open)
    closed_one = next(c for c in Consultation.objects.all() if c.is_closed)
    assert ranked_priorities(open_one).first().title == "Help to get to appointments on the island"
    assert ranked_priorities(closed_one).count() == 3
