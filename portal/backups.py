"""Backups: the database, MEDIA_ROOT and PRIVATE_FILES_ROOT in one timestamped archive, and back.

An archive (`portal-backup-20260101T020000Z.tar.gz`) holds:
- `manifest.json`: when it was made and which kind of database it came from;
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, copied
  with SQLite's online backup, so a vote written meanwhile never leaves it half-copied);
- `media/` and `private/`: uploaded images and documents, and the board packs and spreadsheets.

A restore goes into a fresh, empty database and empty folders: it refuses to write over a
database that has tables or folders that have files, so it can never mix two sites' data.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

ARCHIVE_PREFIX = "portal-backup-"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMPS = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_FILES_ROOT"}


class BackupError(Exception):
    """Something an operator can fix; the message says what."""


def database_kind(alias="default"):
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("postgresql"):
        return POSTGRESQL
    if engine.endswith("sqlite3"):
        return SQLITE
    raise BackupError(f"Backups know PostgreSQL and SQLite, not {engine}.")


def postgres_command(program, alias="default"):
    """pg_dump or pg_restore with the connection settings Django uses, and the password (if any)
    in the environment rather than on the command line, where other users could read it."""
    database = settings.DATABASES[alias]
    if not shutil.which(program):
        raise BackupError(f"{program} is not installed. On Debian: apt-get install postgresql-client")
    arguments = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [flag, str(database[key])]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment, database["NAME"]


def run(arguments, environment=None):
    result = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def dump_database(target, alias="default"):
    kind = database_kind(alias)
    path = Path(target) / DUMPS[kind]
    if kind == POSTGRESQL:
        arguments, environment, name = postgres_command("pg_dump", alias)
        run([*arguments, "--format=custom", "--no-owner", "--file", str(path), "--dbname", name], environment)
    else:
        source = sqlite3.connect(settings.DATABASES[alias]["NAME"])
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    return kind


def make_backup(output_dir, alias="default"):
    """Write one archive into output_dir and return its path."""
    output_dir = Path(output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot make the folder {output_dir}: {error.strerror}.") from error
    if not os.access(output_dir, os.W_OK):
        raise BackupError(f"Cannot write to the folder {output_dir}.")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    archive = output_dir / f"{ARCHIVE_PREFIX}{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        kind = dump_database(work, alias)
        manifest = {"created": timezone.now().isoformat(), "database": kind, "format": 1}
        Path(work, "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(work, "manifest.json"), arcname="manifest.json")
            tar.add(Path(work, DUMPS[kind]), arcname=DUMPS[kind])
            for name, setting in FOLDERS.items():
                folder = Path(getattr(settings, setting))
                if folder.is_dir():
                    tar.add(folder, arcname=name)
                else:
                    info = tarfile.TarInfo(name)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o700
                    tar.addfile(info)
        # Only a finished archive gets its name: a backup cut short never looks like a good one.
        partial.rename(archive)
    archive.chmod(0o600)
    return archive


def read_manifest(tar):
    try:
        member = tar.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError("This file is not a portal backup: it has no manifest.json.")
    manifest = json.loads(member.read())
    if manifest.get("database") not in DUMPS:
        raise BackupError("This backup's manifest names no database this portal can restore.")
    return manifest


def database_is_empty(alias="default"):
    connection = connections[alias]
    if database_kind(alias) == SQLITE and not Path(settings.DATABASES[alias]["NAME"]).exists():
        return True
    return not connection.introspection.table_names()


def folder_is_empty(folder):
    return not folder.exists() or not any(folder.iterdir())


def check_restore_target(kind, alias="default"):
    here = database_kind(alias)
    if kind != here:
        raise BackupError(
            f"This backup holds a {kind} database but DATABASE_URL points to {here}. "
            "Restore into the same kind of database."
        )
    if not database_is_empty(alias):
        raise BackupError(
            "The database already has tables. Restore only into a new, empty database "
            "(for PostgreSQL: createdb; for SQLite: a path with no file yet)."
        )
    for setting in FOLDERS.values():
        folder = Path(getattr(settings, setting))
        if not folder_is_empty(folder):
            raise BackupError(f"{setting} ({folder}) already has files. Restore only into empty folders.")


def restore_backup(archive, alias="default"):
    """Restore an archive into the configured (empty) database and (empty) folders."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no backup file at {archive}.")
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a backup archive this command made ({error}).") from error
    with tar, tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        manifest = read_manifest(tar)
        kind = manifest["database"]
        check_restore_target(kind, alias)
        # The "data" filter refuses links and paths that would land outside the folder.
        tar.extractall(work, filter="data")
        restore_database(Path(work) / DUMPS[kind], kind, alias)
        for name, setting in FOLDERS.items():
            target = Path(getattr(settings, setting))
            target.mkdir(parents=True, exist_ok=True)
            source = Path(work) / name
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
    return manifest


def restore_database(dump, kind, alias="default"):
    if kind == POSTGRESQL:
        connections[alias].close()
        arguments, environment, name = postgres_command("pg_restore", alias)
        run([*arguments, "--no-owner", "--exit-on-error", "--dbname", name, str(dump)], environment)
        # pg_restore leaves the planner's statistics to autovacuum, which may be a minute away (or
        # off): until then it takes every table for a few rows, and the board's CSV of 10,000
        # priorities took 50 s instead of 0.4 (bench/exports.py). So they are made now.
        with connections[alias].cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        connections[alias].close()
        target = Path(settings.DATABASES[alias]["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(dump)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
