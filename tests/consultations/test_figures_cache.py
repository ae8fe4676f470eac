"""A consultation's figures are counted once and then read from the shared cache, until something
they count changes: every such change shows at once (consultations/figures_cache.py)."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import account_delete
from consultations import services
from tests.consultations.test_views import summary_list
from tests.factories.accounts import MemberFactory
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomGatheringFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client, member):
    """An open consultation that shows its counts, two priorities with votes from ten people, and a
    member signed in who has not voted yet."""
    consultation = ConsultationFactory(show_counts_while_open=True, votes_per_member=3)
    first = PriorityFactory(consultation=consultation, title="Evening opening")
    second = PriorityFactory(consultation=consultation, title="A quiet room")
    voters = MemberFactory.create_batch(10)
    for voter in voters:
        VoteFactory(priority=first, voter=voter)
    for voter in voters[:6]:
        VoteFactory(priority=second, voter=voter)
    client.force_login(member)
    return SimpleNamespace(consultation=consultation, first=first, second=second, client=client)


def results(world):
    response = world.client.get(reverse("consultations:results", args=[world.consultation.pk]))
    assert response.status_code == 200
    return response


def figures(world):
    return summary_list(results(world).text)


def rows(world):
    """The ranked table: (title, online, people online, in the room, total) in order."""
    html = results(world).text
    return [
        tuple(cell.strip() for cell in row)
        for row in re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td[^>]*>[^<]*</td>'
            r"\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>",
            html,
        )
    ]


def test_the_second_look_reads_the_copy_and_counts_nothing(world):
    first = rows(world)
    with CaptureQueriesContext(connection) as second_look:
        second = rows(world)
    assert (
        second == first == [("Evening opening", "10", "10", "0", "10"), ("A quiet room", "6", "6", "0", "6")]
    )
    counting = [q["sql"] for q in second_look.captured_queries if "consultations_vote" in q["sql"]]
    assert counting == []
    assert [q for q in second_look.captured_queries if "consultations_priority" in q["sql"]] == []


def test_a_vote_and_a_vote_taken_back_show_at_once(world):
    assert figures(world)["Votes online"] == "16"
    vote = reverse("consultations:vote", args=[world.second.pk])
    answer = world.client.post(vote, {"action": "add"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200
    assert answer.json()["online_votes"] == 7
    assert figures(world)["Votes online"] == "17"
    assert figures(world)["People who voted online"] == "11"
    assert ("A quiet room", "7", "7", "0", "7") in rows(world)
    world.client.post(vote, {"action": "remove"}, HTTP_ACCEPT="application/json")
    assert figures(world)["Votes online"] == "16"
    assert figures(world)["People who voted online"] == "10"


def test_a_priority_taken_down_leaves_the_counts_at_once(world, facilitator):
    assert rows(world)[1][0] == "A quiet room"
    services.priority_remove(priority=world.second, moderator=facilitator, reason="Posted twice")
    assert [row[0] for row in rows(world)] == ["Evening opening"]
    assert figures(world)["Votes online"] == "10"


def test_a_merge_moves_the_votes_at_once(world, facilitator):
    results(world)
    services.priority_merge(duplicate=world.second, survivor=world.first, moderator=facilitator)
    # Everyone who voted for the duplicate had voted for the survivor too: their votes go back.
    assert rows(world) == [("Evening opening", "10", "10", "0", "10")]


def test_votes_counted_in_the_room_show_at_once(world, facilitator):
    assert ("A quiet room", "6", "6", "0", "6") in rows(world)
    gathering = InRoomGatheringFactory(consultation=world.consultation, name="Tuesday peer group")
    services.tallies_record(gathering=gathering, facilitator=facilitator, counts={world.second.pk: 9})
    assert rows(world)[0] == ("A quiet room", "6", "6", "9", "15")
    assert figures(world)["Votes in the room"] == "9, at 1 group session"


def test_an_account_deleted_with_its_posts_shows_at_once(world):
    author = world.second.author
    assert figures(world)["Votes online"] == "16"
    account_delete(user=author, remove_posts=True)
    assert [row[0] for row in rows(world)] == ["Evening opening"]
    assert figures(world)["Votes online"] == "10"


def test_without_the_cache_every_look_counts_and_is_right(world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert figures(world)["Votes online"] == "16"
    VoteFactory(priority=world.second)
    assert figures(world)["Votes online"] == "17"


def test_one_copy_per_consultation_is_replaced_as_votes_come(world):
    """A busy consultation does not pile up copies: each look after a vote replaces the one copy."""
    from django.core.cache import cache

    from consultations.figures_cache import copy_key

    vote = reverse("consultations:vote", args=[world.second.pk])
    for expected in ("16", "17", "16", "17"):
        assert figures(world)["Votes online"] == expected
        _stamp, kept = cache.get(copy_key(world.consultation.pk))
        assert kept.online_votes == int(expected)
        action = "add" if expected == "16" else "remove"
        world.client.post(vote, {"action": action}, HTTP_ACCEPT="application/json")


def test_a_renamed_theme_shows_in_the_ranked_table_at_once(world, django_capture_on_commit_callbacks):
    """The ranked table kept in the cache shows each priority's theme: renaming the theme (in the
    admin, which saves it) draws the table again."""
    theme = ThemeFactory(consultation=world.consultation, name="Opening times")
    world.first.theme = theme
    world.first.save()
    assert "Opening times" in results(world).text
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "When the hub is open"
        theme.save()
    page = results(world).text
    assert "When the hub is open" in page
    assert "Opening times" not in page


def test_each_app_server_keeps_its_last_copy_and_reads_nothing_shared_for_it(world, monkeypatch):
    """The second look uses this process's own copy: the shared copy is not fetched and
    unpickled again, only the marks that say whether it is still current."""
    from django.core.cache import cache

    from consultations.figures_cache import copy_key

    rows(world)
    asked = []
    get_many = cache.get_many
    monkeypatch.setattr(
        cache, "get_many", lambda keys, *a, **k: asked.extend(keys) or get_many(keys, *a, **k)
    )
    assert rows(world) == [("Evening opening", "10", "10", "0", "10"), ("A quiet room", "6", "6", "0", "6")]
    assert asked
    assert copy_key(world.consultation.pk) not in asked


def test_a_vote_on_another_app_server_shows_here_at_once(world):
    """Another server moves the consultation's mark in the shared cache when a vote lands there:
    the copy this process kept is not used again."""
    from django.core.cache import cache

    from consultations.figures_cache import MARK
    from consultations.models import Vote

    assert figures(world)["Votes online"] == "16"
    Vote.objects.bulk_create([Vote(priority=world.second, voter=MemberFactory())])  # no signals here
    cache.set(MARK.format(pk=world.consultation.pk), "moved on by another server", timeout=None)
    assert figures(world)["Votes online"] == "17"


def test_each_process_keeps_only_a_few_copies(db):
    from consultations.figures_cache import cached_figures, here

    ids = list(range(1, here.at_most + 10))
    assert cached_figures(ids, lambda wanted: {pk: f"figures of {pk}" for pk in wanted}) == {
        pk: f"figures of {pk}" for pk in ids
    }
    assert len(here) <= here.at_most
