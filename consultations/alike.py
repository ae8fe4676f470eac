"""Which published priorities look most like a post, so a facilitator joining a repeat into the
priority it repeats finds that one at the top of the list rather than among hundreds.

Plain words, not meaning: two titles are alike as far as they share words of three letters or
more that say something ("bus", "passes"), counting a word and its plural as one. Fast enough
for thousands of titles on each page."""

import re
from bisect import bisect_right
from itertools import accumulate

# Words that say nothing about what a priority is about.
_PLAIN_WORDS = """about after again also and any are because been being but can could did does doing
    for from get gets getting got had has have having help helps her here hers him his how into its
    just lot lots make more most much need needs not now our out over people really should some
    such than that the their them then there these they thing things this those too very want
    wants was way were what when where which while who why will with would you your"""
_PLAIN = frozenset(_PLAIN_WORDS.split())
_WORD = re.compile(r"[a-z]{3,}")


def _stem(word):
    """One key for a word and its plural: bus and buses, house and houses, lunch and lunches."""
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def words(text):
    """The words of `text` that say something, each as its stem (see _stem)."""
    found = set()
    for word in _WORD.findall(text.lower()):
        if word in _PLAIN:
            continue
        found.add(_stem(word))
    return found


def most_alike(text, candidates, limit=5):
    """Up to `limit` of `candidates` ((value, title) pairs) whose titles share the most words
    with `text`, most first; those sharing none are left out. Ties keep the candidates' order."""
    wanted = words(text)
    if not wanted:
        return []
    lowered = [title.lower() for _value, title in candidates]
    # A stem is the start of the word it came from, so a title without any of them as text shares
    # none of them: each stem is looked for once in all the titles together (a search in C), and
    # only the titles it is found in are split into words.
    together = "\0".join(lowered)
    starts = list(accumulate((len(title) + 1 for title in lowered), initial=0))
    found = set()
    for stem in wanted:
        at = together.find(stem)
        while at != -1:
            order = bisect_right(starts, at) - 1
            found.add(order)
            at = together.find(stem, starts[order + 1])
    scored = ((len(wanted & words(lowered[order])), order) for order in sorted(found))
    best = sorted((item for item in scored if item[0]), key=lambda item: (-item[0], item[1]))[:limit]
    return [candidates[order] for _score, order in best]
