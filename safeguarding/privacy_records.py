"""What safeguarding keeps about people, for the privacy notice (portal/privacy.py)."""

from portal.privacy import LEGITIMATE_INTERESTS, SAFEGUARDING, PrivacyRecord, days

from .models import SafeguardingSettings


def _kept_for():
    keep = SafeguardingSettings.current().keep_closed_cases_days
    return (
        "Open until a facilitator or staff member records how they followed it up. "
        f"{days(keep)} after that, your name, your words and the notes are removed; "
        "a record that a case happened, and when, stays."
    )


def records():
    return [
        PrivacyRecord(
            models=("safeguarding.case", "safeguarding.caseaction"),
            what=(
                "A safeguarding case: opened when something you send (a post, a change, a report, a "
                "message asking to join a group, or why you are leaving) suggests you may need help now. "
                "It keeps your display name, a copy of those words, when you sent them, and what "
                "facilitators and staff did, with their notes."
            ),
            why="So that someone follows up with you, and nothing is missed if a post changes or goes.",
            lawful_basis=LEGITIMATE_INTERESTS,
            health_data=SAFEGUARDING,
            kept_for=_kept_for,
            who_sees=(
                "Facilitators, staff and the safeguarding leads named in the site's settings. Only staff "
                "and the leads see how to reach you."
            ),
        ),
    ]
