"""A consultation's protected figures (figures.py), kept in the shared cache until something they
count changes, so a page that shows them does not count every vote again on every request.

A copy is kept with two version marks that live in the shared cache, and used only while they
have not moved on:
- the consultation's own mark, moved on by every vote given or taken back and by any change to
  one of its priorities (posted, published, merged, taken down) or themes (renamed, removed: the
  figures and the ranked table show their names);
- one mark for everything, moved on by votes counted in the room and by an account deleted
  (its votes go, and its posts may be taken down).
A mark moves on as the change is made and again once it is committed, so a copy made from what
the database held a moment before the commit is never read afterwards. The figures shown are
therefore always exact; only their counting is saved. If the cache is away, every request counts
afresh, as before.
"""

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from accounts.signals import account_deleting
from portal.kept_here import KeptHere
from portal.page_cache import current_version
from portal.release import release

from .models import InRoomTally, Priority, Theme

EVERYTHING = "consultation-figures:mark"
MARK = "consultation-figures:mark:{pk}"
# One copy per consultation (and per part and language), kept with the marks it was made under and
# replaced when they have moved on: a busy consultation never piles up copies nobody will read.
# Each release of the code keeps its own (portal/release.py): the figures are pickled, and the
# parts drawn with its templates.
COPY = "consultation-figures:{release}:{pk}"
PART = "consultation-part:{release}:{name}:{language}:{pk}"
# Copies nobody has asked for in an hour make room for others.
COPY_SECONDS = 3600
# Each process also keeps the last figures and parts it read or made (not files: they can be
# large), and uses them while their marks have not moved on, rather than fetch and unpickle the
# same copy on every page: for a consultation of 1,000 priorities, its figures and ranked order
# are tens of kilobytes each. The oldest goes when there are more than this many.
here = KeptHere(at_most=32)
# A file (cached_file) is kept whole only up to this many characters: a larger one is read from the
# database as it streams, every time, so memory stays flat however large it grows.
KEEP_AT_MOST = 1_000_000


def _move_on(keys):
    def now():
        cache.set_many({key: uuid4().hex for key in keys}, timeout=None)

    now()
    transaction.on_commit(now)


def counts_changed(consultation_id):
    """Something this consultation's figures count has changed (or is changing now)."""
    _move_on([MARK.format(pk=consultation_id)])


def all_counts_changed():
    _move_on([EVERYTHING])


def _stamps(ids):
    """{consultation id: (global mark, its own mark)}, as they are now. Read before counting, so a
    copy counted while a vote lands carries the marks from before it and is never used again."""
    keys = [EVERYTHING, *(MARK.format(pk=pk) for pk in ids)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid4().hex, timeout=None)
            found[key] = cache.get(key) or uuid4().hex
    return {pk: (found[EVERYTHING], found[MARK.format(pk=pk)]) for pk in ids}


def copy_key(consultation_id):
    return COPY.format(release=release(), pk=consultation_id)


def _current(copy, stamp):
    return copy[1] if isinstance(copy, tuple) and len(copy) == 2 and copy[0] == stamp else None


def cached_figures(consultation_ids, count):
    """{consultation id: figures}: copies from the cache where nothing counted has changed since,
    the rest from `count(ids)`, which are kept for next time."""
    ids = list(dict.fromkeys(consultation_ids))
    stamps = _stamps(ids)
    figures = {}
    for pk in ids:
        kept = here.get(copy_key(pk), stamps[pk])
        if kept is not None:
            figures[pk] = kept
    wanted = [pk for pk in ids if pk not in figures]
    copies = cache.get_many([copy_key(pk) for pk in wanted]) if wanted else {}
    for pk in wanted:
        figures_now = _current(copies.get(copy_key(pk)), stamps[pk])
        if figures_now is not None:
            figures[pk] = here.keep(copy_key(pk), stamps[pk], figures_now)
    missing = [pk for pk in ids if pk not in figures]
    if missing:
        counted = count(missing)
        cache.set_many({copy_key(pk): (stamps[pk], counted[pk]) for pk in missing}, timeout=COPY_SECONDS)
        for pk in missing:
            figures[pk] = here.keep(copy_key(pk), stamps[pk], counted[pk])
    return figures


def part_key(consultation_id, name):
    return PART.format(release=release(), name=name, language=get_language(), pk=consultation_id)


def forget_part(consultation_id, name):
    """Drop a kept part or file, so the next asking draws or writes it afresh (benchmarks, tests)."""
    cache.delete(part_key(consultation_id, name))
    here.forget(part_key(consultation_id, name))


def cached_part(consultation_id, name, render):
    """A part of a page drawn from the consultation's counts and priorities alone (the ranked
    table, say), or what such a part is drawn from (the ranked order), the same for everyone who
    may see it: made again only when they change."""
    stamp = _stamps([consultation_id])[consultation_id]
    key = part_key(consultation_id, name)
    html = here.get(key, stamp)
    if html is not None:
        return html
    html = _current(cache.get(key), stamp)
    if html is None:
        html = render()
        cache.set(key, (stamp, html), timeout=COPY_SECONDS)
    return here.keep(key, stamp, html)


def cached_file(consultation_id, name, write):
    """The pieces of a file drawn from the consultation's priorities and counts and from what the
    board did with them (agenda items, meetings and responses: public records, whose every change
    moves the page cache's version on), the same for everyone who may download it. `write()` gives
    the pieces; once they have all been sent, the text is kept, and sent from the copy until any of
    those changes. A download stopped halfway keeps nothing."""
    stamp = (*_stamps([consultation_id])[consultation_id], current_version())
    key = part_key(consultation_id, name)
    text = _current(cache.get(key), stamp)
    if text is not None:
        return [text]
    return _kept_once_sent(write(), key, stamp)


def _kept_once_sent(pieces, key, stamp):
    kept, size = [], 0
    for piece in pieces:
        yield piece
        if kept is not None:
            kept.append(piece)
            size += len(piece)
            if size > KEEP_AT_MOST:
                kept = None
    if kept is not None:
        cache.set(key, (stamp, "".join(kept)), timeout=COPY_SECONDS)


def _priority_changed(sender, instance, **kwargs):
    counts_changed(instance.consultation_id)


def _theme_changed(sender, instance, **kwargs):
    counts_changed(instance.consultation_id)


def _in_room_changed(sender, **kwargs):
    all_counts_changed()


def _account_deleting(sender, **kwargs):
    all_counts_changed()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _priority_changed, sender=Priority, dispatch_uid=f"figures_priority_{signal is post_save}"
        )
        signal.connect(_theme_changed, sender=Theme, dispatch_uid=f"figures_theme_{signal is post_save}")
        signal.connect(
            _in_room_changed, sender=InRoomTally, dispatch_uid=f"figures_in_room_{signal is post_save}"
        )
    account_deleting.connect(_account_deleting, dispatch_uid="figures_account_deleting")
