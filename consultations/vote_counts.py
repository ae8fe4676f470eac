"""Each priority's vote counts (PriorityCounts: online votes, people who voted online, votes in the
room), kept right by the database. Triggers change them in the same transaction as the change to a
vote or an in-room tally, under the row lock the change already holds, whatever makes it (a vote,
taking one back, a merge, taking a priority down, rows written in bulk); a new priority gets its row
of zeros. So ranking 1,000 priorities with 50,000 votes reads 1,000 small rows instead of counting
the votes again.

The triggers are put in place by migration 0010, and again after every `migrate` (as django-pgtrigger
does), each time with a recount in the same transaction, so the counts are exact from then on. On
SQLite they are taken away before `migrate` runs: SQLite rebuilds a table to change it, and a
trigger naming a table being rebuilt would stop that. A migration run some other way than the
`migrate` command that rebuilds one of these tables on SQLite must call uninstall() first. Written
for PostgreSQL and SQLite, the two databases the portal runs on.
"""

from django.db import connections, transaction

COUNTS_TABLE = "consultations_prioritycounts"
# table: (what one row adds to or takes from its priority's counts, the columns that change them)
WATCHED = {
    # A vote whose member has left (voter NULL) still counts as votes, but no longer as a person,
    # as the consultation's count of people who voted has it.
    "consultations_vote": (
        "UPDATE consultations_prioritycounts SET online_votes = online_votes {sign} {row}.dots, "
        "supporters = supporters {sign} (CASE WHEN {row}.voter_id IS NULL THEN 0 ELSE 1 END) "
        "WHERE priority_id = {row}.priority_id;",
        "dots, priority_id, voter_id",
    ),
    "consultations_inroomtally": (
        "UPDATE consultations_prioritycounts SET in_room_votes = in_room_votes {sign} {row}.votes "
        "WHERE priority_id = {row}.priority_id;",
        "votes, priority_id",
    ),
}
PRIORITY_TABLE = "consultations_priority"
NEW_ROW = "INSERT INTO consultations_prioritycounts (priority_id, online_votes, supporters, in_room_votes) VALUES (NEW.id, 0, 0, 0);"
RECOUNT = [
    "DELETE FROM consultations_prioritycounts",
    """INSERT INTO consultations_prioritycounts (priority_id, online_votes, supporters, in_room_votes)
    SELECT p.id,
        COALESCE((SELECT SUM(v.dots) FROM consultations_vote v WHERE v.priority_id = p.id), 0),
        (SELECT COUNT(v.voter_id) FROM consultations_vote v WHERE v.priority_id = p.id),
        COALESCE((SELECT SUM(t.votes) FROM consultations_inroomtally t WHERE t.priority_id = p.id), 0)
    FROM consultations_priority p""",
]
TABLES = {COUNTS_TABLE, PRIORITY_TABLE, *WATCHED}


def _changes(change):
    return change.format(sign="+", row="NEW"), change.format(sign="-", row="OLD")


def _postgresql_function(name, body):
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {body} RETURN NULL; END $$"""


def _postgresql():
    statements = []
    for table, (change, columns) in WATCHED.items():
        added, taken = _changes(change)
        body = (
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {taken} END IF; "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {added} END IF;"
        )
        statements += [
            _postgresql_function(f"{table}_counts", body),
            f"CREATE OR REPLACE TRIGGER {table}_counts AFTER INSERT OR DELETE OR UPDATE OF {columns} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_counts()",
        ]
    return [
        *statements,
        _postgresql_function(f"{PRIORITY_TABLE}_counts", NEW_ROW),
        f"CREATE OR REPLACE TRIGGER {PRIORITY_TABLE}_counts AFTER INSERT ON {PRIORITY_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {PRIORITY_TABLE}_counts()",
    ]


def _sqlite():
    statements = _drop_sqlite()
    for table, (change, columns) in WATCHED.items():
        added, taken = _changes(change)
        statements += [
            f"CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} BEGIN {added} END",
            f"CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table} BEGIN {taken} END",
            f"CREATE TRIGGER {table}_counts_update AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {taken} {added} END",
        ]
    return [
        *statements,
        f"CREATE TRIGGER {PRIORITY_TABLE}_counts_insert AFTER INSERT ON {PRIORITY_TABLE} BEGIN {NEW_ROW} END",
    ]


def _drop_postgresql():
    return [
        statement
        for table in (*WATCHED, PRIORITY_TABLE)
        for statement in (
            f"DROP TRIGGER IF EXISTS {table}_counts ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_counts()",
        )
    ]


def _drop_sqlite():
    return [
        f"DROP TRIGGER IF EXISTS {table}_counts_{event}"
        for table in (*WATCHED, PRIORITY_TABLE)
        for event in ("insert", "delete", "update")
    ]


MAKE = {"postgresql": _postgresql, "sqlite": _sqlite}
DROP = {"postgresql": _drop_postgresql, "sqlite": _drop_sqlite}


def _tables(connection):
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor)) & TABLES


def _execute(connection, statements):
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def make_room(connection):
    """On PostgreSQL, leave room on each page of the counts table for a counted vote's new row
    version, so that it stays on its page and the index is not touched (a "HOT" update)."""
    if connection.vendor == "postgresql":
        _execute(connection, [f"ALTER TABLE {COUNTS_TABLE} SET (fillfactor = 50)"])


def install(connection):
    """Put the triggers in place and count every priority's votes again, in one transaction. Where
    the counts table is missing (migrated back past it), take the triggers away instead."""
    if connection.vendor not in MAKE:
        raise RuntimeError(f"The vote counts need triggers written for {connection.vendor}.")
    tables = _tables(connection)
    if tables == TABLES:
        _execute(connection, [*MAKE[connection.vendor](), *RECOUNT])
    elif tables == TABLES - {COUNTS_TABLE}:
        uninstall(connection)


def uninstall(connection):
    if connection.vendor in DROP and _tables(connection) >= TABLES - {COUNTS_TABLE}:
        _execute(connection, DROP[connection.vendor]())


def before_migrate(sender, using="default", **kwargs):
    if connections[using].vendor == "sqlite":
        uninstall(connections[using])


def after_migrate(sender, using="default", **kwargs):
    install(connections[using])
