"""The board's boxes to tick on the shortlist and an agenda item are drawn in Python
(consultations/priority_choices.py). Read with a parser, they are what the template loop drew
before, with and without ticks and earlier decisions; every member's and board's word is
escaped; and the shortlist page stays valid HTML."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from consultations.forms import ShortlistForm
from consultations.selectors.board import EarlierDecision
from tests.consultations.test_tally_sheet import read
from tests.factories.consultations import BoardMeetingFactory, PriorityFactory

pytestmark = pytest.mark.django_db

# The loop the template had before (templates/consultations/board/includes/priority_choices.html).
DRAWN_BY_DJANGO = Template(
    """{% load times %}{% for choice, priority in rows %}
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="{{ choice.id_for_label }}" name="{{ choice.data.name }}" type="checkbox" value="{{ choice.data.value|stringformat:'s' }}"{% if choice.data.selected %} checked{% endif %} aria-describedby="{{ choice.id_for_label }}-hint">
          <label class="govuk-label govuk-checkboxes__label" for="{{ choice.id_for_label }}">{{ choice.choice_label }}</label>
          <div id="{{ choice.id_for_label }}-hint" class="govuk-hint govuk-checkboxes__hint">
            <span class="portal-why-it-matters">Why it matters: {{ priority.explanation|linebreaksbr }}</span>
            {% for earlier in priority.earlier %}<br><strong class="govuk-tag{% if earlier.status %} govuk-tag--blue{% else %} govuk-tag--grey{% endif %}">{% if earlier.status %}Answered before: {{ earlier.status }}{% else %}On an earlier agenda{% endif %}</strong> At the meeting on {{ earlier.meeting.starts_at|day:"year" }}, as “{{ earlier.item_title }}”{% if earlier.explanation %}, the board said: {{ earlier.explanation }}{% else %}: the board has not answered yet.{% endif %}{% endfor %}
          </div>
        </div>
      {% endfor %}"""
)


def drawn_by_django(form):
    by_pk = {priority.pk: priority for priority in form.candidates}
    rows = [(choice, by_pk[int(str(choice.data["value"]))]) for choice in form["priorities"]]
    return DRAWN_BY_DJANGO.render(Context({"rows": rows}))


def texts(html):
    """What each element says, its spaces made one, as a reader hears it."""
    return [(tag, attrs, " ".join(words)) for tag, attrs, words in read(html)]


@pytest.fixture
def candidates(consultation):
    meeting = BoardMeetingFactory(starts_at=datetime(2026, 3, 3, 18, 0, tzinfo=ZoneInfo("Europe/London")))
    made = [
        PriorityFactory(
            consultation=consultation, title="Evening groups", explanation="After work.\nAnd weekends."
        ),
        PriorityFactory(
            consultation=consultation,
            title='A <b>"bold"</b> & brave idea',
            explanation="<script>alert('x')</script> & more",
        ),
        PriorityFactory(consultation=consultation, title="Bus passes", explanation="Cheaper travel."),
    ]
    earlier = [
        [],
        [EarlierDecision(meeting, "Help with <travel>", "", "")],
        [
            EarlierDecision(meeting, "Travel", "Agreed", "We will fund 40 passes & <more>."),
            EarlierDecision(meeting, "Travel again", "Not agreed", ""),
        ],
    ]
    for rank, (priority, said) in enumerate(zip(made, earlier, strict=True), start=1):
        priority.rank = rank
        priority.total_votes = 10 - rank
        priority.earlier = said
        priority.already_on_agenda = False
    return made


@pytest.mark.parametrize(
    "data", [None, {"priorities": ["{1}"], "summary": ""}, {"priorities": ["{0}", "{2}"]}]
)
def test_the_boxes_are_what_the_template_drew(candidates, data):
    if data is not None:
        data = {"priorities": [v.format(*[p.pk for p in candidates]) for v in data["priorities"]]}
    form = ShortlistForm(data, candidates=candidates)
    form.is_valid()

    assert texts(str(form.priority_rows())) == texts(drawn_by_django(form))


def test_every_word_is_escaped(candidates):
    html = str(ShortlistForm(candidates=candidates).priority_rows())
    soup = BeautifulSoup(html, "html.parser")

    assert soup.find("script") is None
    assert soup.find("b") is None
    assert "<script>alert('x')</script> & more" in soup.get_text()
    assert "Help with <travel>" in soup.get_text()
    assert "We will fund 40 passes & <more>." in soup.get_text()
    assert next(br.parent.get("class") for br in soup.find_all("br")) == ["portal-why-it-matters"]
