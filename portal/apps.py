from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal frame"
    # The site-wide settings show on every page (portal/signals.py).
    public_content = True

    def ready(self):
        from . import converters, signals, task_failures  # noqa: F401

        converters.register()
        signals.connect_content_changes()
