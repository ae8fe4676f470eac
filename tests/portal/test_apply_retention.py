"""`manage.py apply_retention` removes exactly what is past its time, and nothing else."""

import datetime
from importlib import import_module
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail import hooks

from accounts.models import SignedInSession
from consultations.models import ExportLog, ExportStatus, InRoomTally, Priority, PriorityRevision
from portal.retention import RetentionStep
from tests.factories import MemberFactory
from tests.factories.accounts import UserFactory
from tests.factories.consultations import InRoomTallyFactory, PriorityFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
User = get_user_model()


def days_ago(days, **extra):
    return NOW - datetime.timedelta(days=days, **extra)


def apply_retention(*args):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def made_at(moment, make):
    with time_machine.travel(moment, tick=False):
        return make()


def unverified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


@pytest.fixture
def private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def test_unverified_accounts_past_their_time_are_deleted_and_no_others():
    due = made_at(days_ago(14, minutes=1), unverified_user)
    not_yet = made_at(days_ago(13, hours=23), unverified_user)
    verified_long_ago = made_at(days_ago(400), MemberFactory)
    staff = made_at(days_ago(400), lambda: unverified_user(is_staff=True))
    signed_in_once = made_at(days_ago(400), lambda: unverified_user(last_login=days_ago(300)))

    output = apply_retention("--only", "unverified-accounts")

    assert "unverified-accounts: 1 removed" in output
    assert not User.objects.filter(pk=due.pk).exists()
    assert not EmailAddress.objects.filter(user_id=due.pk).exists()
    assert set(User.objects.values_list("pk", flat=True)) == {
        not_yet.pk,
        verified_long_ago.pk,
        staff.pk,
        signed_in_once.pk,
    }


def test_old_sign_ins_are_forgotten_and_their_sessions_ended(member):
    store = import_module(django_settings.SESSION_ENGINE).SessionStore

    def signed_in():
        session = store()
        session["_auth_user_id"] = str(member.pk)
        session.create()
        return SignedInSession.objects.create(user=member, session_key=session.session_key)

    old = made_at(days_ago(30, minutes=1), signed_in)
    recent = made_at(days_ago(29), signed_in)

    output = apply_retention("--only", "old-sign-ins")

    assert "old-sign-ins: 1 removed" in output
    assert list(SignedInSession.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not store().exists(old.session_key)
    assert store().exists(recent.session_key)


def test_in_room_details_lose_who_entered_them_and_keep_the_words_and_counts(member):
    facilitator = MemberFactory()
    gathered_long_ago = made_at(
        days_ago(366),
        lambda: PriorityFactory(author=None, entered_by=facilitator, gathered_place="Tuesday group"),
    )
    gathered_lately = made_at(days_ago(300), lambda: PriorityFactory(author=None, entered_by=facilitator))
    online = made_at(days_ago(400), lambda: PriorityFactory(author=member))
    old_tally = made_at(days_ago(366), lambda: InRoomTallyFactory(priority=online, entered_by=facilitator))
    new_tally = made_at(
        days_ago(364), lambda: InRoomTallyFactory(priority=online, place="Friday", entered_by=facilitator)
    )

    output = apply_retention("--only", "in-room-details")

    assert "in-room-details: 2 removed" in output
    assert Priority.objects.get(pk=gathered_long_ago.pk).entered_by is None
    assert Priority.objects.get(pk=gathered_long_ago.pk).gathered_place == "Tuesday group"
    assert Priority.objects.get(pk=gathered_lately.pk).entered_by == facilitator
    assert Priority.objects.get(pk=online.pk).author == member
    assert InRoomTally.objects.get(pk=old_tally.pk).entered_by is None
    assert InRoomTally.objects.get(pk=old_tally.pk).votes == 5
    assert InRoomTally.objects.get(pk=new_tally.pk).entered_by == facilitator


def test_moderation_originals_past_their_time_are_deleted():
    priority = PriorityFactory()

    def original(title):
        return PriorityRevision.objects.create(priority=priority, title=title, explanation="The first words")

    made_at(days_ago(365, minutes=1), lambda: original("old"))
    made_at(days_ago(364), lambda: original("recent"))

    output = apply_retention("--only", "moderation-originals")

    assert "moderation-originals: 1 removed" in output
    assert list(PriorityRevision.objects.values_list("title", flat=True)) == ["recent"]
    assert Priority.objects.filter(pk=priority.pk).exists()


def test_export_files_past_their_time_are_deleted_and_their_record_kept(private_files, member):
    def export(name):
        log = ExportLog.objects.create(
            user=member, role="Board representatives", subject="meeting", object_id=1,
            description=name, format="csv", status=ExportStatus.READY,
        )  # fmt: skip
        log.file.save(f"{name}.csv", ContentFile(b"a,b\n"))
        return log

    old = made_at(days_ago(30, minutes=1), lambda: export("old"))
    recent = made_at(days_ago(29), lambda: export("recent"))

    output = apply_retention("--only", "export-files")

    assert "export-files: 1 removed" in output
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.file.name) == (ExportStatus.DELETED, "")
    assert recent.status == ExportStatus.READY and recent.file.storage.exists(recent.file.name)
    assert ExportLog.objects.count() == 2


def test_every_step_runs_by_default_and_says_what_it_removed():
    made_at(days_ago(20), unverified_user)
    output = apply_retention()
    for name in (
        "unverified-accounts",
        "old-sign-ins",
        "in-room-details",
        "moderation-originals",
        "export-files",
    ):
        assert f"{name}: " in output
    assert "unverified-accounts: 1 removed" in output
    assert "moderation-originals: 0 removed" in output


def test_a_step_from_another_app_runs_too():
    ran = []
    step = RetentionStep("closed-cases", "closed safeguarding cases", lambda now: ran.append(now) or 3)
    with hooks.register_temporarily("register_retention_steps", lambda: [step]):
        output = apply_retention("--only", "closed-cases")
    assert output == "closed-cases: 3 removed (closed safeguarding cases).\n"
    assert ran == [NOW]


def test_list_shows_the_steps_and_removes_nothing():
    made_at(days_ago(20), unverified_user)
    output = apply_retention("--list")
    assert "unverified-accounts: accounts whose email address was never confirmed" in output
    assert User.objects.count() == 1


def test_an_unknown_step_is_refused_with_the_steps_there_are():
    made_at(days_ago(20), unverified_user)
    with pytest.raises(
        CommandError, match=r"There is no step called tidy-up\. The steps are: .*export-files"
    ):
        apply_retention("--only", "tidy-up")
    assert User.objects.count() == 1


@pytest.mark.parametrize("value", [0, -3, "30"])
def test_a_period_that_makes_no_sense_is_refused_and_nothing_removed(settings, value):
    settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS = value
    made_at(days_ago(20), unverified_user)
    with pytest.raises(
        CommandError, match="UNVERIFIED_ACCOUNT_RETENTION_DAYS must be a whole number of days"
    ):
        apply_retention("--only", "unverified-accounts")
    assert User.objects.count() == 1


def test_bad_arguments_exit_with_a_message_and_a_non_zero_status():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "apply_retention", "--only", "tidy-up"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": ""},
        cwd=django_settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0
    assert "There is no step called tidy-up" in result.stderr
