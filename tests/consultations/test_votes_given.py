"""The rows of "Your votes" on a member's contributions page are drawn in Python
(consultations/votes_given.py). Read with a parser, they are what the template loop drew before:
for open and closed consultations, votes that can and cannot be moved, one dot and several; every
word a member or an editor wrote is escaped; and the page stays valid HTML."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from consultations.selectors.contributions import member_votes_given
from consultations.votes_given import votes_given_rows
from tests.checks import assert_valid_html
from tests.consultations.test_priority_choices import texts
from tests.factories.consultations import ConsultationFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db

# The loop templates/consultations/my_contributions.html had before.
DRAWN_BY_DJANGO = Template(
    """{% load times %}{% for vote in votes %}
            {% with consultation=vote.priority.consultation %}
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{{ vote.priority.title }}{% if vote.dots > 1 %} <span class="govuk-body-s">({{ vote.dots }} votes)</span>{% endif %}</th>
              <td class="govuk-table__cell"><a class="govuk-link" href="{% url 'consultations:detail' consultation.pk %}">{{ consultation.question }}</a></td>
              <td class="govuk-table__cell">{% if consultation.is_open %}Still open, until {{ consultation.closes_at|day }}{% if consultation.votes_can_be_moved %}. You can still change your vote{% endif %}.{% else %}Closed{% endif %}</td>
            </tr>
            {% endwith %}
          {% endfor %}"""
)


@pytest.fixture
def votes(member):
    movable = ConsultationFactory(question='Is "better" <b>bold</b> & kind?', votes_can_be_moved=True)
    fixed = ConsultationFactory(question="What would help at the drop-in?", votes_can_be_moved=False)
    closed = ConsultationFactory(closed=True, question="What did we need last winter?")
    VoteFactory(priority=PriorityFactory(consultation=movable, title="Longer <i>hours</i>"), voter=member)
    VoteFactory(priority=PriorityFactory(consultation=fixed, title="Warm food"), voter=member, dots=3)
    VoteFactory(priority=PriorityFactory(consultation=closed, title="Warm coats & hats"), voter=member)
    VoteFactory(priority=PriorityFactory(consultation=movable, title="A quiet room"), voter=member, dots=2)
    VoteFactory(priority=PriorityFactory(consultation=fixed, title="Bus fares"), voter=member)
    return list(member_votes_given(member))


def test_the_rows_read_as_the_template_drew_them(votes):
    drawn = votes_given_rows(votes)
    assert texts(drawn) == texts(DRAWN_BY_DJANGO.render(Context({"votes": votes})))
    assert len(votes) == 5 and drawn.count("<tr") == 5


def test_each_row_says_what_a_member_needs_to_know(votes):
    rows = texts(votes_given_rows(votes))
    said = [words for tag, _attrs, words in rows if tag in ("th", "td", "a", "span")]
    assert "A quiet room" in said and "(2 votes)" in said and "(3 votes)" in said
    assert "Still open, until" in " ".join(said)
    assert any(words.endswith(". You can still change your vote.") for words in said)
    assert "Closed" in said
    links = [attrs["href"] for tag, attrs, _words in rows if tag == "a"]
    assert reverse("consultations:detail", args=[votes[0].priority.consultation_id]) in links


def test_words_people_wrote_are_shown_as_text(votes):
    drawn = votes_given_rows(votes)
    assert "<i>" not in drawn and "<b>" not in drawn
    assert "Longer &lt;i&gt;hours&lt;/i&gt;" in drawn
    assert "Is &quot;better&quot; &lt;b&gt;bold&lt;/b&gt; &amp; kind?" in drawn
    assert "Warm coats &amp; hats" in drawn


def test_no_votes_draws_no_rows():
    assert votes_given_rows([]) == ""


def test_the_contributions_page_with_votes_is_valid_html(client, member, votes):
    client.force_login(member)
    response = client.get(reverse("consultations:my_contributions"))
    assert response.status_code == 200
    assert_valid_html(response.content.decode())
    assert response.content.decode().count('<th scope="row" class="govuk-table__header">') == 5
