"""Benchmark: votes per second and p95 vote latency under concurrent load, the consultation
page's render time with 1,000 priorities and 50,000 votes, and the board's CSV of it. PostgreSQL
only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_consult .venv/bin/python bench/consultations.py

The database named in DATABASE_URL is created (if missing) and migrated; its consultation data is
replaced on every run. Options: --threads, --voters, --priorities, --votes.
"""

import argparse
import gc
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_consult")


def ensure_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def analyze():
    """Make PostgreSQL's statistics on the rows just written in bulk, as autovacuum would soon
    after (it is on by default, but off on some machines). Without them the planner takes each
    table for a few rows: counting a consultation's figures took 300 ms instead of 20
    (bench/load.py), and the first CSV of 10,000 priorities 50 s instead of 0.4 (bench/exports.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build(priority_count, voter_count, vote_count):
    """One open consultation with `priority_count` priorities and about `vote_count` votes, written
    in bulk (the vote service is measured separately below)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.display_names import skeleton
    from accounts.models import MemberProfile
    from accounts.roles import MEMBERS
    from consultations.models import Ballot, Consultation, InRoomTally, Priority, PriorityStatus, Vote

    User = get_user_model()
    Vote.objects.all().delete()
    Ballot.objects.all().delete()
    InRoomTally.objects.all().delete()
    Priority.objects.all().delete()
    Consultation.objects.all().delete()
    User.objects.filter(username__startswith="bench-").delete()

    now = timezone.now()
    members = Group.objects.get(name=MEMBERS)
    users = User.objects.bulk_create(
        [User(username=f"bench-{i}", email=f"bench-{i}@example.org") for i in range(voter_count)]
    )
    User.groups.through.objects.bulk_create([User.groups.through(user=u, group=members) for u in users])
    MemberProfile.objects.bulk_create(
        [
            MemberProfile(user=u, display_name=f"Bench {i}", display_name_skeleton=skeleton(f"Bench {i}"))
            for i, u in enumerate(users)
        ]
    )
    votes_per_member = max(1, -(-vote_count // voter_count))
    page_consultation = Consultation.objects.create(
        question="Bench: what matters most?",
        opens_at=now - timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=7),
        votes_per_member=min(20, votes_per_member),
        show_counts_while_open=True,
    )
    priorities = Priority.objects.bulk_create(
        [
            Priority(
                consultation=page_consultation,
                title=f"Priority {i}",
                explanation="It would help a lot of people. " * 3,
                author=users[i % voter_count],
                show_name=bool(i % 2),
                status=PriorityStatus.APPROVED,
                approved_at=now,
            )
            for i in range(priority_count)
        ]
    )
    votes = []
    for index, user in enumerate(users):
        for k in range(min(20, votes_per_member)):
            if len(votes) >= vote_count:
                break
            votes.append(Vote(priority=priorities[(index * 7 + k * 13) % priority_count], voter=user))
    Vote.objects.bulk_create(votes, batch_size=5000, ignore_conflicts=True)
    analyze()
    return page_consultation, users


def bench_votes(users, threads, per_thread_voters):
    """Each thread signs votes for its own members through the vote service, as requests would."""
    from django.contrib.auth.models import Group
    from django.db import connections
    from django.utils import timezone

    from consultations import services
    from consultations.models import Consultation, Priority, PriorityStatus

    now = timezone.now()
    consultation = Consultation.objects.create(
        question="Bench: live voting",
        opens_at=now - timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=1),
        votes_per_member=3,
    )
    priorities = Priority.objects.bulk_create(
        [
            Priority(
                consultation=consultation,
                title=f"Live {i}",
                explanation="x",
                status=PriorityStatus.APPROVED,
                approved_at=now,
            )
            for i in range(20)
        ]
    )
    for priority in priorities:
        priority.consultation = consultation
    Group.objects.get(name="Members")
    latencies, refused = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(worker_index):
        mine = users[worker_index * per_thread_voters : (worker_index + 1) * per_thread_voters]
        local, local_refused = [], 0
        barrier.wait()
        for n, user in enumerate(mine):
            # Four tries each with a budget of three, one a duplicate: contention on purpose.
            for k in (0, 1, 1, 2, 3):
                priority = priorities[(n + k * 5 + worker_index) % len(priorities)]
                started = time.perf_counter()
                try:
                    services.vote_cast(priority=priority, voter=user)
                except services.ConsultationError:
                    local_refused += 1
                local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)
            refused.append(local_refused)
        connections.close_all()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    return consultation, latencies, sum(refused), elapsed


def bench_vote_requests(consultation, voter, repeats):
    """One member's votes given and taken back, one request at a time, through every middleware
    and the view as the browser's script sends them (JSON): the time of a vote with nothing else
    running."""
    from django.test import Client
    from django.urls import reverse

    from consultations.models import Priority

    priority = Priority.objects.filter(consultation=consultation).order_by("pk").first()
    client = Client()
    client.force_login(voter)
    url = reverse("consultations:vote", args=[priority.pk])
    timings = []
    for index in range(2 * repeats + 2):
        started = time.perf_counter()
        response = client.post(
            url, {"action": "remove" if index % 2 else "add"}, HTTP_ACCEPT="application/json"
        )
        if index >= 2:  # the first two warm up
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content
    return timings


