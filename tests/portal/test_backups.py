"""`manage.py backup` and `manage.py restore`, run as an operator runs them: in their own processes,
on a database and folders of their own. A backup restored into a fresh database and fresh folders
gives back the people and the files; a restore never writes over data; bad arguments say what is
wrong and exit non-zero. SQLite always; PostgreSQL (pg_dump/pg_restore) when DATABASE_URL is one."""

import os
import re
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from tests.production_server import ROOT

# One worker builds the backed-up deployment once (a migrate and a backup, in their own
# processes) and runs every test that reads it, rather than each worker building its own.
pytestmark = pytest.mark.xdist_group("backups")

SAY_PEOPLE = (
    "from django.contrib.auth import get_user_model; "
    "print(sorted(get_user_model().objects.values_list('email', flat=True)))"
)
# When PostgreSQL last made the planner's statistics of a table by hand (ANALYZE), if ever.
SAY_ANALYZED = (
    "from django.db import connection; cursor = connection.cursor(); cursor.execute("
    "\"SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'auth_user'\"); "
    "print(cursor.fetchone()[0])"
)
MAKE_PERSON = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_user(username='kept', email='kept@backup.test', password='x' * 12)"
)


class Place:
    """A database and the two file folders: what one deployment holds."""

    def __init__(self, folder, database_url):
        self.folder = folder
        self.media = folder / "media"
        self.private = folder / "private"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(Path.home()),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "PRIVATE_FILES_ROOT": str(self.private),
        }

    def manage(self, *args):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def shell(self, code):
        result = self.manage("shell", "--no-imports", "-c", code)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


def sqlite_databases(tmp_path):
    return f"sqlite:///{tmp_path / 'first.sqlite3'}", f"sqlite:///{tmp_path / 'fresh' / 'second.sqlite3'}"


def postgres_databases(tmp_path):
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        pytest.skip(
            "The PostgreSQL backup (pg_dump/pg_restore) is tested when DATABASE_URL points to "
            "PostgreSQL, as in CI's second pass; this run uses SQLite."
        )
    import psycopg

    admin = re.sub(r"/[^/]*$", "/postgres", configured)
    names = [f"portal_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return [re.sub(r"/[^/]*$", f"/{name}", configured) for name in names], drop


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backed_up(request, tmp_path_factory):
    """One deployment with a person, a public image and a private board pack, backed up."""
    tmp_path = tmp_path_factory.mktemp(request.param)
    drop = None
    if request.param == "sqlite":
        first_url, second_url = sqlite_databases(tmp_path)
    else:
        (first_url, second_url), drop = postgres_databases(tmp_path)
    try:
        first = Place(tmp_path / "first", first_url)
        assert first.manage("migrate", "--no-input").returncode == 0
        first.shell(MAKE_PERSON)
        (first.media / "images").mkdir(parents=True)
        (first.media / "images" / "hall.jpg").write_bytes(b"\xff\xd8 a picture of the hall")
        (first.private / "exports").mkdir(parents=True)
        (first.private / "exports" / "board-pack.pdf").write_bytes(b"%PDF board pack")
        result = first.manage("backup", "--output-dir", str(tmp_path / "backups"))
        assert result.returncode == 0, result.stderr
        archive = Path(result.stdout.strip())
        yield first, Place(tmp_path / "second", second_url), archive
    finally:
        if drop:
            drop()


def test_a_backup_is_one_timestamped_archive_of_the_database_and_both_folders(backed_up):
    _, _, archive = backed_up
    assert re.fullmatch(r"portal-backup-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "media/images/hall.jpg", "private/exports/board-pack.pdf"} <= names
    assert names & {"database.dump", "database.sqlite3"}
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


def test_a_restore_into_a_fresh_database_and_folders_gives_back_people_and_files(backed_up):
    first, second, archive = backed_up
    result = second.manage("restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "Restored the backup made at" in result.stdout
    assert second.shell(SAY_PEOPLE) == "['kept@backup.test']"
    assert (second.media / "images" / "hall.jpg").read_bytes() == b"\xff\xd8 a picture of the hall"
    assert (second.private / "exports" / "board-pack.pdf").read_bytes() == b"%PDF board pack"
    # The restored database is complete: nothing left to migrate.
    assert second.manage("migrate", "--check").returncode == 0
    if second.env["DATABASE_URL"].startswith("postgres"):
        # And PostgreSQL knows how big its tables are at once, not only once autovacuum comes by
        # (if it is on): without statistics the board's CSV of 10,000 priorities took 50 s, not 0.4.
        assert second.shell(SAY_ANALYZED) == "True"

    # A second restore would mix two sites' data: refused, and nothing changes.
    again = second.manage("restore", str(archive))
    assert again.returncode != 0
    assert "already has tables" in again.stderr
    assert first.shell(SAY_PEOPLE) == "['kept@backup.test']"


def test_a_restore_refuses_folders_that_already_have_files(backed_up, tmp_path):
    first, _, archive = backed_up
    place = Place(tmp_path, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    if not first.env["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("Checked once, on SQLite.")
    place.media.mkdir()
    (place.media / "someone-elses.jpg").write_bytes(b"x")
    result = place.manage("restore", str(archive))
    assert result.returncode != 0
    assert "MEDIA_ROOT" in result.stderr and "already has files" in result.stderr
    assert not (place.private / "exports").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["restore", "/nowhere/portal-backup.tar.gz"], "There is no backup file at /nowhere"),
        (["restore", "NOT_AN_ARCHIVE"], "is not a backup archive"),
        (["restore", "EMPTY_ARCHIVE"], "not a portal backup: it has no manifest.json"),
        (["restore"], "the following arguments are required: archive"),
        (["backup", "--output-dir", "NOT_AN_ARCHIVE"], "Cannot make the folder"),
        (["backup", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_bad_arguments_say_what_is_wrong_and_exit_non_zero(tmp_path, arguments, message):
    (tmp_path / "not-a-backup.txt").write_text("hello")
    with tarfile.open(tmp_path / "empty.tar.gz", "w:gz"):
        pass
    swap = {
        "NOT_AN_ARCHIVE": str(tmp_path / "not-a-backup.txt"),
        "EMPTY_ARCHIVE": str(tmp_path / "empty.tar.gz"),
    }
    place = Place(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = place.manage(*[swap.get(argument, argument) for argument in arguments])
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
