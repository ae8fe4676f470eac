"""Lookups compiled once (portal/prepared.py) give what the ORM gives for the same queryset: the
same instances, with the same related objects, annotations and deferred fields, in one query."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.backends import SIGNED_IN_PERSON, AccountBackend, signed_in_people
from accounts.roles import FACILITATORS
from accounts.two_factor import APP_ANNOTATION
from consultations.models import BoardMeeting, Consultation, Priority
from consultations.views.board import CONSULTATION_WITH_BOARD, MEETING
from consultations.views.common import CONSULTATION, PRIORITY
from consultations.views.voting import PRIORITY_TO_VOTE_ON, VOTE_READS
from portal.prepared import PreparedLookup
from tests.factories import MemberFactory, UserFactory, user_with_roles
from tests.factories.consultations import (
    BoardMeetingFactory,
    ConsultationFactory,
    PriorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def fields(instance):
    return {name: value for name, value in instance.__dict__.items() if not name.startswith("_")}


def test_a_person_read_prepared_is_the_person_the_orm_reads():
    facilitator = user_with_roles(FACILITATORS)
    Authenticator.objects.create(user=facilitator, type=Authenticator.Type.TOTP, data={})
    staff_without_profile = UserFactory(is_staff=True)
    for person in (facilitator, staff_without_profile, MemberFactory()):
        from_orm = signed_in_people().get(pk=person.pk)
        prepared = SIGNED_IN_PERSON.first(person.pk)
        assert fields(prepared) == fields(from_orm)
        assert prepared._state.db == from_orm._state.db
        assert not prepared._state.adding
        if hasattr(from_orm, "profile"):
            assert fields(prepared.profile) == fields(from_orm.profile)
            assert prepared.profile.user is prepared
        else:
            assert not hasattr(prepared, "profile")
    assert getattr(SIGNED_IN_PERSON.first(facilitator.pk), APP_ANNOTATION) is True
    assert getattr(SIGNED_IN_PERSON.first(staff_without_profile.pk), APP_ANNOTATION) is False


def test_the_signed_in_person_comes_with_their_roles_in_one_query(django_assert_num_queries):
    facilitator = user_with_roles(FACILITATORS)
    with django_assert_num_queries(1):
        user = AccountBackend().get_user(facilitator.pk)
        roles = sorted(group.name for group in user.groups.all())
        name = user.profile.display_name
    assert roles == sorted(Group.objects.filter(user=facilitator).values_list("name", flat=True))
    assert name == facilitator.profile.display_name


@pytest.mark.parametrize("user_id", ["not a number", "", 10**9, -1, 10**30, -(10**30), None])
def test_an_id_that_names_nobody_reads_nobody(user_id):
    MemberFactory()
    assert SIGNED_IN_PERSON.first(user_id) is None
    assert AccountBackend().get_user(user_id) is None


def test_an_id_kept_as_text_reads_the_person():
    member = MemberFactory()
    assert SIGNED_IN_PERSON.first(str(member.pk)).pk == member.pk


def test_a_priority_read_prepared_has_only_what_a_vote_reads(django_assert_num_queries):
    priority = PriorityFactory()
    from_orm = Priority.objects.select_related("consultation").only(*VOTE_READS).get(pk=priority.pk)
    with django_assert_num_queries(1):
        prepared = PRIORITY_TO_VOTE_ON.first(priority.pk)
        assert fields(prepared.consultation) == fields(from_orm.consultation)
    assert fields(prepared) == fields(from_orm)
    assert prepared.get_deferred_fields() == from_orm.get_deferred_fields()
    assert "explanation" in prepared.get_deferred_fields()
    assert prepared.explanation == priority.explanation  # read when asked, as the ORM does


def test_each_call_reads_the_database_as_it_is_now():
    member = MemberFactory()
    SIGNED_IN_PERSON.first(member.pk)
    get_user_model().objects.filter(pk=member.pk).update(email="new@example.org")
    assert SIGNED_IN_PERSON.first(member.pk).email == "new@example.org"


def test_a_queryset_not_filtered_on_the_value_is_refused():
    lookup = PreparedLookup(lambda pk: Priority.objects.all())
    with pytest.raises(ValueError, match="stand-in"):
        lookup.first(1)


def test_the_consultation_and_priority_pages_read_what_the_orm_reads(django_assert_num_queries):
    consultation = ConsultationFactory(eligible_group=Group.objects.get(name="Members"))
    priority = PriorityFactory(consultation=consultation, theme=ThemeFactory(consultation=consultation))
    from_orm = Priority.objects.select_related("consultation", "theme", "author__profile").get(pk=priority.pk)
    with django_assert_num_queries(1):
        prepared = PRIORITY.first(priority.pk)
        related = [prepared.consultation, prepared.theme, prepared.author, prepared.author.profile]
    expected = [from_orm.consultation, from_orm.theme, from_orm.author, from_orm.author.profile]
    assert fields(prepared) == fields(from_orm)
    assert [fields(instance) for instance in related] == [fields(instance) for instance in expected]
    with django_assert_num_queries(1):
        read = CONSULTATION.first(consultation.pk)
        assert read.eligible_group.name == "Members"
    assert fields(read) == fields(Consultation.objects.get(pk=consultation.pk))


def test_the_board_pages_read_what_the_orm_reads(django_assert_num_queries):
    meeting = BoardMeetingFactory()
    consultation = ConsultationFactory(board=meeting.board)
    with django_assert_num_queries(2):  # one each, the board with it
        read_meeting = MEETING.first(meeting.pk)
        read_consultation = CONSULTATION_WITH_BOARD.first(consultation.pk)
        boards = [read_meeting.board, read_consultation.board]
    assert fields(read_meeting) == fields(BoardMeeting.objects.get(pk=meeting.pk))
    assert fields(read_consultation) == fields(Consultation.objects.get(pk=consultation.pk))
    assert [fields(board) for board in boards] == [fields(meeting.board)] * 2


def test_a_page_for_a_consultation_or_priority_that_is_not_there_is_not_found(client, member):
    client.force_login(member)
    assert client.get("/consultations/999999/").status_code == 404
    assert client.get("/consultations/999999/results/").status_code == 404
    assert client.post("/consultations/priorities/999999/vote/", {"action": "add"}).status_code == 404


def test_a_lookup_by_a_foreign_key_reads_what_the_orm_reads(django_assert_num_queries):
    from consultations.models import Report, Vote
    from consultations.selectors.contributions import REPORTS_SENT, VOTES_GIVEN
    from consultations.selectors.members import CONTRIBUTIONS, SUPPORTED_WITH_RESPONSES
    from tests.factories.consultations import VoteFactory

    member, other = MemberFactory(), MemberFactory()
    mine = PriorityFactory.create_batch(2, author=member)
    voted = [VoteFactory(voter=member, priority=priority) for priority in PriorityFactory.create_batch(3)]
    VoteFactory(voter=other, priority=voted[0].priority)
    Report.objects.create(priority=mine[0], reporter=member, reason="Unkind")
    Report.objects.create(priority=mine[1], reporter=other, reason="Not mine")

    with django_assert_num_queries(3):
        votes, reports, posts = (
            VOTES_GIVEN.all(member.pk),
            REPORTS_SENT.all(member.pk),
            CONTRIBUTIONS.all(member.pk),
        )
    assert [(v.pk, v.dots, v.priority.title) for v in votes] == [
        (v.pk, v.dots, v.priority.title)
        for v in Vote.objects.filter(voter=member).order_by("-created_at", "-pk")
    ]
    assert [(r.reason, r.priority.consultation.question) for r in reports] == [
        ("Unkind", mine[0].consultation.question)
    ]
    assert [fields(p) for p in posts] == [
        fields(p) for p in Priority.objects.filter(author=member).select_related(
            "consultation", "theme", "merged_into").order_by("-submitted_at")
    ]  # fmt: skip
    assert SUPPORTED_WITH_RESPONSES.all(member.pk) == []
    # Nobody, or something that is not an id, reads nothing rather than failing.
    assert VOTES_GIVEN.all(99_999_999) == []
    assert VOTES_GIVEN.all("not an id") == []
    assert VOTES_GIVEN.all(2**63) == []


def test_the_nearest_sessions_prepared_are_those_the_orm_reads(home_page):
    """network.selectors.NEAREST (a PreparedShape: a list of group ids, a moment used in three
    places, a number) gives what the ORM's own queryset gives, for lists of each length and for
    moments before, between and after sessions, booked counts and places included."""
    import datetime

    from django.utils import timezone

    from network.models import GroupSession
    from network.selectors import NEAREST, _nearest
    from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, SessionRegistrationFactory

    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    groups = [
        GroupPageFactory(parent=index, weekday=day, first_date=datetime.date(2026, 1, 5 + day))
        for day in (0, 1, 3)
    ]
    for session in GroupSession.objects.filter(group=groups[0]).order_by("starts_at")[:6]:
        SessionRegistrationFactory(session=session)
    now = timezone.now()

    def read(rows):
        return [(s.pk, s.group_id, s.starts_at, s.booked, s.place) for s in rows]

    for chosen in (groups[:1], groups[1:], groups, [groups[2], groups[0]]):
        ids = [group.pk for group in chosen]
        for moment in (now, now - datetime.timedelta(days=200), now + datetime.timedelta(days=3, hours=5)):
            for most in (1, 3):
                from_orm = sorted(_nearest(ids, moment, most), key=lambda s: (s.group_id, s.starts_at))
                prepared = sorted(
                    NEAREST.all(groups=ids, now=moment, most=most), key=lambda s: (s.group_id, s.starts_at)
                )
                assert prepared, (ids, moment, most)
                assert read(prepared) == read(from_orm)
                assert [fields(s) for s in prepared] == [fields(s) for s in from_orm]
    assert NEAREST.all(groups=[], now=now, most=3) == []


def test_what_check_a_post_reads_prepared_is_what_the_orm_reads():
    """The post's open cases, open reports and log (consultations/selectors/moderation.py) read
    with SQL put together once give the ORM's rows, in its order, for a post with some of each,
    another post, and a post with none."""
    from django.utils import timezone

    from consultations.models import ModerationLog, Report
    from consultations.selectors.moderation import LOG, OPEN_CASES, OPEN_REPORTS
    from safeguarding.models import Case, CaseStatus, SourceKind

    post, other, quiet = PriorityFactory.create_batch(3)
    facilitator = user_with_roles(FACILITATORS)
    now = timezone.now()
    for priority in (post, other):
        Report.objects.create(priority=priority, reason="Names someone")
        Report.objects.create(priority=priority, reason="Old", resolved_at=now, resolved_by=facilitator)
        Case.objects.create(
            source_kind=SourceKind.PRIORITY, source_id=priority.pk, words="help", opened_at=now
        )
        Case.objects.create(
            source_kind=SourceKind.PRIORITY_EDIT, source_id=priority.pk, words="help", opened_at=now,
            status=CaseStatus.FOLLOWED_UP, closed_at=now,
        )  # fmt: skip
        for action in ("approve", "edit", "return"):
            ModerationLog.objects.create(priority=priority, actor=facilitator, action=action, reason="Kindly")
    Case.objects.create(source_kind=SourceKind.REPORT, source_id=quiet.pk, words="help", opened_at=now)

    for priority in (post, other, quiet):
        orm = {
            "cases": Case.objects.open()
            .for_source(SourceKind.for_priorities(), priority.pk)
            .order_by("opened_at"),
            "reports": Report.objects.filter(priority=priority, resolved_at__isnull=True).order_by(
                "created_at"
            ),
            "log": ModerationLog.objects.filter(priority=priority).select_related("actor__profile")[:20],
        }
        prepared = {
            "cases": OPEN_CASES.all(priority.pk),
            "reports": OPEN_REPORTS.all(priority.pk),
            "log": LOG.all(priority.pk),
        }
        for name, rows in orm.items():
            assert [fields(row) for row in prepared[name]] == [fields(row) for row in rows], name
        assert [entry.actor.profile.display_name for entry in prepared["log"]] == [
            entry.actor.profile.display_name for entry in orm["log"]
        ]
    assert len(OPEN_REPORTS.all(post.pk)) == 1
    assert len(OPEN_CASES.all(post.pk)) == 1
    assert len(LOG.all(post.pk)) == 3
    assert OPEN_CASES.all(quiet.pk) == []


def test_what_your_contributions_reads_prepared_is_what_the_orm_reads():
    """A member's priorities' agenda links (with each item's meeting and the board's response)
    and what moderators did to them (consultations/selectors/members.py: AGENDA_LINKS and
    AUTHOR_NOTES, PreparedShapes on a list of priorities) give the ORM's rows, in its order, for
    lists of each length in any order; an empty list finds nothing."""
    from consultations.models import AgendaItemPriority, ModerationLog
    from consultations.selectors.members import AGENDA_LINKS, AUTHOR_NOTES, _agenda_links_queryset
    from tests.factories.consultations import AgendaItemFactory, BoardResponseFactory

    shortlisted, answered, quiet = PriorityFactory.create_batch(3)
    facilitator = user_with_roles(FACILITATORS)
    AgendaItemFactory(priorities=[shortlisted, answered])
    BoardResponseFactory(agenda_item=AgendaItemFactory(priorities=[answered]))
    for priority, actions in ((shortlisted, ("approve", "edit", "edit")), (answered, ("remove", "return"))):
        for action in actions:
            ModerationLog.objects.create(priority=priority, actor=facilitator, action=action, reason=action)

    def link(row):
        response = getattr(row.agenda_item, "response", None)
        return (
            fields(row),
            fields(row.agenda_item),
            fields(row.agenda_item.meeting),
            response and response.pk,
        )

    for chosen in ([shortlisted], [quiet], [answered, shortlisted], [quiet, answered, shortlisted]):
        ids = [priority.pk for priority in chosen]
        from_orm = _agenda_links_queryset().filter(priority__in=ids)
        prepared = AGENDA_LINKS.all(priorities=ids)
        assert [link(row) for row in prepared] == [link(row) for row in from_orm]
        notes = ModerationLog.objects.filter(priority__in=ids, action__in=("edit", "remove")).order_by(
            "created_at", "pk"
        )
        assert [
            (n.pk, n.priority_id, n.action, n.reason, n.created_at) for n in AUTHOR_NOTES.all(priorities=ids)
        ] == [(n.pk, n.priority_id, n.action, n.reason, n.created_at) for n in notes]
    assert len(AGENDA_LINKS.all(priorities=[answered.pk])) == 2
    assert [n.action for n in AUTHOR_NOTES.all(priorities=[shortlisted.pk, answered.pk])] == [
        "edit",
        "edit",
        "remove",
    ]
    assert AGENDA_LINKS.all(priorities=[]) == [] == AUTHOR_NOTES.all(priorities=[])
    assert AgendaItemPriority.objects.count() == 3
