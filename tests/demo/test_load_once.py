"""`make run` loads the demo the first time only (`load_demo_content --once`), so what an editor
changed survives a restart; `make demo` loads it again."""

import io

import pytest
from django.core.management import call_command

from consultations.models import Consultation

pytestmark = pytest.mark.django_db


def test_make_run_keeps_what_editors_changed(demo):
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
