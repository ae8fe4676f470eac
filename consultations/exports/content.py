"""What goes into each export: a consultation's results, or a board meeting's agenda.

What never goes into a file: names, display names, emails or account ids, or anything a moderator
took down. Counts are the protected figures every page shows too (figures.py): a hidden count is an
empty cell in CSV and Excel and null in JSON, and the "About this file" part says why. Every file
says when it was made, from what, and under which role.
"""

from operator import attrgetter
from types import SimpleNamespace

from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from portal.exports.document import CHUNK, DAY, LONG_TEXT, MOMENT, NUMBER, Column, ExportDocument, Table, when

from .. import selectors
from ..figures import FILE_NOTE, show_on
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


def gathered(priority):
    if priority.is_taken_down:
        return ""
    return "yes" if priority.gathered_place else "no"


def theme_of(priority):
    return priority.theme.name if priority.theme_id else ""


# What the priority columns read of a ranked priority (its counts are the protected ones, show_on).
RANKED_READS = ("pk", "title", "explanation", "gathered_place")


def ranked_rows_of(consultation):
    """The consultation's published priorities, most votes first, as plain rows with what the
    priority columns read (none is taken down). Plain values, not model instances: making a
    priority and its theme for each row took most of a 1,000-row file's time."""
    ranked = (
        selectors.ranked_priorities(consultation)
        .select_related(None)
        .values(*RANKED_READS, theme_name=F("theme__name"))
    )
    for values in ranked.iterator(chunk_size=CHUNK):
        values["theme_name"] = values["theme_name"] or ""
        yield SimpleNamespace(is_taken_down=False, **values)


def priority_columns(theme=theme_of):
    """`theme` reads the theme's name: of a Priority, or of a plain row (ranked_rows_of). Plain
    attributes are read with attrgetter: a file of 1,000 rows reads each column 1,000 times."""
    return [
        Column("Priority", attrgetter("title")),
        Column("Why it matters", attrgetter("explanation"), LONG_TEXT),
        Column("Theme", theme),
        Column("Gathered at a group", gathered),
        Column("Votes online", attrgetter("online_votes"), NUMBER),
        Column("People who voted online", attrgetter("supporters"), NUMBER),
        Column("Votes in the room", attrgetter("in_room_votes"), NUMBER),
        Column("Total votes", attrgetter("total_votes"), NUMBER),
        Column(
            COUNTS_NOTE,
            lambda p: hidden_note(p.online_votes, p.supporters, p.in_room_votes, p.total_votes),
        ),
    ]


def response_columns():
    """What the board said about the row's agenda item: its `response`, None if none yet."""

    def part(read):
        return lambda row: "" if row.response is None else read(row.response)

    return [
        Column("Board response", part(lambda response: response.get_status_display())),
        Column("What the board said", part(attrgetter("explanation")), LONG_TEXT),
        Column("Who is doing it", part(attrgetter("responsible"))),
        Column("By when", part(attrgetter("due_by")), DAY),
    ]


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

    def ranked_rows():
        for rank, priority in enumerate(ranked_rows_of(consultation), start=1):
            show_on(priority, figures)
            priority.rank = rank
            priority.link = link = links.get(priority.pk)
            priority.response = getattr(link.agenda_item, "response", None) if link else None
            yield priority

    columns = [
        Column("Consultation", lambda p: consultation.question),
        Column("Rank", attrgetter("rank"), NUMBER),
        *priority_columns(theme=attrgetter("theme_name")),
        Column("Board meeting", lambda p: p.link.agenda_item.meeting.starts_at if p.link else None, MOMENT),
        Column("Agenda item", lambda p: p.link.agenda_item.title if p.link else ""),
        Column("Summary for the board", lambda p: p.link.agenda_item.summary if p.link else "", LONG_TEXT),
        *response_columns(),
    ]
    subject = f"The consultation “{consultation.question}”"
    return ExportDocument(
        title=f"Results: {consultation.question}",
        filename=f"consultation-{consultation.pk}-{slugify(consultation.question)[:40]}",
        about=made(subject, role) + consultation_about(consultation, figures),
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


def meeting_document(meeting, role):
    consultations = meeting_consultations(meeting)
    ranks = selectors.consultation_ranks([c.pk for c in consultations])

    def agenda_rows():
        for item in selectors.agenda_for(meeting):
            for priority in item.shown_priorities:
                priority.item = item
                priority.rank = ranks.get(priority.pk)
                priority.response = getattr(item, "response", None)
                yield priority

    columns = [
        Column("Board", lambda p: meeting.board.name),
        Column("Board meeting", lambda p: meeting.starts_at, MOMENT),
        Column("Item", lambda p: p.item.position_number, NUMBER),
        Column("Agenda item", lambda p: p.item.title),
        Column("Summary for the board", lambda p: p.item.summary, LONG_TEXT),
        Column("Consultation", lambda p: p.consultation.question),
        Column("Rank in the consultation", lambda p: p.rank, NUMBER),
        *priority_columns(),
        *response_columns(),
    ]
    return ExportDocument(
        title=f"Board pack: {meeting_label(meeting)}",
        filename=f"board-meeting-{meeting.pk}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}",
        about=meeting_about(meeting, role, consultations),
        tables=[Table("Agenda", columns, numbered(agenda_rows))],
        main="Agenda",
    )


def numbered(rows):
    """Number agenda items 1, 2, 3 in their order, whatever positions they hold."""

    def generate():
        numbers = {}
        for row in rows():
            row.item.position_number = numbers.setdefault(row.item.pk, len(numbers) + 1)
            yield row

    return generate


def document_for(subject, object_id, role):
    if subject == ExportSubject.CONSULTATION:
        return consultation_document(Consultation.objects.get(pk=object_id), role)
    if subject == ExportSubject.MEETING:
        return meeting_document(BoardMeeting.objects.select_related("board").get(pk=object_id), role)
    raise ValueError(subject)
