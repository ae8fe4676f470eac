"""How much work one request does, counted rather than timed: Python function calls (cProfile) and
reads of the shared cache. Unlike times, these do not move with a shared machine's speed, so a
change can be compared before and after on any machine.

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""

import cProfile
import pstats
from unittest import mock


def function_calls(make_request):
    """Python function calls made while `make_request()` runs (call it a few times first)."""
    profile = cProfile.Profile()
    profile.runcall(make_request)
    return pstats.Stats(profile).total_calls


def cache_reads(make_request):
    """Reads of the default cache (get and get_many: a round trip each to Redis) it makes."""
    from django.core.cache import cache

    reads = []
    get, get_many = cache.get, cache.get_many
    with (
        mock.patch.object(cache, "get", lambda *a, **k: reads.append(a) or get(*a, **k)),
        mock.patch.object(cache, "get_many", lambda *a, **k: reads.append(a) or get_many(*a, **k)),
    ):
        make_request()
    return len(reads)
