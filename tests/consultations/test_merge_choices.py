"""The list a facilitator chooses from to join a post into a published priority: the ones most
like it first, then every other one from A to Z, drawn by portal.quick_widgets.py, read here as a
browser reads it (BeautifulSoup, and the HTML checker)."""

import pytest
from bs4 import BeautifulSoup
from django import forms

from consultations.alike import most_alike, words
from consultations.models import PriorityStatus, Vote
from portal.quick_widgets import QuickSelect
from tests.checks import assert_valid_html
from tests.consultations.test_moderation_views import moderate_url
from tests.factories.consultations import PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(consultation):
    return PriorityFactory(
        consultation=consultation,
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
        title="Cheaper bus passes",
        explanation="Getting to the groups by bus costs too much.",
    )


def merge_select(response):
    return BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "merge-survivor"})


def test_the_most_alike_come_first_then_the_rest_from_a_to_z(as_facilitator, consultation, post):
    bus = PriorityFactory(consultation=consultation, title="Free bus pass for groups")
    buses = PriorityFactory(consultation=consultation, title="More buses at night")
    art = PriorityFactory(consultation=consultation, title="An art group")
    cafe = PriorityFactory(consultation=consultation, title="A cafe open late")
    PriorityFactory(consultation=consultation, title="Taken down", status=PriorityStatus.REMOVED)

    select = merge_select(as_facilitator.get(moderate_url(post)))

    assert select.find("option")["value"] == ""
    assert select.find("option").text == "Choose a priority"
    alike, others = select.find_all("optgroup")
    assert alike["label"] == "Most like this one"
    # Three words shared (bus, pass, group), then one each ("group" is in what the post says), in
    # A to Z order.
    assert [(o["value"], o.text) for o in alike.find_all("option")] == [
        (str(bus.pk), "Free bus pass for groups"),
        (str(art.pk), "An art group"),
        (str(buses.pk), "More buses at night"),
    ]
    assert others["label"] == "Every other published priority, A to Z"
    assert [o.text for o in others.find_all("option")] == ["A cafe open late"]
    assert str(cafe.pk) == others.find("option")["value"]
    assert str(post.pk) not in [o["value"] for o in select.find_all("option")]


def test_with_nothing_alike_the_list_is_one_a_to_z(as_facilitator, consultation, post):
    PriorityFactory(consultation=consultation, title="Zumba on Fridays")
    PriorityFactory(consultation=consultation, title="art classes")
    PriorityFactory(consultation=consultation, title="A cafe open late")

    select = merge_select(as_facilitator.get(moderate_url(post)))

    assert select.find("optgroup") is None
    assert [o.text for o in select.find_all("option")] == [
        "Choose a priority",
        "A cafe open late",
        "art classes",
        "Zumba on Fridays",
    ]


def test_titles_are_escaped_in_the_list(as_facilitator, consultation, post):
    tricky = PriorityFactory(consultation=consultation, title='<script>alert("bus")</script> & "passes"')

    response = as_facilitator.get(moderate_url(post))

    assert b"<script>alert" not in response.content
    option = merge_select(response).find("option", attrs={"value": str(tricky.pk)})
    assert option.text == '<script>alert("bus")</script> & "passes"'
    assert_valid_html(response.content.decode())


def test_choosing_from_the_list_joins_the_post(as_facilitator, consultation, post, member):
    survivor = PriorityFactory(consultation=consultation, title="Free bus pass")
    VoteFactory(priority=post, voter=member)

    response = as_facilitator.post(
        moderate_url(post), {"action": "merge", "merge-survivor": survivor.pk}, follow=True
    )

    assert "Joined." in response.text
    post.refresh_from_db()
    assert post.status == PriorityStatus.MERGED
    assert Vote.objects.get(voter=member).priority == survivor


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose the priority to keep."),
        ("not a number", "Choose one of the priorities in the list."),
        ("99999999", "Choose one of the priorities in the list."),
        ("-1", "Choose one of the priorities in the list."),
    ],
)
def test_a_choice_not_in_the_list_is_refused_kindly(as_facilitator, consultation, post, value, message):
    survivor = PriorityFactory(consultation=consultation, title="Free bus pass")

    response = as_facilitator.post(
        moderate_url(post), {"action": "merge", "merge-survivor": value, "merge-reason": "Same thing"}
    )

    assert response.status_code == 200
    assert message in response.text
    select = merge_select(response)
    assert "govuk-select--error" in select["class"]
    assert select["aria-describedby"] == "id_merge-survivor-error"
    # What the facilitator wrote is kept, and the list is still there to choose from.
    assert "Same thing" in response.text
    assert select.find("option", attrs={"value": str(survivor.pk)}) is not None
    post.refresh_from_db()
    assert post.status == PriorityStatus.SUBMITTED


