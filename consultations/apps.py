from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from . import figures_cache, public_cache, signals  # noqa: F401

        public_cache.connect()
        figures_cache.connect()
