from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import accounts, board, consultations, groups, hub, news_and_pages, referrals, site

# In this order: each step builds on the ones before it, and each is safe to run again.
DEMO_STEPS = [site, accounts, hub, groups, referrals, news_and_pages, consultations, board]


def already_loaded():
    return get_user_model().objects.filter(email=accounts.DEMO_ACCOUNTS[0][0]).exists()


class Command(BaseCommand):
    help = "Load demo content: the site, its settings, demo accounts and the network. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing if the demo is already here, so what editors changed stays (make run).",
        )

    def handle(self, *args, once, **options):
        if once and already_loaded():
            self.stdout.write(
                "The demo content is already here, so it was left as it is. Run `make demo` to load it again."
            )
            return
        with transaction.atomic():
            for step in DEMO_STEPS:
                step.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
