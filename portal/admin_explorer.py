"""Where "Pages" opens in the Wagtail admin: on the site's home page, not on Wagtail's root.

Wagtail starts the page explorer at the closest common ancestor of the pages someone may edit.
For superusers, and for Wagtail's Editors group (whose permissions sit on the root), that is the
tree's root node: a page nobody sees, which only invites people to "add new sites to your Wagtail
installation". With one site, its home page is the top that means something; with several, the
root lists them, so it stays.
"""

from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy


class SiteHomePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, unchanged, except where the explorer starts."""

    def explorable_root_instance(self, user):
        root = super().explorable_root_instance(user)
        if root is None or not root.is_root():
            return root
        sites = list(Site.objects.select_related("root_page")[:2])
        if len(sites) != 1:
            return root
        home = sites[0].root_page
        # Wagtail keeps the answer on the user for the rest of the request: keep this one.
        setattr(user, self._explorable_root_instance_cache_name, home)
        return home
