"""What facilitators read about in-room votes: where they may have been counted, and every count
entered so far, with who entered it and when."""

import re

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

from ..in_room_sources import in_room_sources
from ..models import InRoomTally, name_key
from .results import listed_priorities, published_count

# Boxes on one page of the tally sheet. All of a large consultation's boxes on one page took
# 40 ms or more to draw, and at 1,000 priorities were more fields than a form may send.
TALLY_PAGE_SIZE = 50
BOX_NAME = re.compile(r"votes_([1-9][0-9]{0,17})")


def gathering_choices(consultation, now=None):
    """(the consultation's gatherings so far, sessions that ended while it was open and are not one
    of them yet). Each gathering carries `tally_count`."""
    now = now or timezone.now()
    gatherings = list(consultation.gatherings.annotate(tally_count=Count("tallies")))
    ends = min(now, consultation.closes_at)
    sources = in_room_sources(consultation.opens_at, ends) if ends > consultation.opens_at else []
    used_sources = {g.source for g in gatherings if g.source}
    used_names = {(g.name_key, g.held_on) for g in gatherings}
    offered = [
        s for s in sources if s.key not in used_sources and (name_key(s.name), s.held_on) not in used_names
    ]
    return gatherings, offered


def tally_sheet_page(consultation, number):
    """One page of the sheet: up to TALLY_PAGE_SIZE published priorities, in the order the
    consultation page lists them (the order they came in, so new ones join the last page). A page
    number that is not one is the nearest page, as on the consultation page."""
    paginator = Paginator(listed_priorities(consultation), TALLY_PAGE_SIZE)
    paginator.count = published_count(consultation)
    return paginator.get_page(number)


def posted_sheet_priorities(consultation, names):
    """The consultation's published priorities whose boxes were sent (`votes_<id>` among `names`),
    in the sheet's order. A page is saved with the boxes it showed, even if a priority published or
    taken down meanwhile has moved which priorities the page holds now."""
    ids = {int(found.group(1)) for name in names if (found := BOX_NAME.fullmatch(name))}
    return list(listed_priorities(consultation).filter(pk__in=ids)) if ids else []


def saved_counts(gathering, priorities):
    """{priority id: votes} saved for this gathering, for these priorities."""
    return dict(gathering.tallies.filter(priority__in=priorities).values_list("priority_id", "votes"))


def in_room_tallies(consultation):
    """Every count entered for the consultation, newest gathering first."""
    return (
        InRoomTally.objects.filter(gathering__consultation=consultation)
        .select_related("gathering", "priority", "entered_by__profile")
        .order_by("-gathering__held_on", "gathering__name_key", "gathering_id", "priority__title", "pk")
    )
