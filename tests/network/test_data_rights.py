"""Members' data rights: "Download your data" and "Delete your account"."""

import json
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts.models import MemberProfile
from accounts.roles import FACILITATORS
from consultations import services
from consultations.models import (
    Ballot,
    ModerationAction,
    ModerationLog,
    NotificationPreferences,
    Priority,
    PriorityStatus,
    Vote,
)
from consultations.selectors import ranked_priorities
from network.models import MemberCalendar, SessionReminder
from tests.checks import assert_valid_html
from tests.factories.accounts import PASSWORD, MemberFactory, UserFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory, ThemeFactory
from tests.factories.network import (
    GroupSessionFactory,
    JoinRequestFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db

YOUR_DATA_URL = "/accounts/your-data/"
DOWNLOAD_URL = "/accounts/your-data/download/"
DELETE_URL = "/accounts/delete/"
DELETED_MESSAGE = "Your account has been deleted. Thank you for being part of the network."


@pytest.fixture
def world(member):
    """One consultation the member took part in, beside other members and a facilitator who
    must never show up in the member's file."""
    consultation = ConsultationFactory(question="What should the hub have?")
    theme = ThemeFactory(consultation=consultation, name="Opening times")
    others = SimpleNamespace(
        author=MemberFactory(profile__display_name="Other Heron"),
        voter=MemberFactory(profile__display_name="Quiet Otter"),
        facilitator=user_with_roles(FACILITATORS, profile__display_name="Facilitator Wren"),
    )
    named = PriorityFactory(
        consultation=consultation,
        author=member,
        theme=theme,
        title="Evening opening at the hub",
        explanation="People who work could come.",
        show_name=True,
    )
    anonymous = PriorityFactory(
        consultation=consultation,
        author=member,
        title="A quiet room",
        show_name=False,
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
        is_urgent=True,
        may_include_personal_details=True,
        return_message="Thank you. Could you leave out the street name?",
    )
    ModerationLog.objects.create(
        priority=named, actor=others.facilitator, action=ModerationAction.APPROVE, reason="Checked by Wren"
    )
    theirs = PriorityFactory(
        consultation=consultation, author=others.author, title="Bus fares to appointments", show_name=True
    )
    services.vote_cast(priority=theirs, voter=member)
    services.vote_cast(priority=named, voter=others.voter)
    services.vote_cast(priority=theirs, voter=others.voter)
    services.report_submit(priority=theirs, reporter=member, reason="It repeats another one.")
    services.report_submit(priority=named, reporter=others.voter, reason="Secret reason of another member")
    NotificationPreferences.objects.create(user=member, closing_soon=False)
    return SimpleNamespace(
        consultation=consultation, named=named, anonymous=anonymous, theirs=theirs, others=others
    )


# Download your data


@pytest.mark.parametrize("url", [YOUR_DATA_URL, DOWNLOAD_URL, DELETE_URL])
def test_signed_out_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_out_post_to_delete_is_sent_to_sign_in(client, member):
    response = client.post(DELETE_URL, {"password": PASSWORD, "understood": "on"})
    assert response["Location"].startswith("/accounts/login/")
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_account_page_links_to_your_data_and_delete(client, member):
    client.force_login(member)
    response = client.get("/accounts/profile/")
    assert f'href="{YOUR_DATA_URL}"' in response.text
    assert f'href="{DELETE_URL}"' in response.text


def test_your_data_page_explains_the_file(client, member):
    client.force_login(member)
    response = client.get(YOUR_DATA_URL)
    assert response.status_code == 200
    assert "It does not have anything about other people." in response.text
    assert f'href="{DOWNLOAD_URL}"' in response.text


def download(client, member):
    client.force_login(member)
    response = client.get(DOWNLOAD_URL)
    assert response.status_code == 200
    return response


def test_download_is_a_private_dated_json_attachment(client, member):
    response = download(client, member)
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="your-data-{today}.json"'
    assert response["Cache-Control"] == "private, no-store"


def test_download_holds_the_members_own_data(client, member, world):
    data = json.loads(download(client, member).content)

    assert data["made_at"]
    account = data["account"]
    assert account["email_addresses"] == [{"email": member.email, "verified": True}]
    assert account["display_name"] == member.profile.display_name
    assert account["roles"] == ["Members"]
    assert account["date_joined"]
    assert {choice["email"]: choice["wanted"] for choice in data["email_choices"]} == {
        "When a facilitator has looked at something I posted": True,
        "When a consultation I can take part in is closing soon": False,
        "When the partnership board responds to something I posted or voted for": True,
    }
    named, anonymous = data["priorities"]
    assert named["consultation"] == "What should the hub have?"
    assert (named["title"], named["explanation"], named["theme"]) == (
        "Evening opening at the hub",
        "People who work could come.",
        "Opening times",
    )
    assert (named["status"], named["shown_as"]) == ("Published", "With your display name")
    assert named["approved_at"] and named["message_when_sent_back"] is None
    assert (anonymous["title"], anonymous["status"], anonymous["shown_as"]) == (
        "A quiet room",
        "Waiting for a check",
        "Anonymous to other members",
    )
    assert anonymous["message_when_sent_back"] == "Thank you. Could you leave out the street name?"
    [vote] = data["votes"]
    assert (vote["consultation"], vote["priority"], vote["votes"]) == (
        "What should the hub have?",
        "Bus fares to appointments",
        1,
    )
    assert vote["voted_at"]
    [report] = data["reports"]
    assert (report["priority"], report["reason"]) == ("Bus fares to appointments", "It repeats another one.")


def test_download_holds_nothing_about_anyone_else(client, member, world):
    text = download(client, member).content.decode()
    for other in vars(world.others).values():
        assert other.email not in text
        assert other.username not in text
        assert other.profile.display_name not in text
    assert "Checked by Wren" not in text
    assert "Secret reason of another member" not in text
    assert "is_urgent" not in text and "may_include_personal_details" not in text
    assert "urgent" not in text.lower()


def test_download_holds_the_members_places_and_requests_to_join(client, member):
    session = GroupSessionFactory(group__title="Tuesday peer group")
    SessionRegistrationFactory(session=session, member=member, attended=True)
    SessionRegistrationFactory(session=session, member=MemberFactory(profile__display_name="Quiet Otter"))
    facilitator = facilitator_of(session.group, profile__display_name="Facilitator Wren")
    JoinRequestFactory(
        group__title="Women's group", member=member, message="Staff at the hub said to ask.",
        status="accepted", decided_by=facilitator, decided_at=timezone.now(),
    )  # fmt: skip
    text = download(client, member).content.decode()
    data = json.loads(text)
    assert [(p["group"], p["came"]) for p in data["group_sessions"]] == [("Tuesday peer group", True)]
    [request] = data["requests_to_join"]
    assert (request["group"], request["message"]) == ("Women's group", "Staff at the hub said to ask.")
    assert request["status"] and request["answered_at"]
    for someone_else in ("Quiet Otter", "Facilitator Wren", facilitator.email):
        assert someone_else not in text


def test_download_holds_the_reminders_sent_and_whether_there_is_a_calendar_address(client, member):
    session = GroupSessionFactory(group__title="Friday cook-along")
    SessionReminder.objects.create(session=session, member=member, sequence=0, details_key="d" * 64)
    SessionReminder.objects.create(session=session, member=MemberFactory(), sequence=0, details_key="e" * 64)
    text = download(client, member).content.decode()
    data = json.loads(text)
    assert [(r["group"], r["change"]) for r in data["session_reminders"]] == [("Friday cook-along", 0)]
    assert data["private_calendar_address"] is False
    assert "d" * 64 not in text  # what the email promised is kept as a hash, not handed out
    MemberCalendar.objects.create(member=member)
    assert json.loads(download(client, member).content)["private_calendar_address"] is True


def test_download_of_a_member_who_has_done_nothing_yet(client, member):
    data = json.loads(download(client, member).content)
    assert (data["priorities"], data["votes"], data["reports"]) == ([], [], [])
    assert (data["group_sessions"], data["requests_to_join"]) == ([], [])
    assert (data["session_reminders"], data["private_calendar_address"]) == ([], False)
    assert all(choice["wanted"] for choice in data["email_choices"])


# Session, user, then one query for each part of the file, however much the member has done
# (the safeguarding part is the twelfth; the invitations someone joined with the thirteenth; the
# reminders sent and the calendar address the fourteenth and fifteenth).
DOWNLOAD_QUERY_BUDGET = 15


@pytest.mark.parametrize("how_many", [2, 20])
def test_download_queries_do_not_grow_with_contributions(
    client, member, how_many, django_assert_max_num_queries
):
    consultation = ConsultationFactory(votes_per_member=20)
    theme = ThemeFactory(consultation=consultation)
    others = PriorityFactory.create_batch(how_many, consultation=consultation, theme=theme)
    PriorityFactory.create_batch(how_many, consultation=consultation, theme=theme, author=member)
    for priority in others:
        Vote.objects.create(priority=priority, voter=member)
        services.report_submit(priority=priority, reporter=member, reason="Please look")
    client.force_login(member)
    with django_assert_max_num_queries(DOWNLOAD_QUERY_BUDGET):
        response = client.get(DOWNLOAD_URL)
    assert len(json.loads(response.content)["priorities"]) == how_many


# Delete your account


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_delete_page_says_what_will_happen(signed_in):
    response = signed_in.get(DELETE_URL)
    assert response.status_code == 200
    text = response.text
    for words in (
        "your email address",
        "your display name",
        "your password",
        "the emails you chose to get",
        "Things you posted stay, shown as \u2018A former member\u2019.",
        "Your votes still count but are no longer linked to you.",
        "You cannot undo this.",
        "I understand this cannot be undone",
    ):
        assert words in text
    assert f'href="{YOUR_DATA_URL}"' in text
    assert 'name="password"' in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"password": "not-my-password", "understood": "on"},
            "That password is not right. Please try again.",
        ),
        ({"understood": "on"}, "Enter your password."),
        ({"password": PASSWORD}, "Tick the box to show you understand this cannot be undone."),
    ],
)
def test_wrong_password_or_no_tick_changes_nothing(signed_in, member, data, message):
    response = signed_in.post(DELETE_URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert get_user_model().objects.filter(pk=member.pk).exists()
    assert MemberProfile.objects.filter(user=member).exists()
    assert signed_in.get("/accounts/profile/").status_code == 200
    assert mail.outbox == []


def test_without_a_password_the_tick_is_enough(client):
    member = MemberFactory(password=None)
    assert not member.has_usable_password()
    client.force_login(member)
    page = client.get(DELETE_URL)
    assert 'name="password"' not in page.text
    response = client.post(DELETE_URL, {})
    assert "Tick the box to show you understand this cannot be undone." in response.text
    assert get_user_model().objects.filter(pk=member.pk).exists()
    client.post(DELETE_URL, {"understood": "on"})
    assert not get_user_model().objects.filter(pk=member.pk).exists()


def test_deleting_keeps_contributions_as_a_former_member(client, member, world, home_page):
    before = {p.pk: p.total_votes for p in ranked_priorities(world.consultation)}
    display_name, email = member.profile.display_name, member.email
    vote_ids = list(Vote.objects.filter(voter=member).values_list("pk", flat=True))
    client.force_login(member)

    response = client.post(DELETE_URL, {"password": PASSWORD, "understood": "on"}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert DELETED_MESSAGE in response.text
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/profile/").status_code == 302

    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert not MemberProfile.objects.filter(display_name=display_name).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not NotificationPreferences.objects.filter(user_id=member.pk).exists()
    assert not Ballot.objects.filter(voter_id=member.pk).exists()
    assert Priority.objects.get(pk=world.named.pk).author is None
    # Waiting for a check (and flagged): deleted with the account (security review, item 10).
    assert not Priority.objects.filter(pk=world.anonymous.pk).exists()
    assert list(Vote.objects.filter(pk__in=vote_ids).values_list("voter", flat=True)) == [None]
    assert {p.pk: p.total_votes for p in ranked_priorities(world.consultation)} == before

    client.force_login(world.others.voter)
    page = client.get(f"/consultations/{world.consultation.pk}/")
    assert "Evening opening at the hub" in page.text
    assert "A former member" in page.text
    assert display_name not in page.text

    [message] = mail.outbox
    assert message.to == [email]
    assert message.subject == "Your account has been deleted"
    assert not {"drug", "alcohol", "recovery"} & set(message.subject.lower().split())
    assert "A former member" in message.body


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True}])
def test_staff_cannot_delete_themselves_here(client, flags):
    staff = UserFactory(**flags)
    client.force_login(staff)
    page = client.get(DELETE_URL)
    assert page.status_code == 200
    assert "Please ask another admin to delete your account for you." in page.text
    assert "Delete my account" not in page.text

    response = client.post(DELETE_URL, {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 403
    assert "Please ask another admin to delete your account for you." in response.text
    assert get_user_model().objects.filter(pk=staff.pk).exists()
    assert mail.outbox == []


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_data_rights_pages_are_valid_html(client, member, network_settings):
    staff = UserFactory(is_staff=True)
    pages = {}
    client.force_login(member)
    pages["account"] = client.get("/accounts/profile/").text
    pages["your data"] = client.get(YOUR_DATA_URL).text
    pages["delete"] = client.get(DELETE_URL).text
    pages["delete, with errors"] = client.post(DELETE_URL, {"password": "wrong"}).text
    client.force_login(staff)
    pages["delete, staff"] = client.get(DELETE_URL).text
    assert_valid_html(pages)


def test_deleting_an_account_ends_its_other_sessions(member):
    """A session left open on another device still holds the email in its data: it ends too."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    here, elsewhere = Client(), Client()
    for browser in (here, elsewhere):
        browser.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert Session.objects.count() == 2

    here.post(DELETE_URL, {"password": PASSWORD, "understood": "on"})

    assert not elsewhere.get("/").context["user"].is_authenticated
    assert not [session for session in Session.objects.all() if member.email in str(session.get_decoded())]


def test_deleting_an_account_removes_what_it_posted_that_never_showed(client, member, world):
    from consultations.models import PriorityStatus

    returned = PriorityFactory(
        consultation=world.consultation, author=member, status=PriorityStatus.RETURNED, approved_at=None
    )
    withdrawn = PriorityFactory(
        consultation=world.consultation, author=member, status=PriorityStatus.WITHDRAWN, approved_at=None
    )
    client.force_login(member)
    client.post(DELETE_URL, {"password": PASSWORD, "understood": "on"})
    remaining = set(Priority.objects.values_list("pk", flat=True))
    assert world.named.pk in remaining
    assert not {world.anonymous.pk, returned.pk, withdrawn.pk} & remaining
