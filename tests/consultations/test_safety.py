import pytest

from consultations.safety import EMAIL_ADDRESS, PERSON_NAME, PHONE_NUMBER, STREET_ADDRESS, check_text


@pytest.mark.parametrize(
    ("explanation", "found"),
    [
        ("Ring me on 07700 900123 if you want to help.", PHONE_NUMBER),
        ("Call +44 7700 900123", PHONE_NUMBER),
        ("Email me at someone@example.org please.", EMAIL_ADDRESS),
        ("She lives at 14 Harbour Street now.", STREET_ADDRESS),
        ("The flats at PS1 2AB need a ramp.", STREET_ADDRESS),
        ("I spoke to Mrs Bell about it.", PERSON_NAME),
        ("The worker, John Smith, was great.", PERSON_NAME),
    ],
)
def test_personal_details_are_noticed(explanation, found):
    assert found in check_text("A title", explanation).personal_details


@pytest.mark.parametrize(
    "explanation",
    [
        "Evening opening would help people who work in the day.",
        "On Tuesday Morning the Drop In is busy. Peer Support at the hospital would help.",
        "We need 3 more volunteers by 2027.",
        "Sarah helps at the hub.",
    ],
)
def test_ordinary_words_raise_no_question(explanation):
    assert check_text("Evening Opening At The Hub", explanation).personal_details == []


@pytest.mark.parametrize(
    "text",
    [
        "I think about suicide a lot",
        "some days I want to kill myself",
        "I took an overdose last year",
        "I self-harm when it gets bad",
        "I just want to hurt myself",
        "I don't want to be here any more",
    ],
)
def test_crisis_words_are_noticed(text):
    assert check_text("Help", text).crisis


def test_crisis_words_in_the_title_count_too():
    assert check_text("Overdose awareness training", "For everyone").crisis


def test_everyday_words_are_not_crisis():
    assert not check_text("Cooking", "A kitchen we can all use, so we can cook together.").crisis
