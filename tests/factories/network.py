"""Factories for the public side of the network: venues, services, groups, news and pages."""

import datetime
from types import SimpleNamespace

import factory
import wagtail_factories
from django.db.models import F
from django.utils import timezone

from accounts.roles import FACILITATORS
from network.models import (
    DropInPage,
    GroupFacilitator,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    JoinRequest,
    NewsIndexPage,
    NewsPage,
    OpeningException,
    OpeningPeriod,
    ServiceVisit,
    SessionRegistration,
    StandardPage,
    SupportService,
    Venue,
)
from network.models.choices import HowToJoin
from network.services import group_sessions_sync

WEEKDAYS_MONDAY_TO_FRIDAY = range(5)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "The Net Loft"
    address = "12 Harbour Street\nPortskerry\nPS1 2AB"
    directions = "Up the steps from the harbour car park. The door is blue."
    accessibility = "Step-free entrance from Harbour Street. Accessible toilet on the ground floor."
    step_free_access = True
    phone = "01234 567 890"
    latitude = "57.12345"
    longitude = "-5.67890"


class OpeningPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    venue = factory.SubFactory(VenueFactory)
    weekday = 0
    opens = datetime.time(10)
    closes = datetime.time(16)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    venue = factory.SubFactory(VenueFactory)
    start_date = datetime.date(2026, 12, 25)
    end_date = datetime.date(2026, 12, 26)
    reason = "Christmas holidays"


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportService
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Money advice {n}")
    description = "Free, private advice about money and benefits."
    helps_with = "Benefits\nDebt\nBills"


class ServiceVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceVisit

    venue = factory.SubFactory(VenueFactory)
    service = factory.SubFactory(SupportServiceFactory)
    weekday = 1
    starts = datetime.time(10)
    ends = datetime.time(13)


def hub_venue(**kwargs):
    """A venue open Monday to Friday, 10am to 4pm."""
    venue = VenueFactory(**kwargs)
    for weekday in WEEKDAYS_MONDAY_TO_FRIDAY:
        OpeningPeriodFactory(venue=venue, weekday=weekday)
    return venue


class DropInPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DropInPage

    title = "The drop-in"
    venue = factory.SubFactory(VenueFactory)
    introduction = "Come in for a cup of tea and a chat."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"About us {n}")
    introduction = "Who we are and what we do."
    body = [("paragraph", "<p>We are a network of people in recovery.</p>")]


class GroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GroupIndexPage

    title = "Peer groups"
    introduction = "Groups you can join."


class GroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GroupPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tuesday peer group {n}")
    summary = "A friendly group where we talk about how the week has gone."
    venue = factory.SubFactory(VenueFactory)
    weekday = 1
    start_time = datetime.time(18)
    end_time = datetime.time(19, 30)
    first_date = datetime.date(2026, 1, 6)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if create:
            group_sessions_sync(group=self)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"News story {n}")
    date = datetime.date(2026, 11, 2)
    summary = "Something good happened at the hub."
    body = [("paragraph", "<p>Thank you to everyone who came along.</p>")]


def public_site(home, *, groups=3, news=3):
    """A hub with its drop-in page, a group index with groups, news and an about page."""
    venue = hub_venue()
    ServiceVisitFactory(venue=venue, service=SupportServiceFactory(name="Money advice"), weekday=0)
    group_index = GroupIndexPageFactory(parent=home, slug="groups")
    news_index = NewsIndexPageFactory(parent=home, slug="news")
    site = SimpleNamespace(
        venue=venue,
        drop_in=DropInPageFactory(parent=home, slug="drop-in", venue=venue),
        group_index=group_index,
        groups=[GroupPageFactory(parent=group_index, venue=venue) for _ in range(groups)],
        news_index=news_index,
        news=[NewsPageFactory(parent=news_index) for _ in range(news)],
        about=StandardPageFactory(parent=home, slug="about", title="About the network"),
    )
    return site


class GroupSessionFactory(factory.django.DjangoModelFactory):
    """A session made by hand, for times the schedule would not give (in an hour, last week)."""

    class Meta:
        model = GroupSession

    group = factory.SubFactory(GroupPageFactory)
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(second=30, microsecond=0) + datetime.timedelta(days=2)
    )
    ends_at = factory.LazyAttribute(
        lambda session: session.starts_at + datetime.timedelta(hours=1, minutes=30)
    )


class SessionRegistrationFactory(factory.django.DjangoModelFactory):
    """A place (or, with status="waiting", a turn on the waiting list), counted into the
    session's places_taken as the services count it."""

    class Meta:
        model = SessionRegistration

    session = factory.SubFactory(GroupSessionFactory)
    member = factory.SubFactory("tests.factories.accounts.MemberFactory")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        registration = super()._create(model_class, *args, **kwargs)
        if registration.is_booked:
            GroupSession.objects.filter(pk=registration.session_id).update(places_taken=F("places_taken") + 1)
            registration.session.refresh_from_db(fields=["places_taken"])
        return registration


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    group = factory.SubFactory(GroupPageFactory, how_to_join=HowToJoin.INVITE)
    member = factory.SubFactory("tests.factories.accounts.MemberFactory")
    message = "A worker at the hub said to ask."


def facilitator_of(group, **kwargs):
    """A member in the Facilitators role who is listed as running this group."""
    from tests.factories.accounts import user_with_roles

    user = user_with_roles(FACILITATORS, **kwargs)
    GroupFacilitator.objects.create(group=group, profile=user.profile)
    return user
