import pytest

from safeguarding.checks import PERSON_NAME, PHONE_NUMBER, check_message, check_text


@pytest.mark.parametrize(
    "text",
    [
        "I want to end it all",
        "this made me feel suicidal",
        "Some nights I feel I can't go on",
        "I have been cutting myself again",
        "everyone would be better off dead without me",
    ],
)
def test_crisis_words_from_the_issue_are_noticed(text):
    assert check_message(text).crisis


@pytest.mark.parametrize(
    "text",
    ["I met Jamie MacLeod at the hub.", "Jamie MacLeod helped me.", "Ask Ann O'Neill, she knows."],
)
def test_a_first_name_from_the_packaged_list_and_a_surname_is_a_full_name(text):
    assert PERSON_NAME in check_message(text).personal_details


@pytest.mark.parametrize(
    "text",
    [
        "Peer Support on Tuesday Morning helps.",
        "The Drop In should open later.",
        "May Day is a holiday.",
        "Sarah helps at the hub.",
        "Alcoholics Anonymous meets in Glasgow.",
    ],
)
def test_capitalised_words_that_are_not_a_full_name_raise_no_question(text):
    assert PERSON_NAME not in check_message(text).personal_details


@pytest.mark.parametrize(
    "text",
    ["ring 0141 222 3333", "0800 123 4567", "my mobile is 07700900123", "+1 415 555 2671"],
)
def test_phone_numbers_are_read_by_libphonenumber(text):
    assert PHONE_NUMBER in check_message(text).personal_details


@pytest.mark.parametrize("text", ["We need 3 more volunteers by 2027.", "From 3 May 2026 to 2027", "£12345"])
def test_years_dates_and_sums_are_not_phone_numbers(text):
    assert check_message(text).personal_details == []


@pytest.mark.parametrize(
    ("text", "found", "instead"),
    [
        ("Too many junkies in the park", "junkies", "person who uses drugs"),
        ("addicts who are not clean", "addicts", "person with a drug or alcohol problem"),
        ("addicts who are not clean", "who are not clean", "in recovery"),
        ("I have been clean for two years", "been clean", "in recovery"),
        ("Services for substance abuse", "substance abuse", "alcohol or drug use"),
        ("An abuser needs help too", "abuser", "person who uses drugs or alcohol"),
        ("My dad was an alcoholic", "alcoholic", "person with an alcohol problem"),
    ],
)
def test_stigmatising_words_are_shown_with_kinder_words(text, found, instead):
    check = check_message(text)
    assert check.has_stigma and check.asks_a_question
    assert any(k.found == found and instead in k.instead for k in check.kinder_words)


@pytest.mark.parametrize(
    "text",
    [
        "Please keep the kitchen clean.",
        "People who use drugs need a place to talk.",
        "Clean towels in the showers",
    ],
)
def test_everyday_words_are_not_stigma(text):
    assert check_message(text).kinder_words == []


def test_nothing_to_ask_about_ordinary_words():
    check = check_text("Evening opening", "More volunteers on a Friday evening would help.")
    assert not check.asks_a_question
