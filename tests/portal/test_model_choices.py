"""The portal's short lists of records (ready-written reasons, themes, groups) are read with one
plain query, not through a server-side cursor (three round trips on PostgreSQL), and offer the
same choices, labels and empty choice as Django's own field."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.forms import ReturnForm
from consultations.models import ReturnReason
from portal.model_choices import ModelChoiceField
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import PriorityFactory, ReturnReasonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reasons():
    return [ReturnReasonFactory(title=f"Reason {n}") for n in range(3)]


def test_the_choices_are_djangos(reasons):
    ours = ModelChoiceField(queryset=ReturnReason.objects.order_by("pk"), empty_label="None of these")
    django = forms.ModelChoiceField(queryset=ReturnReason.objects.order_by("pk"), empty_label="None of these")
    assert [(str(value), label) for value, label in ours.choices] == [
        (str(value), label) for value, label in django.choices
    ]
    assert len(list(ours.choices)) == 4


def test_drawing_the_radios_reads_the_list_once_with_a_plain_query(reasons):
    form = ReturnForm(prefix="return")
    with CaptureQueriesContext(connection) as queries:
        drawn = [str(radio) for radio in form["template"]]
        again = list(form.fields["template"].choices)
    assert len(drawn) == 4 and len(again) == 4
    assert len(queries.captured_queries) == 1
    assert queries.captured_queries[0]["sql"].startswith("SELECT")  # not DECLARE ... CURSOR


def test_check_a_post_opens_no_server_side_cursor(client, reasons):
    client.force_login(user_with_roles("Facilitators"))
    priority = PriorityFactory(status="submitted")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("consultations:moderate", args=[priority.pk]))
    assert response.status_code == 200
    assert "Reason 2" in response.text
    assert not [query for query in queries.captured_queries if "CURSOR" in query["sql"]]
