import pytest

from tests.factories import UserFactory
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db


def test_staff_can_open_the_network_admin_screens(client, home_page):
    site = public_site(home_page, groups=1, news=1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    session = site.groups[0].sessions.first()
    urls = [
        "/admin/snippets/network/venue/",
        f"/admin/snippets/network/venue/edit/{site.venue.pk}/",
        "/admin/snippets/network/supportservice/",
        "/admin/snippets/network/groupsession/",
        f"/admin/snippets/network/groupsession/edit/{session.pk}/",
        f"/admin/pages/{site.groups[0].pk}/edit/",
        f"/admin/pages/{site.drop_in.pk}/edit/",
        f"/admin/pages/{site.news[0].pk}/edit/",
        f"/admin/pages/{site.about.pk}/edit/",
        f"/admin/pages/add/network/grouppage/{site.group_index.pk}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
