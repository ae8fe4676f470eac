"""What a member's "Download your data" file holds from safeguarding: their own words that opened
a case, when, and whether it was followed up. Notes written by staff are other people's records."""

from .models import Case


def member_data(user):
    cases = Case.objects.filter(member=user).order_by("opened_at", "pk")
    return {
        "safeguarding": [
            {
                "sent": case.get_source_kind_display(),
                "words": case.words,
                "opened_at": case.opened_at,
                "followed_up_at": case.closed_at,
            }
            for case in cases
        ]
    }
