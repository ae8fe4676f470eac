"""What the network keeps about people, for the privacy notice (portal/privacy.py)."""

from django.conf import settings

from portal.privacy import CONSENT, CONTRACT, EXPLICIT_CONSENT, LEGITIMATE_INTERESTS, PrivacyRecord, days

UNTIL_DELETED = "Until you delete your account."


def _referrals():
    return (
        "Your name, contact details and the reason are removed "
        f"{days(settings.REFERRAL_DETAILS_RETENTION_DAYS)} after the group answers the referral."
    )


def _invitations():
    return (
        f"{days(settings.INVITATION_RETENTION_DAYS)} after the invitation was used or stopped working, "
        "or until you delete your account."
    )


def records():
    return [
        PrivacyRecord(
            models=("network.sessionregistration", "network.sessionreminder"),
            what=(
                "Your places at group sessions (and your turn on a waiting list), whether you came "
                "(filled in by the facilitator), and when we emailed you a reminder (with the link to "
                "an online session) and each change to it."
            ),
            why=(
                "To keep your place, to send you the reminder and the link once, and to tell you if a "
                "session changes or is cancelled."
            ),
            lawful_basis=CONTRACT,
            health_data=EXPLICIT_CONSENT,
            kept_for=UNTIL_DELETED,
            who_sees=(
                "The facilitators of that group and staff see your display name. Nobody else sees "
                "who signed up."
            ),
        ),
        PrivacyRecord(
            models=("network.membercalendar",),
            what=(
                "If you use a private calendar address for your sessions: a number that makes the address "
                "work. The address itself is not kept; making a new one stops the old one."
            ),
            why="So your calendar app can show the sessions you have a place at.",
            lawful_basis=CONSENT,
            kept_for=UNTIL_DELETED,
            who_sees="Nobody. Anyone you give the address to can see your sessions.",
        ),
        PrivacyRecord(
            models=("network.joinrequest",),
            what="Your requests to join a group, with any message you wrote, and the answer.",
            why="So the group's facilitators can say yes, and you can see the answer.",
            lawful_basis=CONSENT,
            health_data=EXPLICIT_CONSENT,
            kept_for=UNTIL_DELETED,
            who_sees="The facilitators of that group and staff.",
        ),
        PrivacyRecord(
            models=("network.referral",),
            what=(
                "If a worker from another service referred you to a group: the name you like to be called, "
                "your email address or phone number, why they suggested the group, and the answer."
            ),
            why="So the group's facilitators can offer you a place and get in touch.",
            lawful_basis=CONSENT,
            health_data=EXPLICIT_CONSENT,
            kept_for=_referrals,
            who_sees="The facilitators of that group and staff.",
        ),
        PrivacyRecord(
            models=("network.invitation",),
            what="If we invited you: your email address, who invited you, and when you accepted.",
            why="So the link in the invitation works once, for you.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for=_invitations,
            who_sees="Staff, and the facilitators of the group you were invited to.",
        ),
        PrivacyRecord(
            models=("network.partnerteam",),
            what="The teams from other services who can refer people, with a work email address.",
            why="So a referral comes from a team we know, and we can answer them.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="Until staff remove the team.",
            who_sees="Staff.",
        ),
        PrivacyRecord(
            models=("network.groupfacilitator",),
            what=(
                "Who runs a group, by display name, and which member of staff supports a volunteer "
                "facilitator, until when."
            ),
            why=(
                "So people know who will welcome them, and so a member of staff can back up a "
                "volunteer for a while."
            ),
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="Until the person stops running the group or deletes their account.",
            who_sees=(
                "Everyone sees the display name on the group's page. Who supports a facilitator is "
                "seen only by staff who edit groups."
            ),
        ),
    ]
