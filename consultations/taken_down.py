"""What shows where a moderator took a priority down.

Taken down means gone from every public page, feed, board view and file made after it. The agenda
item it was on, and the board's response, stay: they are the board's own words, and members are
owed the answer. Where the priority was, and where its words reached the item (the shortlist form
names an item after its first priority), neutral words stand instead.
"""

from django.utils.translation import gettext_lazy as _

from .models import PriorityStatus

PRIORITY_TITLE = _("A priority that was taken down by a moderator")
ITEM_TITLE = _("An agenda item whose title was taken down by a moderator")
ITEM_SUMMARY = _("A moderator took down the priorities on this item, so its summary is not shown.")


class TakenDownPriority:
    """Stands where a taken-down priority was: none of its words, theme or counts."""

    is_taken_down = True
    explanation = ""
    theme = None
    theme_id = None
    gathered_place = ""
    online_votes = supporters = in_room_votes = total_votes = None

    def __init__(self, priority):
        self.title = str(PRIORITY_TITLE)
        self.pk = priority.pk
        self.consultation = priority.consultation
        self.consultation_id = priority.consultation_id


def _words(text):
    return " ".join(text.split()).casefold()


def hide_taken_down(items):
    """Give each agenda item `shown_priorities`, with taken-down ones replaced (and last), and neutral words
    over its title where that was a taken-down priority's title, and over its summary too when
    every priority on it was taken down. For items with `priorities` prefetched. The changes are
    for showing only: these objects are never saved."""
    for item in items:
        priorities = list(item.priorities.all())
        taken_down = [priority for priority in priorities if priority.status == PriorityStatus.REMOVED]
        # Kept priorities first, in their order; where the taken-down ones stood tells nothing.
        item.shown_priorities = [p for p in priorities if p.status != PriorityStatus.REMOVED] + [
            TakenDownPriority(priority) for priority in taken_down
        ]
        if taken_down and len(taken_down) == len(priorities):
            item.title, item.summary = str(ITEM_TITLE), str(ITEM_SUMMARY)
        elif _words(item.title) in {_words(priority.title) for priority in taken_down}:
            item.title = str(ITEM_TITLE)
    return items
