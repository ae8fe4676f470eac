from django.core.management.base import BaseCommand

from network.services import group_sessions_sync_all


class Command(BaseCommand):
    help = "Make every group's future sessions match its schedule. Run daily (cron) to keep weeks ahead."

    def handle(self, *args, **options):
        group_sessions_sync_all()
        self.stdout.write(self.style.SUCCESS("Group sessions are up to date."))
