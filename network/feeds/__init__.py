"""Feeds, one module per format: iCalendar (groups, drop-in hours), the Meeting Guide JSON of groups,
and news RSS/Atom.

No feed ever carries an online meeting link: those go only to registered members.
"""

from .calendars import all_groups_calendar, drop_in_calendar, group_calendar
from .meeting_guide import meeting_guide
from .news import NewsAtomFeed, NewsFeed

__all__ = [
    "NewsAtomFeed",
    "NewsFeed",
    "all_groups_calendar",
    "drop_in_calendar",
    "group_calendar",
    "meeting_guide",
]
