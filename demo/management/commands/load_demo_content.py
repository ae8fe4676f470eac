from django.core.management.base import BaseCommand
from django.db import transaction

from demo import accounts, board, consultations, groups, hub, news_and_pages, site

# In this order: each step builds on the ones before it, and each is safe to run again.
DEMO_STEPS = [site, accounts, hub, groups, news_and_pages, consultations, board]


class Command(BaseCommand):
    help = "Load demo content: the site, its settings, demo accounts and the network. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            for step in DEMO_STEPS:
                step.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
