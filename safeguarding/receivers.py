"""What safeguarding does when a member deletes their account (accounts.signals)."""

from django.dispatch import receiver

from accounts.signals import account_deleting

from .check_step import help_now_url
from .models import ActionKind, SourceKind
from .services import case_open_if_crisis, cases_record_for_member


@receiver(account_deleting, dispatch_uid="safeguarding_account_deleting")
def account_deleting_opens_a_case(sender, user, reason="", **kwargs):
    """A reason with crisis words opens a case, with the display name as it is now. Open cases
    about this member are told the account has gone; they stay open until followed up."""
    cases_record_for_member(member=user, kind=ActionKind.MEMBER_LEFT)
    case = case_open_if_crisis(
        source_kind=SourceKind.ACCOUNT_DELETION, source_id=None, member=user, texts=[reason]
    )
    # Signed out by then, they still see where to get help now before anything else.
    return help_now_url("/") if case is not None else None
