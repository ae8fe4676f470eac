from datetime import timedelta

from django.core.management.base import BaseCommand

from consultations.notifications import send_closing_soon_reminders


class Command(BaseCommand):
    help = (
        "Email members who can take part in a consultation that closes soon. "
        "Safe to run as often as you like: nobody is reminded twice about the same consultation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=72, help="Remind about consultations closing within this many hours."
        )

    def handle(self, *args, hours, **options):
        sent = send_closing_soon_reminders(within=timedelta(hours=hours))
        self.stdout.write(f"{sent} reminders sent.")
