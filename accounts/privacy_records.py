"""What accounts keeps about people, for the privacy notice (portal/privacy.py)."""

from django.conf import settings

from portal.privacy import CONTRACT, LEGITIMATE_INTERESTS, PrivacyRecord, days


def _unverified_and_deleted():
    return (
        "Until you delete your account. If you never confirm your email address, the account is "
        f"deleted {days(settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS)} after you signed up."
    )


def _sign_ins():
    return (
        f"Until you sign out, or {days(settings.SIGNED_IN_SESSION_RETENTION_DAYS)} after you signed in, "
        "whichever comes first."
    )


def records():
    return [
        PrivacyRecord(
            models=("auth.user", "account.emailaddress", "accounts.memberprofile"),
            what=(
                "Your account: your email address, the display name you chose, your password (scrambled "
                "so nobody can read it), when you joined and last signed in, and your roles."
            ),
            why="To sign you in, to send you the emails you asked for, and to show your display name.",
            lawful_basis=CONTRACT,
            kept_for=_unverified_and_deleted,
            who_sees=(
                "Other members see only your display name. Staff and facilitators can see your email "
                "address, to keep people safe."
            ),
        ),
        PrivacyRecord(
            models=("mfa.authenticator",),
            what="Two-step sign-in: the secret your authenticator app uses, and your recovery codes, locked.",
            why="To make sure it is really you when you sign in.",
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for="Until you turn two-step sign-in off or delete your account.",
            who_sees="Nobody. It is stored locked and is only checked by the site.",
        ),
        PrivacyRecord(
            models=("accounts.signedinsession", "sessions.session"),
            what="A record of each time you sign in, and the cookie that keeps you signed in.",
            why=(
                "To keep your account safe: when your password or roles change, we sign you out "
                "everywhere else."
            ),
            lawful_basis=LEGITIMATE_INTERESTS,
            kept_for=_sign_ins,
            who_sees="Nobody reads it. The site uses it to sign you out.",
        ),
    ]
