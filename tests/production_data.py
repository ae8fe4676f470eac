"""People and pages for the tests that run the production settings (tests/production_server.py).

Run inside a process using those settings: `build()` prints one JSON line the tests read.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction, Site

from accounts.models import MemberProfile
from accounts.roles import FACILITATORS, MEMBERS
from network.models import GroupIndexPage, GroupPage
from network.models.choices import Format

PASSWORD = "a-long-production-password-17"
ONLINE_LINK = "https://video.example.org/private-production-room"


def person(email, display_name, *roles):
    user = get_user_model().objects.create_user(username=display_name.lower().replace(" ", "-"), email=email)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    MemberProfile.objects.create(user=user, display_name=display_name)
    user.groups.add(*Group.objects.filter(name__in=[MEMBERS, *roles]))
    return user


def build():
    member = person("member@production.test", "Quiet Heron")
    promoted = person("promoted@production.test", "Soon Facilitator")
    facilitator = person("facilitator@production.test", "Harbour Wren", FACILITATORS)
    secret = generate_totp_secret()
    TOTP.activate(facilitator, secret)
    unverified = person("unverified@production.test", "Not Yet Checked")
    EmailAddress.objects.filter(user=unverified).update(verified=False)

    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=GroupIndexPage(title="Groups", slug="groups"))
    group = index.add_child(
        instance=GroupPage(
            title="Private online group",
            slug="private-online-group",
            summary="A group shared with a password.",
            format=Format.ONLINE,
            online_link=ONLINE_LINK,
            weekday=1,
            start_time="18:00",
            end_time="19:30",
            first_date="2026-01-06",
        )
    )
    group.save_revision().publish()
    PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="tide-table"
    )
    session = group.sessions.order_by("starts_at").first()
    print(
        json.dumps(
            {
                "password": PASSWORD,
                "member": member.email,
                "promoted": promoted.email,
                "promoted_id": promoted.pk,
                "facilitator": facilitator.email,
                "facilitator_username": facilitator.username,
                "totp_secret": secret,
                "unverified": unverified.email,
                "unverified_username": unverified.username,
                "group_id": group.pk,
                "group_url": group.url,
                "session_id": session.pk,
                "online_link": ONLINE_LINK,
            }
        )
    )
