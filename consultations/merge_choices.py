"""The list a facilitator joins a post into: a consultation's published priorities from A to Z,
each drawn as an option once (portal/quick_widgets.option) and kept with the consultation's
figures (figures_cache.cached_part), the same for every post in it until one of them changes.

A post's own list is this one less the post itself and the few shown first as most like it
(consultations/alike.py), with the one chosen marked when the page comes back with an error. The
options are kept as one string with where each starts, so leaving a few out is a few slices of
it, not a walk through 1,000 options on every page."""

from itertools import accumulate

from portal.quick_widgets import option


class AToZ:
    def __init__(self, choices):
        """`choices`: (id, title) pairs, already from A to Z."""
        self.choices = list(choices)
        drawn = [option(pk, title) for pk, title in self.choices]
        self.drawn = "".join(drawn)
        self.starts = list(accumulate(map(len, drawn), initial=0))
        self.place = {str(pk): order for order, (pk, _title) in enumerate(self.choices)}

    def options(self, leave_out=(), chosen=None):
        """The options drawn, less those whose ids are in `leave_out`, with the one whose id is
        `chosen` (as text, as a form sends it) selected."""
        instead = {self.place[str(pk)]: "" for pk in leave_out if str(pk) in self.place}
        at = self.place.get(str(chosen))
        if at is not None and at not in instead:
            instead[at] = option(*self.choices[at], selected=True)
        pieces, start = [], 0
        for order in sorted(instead):
            pieces += [self.drawn[self.starts[start] : self.starts[order]], instead[order]]
            start = order + 1
        pieces.append(self.drawn[self.starts[start] :])
        return "".join(pieces)
