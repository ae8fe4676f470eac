"""The in-room tally sheet's boxes are drawn in Python (portal/form_field.py and
portal/quick_widgets.QuickTextInput). Read with a parser, they are what Django's templates
(the form field component as it was, its widget templates) draw for the same form, with and without
errors; titles are escaped; each box keeps what was typed in it, even "ten", and says its own
error, on a page that is valid HTML (a number box could not hold "ten": it was not)."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template import Context
from django.urls import reverse

from consultations.forms import TallyForm
from portal.quick_widgets import QuickTextInput
from tests.checks import assert_valid_html
from tests.factories.consultations import InRoomGatheringFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def read(html):
    """Every element as (tag, attributes, its own text), in order: what a browser would build."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        (
            tag.name,
            {k: (" ".join(v) if isinstance(v, list) else v) for k, v in tag.attrs.items()},
            " ".join(tag.find_all(string=True, recursive=False)).split(),
        )
        for tag in soup.find_all(True)
    ]


def drawn_by_django(form):
    """The form as the form field component drew it with templates, with Django's own text input."""
    for field in form.fields.values():
        django_input = forms.TextInput(attrs=field.widget.attrs)
        django_input.is_required = field.widget.is_required
        field.widget = django_input
    from tests.portal.test_form_field import DRAWN_BY_DJANGO

    return "".join(DRAWN_BY_DJANGO.render(Context({"field": field})) for field in form)


@pytest.fixture
def priorities(consultation):
    return [
        PriorityFactory(consultation=consultation, title="Evening groups"),
        PriorityFactory(consultation=consultation, title='A <b>"bold"</b> & brave idea'),
        PriorityFactory(consultation=consultation, title="Bus passes"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"votes_{0}": "3", "votes_{1}": "", "votes_{2}": "0"},
        {"votes_{0}": "-1", "votes_{1}": "ten", "votes_{2}": "10001"},
        {"votes_{0}": "2.5", "votes_{1}": "<script>", "votes_{2}": "7"},
    ],
)
def test_the_boxes_are_what_djangos_templates_draw(priorities, data):
    pks = [p.pk for p in priorities]
    bound = {key.format(*pks): value for key, value in data.items()} if data else None

    def form():
        made = TallyForm(bound, priorities=priorities, saved={pks[0]: 6})
        made.is_valid() if bound else None
        return made

    assert read(str(form().boxes())) == read(drawn_by_django(form()))


def test_each_box_keeps_its_own_value_label_and_error(client, facilitator, consultation, priorities):
    gathering = InRoomGatheringFactory(consultation=consultation)
    client.force_login(facilitator)
    first, tricky, last = priorities

    response = client.post(
        reverse("consultations:tally_sheet", args=[consultation.pk, gathering.pk]),
        {f"votes_{first.pk}": "4", f"votes_{tricky.pk}": "ten", f"votes_{last.pk}": ""},
    )

    page = BeautifulSoup(response.content, "html.parser")
    assert (
        page.find("label", attrs={"for": f"id_votes_{tricky.pk}"}).text
        == 'A <b>"bold"</b> & brave idea (optional)'
    )
    assert b"<b>" not in response.content
    boxes = {box["name"]: box for box in page.select("input[name^=votes_]")}
    assert boxes[f"votes_{first.pk}"]["value"] == "4"
    assert boxes[f"votes_{tricky.pk}"]["value"] == "ten"
    assert {(box["type"], box["inputmode"]) for box in boxes.values()} == {("text", "numeric")}
    assert not boxes[f"votes_{last.pk}"].has_attr("value")
    assert boxes[f"votes_{tricky.pk}"]["aria-describedby"] == f"id_votes_{tricky.pk}-error"
    assert "govuk-input--error" in boxes[f"votes_{tricky.pk}"]["class"]
    assert not boxes[f"votes_{first.pk}"].has_attr("aria-describedby")
    errors = page.select(".govuk-error-message")
    assert [(e["id"], e.text) for e in errors] == [
        (f"id_votes_{tricky.pk}-error", "Error: Enter a whole number of votes.")
    ]
    # The summary at the top links to the box.
    assert page.select_one(".govuk-error-summary a")["href"] == f"#id_votes_{tricky.pk}"
    assert_valid_html(response.content.decode())


class Number(forms.Form):
    votes = forms.IntegerField(
        min_value=0, max_value=9, required=False, widget=QuickTextInput(attrs={"inputmode": "numeric"})
    )
    agree = forms.CharField(widget=QuickTextInput(attrs={"disabled": True, "hidden": False}))


class DjangoNumber(forms.Form):
    votes = forms.IntegerField(
        min_value=0, max_value=9, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    agree = forms.CharField(widget=forms.TextInput(attrs={"disabled": True, "hidden": False}))


@pytest.mark.parametrize("data", [None, {"votes": "4"}, {"votes": '"><script>'}, {"votes": ""}])
def test_the_quick_box_is_djangos(data):
    for name in ("votes", "agree"):
        assert read(str(Number(data=data)[name])) == read(str(DjangoNumber(data=data)[name]))
