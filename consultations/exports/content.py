"""What goes into each export: a consultation's results, or a board meeting's agenda.

What never goes into a file: names, display names, emails or account ids, or anything a moderator
took down. Counts are the protected figures every page shows too (figures.py): a hidden count is an
empty cell in CSV and Excel and null in JSON, and the "About this file" part says why. Every file
says when it was made, from what, and under which role.
"""

from django.utils import timezone
from django.utils.text import slugify

from portal.exports.document import (
    CHUNK,
    DAY,
    LONG_TEXT,
    MOMENT,
    NUMBER,
    Column,
    ExportDocument,
    Table,
    cell,
    when,
)

from .. import selectors
from ..figures import FILE_NOTE
from ..models import AgendaItemPriority, BoardMeeting, Consultation, ExportSubject
from ..taken_down import hide_taken_down


def voting_rules(consultation):
    rules = [f"Each member had {consultation.votes_per_member} votes."]
    rules.append(
        "Members could put more than one vote on a priority."
        if consultation.several_votes_per_priority
        else "Members could put one vote on each priority."
    )
    if consultation.votes_can_be_moved:
        rules.append("Votes could be taken back while voting was open.")
    if consultation.needs_approval:
        rules.append("A facilitator checked each priority before it showed.")
    rules.append(str(selectors.TIE_BREAK_EXPLANATION))
    return " ".join(rules)


def consultation_about(consultation, figures, prefix=""):
    themes = list(consultation.themes.values_list("name", flat=True))
    return [
        (f"{prefix}Question", consultation.question),
        (f"{prefix}Background", consultation.background),
        (f"{prefix}Voting rules", voting_rules(consultation)),
        (f"{prefix}Opened", consultation.opens_at),
        (f"{prefix}Closed", consultation.closes_at),
        (f"{prefix}People who took part online", figures.participants),
        (f"{prefix}Priorities published", figures.priority_count),
        (f"{prefix}Votes online", figures.online_votes),
        (f"{prefix}Votes in the room", figures.in_room_votes),
        (f"{prefix}Group sessions with in-room votes", figures.in_room_sessions),
        (f"{prefix}Themes", "; ".join(themes)),
    ]


def made(subject, role):
    return [
        ("Made at", timezone.now()),
        ("Made from", subject),
        ("Made by", role),
        ("Privacy", f"No names or contact details. {FILE_NOTE}"),
    ]


COUNTS_NOTE = "About the counts"


def hidden_note(*counts):
    """Said beside a row with an empty count, so an empty cell is never read as nought."""
    return "Some counts are hidden so nobody can be picked out." if None in counts else ""


def theme_table(figures):
    return Table(
        "Themes",
        [
            Column("Theme", lambda theme: theme.name or "No theme"),
            Column("Priorities", lambda theme: theme.priorities, NUMBER),
            Column("Votes online", lambda theme: theme.online_votes, NUMBER),
            Column("Votes in the room", lambda theme: theme.in_room_votes, NUMBER),
            Column(COUNTS_NOTE, lambda theme: hidden_note(theme.online_votes, theme.in_room_votes)),
        ],
        lambda: figures.themes,
    )


# A row of either file is a dict of what its columns show (portal.exports.document.cell), so a row
# is read in one call: a call of Python code for each cell took most of a 1,000-row file's time.
# The consultation's file has a row per ranked priority, the meeting's a row per priority on its
# agenda; both show a priority, and what the board did about it, the same way.


def priority_cells(title, explanation, theme, gathered_place, counts, *, taken_down=False):
    """What the priority columns show of one priority: `theme` is its theme's name (None if it
    has none) and `counts` its protected counts (figures.PriorityFigures, or the priority with
    them shown on it). A taken-down priority (taken_down.py) says nothing of where it was gathered."""
    online, supporters, in_room = counts.online_votes, counts.supporters, counts.in_room_votes
    total = counts.total_votes
    return {
        "title": title,
        "explanation": explanation,
        "theme": theme or "",
        "gathered": "" if taken_down else ("yes" if gathered_place else "no"),
        "online_votes": online,
        "supporters": supporters,
        "in_room_votes": in_room,
        "total_votes": total,
        "counts_note": hidden_note(online, supporters, in_room, total),
    }


