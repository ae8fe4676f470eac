"""Board records that show on public pages ("You said, we did", its feed, the home page block):
a change makes cached public pages stale, on every app server (portal.page_cache)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from accounts.signals import account_deleting
from portal.page_cache import invalidate_all
from safeguarding.models import ActionKind, SourceKind
from safeguarding.services import cases_record, priority_ids_with_cases

from .models import (
    AgendaItem,
    Board,
    BoardMeeting,
    BoardResponse,
    Priority,
    PriorityCounts,
    PriorityRevision,
    PriorityStatus,
    ResponseUpdate,
    Vote,
)

# What a priority taken down as its author left is called in the records that keep it.
REMOVED_TITLE = "Removed when its author left"
PUBLIC_BOARD_MODELS = (Board, BoardMeeting, AgendaItem, BoardResponse, ResponseUpdate)


def board_record_changed(sender, **kwargs):
    transaction.on_commit(invalidate_all)


# Connected to these models only: a receiver for every model would also make Django read each
# row of any other model before deleting it (a vote taken back, say), to send a signal nobody wants.
for model in PUBLIC_BOARD_MODELS:
    for signal in (post_save, post_delete):
        signal.connect(board_record_changed, sender=model, dispatch_uid=f"board_changed_{model.__name__}")


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="account_deleted_unpublished_priorities")
def delete_unpublished_priorities(sender, instance, **kwargs):
    """When an account goes, what it posted that never showed (waiting for a check, sent back,
    withdrawn) goes with it: nobody may publish it after the author has left. What was published
    stays, shown as "A former member"."""
    Priority.objects.filter(
        author=instance, status__in=[*PriorityStatus.editable_by_author(), PriorityStatus.WITHDRAWN]
    ).delete()


@receiver(account_deleting, dispatch_uid="account_deleting_takes_posts_down")
def take_posts_down_as_the_member_leaves(sender, user, remove_posts=False, **kwargs):
    """A post that opened a safeguarding case leaves public view whatever the member chose: its
    words stay only in the case record. With `remove_posts`, everything they published goes
    too. Votes on what is taken down go back to the people who gave them; the words are cleared,
    with the copies a moderator's edit kept."""
    showing = Priority.objects.filter(author=user, status=PriorityStatus.APPROVED)
    crisis_ids = priority_ids_with_cases(user)
    if remove_posts:
        going = list(showing.values_list("pk", flat=True))
    else:
        going = list(showing.filter(pk__in=crisis_ids).values_list("pk", flat=True))
    # Anything of theirs that opened a case loses its words, whatever its status.
    words_going = set(going) | set(
        Priority.objects.filter(author=user, pk__in=crisis_ids).values_list("pk", flat=True)
    )
    # The counts change next: of what is taken down (its votes go back) and of everything they
    # voted for (their votes stay, no longer as a person's). Locked in one order first, the
    # priorities as a merge locks them, then their counts, so two members leaving at once never
    # wait on each other.
    list(Priority.objects.select_for_update(no_key=True).filter(pk__in=going).order_by("pk").values("pk"))
    voted_for = Vote.objects.filter(voter=user).values("priority_id")
    list(
        PriorityCounts.objects.select_for_update()
        .filter(Q(priority_id__in=going) | Q(priority_id__in=voted_for))
        .order_by("pk")
        .values("pk")
    )
    Vote.objects.filter(priority_id__in=going).delete()
    Priority.objects.filter(pk__in=going).update(status=PriorityStatus.REMOVED, is_urgent=False)
    Priority.objects.filter(pk__in=words_going).update(title=REMOVED_TITLE, explanation="")
    PriorityRevision.objects.filter(priority_id__in=words_going).delete()
    for priority_id in words_going & crisis_ids:
        cases_record(
            source_kinds=SourceKind.for_priorities(), source_id=priority_id, actor=None,
            kind=ActionKind.POST_REMOVED_BY_MEMBER_LEAVING,
        )  # fmt: skip
    if going:
        transaction.on_commit(invalidate_all)
