from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consultations.services import exports_purge


class Command(BaseCommand):
    help = (
        "Delete board packs and spreadsheets made longer ago than EXPORT_RETENTION_DAYS. "
        "The record of who exported what is kept. Safe to run as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Delete files older than this many days (default: the EXPORT_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days, **options):
        days = settings.EXPORT_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        deleted = exports_purge(older_than=timezone.now() - timedelta(days=days))
        self.stdout.write(f"{deleted} export file{'s' if deleted != 1 else ''} deleted.")
