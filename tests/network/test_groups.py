import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from bench.work import cache_reads
from network.group_schedule import meeting_dates, recurrence_rule, schedule_in_words
from network.models import GroupFacilitator, GroupPage, GroupSession
from network.models.choices import Audience, Format, Frequency, HowToJoin, Weekday, label_of
from network.services import group_sessions_sync
from tests.factories import MemberFactory
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, NewsPageFactory, public_site

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SECRET_LINK = "https://video.example.org/very-private-room"


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


def test_schedule_in_words_and_as_a_rule(group_index):
    weekly = GroupPageFactory(parent=group_index)
    assert schedule_in_words(weekly) == "Every Tuesday, 6pm to 7:30pm"
    assert recurrence_rule(weekly) == {"FREQ": "WEEKLY", "BYDAY": "TU"}
    fortnightly = GroupPageFactory(parent=group_index, frequency=Frequency.FORTNIGHTLY)
    assert schedule_in_words(fortnightly).startswith("Every other Tuesday")
    assert recurrence_rule(fortnightly)["INTERVAL"] == 2
    # 20 January 2026 is the third Tuesday of the month.
    monthly = GroupPageFactory(
        parent=group_index, frequency=Frequency.MONTHLY, first_date=datetime.date(2026, 1, 20)
    )
    assert schedule_in_words(monthly).startswith("The third Tuesday of each month")
    assert recurrence_rule(monthly) == {"FREQ": "MONTHLY", "BYDAY": "3TU"}
    assert list(meeting_dates(monthly, datetime.date(2026, 2, 1), datetime.date(2026, 4, 30))) == [
        datetime.date(2026, 2, 17),
        datetime.date(2026, 3, 17),
        datetime.date(2026, 4, 21),
    ]


def test_first_date_must_fall_on_the_meeting_day(group_index):
    group = GroupPageFactory.build(weekday=1, first_date=datetime.date(2026, 1, 7))
    with pytest.raises(ValidationError) as error:
        group.clean()
    assert "first_date" in error.value.message_dict


@time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=LONDON), tick=False)
def test_sessions_keep_wall_clock_time_across_the_clock_change_and_keep_cancellations(group_index):
    group = GroupPageFactory(parent=group_index)
    sessions = list(group.sessions.all()[:3])
    assert [timezone_hour(s.starts_at) for s in sessions] == [18, 18, 18]
    assert sessions[0].starts_at.utcoffset() is not None
    assert [s.starts_at.astimezone(datetime.UTC).hour for s in sessions] == [18, 17, 17]
    sessions[1].cancelled = True
    sessions[1].save()
    group.start_time = datetime.time(17, 30)
    group.end_time = datetime.time(19)
    group.save()
    group_sessions_sync(group=group)
    moved = GroupSession.objects.get(pk=sessions[1].pk)
    assert moved.cancelled
    assert timezone_hour(moved.starts_at) == 17
    group.weekday, group.first_date = 2, datetime.date(2026, 1, 7)
    group.save()
    group_sessions_sync(group=group)
    assert not GroupSession.objects.filter(pk=sessions[1].pk).exists()
    assert {s.starts_at.astimezone(LONDON).weekday() for s in group.sessions.all()} == {2}


def timezone_hour(moment):
    return moment.astimezone(LONDON).hour


def test_group_page_shows_schedule_facilitators_and_cancellations_but_never_the_link(client, group_index):
    facilitator = MemberFactory(profile__display_name="Rowan")
    group = GroupPageFactory(parent=group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK)
    GroupFacilitator.objects.create(group=group, profile=facilitator.profile)
    session = group.sessions.first()
    session.cancelled = True
    session.cancellation_reason = GroupSession.CancellationReason.ROOM_UNAVAILABLE
    session.cancellation_note = "We meet in the garden room next week."
    session.save()
    html = client.get(group.url).text
    assert "Every Tuesday, 6pm to 7:30pm" in html
    assert "Rowan" in html
    assert facilitator.email not in html
    assert "Cancelled" in html
    assert "The room is not available" in html
    # The note is for people with a place, by email: never on the public page.
    assert "garden room" not in html
    assert "The link is sent to registered members" in html
    assert SECRET_LINK not in html
    for url in (
        "/groups/",
        "/",
        "/feeds/groups.ics",
        f"/feeds/groups/{group.pk}.ics",
        "/feeds/meeting-guide.json",
    ):
        assert SECRET_LINK not in client.get(url).text, url


def women_on_wednesday(group_index):
    return GroupPageFactory(
        parent=group_index,
        title="Women on Wednesday",
        weekday=2,
        first_date=datetime.date(2026, 1, 7),
        audience=Audience.WOMEN,
    )


def test_filters_narrow_the_list_and_bad_values_are_ignored_kindly(client, group_index):
    GroupPageFactory(parent=group_index, title="Tuesday group")
    women_on_wednesday(group_index)
    response = client.get("/groups/", {"day": "2"})
    assert "Women on Wednesday" in response.text
    assert "Tuesday group" not in response.text
    response = client.get("/groups/", {"audience": "women", "day": "1"})
    assert "No groups match what you chose" in response.text
    for bad in (
        {"day": "99"},
        {"day": "tuesday"},
        {"format": "zoom"},
        {"audience": "<script>"},
        {"day": "1" * 5000},
    ):
        response = client.get("/groups/", bad)
        assert response.status_code == 200
        assert "Tuesday group" in response.text
        assert "Women on Wednesday" in response.text
        assert "from the list" in response.text
    hybrid = GroupPageFactory(parent=group_index, title="Hybrid group", format=Format.HYBRID)
    online = GroupPageFactory(parent=group_index, title="Online group", format=Format.ONLINE, venue=None)
    in_person = client.get("/groups/", {"format": "in_person"}).context["groups"]
    assert hybrid in in_person and online not in in_person
    assert {hybrid, online} <= set(client.get("/groups/", {"format": "online"}).context["groups"])
    response = client.get("/groups/", {"day": "99", "audience": "women"})
    assert "Women on Wednesday" in response.text
    assert "Tuesday group" not in response.text


