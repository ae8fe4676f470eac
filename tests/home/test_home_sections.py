import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories.network import public_site

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@time_machine.travel(datetime.datetime(2026, 11, 23, 11, tzinfo=LONDON), tick=False)
def test_home_page_shows_open_now_next_sessions_news_and_help(client, home_page, network_settings):
    site = public_site(home_page, groups=2, news=4)
    session = site.groups[0].sessions.first()
    session.cancelled = True
    session.save()
    html = client.get("/").text
    assert "Open now until 4pm" in html
    assert f'href="{site.drop_in.url}"' in html
    assert "Coming up at our groups" in html
    assert site.groups[0].title in html
    assert "Cancelled" in html
    assert "Latest news" in html
    assert html.count("Something good happened at the hub.") == 3
    assert 'href="/groups/">See all our peer groups' in html
    assert 'href="/news/">All news' in html
    assert "Need help now?" in html
    assert 'href="#footer-help-now"' in html


@time_machine.travel(datetime.datetime(2026, 11, 23, 18, tzinfo=LONDON), tick=False)
def test_home_page_says_when_the_drop_in_opens_next(client, home_page, network_settings):
    public_site(home_page, groups=0, news=0)
    html = client.get("/").text
    assert "Closed - opens tomorrow at 10am" in html
    assert "Coming up at our groups" not in html
    assert "Latest news" not in html
