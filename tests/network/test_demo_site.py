import pytest
from django.core.management import call_command

from network.models import DropInPage, GroupPage, GroupSession, NewsPage, StandardPage, SupportService, Venue

pytestmark = pytest.mark.django_db


def load_demo_content():
    with open("/dev/null", "w") as quiet:
        call_command("load_demo_content", stdout=quiet)


def test_demo_site_loads_twice_without_duplicates(client):
    load_demo_content()
    load_demo_content()
    assert Venue.objects.count() == 1
    assert SupportService.objects.count() == 5
    assert DropInPage.objects.live().count() == 1
    assert GroupPage.objects.live().count() == 6
    assert NewsPage.objects.live().count() == 4
    assert StandardPage.objects.live().count() == 3
    assert GroupSession.objects.filter(group__slug="tuesday-peer-group").count() >= 13
    venue = Venue.objects.get()
    thursday = venue.opening_periods.get(weekday=3)
    assert (thursday.opens.hour, thursday.closes.hour) == (10, 19)
    tuesday_group = GroupPage.objects.get(slug="tuesday-peer-group")
    assert [f.profile.display_name for f in tuesday_group.facilitators.all()] == ["Rowan"]
    for url in [
        "/",
        "/drop-in/",
        "/groups/",
        "/groups/tuesday-peer-group/",
        "/news/",
        "/about/",
        "/privacy/",
    ]:
        assert client.get(url).status_code == 200, url
