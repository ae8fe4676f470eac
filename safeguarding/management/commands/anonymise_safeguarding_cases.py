from django.core.management.base import BaseCommand

from safeguarding.services import cases_anonymise


class Command(BaseCommand):
    help = (
        "Remove the member, their name, their words and the notes from cases followed up longer "
        "ago than the configured time (site settings). Run it once a day."
    )

    def handle(self, *args, **options):
        count = cases_anonymise()
        self.stdout.write(f"{count} followed-up cases anonymised.")