@pytest.mark.parametrize(
    ("field", "choices"), [("audience", Audience), ("how_to_join", HowToJoin), ("weekday", Weekday)]
)
def test_the_words_for_a_choice_are_those_django_gives(field, choices):
    group = GroupPage()
    for value in [*choices.values, "not a choice", None]:
        setattr(group, field, value)
        assert str(label_of(choices, value)) == str(getattr(group, f"get_{field}_display")())


FIELDS = "components/form_fields.html"


def drew_the_fields(response):
    return FIELDS in [template.name for template in response.templates]


def test_the_filter_is_drawn_once_for_each_set_of_choices_and_shared(client, group_index):
    women_on_wednesday(group_index)
    first = client.get("/groups/", {"day": "2", "audience": "women"})
    again = client.get("/groups/", {"audience": "women", "day": "2", "utm_source": "leaflet"})
    assert drew_the_fields(first) and not drew_the_fields(again)
    for response in (first, again):
        assert '<option value="2" selected>Wednesday</option>' in response.text
        assert "Women on Wednesday" in response.text
    other = client.get("/groups/", {"day": "3"})
    assert drew_the_fields(other)
    assert '<option value="3" selected>Thursday</option>' in other.text
    assert '<option value="2" selected>' not in other.text
    everyone = client.get("/groups/")
    assert drew_the_fields(everyone) and not drew_the_fields(client.get("/groups/"))
    assert '<option value="" selected>Any day</option>' in everyone.text
    assert '<option value="2" selected>' not in everyone.text
    assert '<option value="3" selected>' not in everyone.text


def test_a_choice_that_made_no_sense_is_drawn_with_its_message_every_time(client, group_index):
    client.get("/groups/")
    for _ in range(2):
        response = client.get("/groups/", {"day": "99"})
        assert drew_the_fields(response)
        assert "Choose a day from the list. We have shown groups on every day." in response.text


def test_publishing_draws_the_filter_afresh(client, group_index):
    client.get("/groups/", {"day": "2"})
    GroupPageFactory(parent=group_index, title="Tuesday group").save_revision().publish()
    assert drew_the_fields(client.get("/groups/", {"day": "2"}))


# Queries for each page type, whatever the number of groups, sessions or news stories.
# Every page spends 2 on the frame: the main sections menu and the footer's page links.
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 16),
        ("/drop-in/", 13),
        ("/groups/", 11),
        ("/groups/{group}/", 14),
        ("/news/", 15),
        ("/news/{story}/", 12),
        ("/about/", 9),
        # Search reads each kind of page found (for its summary) and the support services too.
        ("/search/?q=group", 9),
    ],
)
def test_public_pages_use_the_same_queries_for_3_or_20_groups_and_news(
    client, home_page, network_settings, url, budget, django_assert_max_num_queries
):
    site = public_site(home_page, groups=3, news=3)
    url = url.format(group=site.groups[0].slug, story=site.news[0].slug)
    client.get(url)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    for _ in range(17):
        GroupPageFactory(parent=site.group_index, venue=site.venue)
        NewsPageFactory(parent=site.news_index)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def page_cache_reads(client, url):
    """How many times a page reads the shared cache (Redis in production: a round trip each)."""

    def get():
        assert client.get(url).status_code == 200

    return cache_reads(get)


@pytest.mark.parametrize(
    "url", ["/", "/groups/", "/news/", "/feeds/groups.ics", "/feeds/meeting-guide.json", "/feeds/news.rss"]
)
def test_page_links_in_lists_read_the_cache_once_whatever_the_number_of_pages(
    client, home_page, network_settings, url
):
    """Each page's link asks where the site's root is; the answer is kept for the request, so a
    list (or feed) of 20 groups or stories does not read the cache 20 times."""
    site = public_site(home_page, groups=3, news=3)
    client.get(url)
    few = page_cache_reads(client, url)
    for _ in range(17):
        GroupPageFactory(parent=site.group_index, venue=site.venue)
        NewsPageFactory(parent=site.news_index)
    client.get(url)
    assert page_cache_reads(client, url) == few


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=LONDON), tick=False)
def test_publishing_makes_sessions_and_unpublishing_removes_future_ones(group_index):
    group = GroupPageFactory(parent=group_index)
    GroupSession.objects.filter(group=group).delete()
    group.save_revision().publish()
    assert group.sessions.count() == 13
    group.unpublish()
    assert group.sessions.count() == 0


def test_the_daily_command_tops_sessions_up_to_thirteen_weeks_ahead(group_index):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=LONDON), tick=False):
        group = GroupPageFactory(parent=group_index)
    with time_machine.travel(datetime.datetime(2026, 12, 21, 12, tzinfo=LONDON), tick=False):
        call_command("sync_group_sessions", stdout=StringIO())
    last = group.sessions.last().starts_at.astimezone(LONDON).date()
    assert last == datetime.date(2027, 3, 16)
    assert group.sessions.filter(starts_at__lt=datetime.datetime(2026, 12, 21, tzinfo=LONDON)).count() == 4
