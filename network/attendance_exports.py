"""The attendance figures as files (CSV and Excel), through the shared export pipeline
(portal.exports): the same protected numbers the page shows, a hidden count as an empty cell with
the reason beside it, and nothing that names anyone: group titles and counts only."""

from django.utils import timezone

from portal import times
from portal.exports.document import NUMBER, Column, ExportDocument, Table

from .attendance_figures import NEW_MEMBERS_NOTE

ALL_GROUPS = "All groups"
ALL_MONTHS = "All months"
COUNTS_NOTE = "About the counts"
FILE_NOTE = (
    "Empty counts are hidden so nobody can be singled out: counts from 1 to 4, "
    "and sometimes one more count so the first cannot be worked out."
)


def _month(row):
    return f"{row.month:%Y-%m}" if row.month else ALL_MONTHS


def _hidden_note(row):
    return "Some counts are hidden so nobody can be picked out." if row.has_hidden else ""


COLUMNS = [
    Column("Group", lambda row: row.group or ALL_GROUPS),
    Column("Month", _month),
    Column("Sessions held", lambda row: row.sessions_held, NUMBER),
    Column("Places booked", lambda row: row.places_booked, NUMBER),
    Column("Came, signed up", lambda row: row.came_signed_up, NUMBER),
    Column("Came, walked in", lambda row: row.came_walk_in, NUMBER),
    Column("Came, in all", lambda row: row.came, NUMBER),
    Column("New to the group", lambda row: row.new_members, NUMBER),
    Column(COUNTS_NOTE, _hidden_note),
]


def attendance_document(figures, role):
    period = figures.period
    return ExportDocument(
        title="Attendance at peer groups",
        filename=f"group-attendance-{period.first:%Y-%m-%d}-to-{period.last:%Y-%m-%d}",
        about=[
            ("Made at", timezone.now()),
            ("Made from", "Attendance at the network's peer groups"),
            ("Made by", role),
            ("From", times.day(period.first, with_year=True)),
            ("To", times.day(period.last, with_year=True)),
            ("Sessions held", "Not cancelled, and started before the file was made."),
            ("New to the group", str(NEW_MEMBERS_NOTE)),
            ("Privacy", f"No names or contact details. {FILE_NOTE}"),
        ],
        tables=[Table("Attendance", COLUMNS, figures.rows)],
        main="Attendance",
    )
