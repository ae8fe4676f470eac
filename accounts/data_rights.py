"""Members' data rights: what "Download your data" puts in the file.

The account's own part is here. Every app that keeps something else about a member adds its
part with the Wagtail hook `register_member_data`: a function `(user) -> dict` returning only that
member's own data, in a fixed number of queries however much they have taken part. Accounts so
never imports the apps built on top of it.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail import hooks

from .models import MemberProfile

MEMBER_DATA_HOOK = "register_member_data"


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


def member_data(user):
    data = {"made_at": timezone.now(), **account_data(user)}
    for section in hooks.get_hooks(MEMBER_DATA_HOOK):
        data.update(section(user))
    return data
