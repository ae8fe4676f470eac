"""The network's models, one module per area. Import from here: `from network.models import Venue`."""

from .facilitators import GroupFacilitator
from .groups import GroupIndexPage, GroupPage, GroupSession
from .invitations import Invitation, PartnerTeam, Referral
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import DropInPage, StandardPage
from .reminders import MemberCalendar, SessionReminder
from .sessions import JoinRequest, SessionRegistration, booked_count
from .venues import (
    OpeningException,
    OpeningPeriod,
    ServiceVisit,
    SupportService,
    Venue,
)

__all__ = [
    "DropInPage",
    "GroupFacilitator",
    "GroupIndexPage",
    "GroupPage",
    "GroupSession",
    "Invitation",
    "JoinRequest",
    "MemberCalendar",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OpeningException",
    "OpeningPeriod",
    "PartnerTeam",
    "Referral",
    "ServiceVisit",
    "SessionRegistration",
    "SessionReminder",
    "StandardPage",
    "SupportService",
    "Venue",
    "booked_count",
]
