"""What a priority says, the consultation's themes and how many priorities show are the same for
everyone: the consultation page makes them once and shares them through the cache
(portal/fragments.py, portal/shared_reads.py), and any change to them shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import PriorityStatus
from tests.factories.consultations import ConsultationFactory, PriorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db

WORDS = "consultations/includes/priority_words.html"
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@pytest.fixture
def consultation():
    consultation = ConsultationFactory()
    housing = ThemeFactory(consultation=consultation, name="Housing")
    ThemeFactory(consultation=consultation, name="Getting there")
    PriorityFactory(
        consultation=consultation,
        theme=housing,
        title="A safe place <to> stay",
        explanation="First line\nSecond line",
        show_name=True,
        author__profile__display_name="Sunny",
    )
    PriorityFactory(consultation=consultation, title="Buses on Sundays")
    return consultation


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as it is once committed: what waits for the commit (the content version moving
    on) runs. The test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def seen(client, member, consultation):
    """A member has opened the page, so what it shares is kept."""
    client.force_login(member)
    page(client, consultation)


def page(client, consultation, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("consultations:detail", args=[consultation.pk]) + query)
    assert response.status_code == 200
    return response, "\x00".join(query["sql"] for query in queries.captured_queries)


def titles(response):
    return [line.strip() for line in response.text.splitlines() if "portal-priority__title" in line]


def test_the_words_are_made_once_then_shared(client, member, consultation):
    client.force_login(member)
    first, _sql = page(client, consultation)
    again, sql = page(client, consultation)
    assert WORDS in [template.name for template in first.templates]
    assert WORDS not in [template.name for template in again.templates]
    assert titles(again) == titles(first)
    # Shared as HTML, escaped once: the title's own "<to>" stays text, the markup stays markup.
    assert "A safe place &lt;to&gt; stay</h3>" in again.text
    assert "First line<br>Second line" in again.text
    assert '<span class="govuk-tag govuk-tag--grey">Housing</span> Sunny' in again.text
    # The themes and how many priorities show are not asked of the database again.
    assert 'FROM "consultations_theme"' not in sql
    assert "COUNT(" not in sql
    assert "Buses on Sundays" in again.text and "2 priorities" in again.text


def test_a_changed_priority_shows_at_once(client, consultation, seen, committed):
    priority = consultation.priorities.get(title="Buses on Sundays")
    priority.title = "Buses on Sundays and bank holidays"
    with committed():
        priority.save()
    response, _sql = page(client, consultation)
    assert "Buses on Sundays and bank holidays</h3>" in response.text


def test_a_new_display_name_shows_at_once(client, consultation, seen, committed):
    author = consultation.priorities.get(title="A safe place <to> stay").author
    author.profile.display_name = "Sunny D"
    with committed():
        author.profile.save()
    assert "Housing</span> Sunny D\n" in page(client, consultation)[0].text


def test_a_renamed_theme_and_a_new_priority_show_at_once(client, consultation, seen, committed):
    theme = consultation.themes.get(name="Housing")
    theme.name = "A home"
    with committed():
        theme.save()
        PriorityFactory(consultation=consultation, theme=theme, title="Help with rent")
    response, _sql = page(client, consultation)
    assert '<span class="govuk-tag govuk-tag--grey">A home</span>' in response.text
    assert f'<option value="{theme.pk}">A home</option>' in response.text
    assert "3 priorities" in response.text
    about_housing, _sql = page(client, consultation, f"?theme={theme.pk}")
    assert "2 priorities about A home" in about_housing.text


def test_a_priority_taken_down_leaves_the_page_and_the_count_at_once(client, consultation, seen, committed):
    priority = consultation.priorities.get(title="Buses on Sundays")
    priority.status = PriorityStatus.REMOVED
    with committed():
        priority.save()
    response, _sql = page(client, consultation)
    assert "Buses on Sundays" not in response.text
    assert "1 priority." in response.text


def test_right_after_a_change_the_page_reads_the_words_in_one_query(client, member, consultation, committed):
    """Kept: the session, the person, the consultation, their votes, the page of priorities and
    their own waiting ones. Right after a change everything kept under the content version is read
    again once (the site, its settings and menus too); what the priorities say takes one query,
    whether 2 of them changed or a whole page."""
    client.force_login(member)
    page(client, consultation)
    assert len(page_queries(client, consultation)) == 6
    with committed():
        consultation.priorities.update(explanation="Changed")
        consultation.priorities.first().save()
    small_change = page_queries(client, consultation)
    with committed():
        PriorityFactory.create_batch(30, consultation=consultation)
    big_change = page_queries(client, consultation)
    assert len(page_queries(client, consultation)) == 6
    assert len(small_change) == len(big_change)
    words = [sql for sql in big_change if '"consultations_priority"."id" IN (' in sql]
    assert len(words) == 1
    assert 'JOIN "consultations_theme"' in words[0] and 'JOIN "network_memberprofile"' in words[0]


def page_queries(client, consultation):
    _response, sql = page(client, consultation)
    return [query for query in sql.split("\x00") if not query.startswith(SAVEPOINTS)]
