"""What facilitators read about in-room votes: where they may have been counted, and every count
entered so far, with who entered it and when."""

from django.db.models import Count
from django.utils import timezone

from ..in_room_sources import in_room_sources
from ..models import InRoomTally, name_key


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


def saved_counts(gathering):
    """{priority id: votes} saved for this gathering."""
    return dict(gathering.tallies.values_list("priority_id", "votes"))


def in_room_tallies(consultation):
    """Every count entered for the consultation, newest gathering first."""
    return (
        InRoomTally.objects.filter(gathering__consultation=consultation)
        .select_related("gathering", "priority", "entered_by__profile")
        .order_by("-gathering__held_on", "gathering__name_key", "gathering_id", "priority__title", "pk")
    )
