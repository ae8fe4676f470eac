"""Two runs of the reminders at the same moment, each on its own database connection: the second
waits on the unique index, then sends nothing."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections

from network.models import GroupPage, SessionReminder
from network.reminders import session_reminders_send
from tests.factories.network import GroupIndexPageFactory

from .reminder_helpers import NOW, REMINDER_DUE, cook_along, session_with_places

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite has no row locks and lets only one writer in at a time. "
        "Run with DATABASE_URL=postgres://... (CI runs the PostgreSQL pass).",
    ),
]


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_overlapping_runs_send_each_reminder_once(home_page):
    with time_machine.travel(NOW, tick=False):
        group = cook_along(GroupIndexPageFactory(parent=home_page, slug="groups"))
        _session, places = session_with_places(group, places=5)
    results = run_together([lambda: session_reminders_send(now=REMINDER_DUE)] * 4)
    assert sum(results) == 5
    assert len(mail.outbox) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.member.email for p in places)
    assert SessionReminder.objects.count() == 5

    GroupPage.objects.filter(pk=group.pk).update(online_link="https://video.example.org/new-room")
    later = REMINDER_DUE + datetime.timedelta(minutes=15)
    results = run_together([lambda: session_reminders_send(now=later)] * 4)
    assert sum(results) == 5
    assert len(mail.outbox) == 10
    assert sorted(SessionReminder.objects.values_list("sequence", flat=True)) == [0] * 5 + [1] * 5
