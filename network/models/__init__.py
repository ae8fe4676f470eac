"""The network's models, one module per area. Import from here: `from network.models import Venue`."""

from .groups import (
    GroupFacilitator,
    GroupIndexPage,
    GroupPage,
    GroupSession,
)
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import DropInPage, StandardPage
from .sessions import JoinRequest, SessionLinkSent, SessionRegistration, booked_count
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
    "JoinRequest",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OpeningException",
    "OpeningPeriod",
    "ServiceVisit",
    "SessionLinkSent",
    "SessionRegistration",
    "StandardPage",
    "SupportService",
    "Venue",
    "booked_count",
]
