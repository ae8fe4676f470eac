"""Made export files are private, and deleted after the retention period; the audit record stays."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
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


def test_a_negative_period_changes_nothing(made_file):
    assert purge("--days", "-1") == "--days must be 0 or more.\n"
    assert Path(made_file.file.path).is_file()


def test_a_deleted_file_says_so_and_cannot_be_downloaded(client, made_file):
    purge("--days", "0")
    page = client.get(reverse("consultations:downloads")).text
    assert "Deleted" in page
    assert reverse("consultations:download", args=[made_file.pk]) not in page
    assert "Files are deleted 30 days after you ask for them." in page
    assert client.get(reverse("consultations:download", args=[made_file.pk])).status_code == 404
