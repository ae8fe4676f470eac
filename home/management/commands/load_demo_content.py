from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its own loader; they run in this order and each is safe to run again.
DEMO_LOADERS = [
    "home.demo.load",
    "network.demo.load",
    "network.demo_site.load",
    "consultations.demo.load",
    "consultations.demo_board.load",
]


class Command(BaseCommand):
    help = "Load demo content: the site, its settings, demo accounts and the network. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            for dotted_path in DEMO_LOADERS:
                import_string(dotted_path)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
