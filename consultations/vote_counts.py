"""Each priority's own vote counts (Priority.online_votes, .supporters, .in_room_votes), kept right
by the database: triggers on the vote and tally tables change them in the same statement's
transaction, under the row lock the change already holds, whatever makes the change (a vote, taking
one back, a merge, taking a priority down, rows written in bulk). So ranking 1,000 priorities with
50,000 votes reads 1,000 rows instead of counting the votes again.

The triggers are put in place by migration 0010, and again after every `migrate` (as django-pgtrigger
does), each time with a recount in the same transaction, so the counts are exact from then on. On
SQLite they are taken away before `migrate` runs: SQLite rebuilds a table to change it, and a
trigger naming a table being rebuilt would stop that. A migration run some other way than the
`migrate` command that rebuilds the vote, tally or priority table on SQLite must call uninstall()
first. Written for PostgreSQL and SQLite, the two databases the portal runs on.
"""

from django.db import connections, transaction

COUNTS = ("online_votes", "supporters", "in_room_votes")
PRIORITY = "consultations_priority"
# table: (the change one row makes to its priority's counts, the columns that change it)
WATCHED = {
    "consultations_vote": (
        "UPDATE consultations_priority SET online_votes = online_votes {sign} {row}.dots, "
        "supporters = supporters {sign} 1 WHERE id = {row}.priority_id;",
        "dots, priority_id",
    ),
    "consultations_inroomtally": (
        "UPDATE consultations_priority SET in_room_votes = in_room_votes {sign} {row}.votes "
        "WHERE id = {row}.priority_id;",
        "votes, priority_id",
    ),
}
RECOUNT = """
    UPDATE consultations_priority SET
        online_votes = COALESCE(
            (SELECT SUM(v.dots) FROM consultations_vote v WHERE v.priority_id = consultations_priority.id), 0
        ),
        supporters = (SELECT COUNT(*) FROM consultations_vote v WHERE v.priority_id = consultations_priority.id),
        in_room_votes = COALESCE(
            (SELECT SUM(t.votes) FROM consultations_inroomtally t WHERE t.priority_id = consultations_priority.id), 0
        )
"""


def _changes(change):
    return change.format(sign="+", row="NEW"), change.format(sign="-", row="OLD")


def _postgresql(table, change, columns):
    added, taken = _changes(change)
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {taken} END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN {added} END IF;
            RETURN NULL;
        END $$""",
        f"CREATE OR REPLACE TRIGGER {table}_counts AFTER INSERT OR DELETE OR UPDATE OF {columns} "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_counts()",
    ]


def _sqlite(table, change, columns):
    added, taken = _changes(change)
    return [
        *_drop_sqlite(table),
        f"CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} BEGIN {added} END",
        f"CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table} BEGIN {taken} END",
        f"CREATE TRIGGER {table}_counts_update AFTER UPDATE OF {columns} ON {table} BEGIN {taken} {added} END",
    ]


def _drop_postgresql(table):
    return [f"DROP TRIGGER IF EXISTS {table}_counts ON {table}", f"DROP FUNCTION IF EXISTS {table}_counts()"]


def _drop_sqlite(table):
    return [f"DROP TRIGGER IF EXISTS {table}_counts_{event}" for event in ("insert", "delete", "update")]


MAKE = {"postgresql": _postgresql, "sqlite": _sqlite}
DROP = {"postgresql": _drop_postgresql, "sqlite": _drop_sqlite}


def _state(connection):
    """'counted' when the priority table has its count columns, 'uncounted' when it has not (yet),
    None when the tables are not there."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if not {PRIORITY, *WATCHED} <= tables:
            return None
        columns = {column.name for column in connection.introspection.get_table_description(cursor, PRIORITY)}
    return "counted" if set(COUNTS) <= columns else "uncounted"


def _execute(connection, statements):
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection):
    """Put the triggers in place and count every priority's votes again, in one transaction. Where
    the count columns are missing (migrated back past them), take the triggers away instead."""
    if connection.vendor not in MAKE:
        raise RuntimeError(f"The vote counts need triggers written for {connection.vendor}.")
    state = _state(connection)
    if state == "counted":
        _execute(
            connection,
            [s for table, rule in WATCHED.items() for s in MAKE[connection.vendor](table, *rule)] + [RECOUNT],
        )
    elif state == "uncounted":
        uninstall(connection)


def uninstall(connection):
    if connection.vendor in DROP and _state(connection) is not None:
        _execute(connection, [s for table in WATCHED for s in DROP[connection.vendor](table)])


def before_migrate(sender, using="default", **kwargs):
    if connections[using].vendor == "sqlite":
        uninstall(connections[using])


def after_migrate(sender, using="default", **kwargs):
    install(connections[using])
