"""Many requests at the same moment, each thread on its own database connection, for the
PostgreSQL tests of row locks (skipped on SQLite: it has no row locks and one writer at a time)."""

import threading

import pytest
from django.db import connection, connections

POSTGRESQL_ONLY = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite has no row locks and lets only one writer in at a time. "
        "Run with DATABASE_URL=postgres://... (CI runs the PostgreSQL pass).",
    ),
]


def run_together(jobs, refusal=Exception):
    """Start every job at once and return what each one returned or raised (a `refusal`)."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except refusal as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def postgresql_only(test):
    """For a concurrency test in a file whose other tests run on both databases."""
    for mark in POSTGRESQL_ONLY:
        test = mark(test)
    return test
