from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network"

    def ready(self):
        from . import receivers, role_permissions, signals, signed_in_sessions, two_factor  # noqa: F401
