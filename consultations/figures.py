"""Every count the portal publishes about a consultation, protected once so that pages and files
all show the same numbers and hide the same ones (see portal/disclosure.py for how and why).

What is published, anywhere (results page, board pages, the consultation page while counts show,
the vote JSON, members' own contributions, every export format and the board pack):

- for each published priority: online votes O, people who voted for it online S, votes in the
  room I and the total T = O + I;
- for each theme (and "No theme"): online votes (the sum of O) and votes in the room (the sum of
  I);
- overall: online votes (the sum over themes), votes in the room, the total (O + I, and the sum
  of every T), people who voted online and people who took part online.

S is hidden whenever O is, and O whenever S is: where members give one vote per priority they are
the same number, and elsewhere one bounds the other. In the same way the overall online votes, the
people who gave them and (once anyone has voted online) the people who took part hide together:
each bounds the next, and where members have one vote each the first two are the same number.

Not protected, because they are not counts of people or votes and each is shown anyway: how many
priorities were published (each is listed by name, with its theme, in the same files and pages,
so hiding the number would hide nothing) and how many group sessions gave in-room votes.

Not modelled: the order of the ranked list. The board ranks by exact totals, so a priority's place
says its hidden total lies between its neighbours' totals; the equations here leave that out.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from portal.disclosure import Cells

# The same words in every file (CSV, JSON, Excel) and the note near every table on a page.
FILE_NOTE = (
    "Empty counts are hidden so nobody can be singled out: counts from 1 to 4, "
    "and sometimes one more count so the first cannot be worked out."
)
HIDDEN_WORD = _("hidden")
PAGE_NOTE = _(
    "Where a number says “hidden”, we do not show it. We hide numbers from 1 to 4, so that nobody "
    "can be picked out. Sometimes we hide one more number too, so that the small one cannot be "
    "worked out by adding up or taking away."
)


def or_hidden(value):
    """A protected count as a page shows it: the count, or the word for one it does not show."""
    return HIDDEN_WORD if value is None else value


@dataclass(frozen=True)
class PriorityTally:
    """One published priority's exact counts, as the database holds them."""

    pk: int
    theme: str | None
    online_votes: int
    supporters: int
    in_room_votes: int


@dataclass
class ConsultationTally:
    priorities: list[PriorityTally] = field(default_factory=list)
    online_voters: int = 0
    participants: int = 0
    in_room_sessions: int = 0


class PriorityFigures(NamedTuple):
    """What may be shown for one priority. None means hidden.

    A named tuple, not a dataclass: a consultation's figures are unpickled from the shared cache
    on every page that shows them, and reading those of 1,000 priorities took 1.40 ms with frozen
    dataclasses, 0.69 ms with named tuples (bench/consultations.py times the read)."""

    online_votes: int | None = None
    supporters: int | None = None
    in_room_votes: int | None = None
    total_votes: int | None = None


NOTHING_SHOWN = PriorityFigures()


@dataclass(frozen=True)
class ThemeFigures:
    name: str | None
    priorities: int
    online_votes: int | None
    in_room_votes: int | None


@dataclass
class ConsultationFigures:
    """What may be shown for one consultation. None means hidden."""

    priorities: dict[int, PriorityFigures]
    themes: list[ThemeFigures]
    online_votes: int | None
    in_room_votes: int | None
    total_votes: int | None
    online_voters: int | None
    participants: int | None
    in_room_sessions: int
    has_hidden: bool

    @property
    def priority_count(self):
        return len(self.priorities)

    def of(self, priority_id):
        """A priority that is not published has nothing to show."""
        shown = self.priorities.get(priority_id)
        return NOTHING_SHOWN if shown is None else shown


def show_on(priority, figures):
    """Put the protected counts where pages and files read them, over any exact ones."""
    shown = figures.of(priority.pk)
    priority.online_votes = shown.online_votes
    priority.supporters = shown.supporters
    priority.in_room_votes = shown.in_room_votes
    priority.total_votes = shown.total_votes
    return priority


def protect(tally):
    """The consultation's figures with every count that must not be seen set to None."""
    cells = Cells()
    by_theme = defaultdict(list)
    for p in tally.priorities:
        cells.add(("online", p.pk), p.online_votes)
        cells.add(("supporters", p.pk), p.supporters)
        cells.add(("in_room", p.pk), p.in_room_votes)
        cells.add(("total", p.pk), p.online_votes + p.in_room_votes)
        cells.adds_up([("online", p.pk), ("in_room", p.pk)], ("total", p.pk))
        cells.hide_together(("online", p.pk), ("supporters", p.pk))
        by_theme[p.theme].append(p)
    theme_names = sorted(by_theme, key=lambda name: (name is None, name or ""))
    for name in theme_names:
        members = by_theme[name]
        cells.add(("theme_online", name), sum(p.online_votes for p in members))
        cells.add(("theme_in_room", name), sum(p.in_room_votes for p in members))
        cells.adds_up([("online", p.pk) for p in members], ("theme_online", name))
        cells.adds_up([("in_room", p.pk) for p in members], ("theme_in_room", name))
    online = sum(p.online_votes for p in tally.priorities)
    in_room = sum(p.in_room_votes for p in tally.priorities)
    cells.add("online", online)
    cells.add("in_room", in_room)
    cells.add("total", online + in_room)
    cells.add("online_voters", tally.online_voters)
    cells.add("participants", tally.participants)
    cells.hide_together("online", "online_voters")
    if tally.online_voters:
        cells.hide_together("online_voters", "participants")
    if tally.priorities:
        cells.adds_up([("theme_online", name) for name in theme_names], "online")
        cells.adds_up([("theme_in_room", name) for name in theme_names], "in_room")
        cells.adds_up(["online", "in_room"], "total")
        cells.adds_up([("total", p.pk) for p in tally.priorities], "total")
    hidden = cells.hidden()

    def shown(key, value):
        return None if key in hidden else value

    return ConsultationFigures(
        priorities={
            p.pk: PriorityFigures(
                online_votes=shown(("online", p.pk), p.online_votes),
                supporters=shown(("supporters", p.pk), p.supporters),
                in_room_votes=shown(("in_room", p.pk), p.in_room_votes),
                total_votes=shown(("total", p.pk), p.online_votes + p.in_room_votes),
            )
            for p in tally.priorities
        },
        themes=[
            ThemeFigures(
                name=name,
                priorities=len(by_theme[name]),
                online_votes=shown(("theme_online", name), sum(p.online_votes for p in by_theme[name])),
                in_room_votes=shown(("theme_in_room", name), sum(p.in_room_votes for p in by_theme[name])),
            )
            for name in theme_names
        ],
        online_votes=shown("online", online),
        in_room_votes=shown("in_room", in_room),
        total_votes=shown("total", online + in_room),
        online_voters=shown("online_voters", tally.online_voters),
        participants=shown("participants", tally.participants),
        in_room_sessions=tally.in_room_sessions,
        has_hidden=bool(hidden),
    )
