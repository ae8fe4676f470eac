"""A consultation whose "Results go to" is empty reaches no board (issue 13): the admin warns the
editor when it is saved and marks it in the listing, and the board area says so."""

import pytest
from django.urls import reverse

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
