from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal frame"

    def ready(self):
        from . import converters, signals  # noqa: F401

        converters.register()