def test_a_priority_of_another_consultation_is_not_offered(as_facilitator, post):
    elsewhere = PriorityFactory(title="Cheaper bus passes elsewhere")

    select = merge_select(as_facilitator.get(moderate_url(post)))

    assert str(elsewhere.pk) not in [o["value"] for o in select.find_all("option")]


class Choice(forms.Form):
    drink = forms.ChoiceField(
        choices=[("", "Choose"), ("Hot", [("tea", "Tea"), ("coffee", "Coffee")]), ("water", "Water")],
        widget=QuickSelect(attrs={"class": "extra"}),
    )


def test_the_quick_list_keeps_what_was_chosen_and_its_attributes():
    html = str(Choice(data={"drink": "coffee"})["drink"])
    select = BeautifulSoup(html, "html.parser").find("select")

    assert select["name"] == "drink"
    assert select["id"] == "id_drink"
    assert select["class"] == ["extra"]
    assert select.has_attr("required")
    assert select.find("optgroup")["label"] == "Hot"
    assert [o["value"] for o in select.find_all("option", selected=True)] == ["coffee"]
    assert [o.text for o in select.find_all("option")] == ["Choose", "Tea", "Coffee", "Water"]


def test_the_quick_list_draws_what_djangos_list_draws():
    """The same options, groups, values and attributes as Django's own Select, read by a parser."""

    class DjangoChoice(Choice):
        drink = forms.ChoiceField(choices=Choice.base_fields["drink"].choices, widget=forms.Select)

    def read(html):
        select = BeautifulSoup(html, "html.parser").find("select")
        return (
            {k: v for k, v in select.attrs.items() if k != "class"},
            [(group.get("label"), o["value"], o.text, o.has_attr("selected")) for o in select.find_all("option")
             for group in [o.find_parent("optgroup") or {}]],
        )  # fmt: skip

    for data in ({"drink": "water"}, {"drink": ""}, None):
        assert read(str(Choice(data=data)["drink"])) == read(str(DjangoChoice(data=data)["drink"]))


def test_words_that_say_nothing_and_plurals():
    assert words("We need more groups, and cheaper buses; the houses are too far") == {
        "group",
        "cheaper",
        "bus",
        "hous",
        "far",
    }
    assert words("bus pass") == words("buses passes")
    assert words("lunch box") == words("lunches boxes")
    assert words("to a it") == set()


def test_the_most_alike_are_limited_and_ties_keep_their_order():
    titles = [(n, f"A bus route {n}") for n in range(8)] + [(9, "Bus passes for all")]

    assert most_alike("bus passes", titles, limit=3) == [(9, "Bus passes for all"), (0, "A bus route 0"),
                                                         (1, "A bus route 1")]  # fmt: skip
    assert most_alike("the and for", titles) == []
    assert most_alike("gardening", titles) == []


def test_the_list_kept_for_the_next_post_follows_every_change_to_the_priorities(
    as_facilitator, consultation, post, facilitator, member
):
    """The A-to-Z list is drawn once and kept for every post in the consultation (figures_cache):
    a word changed, a priority published, joined or taken down, or an account deleted with its
    posts each shows on the very next page."""
    from accounts.services import account_delete
    from consultations import services

    def listed():
        return [o.text for o in merge_select(as_facilitator.get(moderate_url(post))).find_all("option")][1:]

    art = PriorityFactory(consultation=consultation, title="An art class, call Sam on 07700 900123")
    cafe = PriorityFactory(consultation=consultation, title="A cafe open late")
    assert listed() == ["A cafe open late", "An art class, call Sam on 07700 900123"]

    services.priority_edit_details(
        priority=art, moderator=facilitator, title="An art class", explanation="Art.", reason="Phone number"
    )
    assert listed() == ["A cafe open late", "An art class"]

    waiting = PriorityFactory(
        consultation=consultation, title="Yoga", status=PriorityStatus.SUBMITTED, approved_at=None
    )
    services.priority_approve(priority=waiting, moderator=facilitator)
    assert listed() == ["A cafe open late", "An art class", "Yoga"]

    services.priority_merge(duplicate=waiting, survivor=art, moderator=facilitator)
    assert listed() == ["A cafe open late", "An art class"]

    services.priority_remove(priority=cafe, moderator=facilitator, reason="Not about the network")
    assert listed() == ["An art class"]

    mine = PriorityFactory(consultation=consultation, title="Walks on Sundays", author=member)
    assert listed() == ["An art class", "Walks on Sundays"]
    account_delete(user=member, remove_posts=True)
    assert str(mine.pk) not in [
        o["value"] for o in merge_select(as_facilitator.get(moderate_url(post))).find_all("option")
    ]


