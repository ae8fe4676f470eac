"""The one safety check for everything a member writes, before it is sent.

These are kind prompts, never filters: nothing here stops anyone posting or asking for help.

- Crisis words show where to get help now and open a safeguarding case (safeguarding.services).
- Personal details (phone numbers, email and street addresses, postcodes, full names) ask the
  writer to take them out. Phone numbers are read with `phonenumbers` (Google's libphonenumber
  data); first names come from the name list packaged with `gender-guesser`, read from disk, so
  nothing is fetched while the site runs.
- Stigmatising words are shown with kinder words, following the Scottish Drugs Forum's
  "Moving beyond people first language" guidance.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import gender_guesser.detector
import phonenumbers

CRISIS = re.compile(
    r"\b(?:over ?dos(?:e|ed|es|ing)|suicid\w*|kill(?:ing)? myself|end(?:ing)? (?:my life|it all)"
    r"|self[- ]?harm\w*|hurt(?:ing)? myself|harm(?:ing)? myself|want(?:ed)? to die|better off dead"
    r"|don'?t want to (?:live|be here|wake up)|no reason to live|take my (?:own )?life"
    r"|can'?t go on|cut(?:ting)? myself|not safe (?:at home|tonight)|say(?:ing)? goodbye to every(?:one|body))",
    re.IGNORECASE,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Drive|Close|Way|Crescent|Terrace|Place|Court|Gardens|Square|Row|Brae|Wynd)\b"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+")
# A capitalised word and the capitalised word after it: a first name and a surname, when the first
# is in the name list ("Jamie MacLeod", "Ann O'Neill", "Sam Smith-Jones").
# The surname is read ahead, so in "Ask Ann O'Neill" the pair "Ann O'Neill" is still seen.
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+)(?=\s+((?:Mac|Mc|O')?[A-Z][a-z'-]+)\b)")
# Capitalised words that are not surnames or first names here, so "On Tuesday Morning", "Peer
# Support" or "The Drop In" raise no question (the name list has "Peer", "May", "The", "Will").
NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Morning",
    "Afternoon", "Evening", "Night", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Christmas", "Easter",
    "New", "Year", "Day", "The", "And", "But", "Drop", "In", "Peer", "Support", "Group", "Groups",
    "Hub", "Network", "Recovery", "Health", "Board", "Partnership", "Council", "Hospital",
    "Service", "Services", "Centre", "Center", "Housing", "Advice", "Nurse", "Practitioner",
    "Community", "Mental", "Family", "Families", "Smart", "Citizens", "Job", "Jobcentre", "Plus",
    "Universal", "Credit", "Street", "Road", "Lane", "Avenue", "Park", "Hall", "Church", "House",
    "Café", "Cafe", "Club", "Team", "Office", "Library", "Station", "School", "College", "Trust",
    "Will", "Hope", "Grace", "Joy", "Faith", "Star", "Sky", "Art", "Music", "Walk", "Walking",
    "Alcoholics", "Narcotics", "Anonymous", "Scotland", "England", "Wales", "Ireland", "Glasgow",
    "Edinburgh", "Dundee", "Aberdeen", "Inverness", "Perth", "Stirling", "Fife", "Lothian",
}  # fmt: skip

PHONE_MIN_DIGITS = 10
PHONE_NUMBER = "a phone number"
EMAIL_ADDRESS = "an email address"
STREET_ADDRESS = "a street address or postcode"
PERSON_NAME = "someone's name"


@dataclass(frozen=True)
class KinderWords:
    """A stigmatising word found, and what to say instead."""

    found: str
    instead: str


# What to look for, and the kinder words to offer: a data file, so the words members write never
# stand in the portal's own code or copy.
KINDER_WORDS_FILE = Path(__file__).with_name("kinder_words.tsv")


def _stigma_rules(path=KINDER_WORDS_FILE):
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pattern, instead = line.split("\t")
            rules.append((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), instead))
    return rules


STIGMA_PATTERNS = _stigma_rules()


@dataclass
class SafetyCheck:
    personal_details: list[str] = field(default_factory=list)
    crisis: bool = False
    kinder_words: list[KinderWords] = field(default_factory=list)

    @property
    def has_personal_details(self):
        return bool(self.personal_details)

    @property
    def has_stigma(self):
        return bool(self.kinder_words)

    @property
    def asks_a_question(self):
        """Worth showing back to the writer before it is sent."""
        return self.crisis or self.has_personal_details or self.has_stigma


@functools.cache
def _first_names():
    """The packaged first-name list, read once per process (about a quarter of a second)."""
    return gender_guesser.detector.Detector(case_sensitive=False)


def _is_first_name(word):
    return word not in NOT_NAMES and _first_names().get_gender(word) != "unknown"


def _has_phone_number(text):
    """A number libphonenumber reads as a possible UK (or +country) number, with the 10 or more
    digits a real one has: "by 2027" or "3 May 2026" is a possible number, but not a phone."""
    matches = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    return any(sum(c.isdigit() for c in match.raw_string) >= PHONE_MIN_DIGITS for match in matches)


def _has_full_name(text):
    if TITLED_NAME.search(text):
        return True
    for match in CAPITALISED_PAIR.finditer(text):
        first, surname = match.groups()
        if surname not in NOT_NAMES and _is_first_name(first):
            return True
    return False


def _kinder_words(text):
    found = []
    for pattern, instead in STIGMA_PATTERNS:
        for match in pattern.finditer(text):
            word = match.group(0)
            if all(word.lower() not in earlier.found.lower() for earlier in found):
                found.append(KinderWords(found=word, instead=instead))
    return found


def has_crisis_words(*texts):
    return any(CRISIS.search(text or "") for text in texts)


def check_text(title, explanation=""):
    """What a writer should be asked about before these words are sent. A title is often written
    with capitals on every word, so names are looked for only in the explanation; everything else
    is looked for in both. Any one piece of text (a message, a reason) is the explanation."""
    title, explanation = title or "", explanation or ""
    joined = f"{title}\n{explanation}"
    found = []
    if _has_phone_number(joined):
        found.append(PHONE_NUMBER)
    if EMAIL.search(joined):
        found.append(EMAIL_ADDRESS)
    if STREET.search(joined) or POSTCODE.search(joined):
        found.append(STREET_ADDRESS)
    if _has_full_name(explanation):
        found.append(PERSON_NAME)
    return SafetyCheck(
        personal_details=found, crisis=has_crisis_words(joined), kinder_words=_kinder_words(joined)
    )


def check_message(text):
    """The check for one piece of free text: a join request message, a report reason, a note."""
    return check_text("", text)
