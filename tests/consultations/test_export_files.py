"""Made export files are private, and deleted after the retention period; the audit record stays."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from consultations.models import ExportLog, ExportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def made_file(client, board_world, media_root):
    client.force_login(board_world.rep)
    client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"]))
    log = ExportLog.objects.get()
    assert log.status == ExportStatus.READY
    return log


def test_files_are_kept_outside_the_public_media_folder(made_file, settings):
    path = Path(made_file.file.path)
    assert path.is_file()
    assert path.is_relative_to(settings.PRIVATE_FILES_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError, match="no public address"):
        made_file.file.url  # noqa: B018


def purge(*args):
    out = StringIO()
    call_command("purge_old_exports", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_old_files_are_deleted_and_the_record_kept(made_file, settings):
    path = Path(made_file.file.path)
    ExportLog.objects.filter(pk=made_file.pk).update(
        created_at=timezone.now() - timedelta(days=settings.EXPORT_RETENTION_DAYS, minutes=1)
    )
    assert purge() == "1 export file deleted.\n"
    assert not path.exists()
    log = ExportLog.objects.get()
    assert log.status == ExportStatus.DELETED and not log.file
    assert log.user and log.description and log.format == "xlsx"
    assert purge() == "0 export files deleted.\n"


def test_recent_files_stay(made_file):
    assert purge() == "0 export files deleted.\n"
    assert Path(made_file.file.path).is_file()
    assert ExportLog.objects.get().status == ExportStatus.READY


def test_the_period_can_be_given_on_the_command_line(made_file):
    assert purge("--days", "0") == "1 export file deleted.\n"


def test_a_negative_period_changes_nothing_and_fails(made_file):
    # A CommandError makes manage.py print the message and exit with status 1, so a scheduler sees it.
    with pytest.raises(CommandError, match=r"^--days must be 0 or more\.$"):
        purge("--days", "-1")
    assert Path(made_file.file.path).is_file()


def test_a_deleted_file_says_so_and_cannot_be_downloaded(client, made_file):
    purge("--days", "0")
    page = client.get(reverse("consultations:downloads")).text
    assert "Deleted" in page
    assert reverse("consultations:download", args=[made_file.pk]) not in page
    assert "Files are deleted 30 days after you ask for them." in page
    assert client.get(reverse("consultations:download", args=[made_file.pk])).status_code == 404


# A failed file and a double click (deployment review)


def test_a_file_that_cannot_be_made_is_recorded_as_failed_and_staff_are_told(
    client, board_world, media_root, monkeypatch
):
    from django.core import mail

    from consultations import exports
    from tests.factories.accounts import user_with_roles

    staff = user_with_roles(is_staff=True)

    def broken(log):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "build_file", broken)
    client.force_login(board_world.rep)
    response = client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"]))
    assert response.status_code == 302
    assert ExportLog.objects.get().status == ExportStatus.FAILED
    [report] = [message for message in mail.outbox if message.to == [staff.email]]
    assert report.subject == "A background job did not finish"
    assert "make_export_file" in report.body
    assert board_world.rep.email not in report.body
    downloads = client.get(reverse("consultations:downloads"))
    assert "Could not be made" in downloads.text


def test_asking_twice_for_the_same_file_makes_one(client, board_world, media_root, queued_tasks):
    """A double click on "make the file" (the queue has not made it yet) gives one file and one
    email, and says so kindly the second time."""
    client.force_login(board_world.rep)
    url = reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"])
    client.post(url)
    second = client.post(url, follow=True)
    assert "We are already making that file" in second.text
    assert ExportLog.objects.count() == 1
    assert [r.task.name for r in queued_tasks.results if r.task.name == "make_export_file"] == [
        "make_export_file"
    ]
