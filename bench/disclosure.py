#!/usr/bin/env python
"""How long protecting a consultation's counts takes (consultations/figures.py, portal/disclosure.py)
as its priorities grow. The figures are counted again after every vote on a consultation whose
counts show while voting is open, so this is part of every such vote.

The votes are spread as they are in real consultations: a few priorities get most of them, and
many get from 1 to 4 (which must be hidden, with others beside them). The same seed every run.

Usage: .venv/bin/python bench/disclosure.py   (no database)
"""

import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

SIZES = (100, 1000, 3000, 10_000)
REPEATS = 5


def tally(priority_count, seed=1):
    from consultations.figures import ConsultationTally, PriorityTally

    rng = random.Random(seed)
    priorities = []
    for pk in range(1, priority_count + 1):
        online = min(int(rng.paretovariate(1.0)) - 1, 2000)
        supporters = max(min(online, 1), online - rng.randint(0, 2))
        in_room = rng.choice([0, 0, 0, 0, 1, 2, 3, 6, 9])
        theme = f"Theme {pk % 8}" if pk % 5 else None
        priorities.append(PriorityTally(pk, theme, online, supporters, in_room))
    return ConsultationTally(priorities=priorities, online_voters=900, participants=950, in_room_sessions=3)


def main():
    import django

    django.setup()
    from consultations.figures import protect

    gc.freeze()  # as in each app server's worker (deploy/gunicorn.conf.py)
    print(f"Protecting a consultation's counts, best and median of {REPEATS}:")
    for size in SIZES:
        counted = tally(size)
        timings = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            figures = protect(counted)
            timings.append(time.perf_counter() - started)
        small = sum(1 for p in counted.priorities if 0 < p.online_votes < 5)
        hidden = sum(
            value is None
            for shown in figures.priorities.values()
            for value in (shown.online_votes, shown.in_room_votes, shown.total_votes)
        )
        print(
            f"  {size:>6} priorities ({small} with 1-4 online votes; {hidden} counts hidden): "
            f"best {min(timings) * 1000:.1f} ms, median {statistics.median(timings) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
