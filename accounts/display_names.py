"""Display names nobody can mistake for someone else's, or for the portal's own words.

Two names count as the same when they look the same: "Skye" and "Sky\u0435" (with a Cyrillic e), "mary"
and "rnary", "SKYE" and "skye". They are compared by their confusable skeleton (Unicode UTS #39),
as ICU's spoof checker computes it, after folding case. The skeleton is stored with each profile
under a unique constraint, so the database refuses a look-alike even from two sign-ups at once.
"""

import unicodedata

from icu import SpoofChecker

_checker = SpoofChecker()

# Words the portal itself shows in place of a name. Nobody may take them as a display name.
RESERVED_NAMES = (
    "A former member",
    "A member",
    "Anonymous",
    "Anonymous to other members",
    "Facilitator",
    "A facilitator",
    "Staff",
    "Moderator",
    "Admin",
    "Administrator",
    "Network portal",
    "You",
)


def skeleton(name):
    """What a name looks like, whatever letters or case it is written with."""
    text = unicodedata.normalize("NFKC", " ".join(name.split()))
    return _checker.getSkeleton(0, _checker.getSkeleton(0, text).casefold())


RESERVED_SKELETONS = frozenset(skeleton(name) for name in RESERVED_NAMES)


def is_reserved(name):
    return skeleton(name) in RESERVED_SKELETONS
