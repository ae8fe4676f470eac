"""Running jobs at the same moment, each thread on its own database connection (PostgreSQL only:
SQLite has no row locks and lets only one writer in at a time)."""

import threading

import pytest
from django.db import connection, connections

ONLY_ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite has no row locks and lets only one writer in at a time. "
    "Run with DATABASE_URL=postgres://... (CI runs the PostgreSQL pass).",
)


def run_together(jobs, expected):
    """Start every job at once and return what each one raised of the `expected` errors, if anything."""
    barrier = threading.Barrier(len(jobs))
    errors = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except expected as error:
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
