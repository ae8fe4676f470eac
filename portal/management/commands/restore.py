from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into a new, empty database (DATABASE_URL) "
        "and empty MEDIA_ROOT and PRIVATE_FILES_ROOT folders. It never writes over existing data."
    )
    # The checks read the database, which is empty (or not there yet) until the restore is done.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The portal-backup-*.tar.gz file to restore.")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup made at {manifest['created']}.")
