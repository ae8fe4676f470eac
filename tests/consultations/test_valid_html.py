"""Every consultations page a member, facilitator or board representative sees is valid HTML."""

import pytest

from consultations.models import PriorityStatus
from tests.checks import assert_valid_html
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_consultation_pages_are_valid_html(client, member, facilitator, network_settings):
    consultation = ConsultationFactory()
    ThemeFactory(consultation=consultation, name="Getting to appointments")
    published = PriorityFactory(consultation=consultation, title="Evening opening at the hub")
    VoteFactory(priority=published, voter=member)
    tally = InRoomTallyFactory(priority=published, entered_by=facilitator)
    waiting = PriorityFactory(
        consultation=consultation, author=member, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    closed = ConsultationFactory(closed=True)
    PriorityFactory(consultation=closed)
    busy = ConsultationFactory()
    housing = ThemeFactory(consultation=busy, name="Housing")
    ThemeFactory(consultation=busy, name="Opening times")
    PriorityFactory.create_batch(60, consultation=busy, theme=housing)

    pages = {}
    client.force_login(member)
    for name, url in {
        "list": "/consultations/",
        "detail": f"/consultations/{consultation.pk}/",
        "detail, one theme, page 2": f"/consultations/{busy.pk}/?theme={housing.pk}&page=2",
        "detail, unknown theme": f"/consultations/{busy.pk}/?theme=nonsense",
        "post": f"/consultations/{consultation.pk}/post/",
        "results": f"/consultations/{closed.pk}/results/",
        "edit own": f"/consultations/priorities/{waiting.pk}/edit/",
        "report": f"/consultations/priorities/{published.pk}/report/",
        "contributions": "/consultations/your-contributions/",
        "email choices": "/consultations/emails/",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
    pages["post with errors"] = client.post(f"/consultations/{consultation.pk}/post/", {"title": ""}).text

    client.force_login(facilitator)
    for name, url in {
        "moderation queue": "/consultations/moderation/",
        "moderate one": f"/consultations/moderation/priorities/{waiting.pk}/",
        "gathered in the room": f"/consultations/{consultation.pk}/gathered/",
        "in-room votes": f"/consultations/{consultation.pk}/in-room-votes/",
        "in-room sheet": f"/consultations/{consultation.pk}/in-room-votes/{tally.gathering_id}/",
        "in-room votes entered": f"/consultations/{consultation.pk}/in-room-votes/entered/",
        "change in-room votes": f"/consultations/in-room-votes/{tally.pk}/change/",
        "undo in-room votes": f"/consultations/in-room-votes/{tally.pk}/undo/",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
    pages["in-room votes with errors"] = client.post(
        f"/consultations/{consultation.pk}/in-room-votes/", {"gathering": "new", "held_on": "1/1/2999"}
    ).text
    pages["in-room sheet with errors"] = client.post(
        f"/consultations/{consultation.pk}/in-room-votes/{tally.gathering_id}/",
        {f"votes_{published.pk}": "-1"},
    ).text
    assert_valid_html(pages)
