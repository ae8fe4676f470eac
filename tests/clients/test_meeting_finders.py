"""The Meeting Guide feed as meeting finders read it: only official types, and no running group
shown as inactive."""

import datetime

import pytest

from network.models.choices import Audience, Format, Frequency, HowToJoin
from tests.factories.network import GroupPageFactory

from .meeting_finders import OFFICIAL_TYPES, tsml_ui_is_active

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://video.example.org/private"


@pytest.fixture
def groups(portal):
    def group(**fields):
        return GroupPageFactory(parent=portal.group_index, **fields)

    return {
        "weekly": portal.groups[0],
        "women": group(audience=Audience.WOMEN, weekday=6, first_date=datetime.date(2026, 1, 4)),
        "families": group(audience=Audience.FAMILIES),
        "hybrid": group(format=Format.HYBRID, online_link=SECRET_LINK),
        "online by invite": group(
            format=Format.ONLINE, venue=None, online_link=SECRET_LINK, how_to_join=HowToJoin.INVITE
        ),
        "online": group(format=Format.ONLINE, venue=None, online_link=SECRET_LINK),
        "hybrid by referral": group(
            format=Format.HYBRID, online_link=SECRET_LINK, how_to_join=HowToJoin.REFERRAL
        ),
        "in person by invite": group(how_to_join=HowToJoin.INVITE),
        "fortnightly": group(frequency=Frequency.FORTNIGHTLY),
        "monthly": group(frequency=Frequency.MONTHLY),
    }


def meeting_guide(client):
    response = client.get("/feeds/meeting-guide.json")
    assert response.status_code == 200
    assert SECRET_LINK not in response.text
    return {entry["name"]: entry for entry in response.json()}


def test_every_type_is_one_of_the_spec_s(client, groups):
    for entry in meeting_guide(client).values():
        assert set(entry["types"]) <= OFFICIAL_TYPES, entry["name"]


def test_no_group_in_the_feed_is_shown_as_inactive(client, groups):
    entries = meeting_guide(client)
    assert entries
    for entry in entries.values():
        assert tsml_ui_is_active(entry), entry["name"]


def test_the_feed_lists_the_weekly_groups_anyone_can_turn_up_to(client, groups):
    listed = {title for title, entry in meeting_guide(client).items()}
    assert listed == {groups[key].title for key in ("weekly", "women", "families", "hybrid")}


def test_types_say_who_a_group_is_for(client, groups):
    entries = meeting_guide(client)
    assert entries[groups["weekly"].title]["types"] == ["O", "X"]
    assert entries[groups["women"].title]["types"] == ["W", "X"]
    # For families and friends only, so not "Open"; the spec has no type for it.
    assert entries[groups["families"].title]["types"] == ["X"]


def test_a_hybrid_group_is_listed_in_person_and_says_how_to_join_online(client, groups):
    hybrid = meeting_guide(client)[groups["hybrid"].title]
    assert hybrid["approximate"] == "no"
    assert hybrid["location"] == "The Net Loft"
    assert hybrid["notes"].endswith(
        "You can also join online. The link is sent to registered members before each session."
    )
    assert not {"conference_url", "conference_phone", "conference_url_notes"} & set(hybrid)


def test_addresses_carry_the_country_and_the_place_on_a_map(client, groups):
    weekly = meeting_guide(client)[groups["weekly"].title]
    assert weekly["formatted_address"] == "12 Harbour Street, Portskerry, PS1 2AB, UK"
    assert (weekly["latitude"], weekly["longitude"]) == (57.12345, -5.6789)