def priority_columns():
    return [
        cell("Priority", "title"),
        cell("Why it matters", "explanation", LONG_TEXT),
        cell("Theme", "theme"),
        cell("Gathered at a group", "gathered"),
        cell("Votes online", "online_votes", NUMBER),
        cell("People who voted online", "supporters", NUMBER),
        cell("Votes in the room", "in_room_votes", NUMBER),
        cell("Total votes", "total_votes", NUMBER),
        cell(COUNTS_NOTE, "counts_note"),
    ]


NO_RESPONSE = {"response": "", "board_said": "", "who": "", "by_when": ""}


def response_cells(response):
    """What the board said about an agenda item: its BoardResponse, or None if none yet."""
    if response is None:
        return NO_RESPONSE
    return {
        "response": response.get_status_display(),
        "board_said": response.explanation,
        "who": response.responsible,
        "by_when": response.due_by,
    }


def response_columns():
    return [
        cell("Board response", "response"),
        cell("What the board said", "board_said", LONG_TEXT),
        cell("Who is doing it", "who"),
        cell("By when", "by_when", DAY),
    ]


NOT_ON_AN_AGENDA = {"meeting": None, "agenda_item": "", "summary": "", **NO_RESPONSE}


def agenda_cells(link):
    """Where a priority went: the first agenda item it is on (an AgendaItemPriority), or None."""
    if link is None:
        return NOT_ON_AN_AGENDA
    item = link.agenda_item
    return {
        "meeting": item.meeting.starts_at,
        "agenda_item": item.title,
        "summary": item.summary,
        **response_cells(getattr(item, "response", None)),
    }


def ranked_rows_of(consultation, count):
    """The consultation's `count` published priorities (none is taken down), most votes first:
    (pk, title, explanation, gathered_place, theme's name). Plain values, not model instances:
    making a priority and its theme for each row took most of a 1,000-row file's time. Up to CHUNK
    rows are read in one go; more through a cursor, CHUNK rows at a time, so memory stays flat."""
    ranked = (
        selectors.ranked_priorities(consultation)
        .select_related(None)
        .values_list("pk", "title", "explanation", "gathered_place", "theme__name")
    )
    return ranked if count <= CHUNK else ranked.iterator(chunk_size=CHUNK)


def consultation_filename(consultation):
    return f"consultation-{consultation.pk}-{slugify(consultation.question)[:40]}"


def consultation_document(consultation, role):
    figures = selectors.consultation_figures([consultation.pk])[consultation.pk]
    links = {}
    for link in (
        AgendaItemPriority.objects.filter(priority__consultation=consultation)
        .select_related("agenda_item__meeting", "agenda_item__response")
        .prefetch_related("agenda_item__priorities")
    ):
        links.setdefault(link.priority_id, link)
    hide_taken_down([link.agenda_item for link in links.values()])
    question = consultation.question

    def ranked_rows():
        ranked = ranked_rows_of(consultation, figures.priority_count)
        for rank, (pk, title, explanation, gathered_place, theme) in enumerate(ranked, start=1):
            yield {
                "consultation": question,
                "rank": rank,
                **priority_cells(title, explanation, theme, gathered_place, figures.of(pk)),
                **agenda_cells(links.get(pk)),
            }

    columns = [
        cell("Consultation", "consultation"),
        cell("Rank", "rank", NUMBER),
        *priority_columns(),
        cell("Board meeting", "meeting", MOMENT),
        cell("Agenda item", "agenda_item"),
        cell("Summary for the board", "summary", LONG_TEXT),
        *response_columns(),
    ]
    subject = f"The consultation “{consultation.question}”"
    return ExportDocument(
        title=f"Results: {consultation.question}",
        filename=consultation_filename(consultation),
        about=lambda: made(subject, role) + consultation_about(consultation, figures),
        tables=[theme_table(figures), Table("Priorities", columns, ranked_rows)],
        main="Priorities",
    )