def test_a_choice_from_the_long_list_stays_chosen_when_the_note_is_refused(
    as_facilitator, consultation, post
):
    chosen = PriorityFactory(consultation=consultation, title="Zumba on Fridays")
    PriorityFactory(consultation=consultation, title="A cafe open late")

    response = as_facilitator.post(
        moderate_url(post), {"action": "merge", "merge-survivor": str(chosen.pk), "merge-reason": "x" * 1001}
    )

    assert response.status_code == 200
    select = merge_select(response)
    assert [o.text for o in select.find_all("option", selected=True)] == ["Zumba on Fridays"]
    assert_valid_html(response.text)
    post.refresh_from_db()
    assert post.status == PriorityStatus.SUBMITTED


def test_the_search_through_all_the_titles_finds_what_one_title_at_a_time_finds():
    """most_alike looks for each word in all the titles together. It must pick what comparing the
    words of each title in turn picks, whatever the titles hold (capitals, letters that change
    length when lowered, words split across two titles, the first and last title)."""

    def one_at_a_time(text, candidates, limit=5):
        wanted = words(text)
        scored = [(len(wanted & words(title)), order) for order, (_value, title) in enumerate(candidates)]
        best = sorted((item for item in scored if item[0]), key=lambda item: (-item[0], item[1]))[:limit]
        return [candidates[order] for _score, order in best]

    titles = [
        "Bus",  # the first title, and a word the next title ends with
        "passes for everyone on the bus",
        "İstanbul-style lunches at the hub",  # İ lowers to two characters
        "Lunch boxes",
        "buses",
        "A house near the hub",
        "",
        "Houses",
        "tram",  # "bus" + "tram" joined would read "bustram"
        "passes",  # the last title
    ]
    candidates = list(enumerate(titles))
    for text in [
        "bus passes",
        "lunch",
        "houses by the hub",
        "tram",
        "passes",
        "stanbul lunch",
        "nothing here",
    ]:
        for limit in (1, 3, 5, 20):
            assert most_alike(text, candidates, limit) == one_at_a_time(text, candidates, limit), (
                text,
                limit,
            )


def test_a_published_post_is_not_offered_to_join_into_itself(as_facilitator, consultation):
    """A published post (checked again after a report) is in the kept A-to-Z list, and is the one
    most like itself: it is left out, and the five most like it are the five others."""
    published = PriorityFactory(consultation=consultation, title="Bus passes for the hub")
    alike = [PriorityFactory(consultation=consultation, title=f"Bus passes {n}") for n in range(6)]
    PriorityFactory(consultation=consultation, title="A cafe open late")

    select = merge_select(as_facilitator.get(moderate_url(published)))

    most, others = select.find_all("optgroup")
    assert [o["value"] for o in most.find_all("option")] == [str(p.pk) for p in alike[:5]]
    assert [o.text for o in others.find_all("option")] == ["A cafe open late", "Bus passes 5"]
    assert str(published.pk) not in [o["value"] for o in select.find_all("option")]


@pytest.mark.parametrize(
    "leave_out, chosen",
    [
        ((), None),
        ((0,), None),
        ((9,), "9"),
        ((0, 1, 2), "3"),
        ((4, 5), "5"),
        ((3, 8), "0"),
        ((), "7"),
        ((1,), "x"),
    ],
)
def test_the_kept_list_less_a_few_is_the_list_drawn_without_them(leave_out, chosen):
    """AToZ cuts options out of one kept string; the result must be the options drawn one by one."""
    from consultations.merge_choices import AToZ
    from portal.quick_widgets import option

    choices = [(n, f"Title <{n}> & more") for n in range(10)]
    expected = "".join(
        option(pk, title, selected=str(pk) == chosen) for pk, title in choices if pk not in leave_out
    )

    assert AToZ(choices).options(leave_out, chosen) == expected
