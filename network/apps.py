from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network"
    # Venues, groups, sessions and news show on public pages (portal/signals.py); who signed up
    # for what never does.
    public_content = True
    private_models = {
        "network.sessionregistration",
        "network.sessionlinksent",
        "network.joinrequest",
        "network.partnerteam",
        "network.referral",
        "network.invitation",
    }

    def ready(self):
        from . import closure_admin, receivers  # noqa: F401
