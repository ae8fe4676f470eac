import secrets

from allauth.account.adapter import DefaultAccountAdapter


class MemberAccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # Usernames are internal only. allauth would derive one from the email address,
        # which would then show in the admin; a random one reveals nothing.
        user.username = f"member-{secrets.token_hex(6)}"


def display_name(user):
    """How allauth names a person in its messages and emails: the display name they chose,
    never the internal username."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else "you"
