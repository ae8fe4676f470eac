from django.core.management.base import BaseCommand

from safeguarding.services import cases_escalate


class Command(BaseCommand):
    help = (
        "Email the safeguarding leads about each case still open past the configured time (site "
        "settings, 24 hours unless changed), once per that time. Run it every hour or so."
    )

    def handle(self, *args, **options):
        sent = cases_escalate()
        self.stdout.write(f"{sent} cases still open; the leads were emailed.")
