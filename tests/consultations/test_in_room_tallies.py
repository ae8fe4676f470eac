"""In-room dot votes: chosen from a list of sessions, never counted twice, never wiped by a partial
sheet, every count listed with who typed it in, and every change logged (issue 13)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from consultations import services
from consultations.models import (
    InRoomGathering,
    InRoomTally,
    ModerationAction,
    ModerationLog,
    Priority,
)
from consultations.selectors import consultation_tallies, gathering_choices, ranked_priorities
from tests.consultations.test_concurrency import run_together
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomGatheringFactory,
    InRoomTallyFactory,
    PriorityFactory,
)
from tests.factories.network import GroupSessionFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# The day the issue was found: the sheet was typed in on 1 December 2026, the morning after.
THE_MORNING_AFTER = datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)


def choose_url(consultation):
    return reverse("consultations:tallies", args=[consultation.pk])


def sheet_url(gathering):
    return reverse("consultations:tally_sheet", args=[gathering.consultation_id, gathering.pk])


def list_url(consultation):
    return reverse("consultations:tally_list", args=[consultation.pk])


def edit_url(tally):
    return reverse("consultations:tally_edit", args=[tally.pk])


def undo_url(tally):
    return reverse("consultations:tally_undo", args=[tally.pk])


def in_room_votes(consultation):
    return {p.pk: p.in_room_votes for p in ranked_priorities(consultation)}


def saved(gathering):
    return dict(InRoomTally.objects.filter(gathering=gathering).values_list("priority__title", "votes"))


# The double entry and the partial re-entry from the issue


def test_the_double_entry_from_the_issue_is_one_gathering_counted_once(as_facilitator):
    with time_machine.travel(THE_MORNING_AFTER, tick=True):
        consultation = ConsultationFactory()
        washing_machine = PriorityFactory(consultation=consultation, title="A washing machine at the hub")
        sheets = []
        for place, day in (
            ("Drop-in at the Net Loft", "1/12/2026"),
            ("drop-in at the net loft ", "01/12/2026"),
        ):
            response = as_facilitator.post(
                choose_url(consultation), {"gathering": "new", "place": place, "held_on": day}
            )
            assert response.status_code == 302
            sheets.append(response["Location"])
            page = as_facilitator.get(response["Location"])
            assert "In-room votes at Drop-in at the Net Loft, Tuesday 1 December 2026" in page.text
            as_facilitator.post(response["Location"], {f"votes_{washing_machine.pk}": "5"}, follow=True)

    assert sheets[0] == sheets[1]
    gathering = InRoomGathering.objects.get()
    assert (gathering.name, gathering.held_on) == ("Drop-in at the Net Loft", date(2026, 12, 1))
    assert InRoomTally.objects.get().votes == 5
    assert in_room_votes(consultation) == {washing_machine.pk: 5}
    # The second typing of the same sheet changed nothing, so it left nothing in the log.
    assert ModerationLog.objects.filter(action=ModerationAction.TALLY).count() == 1


def test_names_that_differ_only_in_case_and_spaces_are_one_gathering(consultation, facilitator):
    day = timezone.localdate() - timedelta(days=1)
    first = services.gathering_choose(
        consultation=consultation, facilitator=facilitator, name="Drop-in at the Net Loft", held_on=day
    )
    again = services.gathering_choose(
        consultation=consultation, facilitator=facilitator, name="  DROP-IN   at the net LOFT", held_on=day
    )
    other_day = services.gathering_choose(
        consultation=consultation,
        facilitator=facilitator,
        name="Drop-in at the Net Loft",
        held_on=day - timedelta(1),
    )
    assert first == again != other_day
    assert InRoomGathering.objects.count() == 2


def test_re_entering_one_box_keeps_the_other_priorities_counts(as_facilitator, consultation):
    washing, lifts, nurse = (
        PriorityFactory(consultation=consultation, title=title)
        for title in ("A washing machine", "Lifts to appointments", "A nurse at the drop-in")
    )
    gathering = InRoomGatheringFactory(consultation=consultation, name="Tuesday peer group")
    as_facilitator.post(
        sheet_url(gathering), {f"votes_{washing.pk}": "6", f"votes_{lifts.pk}": "4", f"votes_{nurse.pk}": "9"}
    )

    # The sheet shows what is saved.
    page = as_facilitator.get(sheet_url(gathering)).text
    assert f'name="votes_{washing.pk}" value="6"' in page
    assert f'name="votes_{nurse.pk}" value="9"' in page

    # Only one box filled in: the others were not on this sheet and stay as they are.
    response = as_facilitator.post(
        sheet_url(gathering), {f"votes_{washing.pk}": "", f"votes_{lifts.pk}": "7"}, follow=True
    )
    assert "1 count saved for Tuesday peer group" in response.text
    assert saved(gathering) == {
        "A washing machine": 6,
        "Lifts to appointments": 7,
        "A nurse at the drop-in": 9,
    }


def test_zero_takes_a_count_off_and_empty_leaves_it(as_facilitator, consultation):
    washing, lifts = PriorityFactory.create_batch(2, consultation=consultation)
    gathering = InRoomGatheringFactory(consultation=consultation)
    InRoomTallyFactory(gathering=gathering, priority=washing, votes=6)
    InRoomTallyFactory(gathering=gathering, priority=lifts, votes=4)
    as_facilitator.post(sheet_url(gathering), {f"votes_{washing.pk}": "0", f"votes_{lifts.pk}": ""})
    assert list(InRoomTally.objects.values_list("priority", "votes")) == [(lifts.pk, 4)]
    log = ModerationLog.objects.get(action=ModerationAction.TALLY_REMOVED)
    assert log.priority == washing and "6 in-room votes" in log.reason


def test_the_same_numbers_again_change_nothing(as_facilitator, consultation):
    priority = PriorityFactory(consultation=consultation)
    gathering = InRoomGatheringFactory(consultation=consultation)
    as_facilitator.post(sheet_url(gathering), {f"votes_{priority.pk}": "3"})
    response = as_facilitator.post(sheet_url(gathering), {f"votes_{priority.pk}": "3"}, follow=True)
    assert "Nothing changed" in response.text
    assert InRoomTally.objects.get().votes == 3


# The database keeps one of each


def test_the_database_refuses_a_second_tally_for_a_gathering_and_priority(consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        InRoomTally.objects.create(gathering=tally.gathering, priority=tally.priority, votes=5)
    assert InRoomTally.objects.count() == 1


def test_the_database_refuses_a_second_gathering_with_the_same_name_and_day(consultation):
    day = date(2026, 12, 1)
    InRoomGathering.objects.create(consultation=consultation, name="Drop-in at the Net Loft", held_on=day)
    with pytest.raises(IntegrityError), transaction.atomic():
        InRoomGathering.objects.create(
            consultation=consultation, name="drop-in at the net  loft ", held_on=day
        )
    # Another consultation may meet at the same place on the same day.
    InRoomGathering.objects.create(
        consultation=ConsultationFactory(), name="Drop-in at the Net Loft", held_on=day
    )


def test_the_database_refuses_a_session_made_into_two_gatherings(consultation):
    InRoomGatheringFactory(
        consultation=consultation, name="Tuesday peer group, 6pm", source="group-session:7"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InRoomGatheringFactory(consultation=consultation, name="Peer group", source="group-session:7")


# Group sessions from the network, through the hook


def test_sessions_that_ended_while_open_are_offered_once(as_facilitator, consultation):
    ended = GroupSessionFactory(
        group__title="Women's group",
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=2),
    )
    GroupSessionFactory(
        group__title="Before it opened",
        starts_at=consultation.opens_at - timedelta(hours=3),
        ends_at=consultation.opens_at - timedelta(hours=2),
    )
    GroupSessionFactory(
        group__title="Called off",
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=2),
        cancelled=True,
        cancellation_reason="holiday",
    )
    GroupSessionFactory(group__title="Not happened yet")

    page = as_facilitator.get(choose_url(consultation)).text
    assert "Women&#x27;s group" in page
    for absent in ("Before it opened", "Called off", "Not happened yet"):
        assert absent not in page

    key = f"source:group-session:{ended.pk}"
    response = as_facilitator.post(choose_url(consultation), {"gathering": key})
    gathering = InRoomGathering.objects.get()
    assert response["Location"] == sheet_url(gathering)
    assert gathering.source == f"group-session:{ended.pk}"
    assert gathering.held_on == timezone.localdate(ended.starts_at)
    # Now it is one of the consultation's gatherings, and offered as that, once.
    gatherings, sources = gathering_choices(consultation)
    assert gatherings == [gathering] and sources == []
    # A facilitator whose page still offered the session is taken to the same sheet.
    assert as_facilitator.post(choose_url(consultation), {"gathering": key})["Location"] == sheet_url(
        gathering
    )
    assert InRoomGathering.objects.count() == 1


def test_a_gathered_priority_chooses_its_gathering_from_the_list(as_facilitator, consultation):
    gathering = InRoomGatheringFactory(consultation=consultation, name="Drop-in at the Net Loft")
    response = as_facilitator.post(
        reverse("consultations:gathered_create", args=[consultation.pk]),
        {"title": "Lifts", "explanation": "The bus is rare", "gathering": f"gathering:{gathering.pk}"},
        follow=True,
    )
    assert "marked as gathered at Drop-in at the Net Loft" in response.text
    priority = Priority.objects.get()
    assert (priority.gathered_place, priority.gathered_on) == (gathering.name, gathering.held_on)


def test_results_count_each_gathering_once(consultation):
    first, second = PriorityFactory.create_batch(2, consultation=consultation)
    net_loft = InRoomGatheringFactory(consultation=consultation, name="Drop-in at the Net Loft")
    peer_group = InRoomGatheringFactory(consultation=consultation, name="Tuesday peer group")
    InRoomTallyFactory(gathering=net_loft, priority=first, votes=5)
    InRoomTallyFactory(gathering=net_loft, priority=second, votes=6)
    InRoomTallyFactory(gathering=peer_group, priority=first, votes=7)
    tally = consultation_tallies([consultation.pk])[consultation.pk]
    assert tally.in_room_sessions == 2
    assert in_room_votes(consultation) == {first.pk: 12, second.pk: 6}


# The list, changing a count and undoing it


def test_the_list_shows_every_count_with_who_typed_it_in_and_when(as_facilitator, facilitator, consultation):
    priority = PriorityFactory(consultation=consultation, title="A washing machine")
    gathering = InRoomGatheringFactory(consultation=consultation, name="Drop-in at the Net Loft")
    as_facilitator.post(sheet_url(gathering), {f"votes_{priority.pk}": "5"})
    page = as_facilitator.get(list_url(consultation)).text
    assert "Drop-in at the Net Loft" in page and "A washing machine" in page
    assert ">5</td>" in page
    assert facilitator.profile.display_name in page
    assert timezone.localtime().strftime("%B %Y") in page
    tally = InRoomTally.objects.get()
    assert edit_url(tally) in page and undo_url(tally) in page


def test_changing_a_count_is_logged_with_who_and_when(as_facilitator, facilitator, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation, title="Lifts"), votes=5)
    assert 'value="5"' in as_facilitator.get(edit_url(tally)).text
    response = as_facilitator.post(edit_url(tally), {"votes": "8"}, follow=True)
    assert "Changed: “Lifts” now has 8 in-room votes" in response.text
    assert ">8</td>" in response.text
    tally.refresh_from_db()
    assert (tally.votes, tally.entered_by) == (8, facilitator)
    log = ModerationLog.objects.get(action=ModerationAction.TALLY)
    assert (log.priority, log.actor) == (tally.priority, facilitator)
    assert "8 in-room votes" in log.reason and "(was 5)" in log.reason
    assert timezone.now() - log.created_at < timedelta(minutes=1)


def test_undo_asks_first_and_is_logged(as_facilitator, facilitator, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation, title="Lifts"), votes=5)
    page = as_facilitator.get(undo_url(tally))
    assert "Undo these in-room votes?" in page.text
    assert InRoomTally.objects.filter(pk=tally.pk).exists()

    response = as_facilitator.post(undo_url(tally), follow=True)
    assert "Undone: the 5 in-room votes for “Lifts”" in response.text
    assert "No in-room votes have been entered yet." in response.text
    assert not InRoomTally.objects.exists()
    log = ModerationLog.objects.get(action=ModerationAction.TALLY_REMOVED)
    assert (log.priority, log.actor) == (tally.priority, facilitator)
    assert "5 in-room votes" in log.reason


def test_a_count_already_taken_off_is_not_found(as_facilitator, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation))
    services.tally_remove(tally=tally, facilitator=None)
    assert as_facilitator.post(undo_url(tally)).status_code == 404


# Bad input: a kind message, and nothing changes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose where the votes were counted"),
        ({"gathering": "new"}, "Say where the votes were counted."),
        ({"gathering": "new", "place": "Net Loft"}, "Enter the day."),
        ({"place": "Net Loft", "held_on": "31/2/2026"}, "Enter the day like 27/3/2026."),
        ({"place": "Net Loft", "held_on": "1/1/2999"}, "The day cannot be in the future."),
        ({"place": "x" * 121, "held_on": "1/1/2026"}, "120 characters or fewer"),
        ({"gathering": "source:group-session:999999"}, "Choose one of the sessions in the list."),
        ({"gathering": "nonsense"}, "Choose one of the sessions in the list."),
    ],
)
def test_bad_choices_of_gathering(as_facilitator, consultation, data, message):
    response = as_facilitator.post(choose_url(consultation), data)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not InRoomGathering.objects.exists()


def test_a_gathering_from_another_consultation_cannot_be_chosen(as_facilitator, consultation):
    elsewhere = InRoomGatheringFactory(consultation=ConsultationFactory())
    priority = PriorityFactory(consultation=consultation)
    response = as_facilitator.post(choose_url(consultation), {"gathering": f"gathering:{elsewhere.pk}"})
    assert "Choose one of the sessions in the list." in response.text
    wrong_sheet = reverse("consultations:tally_sheet", args=[consultation.pk, elsewhere.pk])
    assert as_facilitator.post(wrong_sheet, {f"votes_{priority.pk}": "4"}).status_code == 404
    gathered = as_facilitator.post(
        reverse("consultations:gathered_create", args=[consultation.pk]),
        {"title": "Lifts", "explanation": "The bus is rare", "gathering": f"gathering:{elsewhere.pk}"},
    )
    assert "Choose one of the sessions in the list." in gathered.text
    assert not InRoomTally.objects.exists() and not Priority.objects.exclude(pk=priority.pk).exists()


def test_a_gathered_priority_needs_somewhere(as_facilitator, consultation):
    response = as_facilitator.post(
        reverse("consultations:gathered_create", args=[consultation.pk]),
        {"title": "Lifts", "explanation": "The bus is rare"},
    )
    assert "Choose where it was gathered, or add another event below." in response.text
    assert not Priority.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "fewer than 0"),
        ("ten", "whole number"),
        ("10001", "more votes than we can take"),
        ("2.5", "whole number"),
    ],
)
def test_bad_numbers_on_a_sheet_change_nothing(as_facilitator, consultation, value, message):
    first, second = PriorityFactory.create_batch(2, consultation=consultation)
    tally = InRoomTallyFactory(priority=first, votes=6)
    response = as_facilitator.post(
        sheet_url(tally.gathering), {f"votes_{first.pk}": "9", f"votes_{second.pk}": value}
    )
    assert message in response.text
    assert saved(tally.gathering) == {first.title: 6}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "fewer than 0"),
        ("ten", "whole number"),
        ("99999999", "more votes than we can take"),
        ("", "Enter the number of votes, or 0 to take them off."),
    ],
)
def test_bad_numbers_when_changing_a_count_change_nothing(as_facilitator, consultation, value, message):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=6)
    response = as_facilitator.post(edit_url(tally), {"votes": value})
    assert message in response.text
    tally.refresh_from_db()
    assert tally.votes == 6
    assert not ModerationLog.objects.exists()


def test_changing_a_count_to_zero_takes_it_off(as_facilitator, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation, title="Lifts"), votes=6)
    response = as_facilitator.post(edit_url(tally), {"votes": "0"}, follow=True)
    assert "The in-room votes for “Lifts”" in response.text and "were taken off" in response.text
    assert not InRoomTally.objects.exists()


def test_a_closed_consultation_keeps_its_counts(as_facilitator, consultation):
    priority = PriorityFactory(consultation=consultation)
    tally = InRoomTallyFactory(priority=priority, votes=6)
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.save()

    page = as_facilitator.get(list_url(consultation)).text
    assert "cannot be changed now" in page and edit_url(tally) not in page
    assert "cannot be changed now" in as_facilitator.get(edit_url(tally)).text
    edit = as_facilitator.post(edit_url(tally), {"votes": "9"})
    assert "This consultation has closed, so its in-room votes cannot be changed now." in edit.text
    undo = as_facilitator.post(undo_url(tally), follow=True)
    assert "This consultation has closed" in undo.text
    assert as_facilitator.post(sheet_url(tally.gathering), {f"votes_{priority.pk}": "9"}).status_code == 403
    assert (
        as_facilitator.post(
            choose_url(consultation), {"place": "Net Loft", "held_on": "1/1/2026"}
        ).status_code
        == 403
    )
    tally.refresh_from_db()
    assert tally.votes == 6
    assert InRoomGathering.objects.count() == 1
    assert not ModerationLog.objects.exists()


def test_services_refuse_a_closed_consultation(facilitator):
    consultation = ConsultationFactory(closed=True)
    priority = PriorityFactory(consultation=consultation)
    tally = InRoomTallyFactory(priority=priority, votes=6)
    for attempt in (
        lambda: services.tallies_record(
            gathering=tally.gathering, facilitator=facilitator, counts={priority.pk: 9}
        ),
        lambda: services.tally_update(tally=tally, facilitator=facilitator, votes=9),
        lambda: services.tally_remove(tally=tally, facilitator=facilitator),
        lambda: services.gathering_choose(
            consultation=consultation, facilitator=facilitator, name="Net Loft", held_on=date(2026, 1, 1)
        ),
    ):
        with pytest.raises(services.ConsultationError, match="has closed"):
            attempt()
    assert InRoomTally.objects.get().votes == 6
    assert InRoomGathering.objects.count() == 1


def test_services_refuse_numbers_out_of_range(consultation, facilitator):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=6)
    for votes in (-1, 10_001, "7", True):
        with pytest.raises(services.ConsultationError):
            services.tally_update(tally=tally, facilitator=facilitator, votes=votes)
        with pytest.raises(services.ConsultationError):
            services.tallies_record(
                gathering=tally.gathering, facilitator=facilitator, counts={tally.priority_id: votes}
            )
    assert InRoomTally.objects.get().votes == 6


# Who may


@pytest.mark.parametrize("who", ["member", "board representative"])
def test_members_and_board_representatives_are_refused(client, consultation, who):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=6)
    client.force_login(user_with_roles(BOARD_REPRESENTATIVES) if who != "member" else user_with_roles())
    for url in (list_url(consultation), sheet_url(tally.gathering), edit_url(tally), undo_url(tally)):
        assert client.get(url).status_code == 403, url
    assert client.post(undo_url(tally)).status_code == 403
    assert client.post(edit_url(tally), {"votes": "9"}).status_code == 403
    assert client.post(sheet_url(tally.gathering), {f"votes_{tally.priority_id}": "9"}).status_code == 403
    assert InRoomTally.objects.get().votes == 6


def test_visitors_are_asked_to_sign_in(client, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=6)
    for url in (list_url(consultation), sheet_url(tally.gathering), edit_url(tally), undo_url(tally)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    client.post(undo_url(tally))
    assert InRoomTally.objects.get().votes == 6


def test_staff_may_see_and_change_counts(client, staff, consultation):
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=6)
    client.force_login(staff)
    assert client.get(list_url(consultation)).status_code == 200
    client.post(edit_url(tally), {"votes": "7"})
    assert InRoomTally.objects.get().votes == 7


# Counts already in the database before gatherings existed (migration 0007)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_makes_the_double_entry_one_gathering_keeping_the_latest_count():
    before = [("consultations", "0006_in_room_gatherings")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    consultation = old.get_model("consultations", "Consultation").objects.create(
        question="What should the hub have?",
        opens_at=timezone.now() - timedelta(days=3),
        closes_at=timezone.now(),
    )
    washing, lifts = (
        old.get_model("consultations", "Priority").objects.create(
            consultation=consultation,
            title=title,
            explanation="-",
            status="approved",
            approved_at=timezone.now(),
        )
        for title in ("A washing machine", "Lifts")
    )
    tallies = old.get_model("consultations", "InRoomTally").objects
    typed_in = timezone.now() - timedelta(days=1)
    for priority, place, day, votes, minutes in (
        (washing, "Drop-in at the Net Loft", date(2026, 12, 1), 5, 0),
        (washing, "drop-in at the net loft ", date(2026, 12, 1), 6, 10),  # the sheet again, later
        (lifts, "Drop-in at the Net Loft", date(2026, 12, 1), 3, 0),
        (lifts, "Tuesday peer group", date(2026, 12, 1), 2, 0),
    ):
        row = tallies.create(priority=priority, place=place, held_on=day, votes=votes)
        tallies.filter(pk=row.pk).update(entered_at=typed_in + timedelta(minutes=minutes))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert sorted(InRoomGathering.objects.values_list("name", "held_on")) == [
        ("Drop-in at the Net Loft", date(2026, 12, 1)),
        ("Tuesday peer group", date(2026, 12, 1)),
    ]
    assert sorted(InRoomTally.objects.values_list("gathering__name_key", "priority__title", "votes")) == [
        ("drop-in at the net loft", "A washing machine", 6),
        ("drop-in at the net loft", "Lifts", 3),
        ("tuesday peer group", "Lifts", 2),
    ]


# Two facilitators at once (PostgreSQL: SQLite lets only one writer in at a time)

ONLY_ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite has no row locks and lets only one writer in at a time. "
    "Run with DATABASE_URL=postgres://... (CI runs the PostgreSQL pass).",
)


@ONLY_ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_facilitators_typing_in_the_same_sheet_at_once_make_one_row_per_priority():
    consultation = ConsultationFactory()
    priorities = PriorityFactory.create_batch(3, consultation=consultation)
    facilitators = [user_with_roles(FACILITATORS) for _ in range(6)]
    day = timezone.localdate() - timedelta(days=1)

    def type_in(facilitator, name):
        gathering = services.gathering_choose(
            consultation=consultation, facilitator=facilitator, name=name, held_on=day
        )
        services.tallies_record(
            gathering=gathering, facilitator=facilitator, counts={p.pk: 5 for p in priorities}
        )

    names = ["Drop-in at the Net Loft", "drop-in at the net loft "] * 3
    errors = run_together([lambda f=f, n=n: type_in(f, n) for f, n in zip(facilitators, names, strict=True)])
    assert errors == [None] * 6
    assert InRoomGathering.objects.count() == 1
    assert sorted(InRoomTally.objects.values_list("priority", "votes")) == [(p.pk, 5) for p in priorities]
    assert in_room_votes(consultation) == {p.pk: 5 for p in priorities}


@ONLY_ON_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changing_and_undoing_one_count_at_once_leave_it_consistent():
    consultation = ConsultationFactory()
    tally = InRoomTallyFactory(priority=PriorityFactory(consultation=consultation), votes=5)
    facilitator = user_with_roles(FACILITATORS)
    jobs = [lambda: services.tally_update(tally=tally, facilitator=facilitator, votes=8)] * 3
    jobs += [lambda: services.tally_remove(tally=tally, facilitator=facilitator)] * 3
    errors = run_together(jobs)
    # Whichever came first, the count is either changed or gone, never both, and each undo that
    # found nothing left said so.
    remaining = list(InRoomTally.objects.values_list("votes", flat=True))
    assert remaining in ([], [8])
    removed = ModerationLog.objects.filter(action=ModerationAction.TALLY_REMOVED).count()
    assert removed == 1
    assert sum(error is not None for error in errors) >= 2


def test_the_list_costs_the_same_however_many_counts(as_facilitator, consultation):
    def queries_for_list():
        """The page's own queries: the site menu (Wagtail pages) is cached apart and not counted."""
        with CaptureQueriesContext(connection) as counted:
            assert as_facilitator.get(list_url(consultation)).status_code == 200
        return [q["sql"] for q in counted.captured_queries if "wagtailcore_" not in q["sql"]]

    InRoomTallyFactory(priority=PriorityFactory(consultation=consultation))
    queries_for_list()  # the first page of all makes the site's settings
    few = len(queries_for_list())
    for name in ("Net Loft", "Women's group", "Breakfast club"):
        gathering = InRoomGatheringFactory(consultation=consultation, name=name)
        for priority in PriorityFactory.create_batch(4, consultation=consultation):
            InRoomTallyFactory(
                gathering=gathering, priority=priority, entered_by=user_with_roles(FACILITATORS)
            )
    queries_for_list()  # new counts show on public pages, so the shared reads start afresh
    assert len(queries_for_list()) == few


def test_who_made_a_gathering_is_forgotten_with_the_other_in_room_details(
    consultation, facilitator, settings
):
    from consultations.retention import in_room_details_remove

    old = InRoomGatheringFactory(consultation=consultation, name="Old", created_by=facilitator)
    new = InRoomGatheringFactory(consultation=consultation, name="New", created_by=facilitator)
    InRoomGathering.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.IN_ROOM_DETAILS_RETENTION_DAYS + 1)
    )
    in_room_details_remove(timezone.now())
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.created_by, new.created_by) == (None, facilitator)
    assert old.name == "Old"
