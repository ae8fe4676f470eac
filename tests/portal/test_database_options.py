"""How the portal talks to PostgreSQL (portal/settings/base.py)."""

import pytest
from django.conf import settings
from django.db import connection

from consultations import selectors
from tests.factories.consultations import ConsultationFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="Needs PostgreSQL: JIT compiling is PostgreSQL's (CI runs the PostgreSQL pass)."
)
def test_the_ranked_results_are_not_compiled_before_they_run():
    """PostgreSQL's JIT compiled the ranked export's query for longer than it then ran (a CSV of
    1,000 priorities and 50,000 votes took 430 ms with it, 122 ms without). Here the planner is
    told every query is worth compiling, and still none is. (The ranking now reads the counts each
    priority keeps, not the votes: it is the plan of that query that is checked.)"""
    consultation = ConsultationFactory(closed=True)
    VoteFactory.create_batch(2, priority=PriorityFactory(consultation=consultation, title="Sunday buses"))
    sql, params = selectors.ranked_priorities(consultation).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SET LOCAL jit_above_cost = 0")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT TEXT) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "consultations_prioritycounts" in plan
    assert "JIT:" not in plan


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="Needs PostgreSQL: prepared statements are PostgreSQL's (CI runs the PostgreSQL pass).",
)
def test_a_page_opened_again_and_again_has_its_queries_planned_once(client, facilitator):
    """Planning reading a priority with its consultation, theme and author took 0.5 ms and running
    it 0.1 ms, on every request. With the parameters sent apart from the SQL, psycopg prepares a
    statement the fifth time one connection runs it, and PostgreSQL plans it once. Before, Django's
    default (no statement ever prepared) planned every query on every request."""
    from tests.consultations.test_moderation_views import moderate_url

    post = PriorityFactory(status="submitted", approved_at=None, title="Sunday buses")
    client.force_login(facilitator)
    for _ in range(6):
        assert client.get(moderate_url(post)).status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "consultations_priority"' in sql and "$1" in sql for sql in prepared), prepared
    assert any('FROM "consultations_moderationlog"' in sql for sql in prepared), prepared
