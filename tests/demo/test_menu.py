import pytest

from tests.consultations.test_section_pages import menu

pytestmark = pytest.mark.django_db


def test_the_menu_starts_with_the_drop_in_and_ends_with_the_sections(demo, client):
    labels = [label for label, _href, _current in menu(client.get("/").text)]
    assert labels[0].startswith("The drop-in")
    assert labels[-2:] == ["Have your say", "You said, we did"]
