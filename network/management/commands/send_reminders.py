from django.core.management.base import BaseCommand

from network.reminders import session_reminders_send


class Command(BaseCommand):
    help = (
        "Email each person with a place their reminder the day before the session, at the group's "
        "reminder time (with the online link, for online sessions), and one more email to those "
        "already reminded when the details change. Run it every 15 minutes: nobody gets the same "
        "email twice, however often or late it runs."
    )

    def handle(self, *args, **options):
        sent = session_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder email{'s' if sent != 1 else ''} sent."))
