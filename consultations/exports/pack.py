"""The printable board pack (and its PDF): the meeting's export document, laid out for reading.

It is made from the same tables as the CSV, JSON and Excel files, so it holds every column they do:
each agenda item with its summary and the board's response, then a row per priority under it.
"""

from portal.exports.document import when

from .content import COUNTS_NOTE, meeting_consultations, meeting_document

# The columns that belong to the agenda item or the meeting rather than to one of its priorities,
# and the note the pack gives once at the top instead of on every row.
ITEM_COLUMNS = ("Board", "Board meeting", "Item", "Agenda item", "Summary for the board", COUNTS_NOTE)
RESPONSE_COLUMNS = {
    "Board response": "status",
    "What the board said": "explanation",
    "Who is doing it": "responsible",
    "By when": "due_by",
}


def pack_context(meeting, role):
    document = meeting_document(meeting, role)
    [agenda] = document.tables
    priority_headers = [h for h in agenda.headers if h not in ITEM_COLUMNS and h not in RESPONSE_COLUMNS]
    # The priority names its row, for people who hear the table read out.
    priority_headers.insert(0, priority_headers.pop(priority_headers.index("Priority")))
    items = {}
    for values in agenda.values():
        row = dict(zip(agenda.headers, values, strict=True))
        item = items.setdefault(
            row["Item"],
            {
                "number": row["Item"],
                "title": row["Agenda item"],
                "summary": row["Summary for the board"],
                "response": {key: when(row[header]) for header, key in RESPONSE_COLUMNS.items()},
                "rows": [],
            },
        )
        item["rows"].append([row[name] for name in priority_headers])
    consultations = meeting_consultations(meeting)
    return {
        "meeting": meeting,
        "meeting_day": when(meeting.starts_at),
        # None stays None: the template says "hidden" for a hidden count.
        "about": [
            (label, None if value is None else when(value)) for label, value in document.about_this_file()
        ],
        "headers": priority_headers,
        "items": list(items.values()),
        "has_hidden": any(value is None for item in items.values() for row in item["rows"] for value in row),
        "consultation_count": len(consultations),
    }
