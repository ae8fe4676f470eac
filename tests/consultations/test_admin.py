import pytest

from consultations.models import Consultation
from tests.factories.consultations import ConsultationFactory, PriorityFactory, ReturnReasonFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/consultations/"


@pytest.mark.parametrize("model", ["consultation", "returnreason", "moderationlog", "priorityrevision"])
def test_staff_listings_open(admin_client, model):
    ConsultationFactory()
    ReturnReasonFactory()
    assert admin_client.get(f"{BASE}{model}/").status_code == 200


def test_staff_create_a_consultation_with_themes(admin_client):
    data = {
        "question": "What should change?",
        "background": "Tell us.",
        "opens_at": "2026-03-01 09:00",
        "closes_at": "2026-03-15 17:00",
        "eligible_group": "",
        "votes_per_member": "3",
        "needs_approval": "on",
        "votes_can_be_moved": "on",
        "themes-TOTAL_FORMS": "2",
        "themes-INITIAL_FORMS": "0",
        "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
        "themes-0-name": "Opening times",
        "themes-0-ORDER": "1",
        "themes-0-id": "",
        "themes-0-DELETE": "",
        "themes-1-name": "Health",
        "themes-1-ORDER": "2",
        "themes-1-id": "",
        "themes-1-DELETE": "",
    }
    response = admin_client.post(f"{BASE}consultation/add/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    consultation = Consultation.objects.get()
    assert [t.name for t in consultation.themes.all()] == ["Opening times", "Health"]
    assert consultation.needs_approval and consultation.votes_per_member == 3


def test_closing_before_opening_is_refused_in_admin(admin_client):
    data = {
        "question": "Backwards",
        "opens_at": "2026-03-15 09:00",
        "closes_at": "2026-03-01 17:00",
        "votes_per_member": "3",
        "themes-TOTAL_FORMS": "0",
        "themes-INITIAL_FORMS": "0",
        "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(f"{BASE}consultation/add/", data)
    assert response.status_code == 200
    assert "The closing time must be after the opening time." in response.text
    assert not Consultation.objects.exists()


def test_moderation_log_is_inspectable(admin_client, facilitator):
    from consultations import services
    from consultations.models import ModerationLog, PriorityStatus

    priority = PriorityFactory(status=PriorityStatus.SUBMITTED, approved_at=None)
    services.priority_approve(priority=priority, moderator=facilitator)
    log = ModerationLog.objects.get()
    assert admin_client.get(f"{BASE}moderationlog/inspect/{log.pk}/").status_code == 200


@pytest.mark.parametrize("model", ["moderationlog", "priorityrevision"])
def test_safeguarding_records_cannot_be_added_in_the_admin(admin_client, model):
    response = admin_client.get(f"{BASE}{model}/add/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_only_staff_read_the_words_a_moderator_took_out(client, facilitator):
    """The original words of an edited post are kept for safeguarding. Editors who are not staff
    can use the admin for pages and news, but never read those words (security review, item 7)."""
    from consultations import services
    from consultations.models import PriorityRevision, PriorityStatus
    from tests.factories.accounts import user_with_roles

    priority = PriorityFactory(status=PriorityStatus.APPROVED, title="Call me on 07700 900123")
    services.priority_edit_details(
        priority=priority, moderator=facilitator, title="Call me", explanation="x", reason="phone number"
    )
    revision = PriorityRevision.objects.get()

    editor = user_with_roles("Editors")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    for url in (f"{BASE}priorityrevision/", f"{BASE}priorityrevision/inspect/{revision.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"
        assert "07700 900123" not in response.text
    assert "Edited words" not in client.get("/admin/").text

    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    response = client.get(f"{BASE}priorityrevision/inspect/{revision.pk}/")
    assert response.status_code == 200
    assert "07700 900123" in response.text


def test_a_consultation_with_priorities_is_kept_when_staff_try_to_delete_it(admin_client):
    consultation = PriorityFactory().consultation
    response = admin_client.post(f"{BASE}consultation/delete/{consultation.pk}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{BASE}consultation/edit/{consultation.pk}/", 302)]
    assert Consultation.objects.filter(pk=consultation.pk).exists()
    assert "cannot be deleted" in response.text
