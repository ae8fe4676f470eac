"""Benchmark: the consultation export as CSV (streamed) and Excel (openpyxl write-only), timed and
with peak memory, at two sizes so you can see memory stays flat as the data grows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exports .venv/bin/python bench/exports.py

The database named in DATABASE_URL is created (if missing) and migrated; its consultation data is
replaced on every run. Options: --priorities, --votes (the large size; the small one is a tenth).

Time is measured without tracemalloc (it slows Python down); peak Python memory is measured in a
second run under tracemalloc. RSS is the process's high-water mark from getrusage, which only ever
grows, so it is printed after each step.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_exports")

from bench.consultations import analyze, ensure_database
from bench.work import function_calls

VOTES_PER_VOTER = 20
THEMES = [
    "Opening times",
    "Health",
    "Housing",
    "Getting about",
    "Family and friends",
    "Money",
    "Work",
    "Food",
]


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(priority_count, vote_count, label):
    """One closed consultation with `priority_count` priorities and `vote_count` votes, in bulk."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from consultations.models import (
        Consultation,
        InRoomGathering,
        InRoomTally,
        Priority,
        PriorityStatus,
        Theme,
        Vote,
    )

    User = get_user_model()
    now = timezone.now()
    voter_count = max(1, -(-vote_count // VOTES_PER_VOTER))
    users = User.objects.bulk_create(
        [
            User(username=f"bench-{label}-{i}", email=f"bench-{label}-{i}@example.org")
            for i in range(voter_count)
        ],
        batch_size=5000,
    )
    consultation = Consultation.objects.create(
        question=f"Bench export ({label}): what matters most?",
        background="Benchmark data.",
        opens_at=now - timezone.timedelta(days=30),
        closes_at=now - timezone.timedelta(days=1),
        votes_per_member=VOTES_PER_VOTER,
    )
    themes = Theme.objects.bulk_create(
        [Theme(consultation=consultation, name=name, sort_order=i) for i, name in enumerate(THEMES)]
    )
    priorities = Priority.objects.bulk_create(
        [
            Priority(
                consultation=consultation,
                theme=themes[i % len(themes)],
                title=f"=Priority {i}" if i % 500 == 0 else f"Priority {i}",
                explanation="It would help a lot of people, in plain words. " * 4,
                author=users[i % voter_count],
                status=PriorityStatus.APPROVED,
                approved_at=now - timezone.timedelta(days=20),
                submitted_at=now - timezone.timedelta(days=21),
            )
            for i in range(priority_count)
        ],
        batch_size=5000,
    )
    votes = []
    for index, user in enumerate(users):
        for k in range(VOTES_PER_VOTER):
            if len(votes) >= vote_count:
                break
            votes.append(
                Vote(priority=priorities[(index * VOTES_PER_VOTER + k) % priority_count], voter=user)
            )
    Vote.objects.bulk_create(votes, batch_size=10_000, ignore_conflicts=True)
    gathering = InRoomGathering.objects.create(
        consultation=consultation,
        name="Tuesday peer group",
        held_on=(now - timezone.timedelta(days=2)).date(),
    )
    InRoomTally.objects.bulk_create(
        [
            InRoomTally(gathering=gathering, priority=p, votes=(i % 9) + 1)
            for i, p in enumerate(priorities[: priority_count // 10])
        ],
        batch_size=5000,
    )
    analyze()
    return consultation, Vote.objects.filter(priority__consultation=consultation).count()


def clear():
    from django.contrib.auth import get_user_model

    from consultations.models import AgendaItemPriority, Consultation, InRoomTally, Priority, Theme, Vote

    consultations = Consultation.objects.filter(question__startswith="Bench export")
    AgendaItemPriority.objects.filter(priority__consultation__in=consultations).delete()
    Vote.objects.filter(priority__consultation__in=consultations).delete()
    InRoomTally.objects.filter(priority__consultation__in=consultations).delete()
    Priority.objects.filter(consultation__in=consultations).delete()
    Theme.objects.filter(consultation__in=consultations).delete()
    consultations.delete()
    get_user_model().objects.filter(username__startswith="bench-").delete()


def export_csv(consultation):
    from consultations import exports

    size = 0
    rows = 0
    for piece in exports.csv_rows(exports.consultation_document(consultation, "Staff")):
        size += len(piece.encode())
        rows += piece.count("\r\n")  # the pieces are lines joined in batches
    return size, rows


def export_xlsx(consultation):
    from consultations import exports

    with tempfile.TemporaryFile() as handle:
        exports.write_xlsx(exports.consultation_document(consultation, "Staff"), handle)
        return handle.tell(), None


def measure(name, function, consultation):
    started = time.perf_counter()
    size, rows = function(consultation)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    function(consultation)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    detail = f", {rows} lines" if rows else ""
    print(
        f"  {name:<5} {elapsed:6.2f} s, {size / 1_048_576:6.1f} MB file{detail}; "
        f"peak Python memory {peak / 1_048_576:6.1f} MB; process RSS high-water {rss_mb():6.0f} MB"
    )


def bench_board_csv(consultation, repeats):
    """The board's CSV of every priority, read to its last byte as a board representative downloads
    it once voting has closed (bench/consultations.py's data; the request log times a streamed
    file only until it starts). The file is kept once sent, until something in it changes
    (figures_cache.cached_file): timed both written afresh (its copy dropped; the figures still
    counted) and sent from the copy."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from accounts.roles import BOARD_REPRESENTATIVES
    from consultations.exports.formats import RESULTS_CSV
    from consultations.figures_cache import forget_part
    from consultations.models import Board, Consultation

    representative = get_user_model().objects.create(username="bench-board", email="bench-board@example.org")
    representative.groups.add(Group.objects.get(name=BOARD_REPRESENTATIVES))
    board, _made = Board.objects.get_or_create(name="Bench board")
    board.representatives.add(representative)
    Consultation.objects.filter(pk=consultation.pk).update(
        board=board, closes_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    client = Client()
    client.force_login(representative)
    url = reverse("consultations:consultation_export", args=[consultation.pk, "csv"])

    def download():
        response = client.get(url)
        body = b"".join(response.streaming_content)
        assert response.status_code == 200, response.status_code
        return body

    results = {}
    for name, before in (
        ("written afresh", lambda: forget_part(consultation.pk, RESULTS_CSV)),
        ("sent from its copy", lambda: None),
    ):
        timings = []
        for index in range(repeats + 1):
            before()
            started = time.perf_counter()
            size = len(download())
            if index:  # the first warms up
                timings.append(time.perf_counter() - started)
        before()
        results[name] = (timings, size, function_calls(download))
    return results


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--priorities", type=int, default=10_000)
    parser.add_argument("--votes", type=int, default=100_000)
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Database {connection.settings_dict['NAME']} ready in {time.perf_counter() - started:.1f} s")
    clear()
    print(f"Process RSS high-water before building: {rss_mb():.0f} MB")

    sizes = [(args.priorities // 10, args.votes // 10, "small"), (args.priorities, args.votes, "large")]
    for priority_count, vote_count, label in sizes:
        started = time.perf_counter()
        consultation, stored = build(priority_count, vote_count, label)
        print(
            f"{priority_count} priorities and {stored} votes built in {time.perf_counter() - started:.1f} s "
            f"(RSS high-water {rss_mb():.0f} MB)"
        )
        measure("CSV", export_csv, consultation)
        measure("xlsx", export_xlsx, consultation)
    clear()


if __name__ == "__main__":
    main()
