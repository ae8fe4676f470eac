from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from . import figures_cache, public_cache, signals, vote_counts  # noqa: F401

        public_cache.connect()
        figures_cache.connect()
        pre_migrate.connect(vote_counts.before_migrate, sender=self, dispatch_uid="vote_counts_before")
        post_migrate.connect(vote_counts.after_migrate, sender=self, dispatch_uid="vote_counts_after")
