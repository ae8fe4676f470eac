"""A volunteer facilitator supported for a while by a member of staff: while the support lasts
(its last day included) the staff member sees the group on "Your groups", gets a copy of its
join-request emails and of safeguarding alerts raised from its join requests; after, nothing."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import GroupFacilitator, GroupPage
from network.models.choices import HowToJoin
from network.notifications import SUBJECT_JOIN_REQUEST_RECEIVED
from network.rules import supports_group
from safeguarding.models import SafeguardingSettings
from safeguarding.services import SUBJECT_CASE_OPENED
from tests.factories import MemberFactory, UserFactory
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    facilitator_of,
)
from tests.safeguarding.conftest import CRISIS_WORDS, LEAD

pytestmark = pytest.mark.django_db

SUPPORTER = "key.worker@example.org"
LAST_DAY = datetime.date(2026, 3, 31)
DURING = datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.UTC)  # 10pm in London (BST)
AFTER = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)  # half past midnight, 1 April


@pytest.fixture
def group(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    return GroupPageFactory(parent=index, title="Thursday family group", how_to_join=HowToJoin.INVITE)


@pytest.fixture
def safeguarding_settings(site):
    config = SafeguardingSettings.for_site(site)
    config.leads = f"{LEAD}\nsecond.lead@example.org"
    config.save()
    return config


@pytest.fixture
def volunteer(group):
    return facilitator_of(group, email="volunteer@example.org")


@pytest.fixture
def supporter(group, volunteer):
    staff = UserFactory(is_staff=True, email=SUPPORTER)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        row = GroupFacilitator.objects.get(group=group)
        row.supported_by = staff
        row.support_ends_on = LAST_DAY
        row.full_clean()
        row.save()
    return staff


def fresh(user):
    """The user as a new request would read them (the rules cache what they read on the object)."""
    return type(user).objects.get(pk=user.pk)


def ask_to_join(group, message="Hello"):
    return services.join_request_create(group=group, member=MemberFactory(), message=message)


def to(address):
    return [email for email in mail.outbox if email.to == [address]]


# While supported, and after


def test_the_supporter_supports_the_group_until_the_end_of_the_last_day_in_london(group, supporter):
    with time_machine.travel(DURING):
        assert supports_group(fresh(supporter), group)
    with time_machine.travel(AFTER):
        assert not supports_group(fresh(supporter), group)


def test_your_groups_shows_the_supported_group_first_and_says_until_when(client, group, supporter, home_page):
    other = GroupPageFactory(parent=group.get_parent(), title="A group that comes first by name")
    client.force_login(supporter)
    with time_machine.travel(DURING):
        text = client.get(reverse("network:my_groups")).content.decode()
        assert "You support this group's facilitator until Tuesday 31 March." in text
        assert text.index(group.title) < text.index(other.title)
    with time_machine.travel(AFTER):
        text = client.get(reverse("network:my_groups")).content.decode()
        assert "You support this group" not in text
        assert text.index(other.title) < text.index(group.title)


def test_the_supporter_sees_the_group_sessions_and_attendance_while_supported(client, group, supporter):
    with time_machine.travel(DURING):
        session = GroupSessionFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=2))
        client.force_login(supporter)
        response = client.get(reverse("network:run_session", args=[session.pk]))
        assert response.status_code == 200
        assert "Who came" in response.content.decode()


def test_a_non_staff_person_named_by_a_script_sees_nothing(client, group, volunteer):
    """The rule asks for staff as well as the row: a supporter who stopped being staff is refused."""
    former = UserFactory(is_staff=False)
    GroupFacilitator.objects.filter(group=group).update(supported_by=former, support_ends_on=LAST_DAY)
    with time_machine.travel(DURING):
        session = GroupSessionFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=2))
        assert not supports_group(fresh(former), group)
        client.force_login(former)
        assert client.get(reverse("network:run_session", args=[session.pk])).status_code == 403
        assert client.get(reverse("network:my_groups")).status_code == 403


def test_join_request_emails_reach_the_supporter_only_while_supported(group, volunteer, supporter):
    with time_machine.travel(DURING):
        ask_to_join(group)
    assert [email.subject for email in to(SUPPORTER)] == [SUBJECT_JOIN_REQUEST_RECEIVED]
    assert "whose facilitator you support" in to(SUPPORTER)[0].body
    assert "a group you run" in to(volunteer.email)[0].body
    mail.outbox.clear()
    with time_machine.travel(AFTER):
        ask_to_join(group)
    assert to(SUPPORTER) == []
    assert len(to(volunteer.email)) == 1


def test_safeguarding_alerts_from_the_group_reach_the_supporter_only_while_supported(
    group, supporter, safeguarding_settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(DURING), django_capture_on_commit_callbacks(execute=True):
        ask_to_join(group, message=CRISIS_WORDS)
    alerts = [email for email in mail.outbox if email.subject == SUBJECT_CASE_OPENED]
    assert sorted(address for email in alerts for address in email.to) == sorted(
        [LEAD, "second.lead@example.org", SUPPORTER]
    )
    lead_alert = next(email for email in alerts if email.to == [LEAD])
    supporter_alert = next(email for email in alerts if email.to == [SUPPORTER])
    # The same link and the same care; each says why it came.
    assert "You are named as a safeguarding lead" in lead_alert.body
    assert "You support the facilitator of a group" in supporter_alert.body
    assert "You are named as a safeguarding lead" not in supporter_alert.body
    link = re.search(r"https?://\S+/safeguarding/cases/\d+/", lead_alert.body).group()
    assert link in supporter_alert.body
    mail.outbox.clear()
    with time_machine.travel(AFTER), django_capture_on_commit_callbacks(execute=True):
        ask_to_join(group, message=CRISIS_WORDS)
    alerts = [email for email in mail.outbox if email.subject == SUBJECT_CASE_OPENED]
    assert sorted(address for email in alerts for address in email.to) == [LEAD, "second.lead@example.org"]


def test_an_alert_from_another_group_does_not_reach_the_supporter(
    group, supporter, safeguarding_settings, django_capture_on_commit_callbacks
):
    other = GroupPageFactory(parent=group.get_parent(), how_to_join=HowToJoin.INVITE)
    with time_machine.travel(DURING), django_capture_on_commit_callbacks(execute=True):
        ask_to_join(other, message=CRISIS_WORDS)
    assert to(SUPPORTER) == []


# What the admin form checks


def supported_row(group, **fields):
    row = GroupFacilitator.objects.get(group=group)
    for name, value in fields.items():
        setattr(row, name, value)
    return row


def errors_of(row):
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    return raised.value.message_dict


def test_the_supporter_must_be_staff(group, volunteer):
    row = supported_row(group, supported_by=MemberFactory(), support_ends_on=timezone.localdate())
    errors = errors_of(row)
    assert list(errors) == ["supported_by"]
    assert "Choose a member of staff. Only staff can support a facilitator." in errors["supported_by"]


def test_the_last_day_cannot_be_set_in_the_past(group, volunteer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    row = supported_row(group, supported_by=UserFactory(is_staff=True), support_ends_on=yesterday)
    assert errors_of(row) == {
        "support_ends_on": ["The last day of the support cannot be in the past. Try today or later."]
    }
    assert GroupFacilitator.objects.get(group=group).supported_by is None


def test_support_needs_both_who_and_until_when(group, volunteer):
    assert "support_ends_on" in errors_of(supported_row(group, supported_by=UserFactory(is_staff=True)))
    assert "supported_by" in errors_of(supported_row(group, support_ends_on=timezone.localdate()))


def test_a_support_that_has_ended_can_stay_on_the_page_when_it_is_saved_again(group, supporter):
    with time_machine.travel(AFTER):
        row = GroupFacilitator.objects.get(group=group)
        row.full_clean()  # no error: the end date was set when it was in the future


def test_the_admin_form_says_what_is_wrong_next_to_the_field(group, volunteer):
    """The facilitator row of the group's edit form in the Wagtail admin gives the kind messages."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    form_class = GroupPage.get_edit_handler().get_form_class()
    row_form_class = form_class(instance=group, for_user=admin).formsets["facilitators"].form
    row = GroupFacilitator.objects.get(group=group)
    not_staff = MemberFactory()
    data = {"profile": row.profile_id, "supported_by": not_staff.pk, "support_ends_on": "2000-01-01"}
    form = row_form_class(data, instance=row)
    assert not form.is_valid()
    assert "supported_by" in form.errors  # not offered at all: the list holds staff only
    staff = UserFactory(is_staff=True)
    form = row_form_class({**data, "supported_by": staff.pk}, instance=row)
    assert not form.is_valid()
    assert form.errors["support_ends_on"] == [
        "The last day of the support cannot be in the past. Try today or later."
    ]
    form = row_form_class({**data, "supported_by": staff.pk, "support_ends_on": "junk"}, instance=row)
    assert not form.is_valid() and "support_ends_on" in form.errors
    assert GroupFacilitator.objects.get(group=group).supported_by is None
