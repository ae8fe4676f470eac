import pytest
from django.contrib.auth.models import Group

from accounts.roles import EDITORS
from tests.factories import user_with_roles

pytestmark = pytest.mark.django_db


def test_editors_may_manage_consultations_and_snippets_but_not_votes():
    editors = Group.objects.get(name=EDITORS)
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_consultation", "change_consultation", "change_networksettings", "add_venue"} <= codenames
    assert {"add_board", "change_boardmeeting", "view_exportlog"} <= codenames
    assert "view_moderationlog" in codenames
    assert "change_moderationlog" not in codenames
    assert not any(codename.endswith("_vote") for codename in codenames)


def test_an_editor_who_is_not_a_superuser_can_open_the_consultations_admin(client):
    editor = user_with_roles(EDITORS, is_staff=True)
    client.force_login(editor)
    response = client.get("/admin/snippets/consultations/consultation/")
    assert response.status_code == 200
    assert client.get("/admin/snippets/consultations/consultation/add/").status_code == 200


def test_a_member_cannot_open_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Your account does not have permission to see this page" in response.text


def test_signing_in_to_the_admin_goes_through_the_portal_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
