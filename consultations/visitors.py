"""What visitors who are not signed in may read of the consultations: decided here once.

Where the site setting allows it (NetworkSettings.consultations_public), a visitor may read a
consultation that is open to every member, once it has opened: its question, the priorities
published for it (with a name only where the member chose to show theirs) and, when members may
see them, its results with the same protected counts (figures.py). A consultation for the members
of one group stays with them. Visitors never see vote buttons, reports or anything waiting for a
check; what they read is the same for every visitor, so it may come from the page cache.
"""

from portal.models import NetworkSettings

from .models import Consultation


def consultations_are_public(request):
    return NetworkSettings.for_request(request).consultations_public


def visitor_may_read(consultation):
    return consultation.eligible_group_id is None and not consultation.is_upcoming


def visitor_sees_results(consultation):
    """As members see them: once it has closed, or while open where it shows counts as it goes."""
    return visitor_may_read(consultation) and (consultation.is_closed or consultation.show_counts_while_open)


def readable_consultations():
    """Every consultation a visitor may read, open or closed, in the order the list shows them."""
    return [c for c in Consultation.objects.for_every_member() if visitor_may_read(c)]
