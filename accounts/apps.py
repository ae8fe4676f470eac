from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"
    # Display names show on public pages (a group's facilitators); sign-ins never do.
    public_content = True
    private_models = {"accounts.signedinsession"}

    def ready(self):
        from . import receivers, role_permissions, signed_in_sessions, two_factor  # noqa: F401
