import os

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database, MEDIA_ROOT and PRIVATE_FILES_ROOT into one timestamped archive "
        "(portal-backup-YYYYMMDDTHHMMSSZ.tar.gz). Restore it with: manage.py restore ARCHIVE"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR", "backups"),
            help="Folder for the archive (default: $BACKUP_DIR, else ./backups).",
        )

    def handle(self, *args, **options):
        try:
            archive = make_backup(options["output_dir"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
