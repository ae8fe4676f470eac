"""What the board area says about consultations it has no results for yet (issue 13): one still open
says when voting closes (not "no permission"), and one whose "Results go to" is empty reaches no
board: the admin warns the editor when it is saved and marks it in the listing, and the board area
says so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import times
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_the_board_area_lists_consultations_that_reach_no_board(rep_client, board_world):
    lost = ConsultationFactory(board=None, question="Where should the new hub be?")
    html = rep_client.get(reverse("consultations:board")).text
    assert "Consultations that reach no board" in html and lost.question in html


def test_the_admin_warns_about_a_consultation_with_no_board(admin_client, board_world):
    lost = ConsultationFactory(board=None, question="Where should the new hub be?")
    listing = admin_client.get("/admin/snippets/consultations/consultation/").text
    assert "Results go to" in listing and "No board: the results reach nobody" in listing
    assert board_world.board.name in listing
    data = {
        "question": lost.question, "background": "Tell us.", "opens_at": "2026-03-01 09:00",
        "closes_at": "2026-03-15 17:00", "eligible_group": "", "board": "", "votes_per_member": "3",
        "themes-TOTAL_FORMS": "0", "themes-INITIAL_FORMS": "0", "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = admin_client.post(
        f"/admin/snippets/consultations/consultation/edit/{lost.pk}/", data, follow=True
    )
    assert "reach no board" in response.text
    data["board"] = str(board_world.board.pk)
    response = admin_client.post(
        f"/admin/snippets/consultations/consultation/edit/{lost.pk}/", data, follow=True
    )
    assert "reach no board" not in response.text


def test_the_admin_warns_when_a_consultation_is_added_with_no_board(admin_client):
    data = {
        "question": "Nobody will hear this", "background": "Tell us.", "opens_at": "2026-03-01 09:00",
        "closes_at": "2026-03-15 17:00", "eligible_group": "", "board": "", "votes_per_member": "3",
        "themes-TOTAL_FORMS": "0", "themes-INITIAL_FORMS": "0", "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = admin_client.post("/admin/snippets/consultations/consultation/add/", data, follow=True)
    assert "reach no board" in response.text


def test_a_rep_is_told_when_voting_closes(rep_client, board_world):
    consultation = board_world.open_consultation
    response = rep_client.get(reverse("consultations:board_consultation", args=[consultation.pk]))
    assert response.status_code == 200
    assert "Voting has not closed yet." in response.text
    assert times.moment(consultation.closes_at, with_year=True) in response.text
    assert "does not have permission" not in response.text
    assert "Still open" not in response.text  # no results yet


def test_a_rep_is_told_when_voting_opens(rep_client, board_world):
    upcoming = ConsultationFactory(
        board=board_world.board,
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=10),
    )
    response = rep_client.get(reverse("consultations:board_consultation", args=[upcoming.pk]))
    assert response.status_code == 200 and "Voting has not started yet." in response.text


@pytest.mark.parametrize("who", ["other rep", "member", "facilitator"])
def test_people_off_the_board_still_get_403_for_an_open_one(client, board_world, who):
    person = {
        "other rep": board_world.other_rep,
        "member": user_with_roles(),
        "facilitator": user_with_roles("Facilitators"),
    }[who]
    client.force_login(person)
    url = reverse("consultations:board_consultation", args=[board_world.open_consultation.pk])
    assert client.get(url).status_code == 403


def test_the_board_area_lists_open_consultations_with_when_they_close(rep_client, board_world):
    html = rep_client.get(reverse("consultations:board")).text
    consultation = board_world.open_consultation
    assert reverse("consultations:board_consultation", args=[consultation.pk]) in html
    assert f"voting closes {times.moment(consultation.closes_at, with_year=True)}" in html
