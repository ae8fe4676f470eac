"""Members' data rights: what "Download your data" puts in the file.

Each app that keeps something about a member says what in a function `(user) -> dict`, listed
here by dotted path and imported only when a file is made. The network app so never imports the
apps built on top of it, the way home's DEMO_LOADERS keep demo data apart. Each function returns
only the member's own data, in a fixed number of queries however much they have taken part.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JoinRequest, MemberProfile, SessionRegistration
from .models.sessions import JOIN_REQUEST_STATUS_CHOICES

MEMBER_DATA_SECTIONS = [
    "network.data_rights.account_data",
    "network.data_rights.group_data",
    "consultations.data_rights.member_data",
]


def account_data(user):
    email_addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return {
        "account": {
            "email_addresses": list(email_addresses.values("email", "verified")),
            "display_name": MemberProfile.objects.filter(user=user)
            .values_list("display_name", flat=True)
            .first(),
            "date_joined": user.date_joined,
            "last_sign_in": user.last_login,
            "roles": list(user.groups.order_by("name").values_list("name", flat=True)),
        }
    }


def group_data(user):
    """Places at group sessions and requests to join groups. Not who else came, nor who answered."""
    places = (
        SessionRegistration.objects.filter(member=user)
        .order_by("session__starts_at", "pk")
        .values("session__group__title", "session__starts_at", "session__cancelled", "created_at", "attended")
    )
    requests = (
        JoinRequest.objects.filter(member=user)
        .order_by("created_at", "pk")
        .values("group__title", "message", "status", "created_at", "decided_at")
    )
    status_in_words = dict(JOIN_REQUEST_STATUS_CHOICES)
    return {
        "group_sessions": [
            {
                "group": place["session__group__title"],
                "starts_at": place["session__starts_at"],
                "cancelled": place["session__cancelled"],
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
    }


def member_data(user):
    data = {"made_at": timezone.now()}
    for dotted_path in MEMBER_DATA_SECTIONS:
        data.update(import_string(dotted_path)(user))
    return data
