"""What a member's "Download your data" file holds from the network: places at group sessions,
requests to join groups, the invitations they joined with, the reminder emails they were sent
and whether they have a private calendar address (never the address itself: it is a key). Not who else came, nor who
answered. Added to the file through the `register_member_data` hook (network/wagtail_hooks.py)."""

from .models import Invitation, JoinRequest, MemberCalendar, SessionRegistration, SessionReminder
from .models.choices import JoinRequestStatus, RegistrationStatus


def group_data(user):
    """Places (and turns on waiting lists) at group sessions and requests to join groups. Not who
    else came, nor who answered."""
    places = (
        SessionRegistration.objects.filter(member=user)
        .order_by("session__starts_at", "pk")
        .values(
            "session__group__title",
            "session__starts_at",
            "session__cancelled",
            "status",
            "created_at",
            "attended",
        )
    )
    requests = (
        JoinRequest.objects.filter(member=user)
        .order_by("created_at", "pk")
        .values("group__title", "message", "status", "created_at", "decided_at")
    )
    status_in_words = dict(JoinRequestStatus.choices)
    place_in_words = dict(RegistrationStatus.choices)
    return {
        "group_sessions": [
            {
                "group": place["session__group__title"],
                "starts_at": place["session__starts_at"],
                "cancelled": place["session__cancelled"],
                "place": str(place_in_words[place["status"]]),
                "signed_up_at": place["created_at"],
                "came": place["attended"],
            }
            for place in places
        ],
        "requests_to_join": [
            {
                "group": request["group__title"],
                "message": request["message"],
                "status": str(status_in_words[request["status"]]),
                "asked_at": request["created_at"],
                "answered_at": request["decided_at"],
            }
            for request in requests
        ],
        "invitations_accepted": [
            {
                "email": i["email"],
                "group": i["group__title"],
                "sent_at": i["created_at"],
                "accepted_at": i["used_at"],
            }
            for i in Invitation.objects.filter(used_by=user)
            .order_by("used_at")
            .values("email", "group__title", "created_at", "used_at")
        ],
        "session_reminders": [
            {
                "group": r["session__group__title"],
                "session_starts_at": r["session__starts_at"],
                "change": r["sequence"],
                "sent_at": r["sent_at"],
            }
            for r in SessionReminder.objects.filter(member=user)
            .order_by("session__starts_at", "sequence")
            .values("session__group__title", "session__starts_at", "sequence", "sent_at")
        ],
        "private_calendar_address": MemberCalendar.objects.filter(member=user).exists(),
    }
