"""The network's vocabulary: the values a group, a session or a request can take.

Kept apart from the models so that filters and helpers can use it without importing the models
(which use them in turn). Each model also carries the ones it uses: `GroupPage.Format.ONLINE`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()): Monday is 0. Feeds convert where a format differs."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")

    @classmethod
    def meeting_in_person(cls):
        return {cls.IN_PERSON, cls.HYBRID}

    @classmethod
    def meeting_online(cls):
        return {cls.ONLINE, cls.HYBRID}


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    WOMEN = "women", _("Women")
    FAMILIES = "families", _("Families and loved ones")
    LEAVING_THE_SERVICE = "leaving", _("People leaving the service")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every other week")
    MONTHLY = "monthly", _("Once a month, on the same week of the month")


class HowToJoin(models.TextChoices):
    JUST_TURN_UP = "turn_up", _("Just turn up")
    REFERRAL = "referral", _("Ask for a referral")
    INVITE = "invite", _("Ask for an invite")

    @classmethod
    def by_asking(cls):
        return {cls.REFERRAL, cls.INVITE}


class JoinRequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")

    @classmethod
    def open_values(cls):
        """Waiting or accepted: a member has at most one of those per group."""
        return [cls.WAITING, cls.ACCEPTED]


class ReferralStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class RegistrationStatus(models.TextChoices):
    """A member's place at a session, or their turn on its waiting list."""

    BOOKED = "booked", _("Has a place")
    WAITING = "waiting", _("On the waiting list")


class CancellationReason(models.TextChoices):
    """Why a session is not happening, in words that say nothing about anyone's life."""

    FACILITATOR_UNAVAILABLE = "facilitator_unavailable", _("The facilitator is unavailable")
    ROOM_UNAVAILABLE = "room_unavailable", _("The room is not available")
    HOLIDAY = "holiday", _("Holiday")
    BAD_WEATHER = "bad_weather", _("Bad weather")
    VENUE_CLOSED = "venue_closed", _("The venue is closed")
    OTHER = "other", _("Other")


def label_of(choices, value):
    """The words for a stored value, as get_FOO_display() gives them, found straight away:
    get_FOO_display() translates every choice's words on each call (a list of 20 groups asked 60
    times for 6 words each)."""
    try:
        return choices(value).label
    except ValueError:
        return value