def meeting_label(meeting):
    return f"{meeting.board.name}, meeting on {when(meeting.starts_at)}"


def meeting_consultations(meeting):
    return list(
        Consultation.objects.filter(priorities__agenda_links__meeting=meeting)
        .distinct()
        .order_by("closes_at")
    )


def meeting_about(meeting, role, consultations):
    about = [
        *made(meeting_label(meeting), role),
        ("Board", meeting.board.name),
        ("Meeting", meeting.starts_at),
        ("Place", meeting.place),
        ("Meeting status", meeting.get_status_display()),
    ]
    figures = selectors.consultation_figures([consultation.pk for consultation in consultations])
    for consultation in consultations:
        # Named by its question, so it reads the same in every file whatever else is in it.
        about += consultation_about(
            consultation, figures[consultation.pk], prefix=f"{consultation.question}: "
        )
    return about


def meeting_filename(meeting):
    return f"board-meeting-{meeting.pk}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}"


def meeting_document(meeting, role):
    consultations = meeting_consultations(meeting)
    ranks = selectors.consultation_ranks([c.pk for c in consultations])
    board, starts_at = meeting.board.name, meeting.starts_at

    def agenda_rows():
        # Items are numbered 1, 2, 3 in their order, whatever positions they hold; an item with no
        # priority on it has no row, and no number.
        number = 0
        for item in selectors.agenda_for(meeting):
            number += bool(item.shown_priorities)
            response = response_cells(getattr(item, "response", None))
            for priority in item.shown_priorities:
                yield {
                    "board": board,
                    "meeting": starts_at,
                    "item": number,
                    "agenda_item": item.title,
                    "summary": item.summary,
                    "consultation": priority.consultation.question,
                    "rank": ranks.get(priority.pk),
                    **priority_cells(
                        priority.title,
                        priority.explanation,
                        priority.theme.name if priority.theme_id else None,
                        priority.gathered_place,
                        priority,
                        taken_down=priority.is_taken_down,
                    ),
                    **response,
                }

    columns = [
        cell("Board", "board"),
        cell("Board meeting", "meeting", MOMENT),
        cell("Item", "item", NUMBER),
        cell("Agenda item", "agenda_item"),
        cell("Summary for the board", "summary", LONG_TEXT),
        cell("Consultation", "consultation"),
        cell("Rank in the consultation", "rank", NUMBER),
        *priority_columns(),
        *response_columns(),
    ]
    return ExportDocument(
        title=f"Board pack: {meeting_label(meeting)}",
        filename=meeting_filename(meeting),
        about=lambda: meeting_about(meeting, role, consultations),
        tables=[Table("Agenda", columns, agenda_rows)],
        main="Agenda",
    )


def document_of(subject, obj, role):
    """The document of a consultation or a meeting (with its board) already read."""
    if subject == ExportSubject.CONSULTATION:
        return consultation_document(obj, role)
    if subject == ExportSubject.MEETING:
        return meeting_document(obj, role)
    raise ValueError(subject)


def filename_of(subject, obj):
    """The name of a file of a consultation or a meeting, without its format's ending."""
    if subject == ExportSubject.CONSULTATION:
        return consultation_filename(obj)
    if subject == ExportSubject.MEETING:
        return meeting_filename(obj)
    raise ValueError(subject)


def document_for(subject, object_id, role):
    """The same, from the id an ExportLog keeps (a file made in the background)."""
    if subject == ExportSubject.CONSULTATION:
        obj = Consultation.objects.get(pk=object_id)
    elif subject == ExportSubject.MEETING:
        obj = BoardMeeting.objects.select_related("board").get(pk=object_id)
    else:
        raise ValueError(subject)
    return document_of(subject, obj, role)
