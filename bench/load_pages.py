"""The pages each signed-in role opens, for the load test's sweep with wrk (bench/load.py, step 9):
a member's, a facilitator's and a board representative's, with the load data's own records in
their addresses. Issue 15 asks that every one of them serves at least a tenth of a bare view's
requests a second, uncached; the sweep measures each against the bare view of the same run.

Run inside the production-like site (bench/load_data.py calls it). A page whose record the data
does not hold is left out; a page that answers anything but 200 is reported as skipped.

A module, not a script: `make bench` runs only the files in bench/ that run as __main__."""


def _first(queryset):
    return queryset.order_by("pk").first()


def signed_in_pages(*, member, facilitator, representative, live, closed):
    """{role: [(label, path)]}: GET pages only (wrk sends one fixed request again and again)."""
    from django.urls import reverse
    from django.utils import timezone

    from consultations.models import (
        AgendaItem,
        BoardMeeting,
        InRoomGathering,
        MeetingStatus,
        Priority,
        PriorityStatus,
    )
    from network.models import GroupFacilitator, GroupPage, GroupSession
    from safeguarding.models import Case

    group = _first(GroupPage.objects.live().filter(sessions__isnull=False).distinct())
    session = (
        _first(GroupSession.objects.filter(group=group, starts_at__gte=timezone.now())) if group else None
    )
    if group is not None:  # the facilitator runs the group, as a volunteer does
        GroupFacilitator.objects.get_or_create(group=group, profile=facilitator.profile)
    own_pending = _first(
        Priority.objects.filter(consultation=live, author=member, status=PriorityStatus.SUBMITTED)
    )
    pending = _first(Priority.objects.filter(consultation=live, status=PriorityStatus.SUBMITTED))
    meetings = BoardMeeting.objects.filter(board__representatives=representative)
    meeting = _first(meetings.filter(status=MeetingStatus.HELD)) or _first(meetings)
    planned = _first(meetings.filter(status=MeetingStatus.PLANNED))
    item = _first(AgendaItem.objects.filter(meeting=meeting)) if meeting else None
    case = _first(Case.objects.all())
    planned_item = None
    if planned is not None:  # an item on the next meeting's agenda, from the 1,000 closed priorities
        from consultations.services import agenda_item_create

        top = _first(Priority.objects.filter(consultation=closed, status=PriorityStatus.APPROVED))
        planned_item = agenda_item_create(
            meeting=planned, priority_ids=[top.pk], title="Load", summary="Load."
        )
    gathering = InRoomGathering.objects.create(
        consultation=live, name="The hub", held_on=timezone.localdate()
    )

    def page(label, name, *args, when=True):
        return [(label, reverse(name, args=args))] if when else []

    member_pages = [
        ("home, signed in", "/"),
        *page("have your say", "consultations:list"),
        *page("a consultation's results", "consultations:results", closed.pk),
        *page("post a priority", "consultations:priority_create", live.pk),
        *page("change a post waiting for a check", "consultations:priority_edit", getattr(own_pending, "pk", 0),
              when=own_pending is not None),
        *page("your contributions", "consultations:my_contributions"),
        *page("emails you get", "consultations:notification_settings"),
        *page("your sessions", "network:my_sessions"),
        *page("a group's sessions", "network:group_sessions", getattr(group, "pk", 0), when=group is not None),
        *page("your profile", "accounts:profile"),
        *page("your data", "accounts:your_data"),
        *page("delete your account", "accounts:account_delete"),
        *page("email addresses", "account_email"),
        *page("change password", "account_change_password"),
        *page("two-step sign-in", "mfa_index"),
    ]  # fmt: skip
    facilitator_pages = [
        *page("check a post", "consultations:moderate", getattr(pending, "pk", 0), when=pending is not None),
        *page("in-room votes: choose the group", "consultations:tallies", live.pk),
        *page("in-room votes entered", "consultations:tally_list", live.pk),
        *page("the in-room tally sheet", "consultations:tally_sheet", live.pk, gathering.pk),
        *page("write down what the room said", "consultations:gathered_create", live.pk),
        *page("your groups", "network:my_groups"),
        *page("run a session", "network:run_session", getattr(session, "pk", 0), when=session is not None),
        *page("refer someone", "network:referral_create"),
        *page("safeguarding cases", "safeguarding:cases"),
        *page("a safeguarding case", "safeguarding:case", getattr(case, "pk", 0), when=case is not None),
    ]  # fmt: skip
    board_pages = [
        *page("the board's page", "consultations:board"),
        *page("downloads", "consultations:downloads"),
        *page("a meeting", "consultations:meeting", getattr(meeting, "pk", 0), when=meeting is not None),
        *[(label, f"{path}?consultation={closed.pk}") for label, path in page(
            "shortlist from the closed consultation", "consultations:shortlist", getattr(planned, "pk", 0),
            when=planned is not None)],
        *page("attendance figures", "network:attendance_figures"),
        *page("an agenda item", "consultations:agenda_item_edit", getattr(item, "pk", 0), when=item is not None),
        *page("an item for the next meeting", "consultations:agenda_item_edit", getattr(planned_item, "pk", 0),
              when=planned_item is not None),
        *page("the board's response", "consultations:response", getattr(item, "pk", 0), when=item is not None),
        *page("plan a meeting", "consultations:meeting_create", getattr(meeting, "board_id", 0),
              when=meeting is not None),
    ]  # fmt: skip
    return {"member": member_pages, "facilitator": facilitator_pages, "board": board_pages}
