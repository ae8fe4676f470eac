import datetime
import re
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from icalendar import Calendar

from network.models import GroupSession
from network.models.choices import Audience, Format, Frequency
from tests.clients.meeting_finders import OFFICIAL_TYPES
from tests.factories.network import GroupPageFactory, OpeningExceptionFactory, public_site

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SECRET_LINK = "https://video.example.org/private"
NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=LONDON)


@pytest.fixture
def portal(home_page, network_settings):
    network_settings.address = "The Net Loft\n12 Harbour Street\nPortskerry\nPS1 2AB"
    network_settings.save()
    with time_machine.travel(NOW, tick=False):
        yield public_site(home_page, groups=1, news=3)


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert SECRET_LINK not in response.text
    return Calendar.from_ical(response.content)


def test_group_calendar_repeats_weekly_in_london_time_and_leaves_out_cancelled_dates(client, portal):
    group = portal.groups[0]
    cancelled = group.sessions.all()[2]
    cancelled.cancelled = True
    cancelled.save()
    calendar = parse_calendar(client.get(f"/feeds/groups/{group.pk}.ics"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Europe/London"]
    assert {component.name for component in timezones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == group.title
    assert event["UID"] and event["DTSTAMP"]
    assert event["DTSTART"].dt == datetime.datetime(2026, 1, 6, 18, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["RRULE"] == {"FREQ": ["WEEKLY"], "BYDAY": ["TU"]}
    excluded = [d.dt for d in event["EXDATE"].dts]
    assert excluded == [cancelled.starts_at.astimezone(LONDON)]
    assert "The Net Loft" in event["LOCATION"]


def test_online_groups_say_online_and_never_carry_the_link(client, portal):
    group = GroupPageFactory(
        parent=portal.group_index,
        format=Format.ONLINE,
        venue=None,
        online_link=SECRET_LINK,
        frequency=Frequency.FORTNIGHTLY,
    )
    calendar = parse_calendar(client.get("/feeds/groups.ics"))
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {portal.groups[0].title, group.title}
    assert events[group.title]["LOCATION"] == "Online"
    assert events[group.title]["RRULE"]["INTERVAL"] == [2]
    assert "registered members" in events[group.title]["DESCRIPTION"]


def test_drop_in_calendar_has_the_week_with_closures_and_holiday_hours(client, portal):
    OpeningExceptionFactory(
        venue=portal.venue,
        start_date=datetime.date(2026, 12, 25),
        end_date=datetime.date(2026, 12, 25),
        reason="Christmas Day",
    )
    OpeningExceptionFactory(
        venue=portal.venue,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 24),
        reason="Christmas Eve",
        opens=datetime.time(10),
        closes=datetime.time(13),
    )
    with time_machine.travel(NOW, tick=False):
        calendar = parse_calendar(client.get(f"/feeds/drop-in/{portal.drop_in.pk}.ics"))
    events = calendar.walk("VEVENT")
    weekly = [e for e in events if "RRULE" in e]
    assert len(weekly) == 5
    friday = next(e for e in weekly if e["DTSTART"].dt.weekday() == 4)
    assert [d.dt for d in friday["EXDATE"].dts] == [datetime.datetime(2026, 12, 25, 10, tzinfo=LONDON)]
    (christmas_eve,) = [e for e in events if "RRULE" not in e]
    assert christmas_eve["DTSTART"].dt == datetime.datetime(2026, 12, 24, 10, tzinfo=LONDON)
    assert christmas_eve["DTEND"].dt == datetime.datetime(2026, 12, 24, 13, tzinfo=LONDON)
    assert "Christmas Eve" in christmas_eve["SUMMARY"]


def test_unknown_calendars_are_404(client, portal):
    assert client.get("/feeds/groups/999999.ics").status_code == 404
    assert client.get(f"/feeds/drop-in/{portal.groups[0].pk}.ics").status_code == 404


REQUIRED_TEXT_FIELDS = {"name", "slug"}
HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def check_meeting_guide_entry(entry):
    """The field rules of the Meeting Guide spec (github.com/code4recovery/spec)."""
    for field in REQUIRED_TEXT_FIELDS:
        assert isinstance(entry[field], str) and entry[field], field
    assert len(entry["name"]) <= 255
    assert re.fullmatch(r"[a-z0-9-]{1,64}", entry["slug"])
    assert entry["day"] in range(7)
    assert HH_MM.match(entry["time"])
    assert HH_MM.match(entry["end_time"])
    assert entry["timezone"] == "Europe/London"
    assert isinstance(entry["types"], list)
    assert set(entry["types"]) <= OFFICIAL_TYPES
    assert "updated" not in entry or UPDATED.match(entry["updated"])
    assert entry["url"].startswith("http")
    assert entry.get("formatted_address") or entry.get("address")
    assert "conference_url" not in entry, "Online links go to registered members only"
    assert "<" not in entry.get("notes", "")


def test_meeting_guide_feed_follows_the_spec(client, portal):
    women = GroupPageFactory(
        parent=portal.group_index, audience=Audience.WOMEN, weekday=6, first_date=datetime.date(2026, 1, 4)
    )
    online = GroupPageFactory(
        parent=portal.group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK
    )
    hybrid = GroupPageFactory(parent=portal.group_index, format=Format.HYBRID, online_link=SECRET_LINK)
    fortnightly = GroupPageFactory(parent=portal.group_index, frequency=Frequency.FORTNIGHTLY)
    response = client.get("/feeds/meeting-guide.json")
    assert response.status_code == 200
    assert SECRET_LINK not in response.text
    entries = {entry["name"]: entry for entry in response.json()}
    for entry in entries.values():
        check_meeting_guide_entry(entry)
    assert len({entry["slug"] for entry in entries.values()}) == len(entries)
    assert fortnightly.title not in entries, "The spec is for weekly meetings only"
    tuesday = entries[portal.groups[0].title]
    assert (tuesday["day"], tuesday["time"], tuesday["end_time"]) == (2, "18:00", "19:30")
    assert tuesday["types"] == ["O", "X"]
    assert tuesday["location"] == "The Net Loft"
    assert tuesday["formatted_address"] == "12 Harbour Street, Portskerry, PS1 2AB, UK"
    assert entries[women.title]["day"] == 0
    assert "W" in entries[women.title]["types"]
    # Without the private link a finder could only show it as inactive (tests/clients).
    assert online.title not in entries
    assert "location" in entries[hybrid.title] and entries[hybrid.title]["approximate"] == "no"


def test_news_feeds_parse_as_rss_and_atom(client, portal):
    for url, version in (("/feeds/news.rss", "rss20"), ("/feeds/news.atom", "atom10")):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.title == "News from Testbay Recovery Network"
        assert {entry.title for entry in feed.entries} == {story.title for story in portal.news}
        assert all(entry.link.startswith("http://testserver/news/") for entry in feed.entries)
        assert feed.entries[0].summary == portal.news[0].summary


def test_news_feeds_are_404_without_a_news_section(client, home_page):
    assert client.get("/feeds/news.rss").status_code == 404


def test_sessions_exist_for_thirteen_weeks_ahead(portal):
    assert GroupSession.objects.filter(group=portal.groups[0]).count() == 13


def test_no_feed_ever_carries_an_online_link(client, portal):
    online = GroupPageFactory(
        parent=portal.group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK
    )
    hybrid = GroupPageFactory(parent=portal.group_index, format=Format.HYBRID, online_link=SECRET_LINK)
    feeds = [
        "/feeds/groups.ics",
        f"/feeds/groups/{online.pk}.ics",
        f"/feeds/groups/{hybrid.pk}.ics",
        f"/feeds/drop-in/{portal.drop_in.pk}.ics",
        "/feeds/meeting-guide.json",
        "/feeds/news.rss",
        "/feeds/news.atom",
    ]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_LINK not in response.text, url
        assert "video.example.org" not in response.text, url
