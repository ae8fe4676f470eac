"""The in-room tally sheet comes in pages of TALLY_PAGE_SIZE priorities (issue 15).

All of a large consultation's boxes on one page took 40 ms or more to draw and, at 1,000
priorities, were more fields than Django lets a form send (DATA_UPLOAD_MAX_NUMBER_FIELDS): the
sheet could be shown but never saved. A page is saved with the boxes it showed, goes on to the next
page, and the last page goes to every count entered."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from consultations.models import InRoomTally, Priority, PriorityStatus
from consultations.selectors import TALLY_PAGE_SIZE
from tests.checks import assert_valid_html
from tests.factories.accounts import MemberFactory
from tests.factories.consultations import ConsultationFactory, InRoomGatheringFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def many_priorities(consultation, count):
    """`count` published priorities, in the order they came in."""
    author = MemberFactory()
    now = timezone.now()
    return Priority.objects.bulk_create(
        Priority(
            consultation=consultation,
            author=author,
            title=f"Priority {number:04d}",
            explanation="It would help.",
            status=PriorityStatus.APPROVED,
            approved_at=now,
            submitted_at=now - timezone.timedelta(minutes=count - number),
        )
        for number in range(1, count + 1)
    )


def sheet_url(gathering, page=None):
    address = reverse("consultations:tally_sheet", args=[gathering.consultation_id, gathering.pk])
    return address if page is None else f"{address}?page={page}"


def boxes(response):
    """{box name: what it holds} in the order the sheet shows them."""
    soup = BeautifulSoup(response.text, "html.parser")
    return {box["name"]: box.get("value", "") for box in soup.select("form input[name^=votes_]")}


def what_a_browser_sends(response):
    """Every named field of the sheet's form, as a browser posts it (the CSRF token too)."""
    soup = BeautifulSoup(response.text, "html.parser")
    return {field["name"]: field.get("value", "") for field in soup.select("form[method=post] input[name]")}


def labels(response):
    soup = BeautifulSoup(response.text, "html.parser")
    return [label.get_text(strip=True) for label in soup.select("form label")]


def saved(gathering):
    return dict(InRoomTally.objects.filter(gathering=gathering).values_list("priority__title", "votes"))


@pytest.fixture
def gathering(consultation):
    return InRoomGatheringFactory(consultation=consultation)


def test_a_long_sheet_shows_one_page_of_boxes_with_links_to_the_others(
    as_facilitator, consultation, gathering
):
    many_priorities(consultation, 2 * TALLY_PAGE_SIZE + 20)

    first = as_facilitator.get(sheet_url(gathering))
    assert labels(first) == [f"Priority {n:04d} (optional)" for n in range(1, TALLY_PAGE_SIZE + 1)]
    assert f"Priorities 1 to {TALLY_PAGE_SIZE} of {2 * TALLY_PAGE_SIZE + 20}" in first.text
    assert "Save and go to the next page" in first.text
    nav = BeautifulSoup(first.text, "html.parser").select_one('nav[aria-label="Pages of the sheet"]')
    assert [a["href"] for a in nav.select("a[aria-label]")] == ["?page=1", "?page=2", "?page=3"]
    assert_valid_html(first.text)

    last = as_facilitator.get(sheet_url(gathering, 3))
    assert labels(last) == [f"Priority {n:04d} (optional)" for n in range(101, 121)]
    assert f"Priorities 101 to {2 * TALLY_PAGE_SIZE + 20} of {2 * TALLY_PAGE_SIZE + 20}" in last.text
    assert "Save in-room votes" in last.text
    assert "Save and go to the next page" not in last.text


def test_a_short_sheet_is_one_page_as_before(as_facilitator, consultation, gathering):
    PriorityFactory.create_batch(3, consultation=consultation)
    response = as_facilitator.get(sheet_url(gathering))
    assert len(boxes(response)) == 3
    assert "Pages of the sheet" not in response.text
    assert "Priorities 1 to" not in response.text
    assert "Save in-room votes" in response.text


def test_a_sheet_of_a_thousand_priorities_can_be_saved_page_by_page(as_facilitator, consultation, gathering):
    """Before pages, the sheet sent 1,001 fields: Django refused it with 400 and saved nothing."""
    priorities = many_priorities(consultation, 1000)
    first = as_facilitator.get(sheet_url(gathering))
    sent = what_a_browser_sends(first)
    sent[f"votes_{priorities[0].pk}"] = "4"
    sent[f"votes_{priorities[TALLY_PAGE_SIZE - 1].pk}"] = "2"

    response = as_facilitator.post(sheet_url(gathering), sent, follow=True)

    assert response.redirect_chain == [(sheet_url(gathering, 2), 302)]
    assert len(sent) == TALLY_PAGE_SIZE + 1
    assert "2 counts saved for" in response.text
    assert f"Priorities {TALLY_PAGE_SIZE + 1} to {2 * TALLY_PAGE_SIZE} of 1000" in response.text
    assert saved(gathering) == {"Priority 0001": 4, f"Priority {TALLY_PAGE_SIZE:04d}": 2}


