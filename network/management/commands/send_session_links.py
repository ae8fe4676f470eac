from django.core.management.base import BaseCommand

from network.services import session_links_send


class Command(BaseCommand):
    help = (
        "Email the online link to everyone with a place at an online or hybrid session in the next "
        "36 hours. Run it hourly or daily (cron): nobody gets the same link twice."
    )

    def handle(self, *args, **options):
        sent = session_links_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} link email{'s' if sent != 1 else ''} sent."))
