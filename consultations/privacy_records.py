"""What consultations keep about people, for the privacy notice (portal/privacy.py)."""

from django.conf import settings

from portal.privacy import (
    CONSENT,
    EXPLICIT_CONSENT,
    LEGITIMATE_INTERESTS,
    SAFEGUARDING,
    VITAL_INTERESTS,
    PrivacyRecord,
    days,
)

STAFF_AND_FACILITATORS = "Facilitators and staff, to check posts and keep people safe."


def _originals():
    return f"{days(settings.MODERATION_ORIGINALS_RETENTION_DAYS)} after the edit."


def _in_room():
    return (
        f"Who typed it in is removed {days(settings.IN_ROOM_DETAILS_RETENTION_DAYS)} after they did. "
        "The words and counts stay."
    )


def _exports():
    return (
        f"Files are deleted {days(settings.EXPORT_RETENTION_DAYS)} after they were made. The record "
        "of who made one stays."
    )


def records():
    return [
        PrivacyRecord(
            models=("consultations.priority",),
            what=(
                "What you post in a consultation: your words, whether to show your display name, when "
                "you posted, and what happened to it."
            ),
            why="So the partnership board hears what members need, and you can follow what happened.",
            lawful_basis=CONSENT,
            health_data=EXPLICIT_CONSENT,
            kept_for=(
                "While the consultation's results are used. If you delete your account, what you posted "
                "stays without your name, as 'a former member'."
            ),
            who_sees=(
                "Everyone sees a post once it is checked, with your display name only if you chose it. "
                "Facilitators and staff can see whose account posted it."
            ),
        ),
        PrivacyRecord(
            models=("consultations.priority",),
            what=(
                "A flag on a post whose words suggest someone may need help now, so that a "
                "facilitator looks at it first."
            ),
            why="To make sure someone who may be in crisis is offered help quickly.",
            lawful_basis=VITAL_INTERESTS,
            health_data=SAFEGUARDING,
            kept_for="As long as the post is kept.",
            who_sees=STAFF_AND_FACILITATORS,
        ),
        PrivacyRecord(
            models=("consultations.ballot", "consultations.vote"),
            what="Your votes: which posts you voted for, and when.",
            why="To count every vote once, and to let you change your votes while voting is open.",
            lawful_basis=CONSENT,
            kept_for=(
                "While the consultation's results are used. If you delete your account, your votes "
                "still count but no longer name you."
            ),
            who_sees="Nobody sees who voted for what. Pages and files show totals only.",
        ),
        PrivacyRecord(
            models=("consultations.priority", "consultations.inroomtally", "consultations.inroomgathering"),
            what=(
                "Posts and dot votes gathered at a group on paper, typed in by a facilitator: the "
                "place and day, and which facilitator typed them in. No name of the person who said it."
            ),
            why="So people who are not online are heard too, and mistakes can be put right.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for=_in_room,
            who_sees=STAFF_AND_FACILITATORS,
        ),
        PrivacyRecord(
            models=("consultations.report",),
            what="Your reports about a post, with the reason you gave.",
            why="So a facilitator can look at the post again.",
            lawful_basis=LEGITIMATE_INTERESTS,
            health_data=EXPLICIT_CONSENT,
            kept_for="Until you delete your account; the report then no longer names you.",
            who_sees=STAFF_AND_FACILITATORS,
        ),
        PrivacyRecord(
            models=("consultations.priorityrevision",),
            what="The words of a post as they were before a facilitator edited out personal details.",
            why="To keep people safe: if the first words showed someone was at risk, they are not lost.",
            lawful_basis=LEGITIMATE_INTERESTS,
            health_data=SAFEGUARDING,
            kept_for=_originals,
            who_sees="Staff only.",
        ),
        PrivacyRecord(
            models=("consultations.moderationlog",),
            what=(
                "What facilitators did to each post (checked, sent back, edited, merged or taken down), "
                "who did it and the reason."
            ),
            why="So every decision can be checked and explained to you.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="As long as the post is kept.",
            who_sees=STAFF_AND_FACILITATORS,
        ),
        PrivacyRecord(
            models=("consultations.notificationpreferences", "consultations.closingreminder"),
            what="Which emails you want from us, and which reminders we sent you.",
            why="To send only the emails you want, and never the same one twice.",
            lawful_basis=CONSENT,
            kept_for="Until you delete your account.",
            who_sees="Nobody. The site uses it to send emails.",
        ),
        PrivacyRecord(
            models=(
                "consultations.board",
                "consultations.boardresponse",
                "consultations.responseupdate",
            ),
            what=(
                "Who represents the network on a partnership board, and who wrote down each of the "
                "board's answers."
            ),
            why="So members know the board has heard them, and each answer can be checked.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="While the person is a representative, and as long as the board's answer is kept.",
            who_sees="Staff and board representatives.",
        ),
        PrivacyRecord(
            models=("consultations.exportlog",),
            what="Board packs and spreadsheets of results, and who made each one and when.",
            why="So the board gets what members said, and every copy made is on record.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for=_exports,
            who_sees=(
                "The board representative who made it, and staff. The files never hold a name, display "
                "name or email address."
            ),
        ),
    ]
