"""Which vote buttons a member sees on a priority, and what they say: decided here once. The page
and the JSON answer to a vote both ask this; the script (static/js/votes.js) only refreshes the
other forms on the page from the numbers in that answer, by the same rule."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class VoteButtons:
    dots: int
    several_allowed: bool
    can_add: bool
    can_remove: bool
    out_of_votes: bool

    @property
    def add_label(self):
        return _("Add another vote") if self.dots else _("Support this")

    @property
    def status(self):
        if not self.dots:
            return ""
        if not self.several_allowed:
            return _("You support this.")
        return ngettext(
            "You support this with %(n)s vote.", "You support this with %(n)s votes.", self.dots
        ) % {"n": self.dots}


def vote_buttons(consultation, *, dots, remaining):
    one_more_allowed = dots == 0 or consultation.several_votes_per_priority
    return VoteButtons(
        dots=dots,
        several_allowed=consultation.several_votes_per_priority,
        can_add=remaining > 0 and one_more_allowed,
        can_remove=dots > 0 and consultation.votes_can_be_moved,
        out_of_votes=remaining <= 0 and one_more_allowed,
    )
