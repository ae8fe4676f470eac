from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.retention import RetentionSettingError, retention_steps


class Command(BaseCommand):
    help = (
        "Remove what the portal keeps past its time (the *_RETENTION_DAYS settings): each app adds "
        "its steps with the register_retention_steps hook. Safe to run as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="STEP",
            help="Run only this step (give it more than once for several). --list shows the steps.",
        )
        parser.add_argument("--list", action="store_true", help="List the steps and do nothing.")

    def handle(self, *args, only, list, **options):
        steps = retention_steps()
        if list:
            for step in steps:
                self.stdout.write(f"{step.name}: {step.description}")
            return
        known = {step.name for step in steps}
        unknown = sorted(set(only) - known)
        if unknown:
            raise CommandError(
                f"There is no step called {', '.join(unknown)}. The steps are: {', '.join(sorted(known))}."
            )
        now = timezone.now()
        for step in steps:
            if only and step.name not in only:
                continue
            try:
                with transaction.atomic():
                    removed = step.run(now)
            except RetentionSettingError as error:
                raise CommandError(f"{step.name}: {error} Nothing was removed by this step.") from error
            self.stdout.write(f"{step.name}: {removed} removed ({step.description}).")