def test_saving_the_last_page_goes_to_every_count(as_facilitator, consultation, gathering):
    priorities = many_priorities(consultation, TALLY_PAGE_SIZE + 1)
    last = as_facilitator.get(sheet_url(gathering, 2))
    assert f"Priority {TALLY_PAGE_SIZE + 1} of {TALLY_PAGE_SIZE + 1}</h2>" in last.text
    sent = {f"votes_{priorities[-1].pk}": "3"}
    response = as_facilitator.post(sheet_url(gathering, 2), sent)
    assert response.url == reverse("consultations:tally_list", args=[consultation.pk])
    assert saved(gathering) == {f"Priority {TALLY_PAGE_SIZE + 1:04d}": 3}


def test_each_page_shows_what_is_saved_for_its_own_priorities(as_facilitator, consultation, gathering):
    priorities = many_priorities(consultation, TALLY_PAGE_SIZE + 5)
    as_facilitator.post(sheet_url(gathering), {f"votes_{priorities[1].pk}": "7"})
    as_facilitator.post(sheet_url(gathering, 2), {f"votes_{priorities[-1].pk}": "5"})

    assert boxes(as_facilitator.get(sheet_url(gathering)))[f"votes_{priorities[1].pk}"] == "7"
    second = boxes(as_facilitator.get(sheet_url(gathering, 2)))
    assert second[f"votes_{priorities[-1].pk}"] == "5"
    assert len(second) == 5


def test_a_page_is_saved_with_the_boxes_it_showed_when_the_pages_have_moved(
    as_facilitator, consultation, gathering
):
    """A priority taken down while the sheet was open moves every later one a place up: the boxes
    sent are still the ones saved, and the taken-down one's number is left out."""
    priorities = many_priorities(consultation, TALLY_PAGE_SIZE + 5)
    shown_on_page_two = boxes(as_facilitator.get(sheet_url(gathering, 2)))
    Priority.objects.filter(pk=priorities[0].pk).update(status=PriorityStatus.REMOVED)
    Priority.objects.filter(pk=priorities[-1].pk).update(status=PriorityStatus.REMOVED)
    sent = dict.fromkeys(shown_on_page_two, "1")

    response = as_facilitator.post(sheet_url(gathering, 2), sent)

    assert response.status_code == 302
    assert saved(gathering) == {
        f"Priority {n:04d}": 1 for n in range(TALLY_PAGE_SIZE + 1, TALLY_PAGE_SIZE + 5)
    }


def test_an_error_shows_the_same_page_again_with_what_was_typed(as_facilitator, consultation, gathering):
    priorities = many_priorities(consultation, TALLY_PAGE_SIZE + 5)
    page_two = priorities[TALLY_PAGE_SIZE:]
    sent = {f"votes_{p.pk}": "" for p in page_two} | {f"votes_{page_two[0].pk}": "ten"}
    sent[f"votes_{page_two[1].pk}"] = "4"

    response = as_facilitator.post(sheet_url(gathering, 2), sent)

    assert response.status_code == 200
    assert "Enter a whole number of votes." in response.text
    assert list(boxes(response)) == list(sent)
    assert boxes(response)[f"votes_{page_two[0].pk}"] == "ten"
    assert boxes(response)[f"votes_{page_two[1].pk}"] == "4"
    assert f"Priorities {TALLY_PAGE_SIZE + 1} to {TALLY_PAGE_SIZE + 5}" in response.text
    assert saved(gathering) == {}
    assert_valid_html(response.text)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5", "9" * 30])
def test_a_page_number_that_is_not_one_shows_the_nearest_page(as_facilitator, consultation, gathering, page):
    many_priorities(consultation, TALLY_PAGE_SIZE + 5)
    response = as_facilitator.get(sheet_url(gathering, page))
    assert response.status_code == 200
    assert len(boxes(response)) in (TALLY_PAGE_SIZE, 5)


@pytest.mark.parametrize(
    "name",
    [
        "votes_abc",
        "votes_0",
        "votes_-3",
        "votes_" + "9" * 30,
        "votes_12 ",
        "votes_1.0",
        "other_{pk}",
        "votes_{other}",
    ],
)
def test_boxes_that_are_not_this_consultations_are_left_out(as_facilitator, consultation, gathering, name):
    mine = PriorityFactory(consultation=consultation, title="Mine")
    other = PriorityFactory(consultation=ConsultationFactory(), title="Another consultation's")
    sent = {name.format(pk=mine.pk, other=other.pk): "6", f"votes_{mine.pk}": ""}

    response = as_facilitator.post(sheet_url(gathering), sent)

    assert response.status_code == 302
    assert InRoomTally.objects.count() == 0
