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


def test_make_run_loads_the_demo_once_and_keeps_what_editors_changed():
    out = io.StringIO()
    call_command("load_demo_content", "--once", stdout=out)
    assert "Demo content is ready." in out.getvalue()
    open_one = next(c for c in Consultation.objects.all() if c.is_open)
    open_one.question = "What would help most this winter?"
    open_one.save()
    out = io.StringIO()
    call_command("load_demo_content", "--once", stdout=out)
    assert out.getvalue() == (
        "The demo content is already here, so it was left as it is. Run `make demo` to load it again.\n"
    )
    assert Consultation.objects.filter(question="What would help most this winter?").exists()
    assert Consultation.objects.count() == 2
