"""The check on a facilitator's note by email (a cancelled session, an answer to a request to
join, what to get ready for a session), in one function so that a fuller safety check can replace it. A note must not carry
anyone's contact details, name or personal news ("Rowan is unwell")."""

import re

PHONE = re.compile(r"(?:\+44\s?|\b0)(?:[\s-]?\d){9,10}\b|(?<!\d)(?:\d[\s-]?){10,}\d?")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Two capitalised words in a row, like "Jamie MacLeod", unless they are a day, a month or a place.
FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:Mac|Mc|O')?[A-Z][a-z'-]+)\b")
NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Christmas", "Easter", "New", "Year", "Bank", "Holiday",
    "The", "Net", "Loft", "Drop", "In", "Hub", "Group", "Peer", "Support", "Hall", "Centre",
    "Room", "Church", "Library", "Community", "Sorry", "We", "Our", "Please", "See", "Next",
}  # fmt: skip
PERSONAL_NEWS = re.compile(
    r"\b(?:unwell|ill|illness|sick|poorly|hospital|surgery|operation|died|passed away|funeral"
    r"|bereave\w*|relapse\w*|pregnan\w*|baby|family emergency)\b",
    re.IGNORECASE,
)


def personal_details_in_note(text):
    """What in `text` may be personal: a list of plain descriptions, empty when nothing is."""
    found = []
    if PHONE.search(text):
        found.append("a phone number")
    if EMAIL.search(text):
        found.append("an email address")
    if any(first not in NOT_NAMES and last not in NOT_NAMES for first, last in FULL_NAME.findall(text)):
        found.append("someone's name")
    if PERSONAL_NEWS.search(text):
        found.append("news about someone's health or life")
    return found


def personal_details_message(found, goes_to="everyone with a place"):
    return (
        f"Please take out {' and '.join(found)}. The note goes to {goes_to}, so keep it "
        "to practical things, like where to go instead."
    )


def what_to_prepare_problem(text):
    """A kind sentence when the list carries someone's personal details, or "". Read line by line,
    so two words on different lines ("Rice", "Chopped tomatoes") are not taken for a name."""
    found = []
    for line in text.splitlines():
        found += [problem for problem in personal_details_in_note(line) if problem not in found]
    if not found:
        return ""
    return (
        f"Please take out {' and '.join(found)}. This goes to everyone with a place, so keep it "
        "to what to bring or get ready."
    )


def cleaned_what_to_prepare(text):
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)
