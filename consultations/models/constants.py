"""Limits shared by the consultation models, forms and services (the vocabulary is in choices.py)."""

TITLE_MAX_LENGTH = 120
EXPLANATION_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000
PLACE_MAX_LENGTH = 120
MAX_VOTES_PER_MEMBER = 20
MAX_IN_ROOM_VOTES = 10_000
