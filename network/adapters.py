import secrets

from allauth.account.adapter import DefaultAccountAdapter


class MemberAccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # Usernames are internal only. allauth would derive one from the email address,
        # which would then show in the admin; a random one reveals nothing.
        user.username = f"member-{secrets.token_hex(6)}"
