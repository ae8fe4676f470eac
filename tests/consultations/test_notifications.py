from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ClosingReminder, NotificationPreferences
from consultations.notifications import SUBJECT_CLOSING_SOON
from tests.factories.accounts import UserFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory

pytestmark = pytest.mark.django_db
FORBIDDEN_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "overdose", "priority")


def test_closing_soon_reminders_are_sent_once(member, peer_group):
    soon = ConsultationFactory(closes_at=timezone.now() + timedelta(hours=20))
    ConsultationFactory(closes_at=timezone.now() + timedelta(days=20))
    ConsultationFactory(closes_at=timezone.now() + timedelta(hours=5), eligible_group=peer_group)
    opted_out = user_with_roles()
    NotificationPreferences.objects.create(user=opted_out, closing_soon=False)
    UserFactory()  # not a member

    call_command("send_closing_soon_reminders", "--hours", "72")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == SUBJECT_CLOSING_SOON
    assert soon.question in mail.outbox[0].body

    call_command("send_closing_soon_reminders", "--hours", "72")
    assert len(mail.outbox) == 1
    assert ClosingReminder.objects.count() == 1


@pytest.mark.parametrize(
    "subject",
    [
        "consultations.notifications.SUBJECT_POST_UPDATE",
        "consultations.notifications.SUBJECT_CLOSING_SOON",
        "consultations.notifications.SUBJECT_BOARD_RESPONSE",
        "consultations.notifications.SUBJECT_NEEDS_A_LOOK",
    ],
)
def test_subjects_are_neutral(subject):
    from django.utils.module_loading import import_string

    text = import_string(subject).lower()
    assert not any(word in text for word in FORBIDDEN_IN_SUBJECTS)


@pytest.mark.parametrize("people", [3, 30])
def test_closing_soon_reminders_read_people_in_a_fixed_number_of_queries(
    django_assert_max_num_queries, people
):
    """One query for the people (with their roles and email choices), then a reminder row and
    an email each: never a query per person to find out who they are (architecture review)."""
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import ClosingReminder
    from consultations.notifications import send_closing_soon_reminders
    from tests.factories import MemberFactory
    from tests.factories.consultations import ConsultationFactory

    now = timezone.now()
    ConsultationFactory(opens_at=now - timedelta(days=5), closes_at=now + timedelta(hours=20))
    MemberFactory.create_batch(people)
    # Per person: a savepoint, the reminder row and its release (the email is queued, and the
    # immediate test backend sends it without touching the database).
    with django_assert_max_num_queries(4 + 3 * people):
        sent = send_closing_soon_reminders(within=timedelta(hours=72))
    assert sent == people
    assert ClosingReminder.objects.count() == people
