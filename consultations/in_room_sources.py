"""Where in-room votes may have been counted, offered by other apps through a Wagtail hook.

consultations never imports the apps that run sessions. An app that does (network, for its group
sessions) registers a function with the `register_in_room_sources` hook:

    @hooks.register("register_in_room_sources")
    def sessions_for_in_room_votes(starts, ends):
        return [("group-session:12", "Tuesday peer group, 6pm", date(2026, 12, 1)), ...]

It is called with a window (two aware datetimes) and returns (source key, name, day) for every
session that ended inside it. The key is stored on the gathering made from it, so one session is one
gathering however its name reads later.
"""

from dataclasses import dataclass
from datetime import date

from wagtail import hooks

from portal import times

IN_ROOM_SOURCES_HOOK = "register_in_room_sources"


@dataclass(frozen=True)
class InRoomSource:
    key: str
    name: str
    held_on: date

    @property
    def label(self):
        return f"{self.name}, {times.day(self.held_on, with_year=True)}"


def in_room_sources(starts, ends):
    """Every session offered by any app that ended between `starts` and `ends`, latest first."""
    found = []
    for offer in hooks.get_hooks(IN_ROOM_SOURCES_HOOK):
        found.extend(InRoomSource(key, name, held_on) for key, name, held_on in offer(starts, ends))
    return sorted(found, key=lambda source: (source.held_on, source.name), reverse=True)
