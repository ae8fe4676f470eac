"""Demo accounts, one per role. Their passwords are public (README), so they are for demos only."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import MemberProfile
from accounts.roles import BOARD_REPRESENTATIVES, EDITORS, FACILITATORS, MEMBERS

DEMO_ACCOUNTS = [
    # email, password, display name, roles, staff
    ("editor@example.org", "demo-editor-2026", "Morag (staff)", [EDITORS], True),
    ("member@example.org", "demo-member-2026", "Skye", [MEMBERS], False),
    ("facilitator@example.org", "demo-facilitator-2026", "Rowan", [MEMBERS, FACILITATORS], False),
    ("board@example.org", "demo-board-2026", "Ailsa", [MEMBERS, BOARD_REPRESENTATIVES], False),
]


def demo_user(email, password, display_name, roles, staff):
    User = get_user_model()
    user, _created = User.objects.get_or_create(email=email, defaults={"username": email.split("@")[0]})
    user.is_staff = staff
    user.is_superuser = staff
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    MemberProfile.objects.update_or_create(user=user, defaults={"display_name": display_name})
    return user


def load(*, stdout):
    for account in DEMO_ACCOUNTS:
        demo_user(*account)
    stdout.write(f"{len(DEMO_ACCOUNTS)} demo accounts loaded.")
