"""The data bench/load.py loads, run inside the production-like site (ProductionSite.python):
the demo content (`manage.py load_demo_content`: home, drop-in, groups, news, "You said, we did",
a board), then an open consultation with many published priorities, many votes
and some posts waiting for a check; a closed one for the board's results and exports; members
with signed-in sessions (made as django.contrib.auth.login makes them, see
tests/production_data.session_cookies); a facilitator and a board representative who use an
authenticator app. Bulk writes, so it takes seconds, not minutes. `build_load()` prints one JSON line.

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""

import contextlib
import io
import json
from datetime import timedelta

LIVE_PRIORITIES = 100  # the last ones: kept free of seeded votes, so members can vote on them live


def build_load(
    priorities=1000, *, members=1000, seeded_votes=15, sessions=64, pending=30, counts_shown=False
):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())  # the public pages, a board
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Site

    from accounts.display_names import skeleton
    from accounts.models import MemberProfile
    from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS, MEMBERS
    from bench.consultations import analyze
    from consultations.models import Board, Consultation, Priority, PriorityStatus, Vote
    from network.models import DropInPage, GroupIndexPage, GroupPage, NewsIndexPage, NewsPage
    from tests.production_data import PASSWORD, person

    User = get_user_model()
    now = timezone.now()
    password = make_password(PASSWORD)  # hashed once: each hash takes a good part of a second
    users = User.objects.bulk_create(
        [
            User(username=f"load-{n}", email=f"load-{n}@production.test", password=password)
            for n in range(members)
        ]
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user=user, group=Group.objects.get(name=MEMBERS)) for user in users]
    )
    MemberProfile.objects.bulk_create(
        [
            MemberProfile(user=user, display_name=name, display_name_skeleton=skeleton(name))
            for user, name in ((user, f"Load member {n}") for n, user in enumerate(users))
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )

    facilitator = person("load-facilitator@production.test", "Load Facilitator", FACILITATORS)
    facilitator_secret = generate_totp_secret()
    TOTP.activate(facilitator, facilitator_secret)
    representative = person("load-board@production.test", "Load Board Seat", BOARD_REPRESENTATIVES)
    board_secret = generate_totp_secret()
    TOTP.activate(representative, board_secret)
    board = Board.objects.order_by("pk").first() or Board.objects.create(name="Partnership board")
    board.representatives.add(representative)

    def consultation_with_votes(question, opens_at, closes_at, free, show_counts=False):
        consultation = Consultation.objects.create(
            question=question, opens_at=opens_at, closes_at=closes_at, board=board,
            votes_per_member=seeded_votes + 5, show_counts_while_open=show_counts,
        )  # fmt: skip
        made = Priority.objects.bulk_create(
            [
                Priority(
                    consultation=consultation,
                    title=f"Priority {n}: something that would help",
                    explanation="It would help a lot of people to get to the groups. " * 3,
                    author=users[n % members],
                    show_name=bool(n % 2),
                    status=PriorityStatus.APPROVED,
                    approved_at=opens_at,
                )
                for n in range(priorities)
            ]
        )
        seeded = len(made) - free
        Vote.objects.bulk_create(
            [
                Vote(priority=made[(m * 7 + k * 13) % seeded], voter=user)
                for m, user in enumerate(users)
                for k in range(seeded_votes)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        return consultation, made

    live, made = consultation_with_votes(
        "Load: what matters most to you?",
        now - timedelta(days=1),
        now + timedelta(days=7),
        LIVE_PRIORITIES,
        show_counts=counts_shown,
    )
    Priority.objects.bulk_create(
        [
            Priority(
                consultation=live,
                title=f"Waiting for a check {n}",
                explanation="Please could we have this.",
                author=users[n],
                status=PriorityStatus.SUBMITTED,
            )
            for n in range(pending)
        ]
    )
    closed, _made = consultation_with_votes(
        "Load: what did matter most?", now - timedelta(days=30), now - timedelta(days=2), 0
    )

    from tests.production_data import session_cookies  # prints one key a line: captured here

    keys = io.StringIO()
    with contextlib.redirect_stdout(keys):
        session_cookies(*[user.email for user in users[:sessions]])

    from bench.load_pages import signed_in_pages

    pages = signed_in_pages(
        member=users[0], facilitator=facilitator, representative=representative, live=live, closed=closed
    )
    analyze()

    site = Site.objects.get(is_default_site=True)

    def url(model):
        page = model.objects.live().public().order_by("pk").first()
        return page.relative_url(site) if page else None

    print(
        json.dumps(
            {
                "password": PASSWORD,
                "members": [user.email for user in users[sessions : sessions + 20]],
                "sessions": keys.getvalue().split(),
                "facilitator": facilitator.email,
                "facilitator_totp_secret": facilitator_secret,
                "board": representative.email,
                "board_totp_secret": board_secret,
                "consultation_id": live.pk,
                "closed_consultation_id": closed.pk,
                "live_priority_ids": [priority.pk for priority in made[-LIVE_PRIORITIES:]],
                "signed_in_pages": pages,
                "votes": Vote.objects.filter(priority__consultation=live).count(),
                "public": {
                    "home": "/",
                    "drop-in": url(DropInPage),
                    "groups": url(GroupIndexPage),
                    "a group": url(GroupPage),
                    "news": url(NewsIndexPage),
                    "a story": url(NewsPage),
                    "you said, we did": reverse("consultations:you_said_we_did"),
                    "news RSS": reverse("network:news_rss"),
                    "groups iCal": reverse("network:groups_calendar"),
                },
            }
        )
    )


def vote_count(consultation_id):
    from consultations.models import Vote

    print(Vote.objects.filter(priority__consultation_id=consultation_id).count())
