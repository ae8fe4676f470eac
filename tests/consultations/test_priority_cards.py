"""The cards on a consultation page are drawn in Python (consultations/priority_cards.py): what a
member types is escaped everywhere it shows, the forms post where the template's did, and the
page reads the same to a parser."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from consultations.models import Vote
from tests.factories.consultations import ConsultationFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db

TITLE = 'A "quiet" room <script>alert(1)</script> & more'


@pytest.fixture
def page(client, member):
    consultation = ConsultationFactory(question="What would help?")
    marked = PriorityFactory(consultation=consultation, title=TITLE)
    plain = PriorityFactory(consultation=consultation, title="Longer hours")
    VoteFactory(priority=plain, voter=member)
    client.force_login(member)
    url = reverse("consultations:detail", args=[consultation.pk])
    response = client.get(url, {"page": "1", "x": '"><b>'})
    assert response.status_code == 200
    return response, marked, plain


def test_what_a_member_typed_is_escaped_on_every_part_of_its_card(page):
    response, marked, _plain = page
    text = response.text
    assert "<script>alert(1)</script>" not in text
    escaped = "A &quot;quiet&quot; room &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    # The title, the two vote buttons' hidden words and the report link's hidden words.
    assert text.count(f'<span class="govuk-visually-hidden">: {escaped}</span>') == 3
    # The address the form comes back to carries the query string escaped.
    assert '"><b>' not in text
    assert f'#priority-{marked.pk}">' in text


def test_each_card_has_its_form_report_link_and_vote_state(page):
    response, marked, plain = page
    document = BeautifulSoup(response.content, "html.parser")
    cards = {card["id"]: card for card in document.select("section.portal-priority")}
    assert set(cards) == {f"priority-{marked.pk}", f"priority-{plain.pk}"}

    voted = cards[f"priority-{plain.pk}"].form
    assert voted["action"] == reverse("consultations:vote", args=[plain.pk])
    assert voted["data-dots"] == "1"
    assert voted.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert voted.find("input", attrs={"name": "next"})["value"].endswith(f"#priority-{plain.pk}")
    assert voted.find("p", attrs={"data-vote-status": True}).get_text() == "You support this."
    remove = voted.find("button", attrs={"value": "remove"})
    assert not remove.has_attr("hidden")
    assert "Take my vote back" in remove.get_text()

    not_voted = cards[f"priority-{marked.pk}"].form
    assert not_voted["data-dots"] == "0"
    assert not_voted.find("button", attrs={"value": "remove"}).has_attr("hidden")
    assert not_voted.find("span", attrs={"data-vote-add-label": True}).get_text() == "Support this"
    reports = [
        a["href"] for a in cards[f"priority-{marked.pk}"].find_all("a") if "Report this" in a.get_text()
    ]
    assert reports == [reverse("consultations:report", args=[marked.pk])]


def test_the_cards_form_posts_a_vote_that_counts(client, page, member):
    _response, marked, _plain = page
    answer = client.post(reverse("consultations:vote", args=[marked.pk]), {"action": "add"})
    assert answer.status_code in (200, 302)
    assert Vote.objects.filter(priority=marked, voter=member).exists()
