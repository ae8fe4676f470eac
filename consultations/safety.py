"""Checks on what someone writes, before it is posted.

These are kind heuristics, not filters: they ask the writer to take out personal details
(they can still go on), and when words suggest someone may be in crisis they show where to get
help now and flag the post to facilitators. Nothing here ever stops someone asking for help.
"""

import re
from dataclasses import dataclass, field

PHONE = re.compile(r"(?<![\w])(?:\+44\s?|0)(?:[\s-]?\d){9,10}(?!\d)|(?<!\d)(?:\d[\s-]?){10,}\d?")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Drive|Close|Way|Crescent|Terrace|Place|Court|Gardens|Square|Row|Brae|Wynd)\b"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+")
# Two capitalised words in a row, not at the start of a sentence: often someone's full name.
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z'-]+)\b")
# Capitalised words that are not names, so "on Tuesday Morning" or "the Drop In" raise no question.
NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Christmas", "Easter", "New", "Year",
    "The", "And", "Drop", "In", "Peer", "Support", "Group", "Hub", "Network", "Recovery",
    "Health", "Board", "Partnership", "Council", "Hospital", "Service", "Services", "Centre",
    "Housing", "Advice", "Nurse", "Practitioner", "Community", "Mental", "Family", "Families",
    "Smart", "Citizens", "Job", "Jobcentre", "Plus", "Universal", "Credit",
}  # fmt: skip

CRISIS = re.compile(
    r"\b(?:over ?dos(?:e|ed|ing)|suicid\w*|kill(?:ing)? myself|end(?:ing)? (?:my|it all)(?: life)?"
    r"|self[- ]?harm\w*|hurt(?:ing)? myself|harm(?:ing)? myself|want(?:ed)? to die"
    r"|don'?t want to (?:live|be here)|no reason to live|take my (?:own )?life)\b",
    re.IGNORECASE,
)

PHONE_NUMBER = "a phone number"
EMAIL_ADDRESS = "an email address"
STREET_ADDRESS = "a street address or postcode"
PERSON_NAME = "someone's name"


@dataclass
class SafetyCheck:
    personal_details: list[str] = field(default_factory=list)
    crisis: bool = False

    @property
    def has_personal_details(self):
        return bool(self.personal_details)


def _looks_like_full_name(text):
    if TITLED_NAME.search(text):
        return True
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        for match in CAPITALISED_PAIR.finditer(sentence):
            if match.start() == 0:
                continue
            first, second = match.groups()
            if first not in NOT_NAMES and second not in NOT_NAMES:
                return True
    return False


def check_text(title, explanation=""):
    """What a member should be asked about before these words are posted. Titles are often
    written with capitals on every word, so only the explanation is searched for names."""
    joined = f"{title}\n{explanation}"
    found = []
    if PHONE.search(joined):
        found.append(PHONE_NUMBER)
    if EMAIL.search(joined):
        found.append(EMAIL_ADDRESS)
    if STREET.search(joined) or POSTCODE.search(joined):
        found.append(STREET_ADDRESS)
    if _looks_like_full_name(explanation):
        found.append(PERSON_NAME)
    return SafetyCheck(personal_details=found, crisis=bool(CRISIS.search(joined)))
