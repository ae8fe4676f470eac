"""What the network keeps about people, for the privacy notice (portal/privacy.py)."""

from portal.privacy import CONSENT, CONTRACT, EXPLICIT_CONSENT, LEGITIMATE_INTERESTS, PrivacyRecord

UNTIL_DELETED = "Until you delete your account."


def records():
    return [
        PrivacyRecord(
            models=("network.sessionregistration", "network.sessionlinksent"),
            what=(
                "Your places at group sessions (and your turn on a waiting list), whether you came "
                "(filled in by the facilitator), and when we emailed you the link to an online session."
            ),
            why="To keep your place, to send you the link, and to tell you if a session is cancelled.",
            lawful_basis=CONTRACT,
            health_data=EXPLICIT_CONSENT,
            kept_for=UNTIL_DELETED,
            who_sees=(
                "The facilitators of that group and staff see your display name. Nobody else sees "
                "who signed up."
            ),
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
            models=("network.groupfacilitator",),
            what="Who runs a group, by display name.",
            why="So people know who will welcome them.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="Until the person stops running the group or deletes their account.",
            who_sees="Everyone: the display name shows on the group's page.",
        ),
    ]
