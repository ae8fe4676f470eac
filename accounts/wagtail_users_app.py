"""Wagtail's users app, with the portal's list of people (accounts/admin_users.py).

Its own module, holding no models or views, because Django imports it while apps are loading.
Listed in INSTALLED_APPS in place of "wagtail.users", as Wagtail documents for custom user views.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_users.PeopleViewSet"