def new_member(username):
    """A member with no votes yet (every built member has used their budget on the big one)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.display_names import skeleton
    from accounts.models import MemberProfile
    from accounts.roles import MEMBERS

    member = get_user_model().objects.create(username=username, email=f"{username}@example.org")
    member.groups.add(Group.objects.get(name=MEMBERS))
    MemberProfile.objects.create(user=member, display_name=username, display_name_skeleton=skeleton(username))
    return member


def bench_page(consultation, viewer, repeats):
    from django.test import Client

    client = Client()
    client.force_login(viewer)
    targets = {
        "Consultation page (first 25 priorities)": f"/consultations/{consultation.pk}/",
        "Consultation page (last page)": f"/consultations/{consultation.pk}/?page=last",
        "Results page (every priority, ranked)": f"/consultations/{consultation.pk}/results/",
    }
    for target in targets.values():  # the first render counts and draws; the others are timed
        client.get(target)
    timings = {name: [] for name in targets}
    for _ in range(repeats):
        for name, target in targets.items():
            started = time.perf_counter()
            response = client.get(target)
            timings[name].append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
    return timings


def bench_figures_read(consultation, repeats, kept_here=True):
    """A consultation's protected figures as every page that shows them reads them, nothing changed
    since they were counted: the copy this process kept (reading only the marks from the cache),
    or, with kept_here=False, as a process that has not read them yet (a cache get and unpickling)."""
    from consultations import figures_cache
    from consultations.selectors import consultation_figures

    consultation_figures([consultation.pk])  # counted and kept
    timings = []
    for _ in range(repeats):
        if not kept_here:
            figures_cache.here.clear()
        started = time.perf_counter()
        consultation_figures([consultation.pk])
        timings.append(time.perf_counter() - started)
    return timings


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--voters", type=int, default=2500)
    parser.add_argument("--priorities", type=int, default=1000)
    parser.add_argument("--votes", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    database_url = os.environ["DATABASE_URL"]
    if not database_url.startswith("postgres"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(database_url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum

    from consultations.models import Vote

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Database {connection.settings_dict['NAME']} ready in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    page_consultation, users = build(args.priorities, args.voters, args.votes)
    stored = Vote.objects.filter(priority__consultation=page_consultation).count()
    print(f"Built {args.priorities} priorities and {stored} votes in {time.perf_counter() - started:.1f} s")

    # As in each app server's worker (deploy/gunicorn.conf.py): what is loaded so far is set aside
    # from the garbage collector. Without this, a full collection walked it about once in nine
    # votes on the consultation that shows its counts (120-150 ms each: that line's p95 was 207 ms).
    gc.freeze()
    per_thread = min(len(users) // args.threads, 60)
    consultation, latencies, refused, elapsed = bench_votes(users, args.threads, per_thread)
    accepted = len(latencies) - refused
    landed = Vote.objects.filter(priority__consultation=consultation).aggregate(n=Sum("dots"))["n"]
    budget_ok = all(
        n <= 3
        for n in Vote.objects.filter(priority__consultation=consultation)
        .values("voter")
        .annotate(n=Sum("dots"))
        .values_list("n", flat=True)
    )
    print(
        f"Vote service, {args.threads} threads: {len(latencies)} attempts in {elapsed:.2f} s = "
        f"{len(latencies) / elapsed:.0f} attempts/s ({accepted / elapsed:.0f} accepted votes/s); "
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {percentile(latencies, 0.95) * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms"
    )
    print(
        f"  accepted {accepted}, refused {refused} (duplicates and over budget); stored {landed}: "
        f"{'exact' if landed == accepted else 'MISMATCH'}; budget held: {budget_ok}"
    )

    timings = bench_vote_requests(consultation, users[-1], 50)
    print(
        f"A vote request (JSON, every middleware), one at a time: p50 {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {percentile(timings, 0.95) * 1000:.1f} ms over {len(timings)}"
    )

    # Where counts show while voting is open, the answer carries the priority's protected count, so
    # every vote counts the consultation's figures again (the copy in the cache is out of date).
    timings = bench_vote_requests(page_consultation, new_member("bench-counts-shown"), 50)
    print(
        f"The same on the consultation of {args.priorities} priorities that shows its counts while open: "
        f"p50 {statistics.median(timings) * 1000:.1f} ms, p95 {percentile(timings, 0.95) * 1000:.1f} ms "
        f"over {len(timings)}"
    )

    timings = bench_page(page_consultation, users[0], args.repeats)
    for name, values in timings.items():
        print(
            f"{name} with {args.priorities} priorities "
            f"and {stored} votes: median {statistics.median(values) * 1000:.0f} ms, "
            f"worst {max(values) * 1000:.0f} ms over {args.repeats} renders (the first, which counts, not included)"
        )

    from bench.facilitator_pages import bench_facilitator_pages

    for name, timings in bench_facilitator_pages(page_consultation, users[0], args.repeats).items():
        print(
            f"{name}, {args.priorities} priorities: median {statistics.median(timings) * 1000:.0f} ms, "
            f"worst {max(timings) * 1000:.0f} ms over {len(timings)}"
        )

    for kept_here, how in ((True, "kept by this process"), (False, "fetched from the cache and unpickled")):
        timings = bench_figures_read(page_consultation, 200, kept_here)
        print(
            f"Its figures as every page that shows them reads them, {how}: median "
            f"{statistics.median(timings) * 1000:.2f} ms over {len(timings)}"
        )

    from bench.exports import bench_board_csv

    for name, (timings, size, calls) in bench_board_csv(page_consultation, 10).items():
        print(
            f"CSV export of the same consultation once closed ({size:,} bytes, read to the end), {name}: "
            f"median {statistics.median(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms over "
            f"{len(timings)}; {calls:,} Python function calls for one download (bench/work.py)"
        )


if __name__ == "__main__":
    main()
