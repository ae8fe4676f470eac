"""People and pages for the tests that run the production settings (tests/production_server.py).

Run inside a process using those settings: `build()` prints one JSON line the tests read.
"""

import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import PageViewRestriction, Site

from accounts.models import MemberProfile
from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS, MEMBERS
from consultations.models import Board, BoardMeeting, Consultation, Priority, PriorityStatus
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


VOTERS = 6


def build_journey():
    """What `make prod-check` (deploy/prod_check.py) needs besides build(): a board with a
    representative who uses an authenticator app, a meeting, an open consultation that goes to the
    board with three priorities, and members to vote on them. Prints one JSON line."""
    representative = person("board@production.test", "Board Seat", BOARD_REPRESENTATIVES)
    secret = generate_totp_secret()
    TOTP.activate(representative, secret)
    board = Board.objects.create(name="Partnership board", description="Local services.")
    board.representatives.add(representative)
    meeting = BoardMeeting.objects.create(
        board=board, starts_at=timezone.now() + timedelta(days=14), place="Council chambers"
    )
    now = timezone.now()
    consultation = Consultation.objects.create(
        question="What should the hub do next?", opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7), board=board, needs_approval=False,
    )  # fmt: skip
    author = person("author@production.test", "Long Table")
    priorities = [
        Priority.objects.create(
            consultation=consultation,
            title=title,
            explanation="People asked for it.",
            author=author,
            status=PriorityStatus.APPROVED,
            approved_at=now,
        )
        for title in ("Evening opening", "A quiet room", "More peer groups")
    ]
    voters = [person(f"voter{n}@production.test", f"Voter {n}").email for n in range(VOTERS)]
    print(
        json.dumps(
            {
                "password": PASSWORD,
                "board": representative.email,
                "board_totp_secret": secret,
                "meeting_id": meeting.pk,
                "consultation_id": consultation.pk,
                "priority_ids": [priority.pk for priority in priorities],
                "voters": voters,
            }
        )
    )


def session_cookies(*emails):
    """Signed-in sessions for members, made the way django.contrib.auth.login makes them, so that
    many members can vote at once without signing in one by one. Prints one session key a line."""
    for email in emails:
        user = get_user_model().objects.get(email=email)
        store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        print(store.session_key)
