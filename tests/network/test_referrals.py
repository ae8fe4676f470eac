"""Referrals: a partner team's secret link (or staff and facilitators signed in) suggests a group
for a person; the group's facilitators say yes (an invitation goes, or they phone) or no."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import BOARD_REPRESENTATIVES, EDITORS
from network.invitation_notifications import (
    SUBJECT_INVITATION,
    SUBJECT_REFERRAL_DECLINED,
    SUBJECT_REFERRAL_RECEIVED,
)
from network.invitation_retention import old_invitations_remove
from network.invitations import invitation_create
from network.models import Invitation, PartnerTeam, Referral
from network.models.choices import HowToJoin, ReferralStatus
from network.referral_links import referral_token
from network.referrals import referral_create, referral_details_remove
from tests.checks import assert_valid_html
from tests.factories.accounts import MemberFactory, UserFactory, user_with_roles
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db

GOOD = {
    "chosen_name": "Sam",
    "email": "sam@example.org",
    "phone": "",
    "reason": "Sam would like to meet other families.",
    "consent": "on",
}


@pytest.fixture
def group(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    return GroupPageFactory(parent=index, title="Family support group", how_to_join=HowToJoin.REFERRAL)


@pytest.fixture
def team(db):
    return PartnerTeam.objects.create(name="Community Recovery Team", contact_email="team@example.org")


def link(team):
    return reverse("network:referral_by_link", args=[referral_token(team)])


def refer(group, **changes):
    fields = {**GOOD, "consent": True, **changes}
    return referral_create(group=group, **fields)


def test_a_partner_refers_through_the_teams_link(client, group, team):
    facilitator = facilitator_of(group)
    page = client.get(link(team))
    assert page.status_code == 200 and "Community Recovery Team" in page.text and group.title in page.text
    response = client.post(link(team), {**GOOD, "group": group.pk}, follow=True)
    assert "passed the referral to the group" in response.text
    referral = Referral.objects.get()
    assert (referral.partner_team, referral.chosen_name, referral.email, referral.status) == (
        team,
        "Sam",
        "sam@example.org",
        ReferralStatus.WAITING,
    )
    # No account, nothing another member could see.
    assert not get_user_model().objects.filter(email="sam@example.org").exists()
    [message] = mail.outbox
    assert message.to == [facilitator.email] and message.subject == SUBJECT_REFERRAL_RECEIVED
    assert "Sam" not in message.body and group.title not in message.body


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"consent": ""}, "confirm the person agreed"),
        ({"email": "", "phone": ""}, "Give an email address or a phone number"),
        ({"email": "sam at home"}, "right format, like name@example.com"),
        ({"phone": "call me maybe"}, "phone number in the right format"),
        ({"chosen_name": ""}, "Enter the name"),
        ({"chosen_name": "S" * 61}, "up to 60 characters"),
        ({"reason": "x" * 301}, "up to 300 characters"),
        ({"group": "999999"}, "Choose one of the groups"),
        ({"group": ""}, "Choose the group"),
    ],
)
def test_bad_input_on_the_referral_form(client, group, team, changes, words):
    response = client.post(link(team), {**GOOD, "group": group.pk, **changes})
    assert response.status_code == 200
    assert words in response.text and "govuk-error-summary" in response.text
    assert not Referral.objects.exists() and mail.outbox == []


def test_a_group_people_just_turn_up_to_is_not_offered(client, group, team):
    open_group = GroupPageFactory(parent=group.get_parent(), title="Coffee morning")
    response = client.post(link(team), {**GOOD, "group": open_group.pk})
    assert "Choose one of the groups" in response.text and "Coffee morning" not in response.text
    assert not Referral.objects.exists()


def test_a_renewed_link_stops_the_old_one(client, group, team):
    old = link(team)
    team.link_version += 1
    team.save()
    response = client.post(old, {**GOOD, "group": group.pk})
    assert response.status_code == 410 and "new referral link" in response.text
    assert client.get(link(team)).status_code == 200
    assert not Referral.objects.exists()


def test_an_inactive_team_and_a_made_up_link(client, group, team):
    team.active = False
    team.save()
    response = client.post(link(team), {**GOOD, "group": group.pk})
    assert response.status_code == 410 and "paused" in response.text
    made_up = client.get(reverse("network:referral_by_link", args=["abc:def"]))
    assert made_up.status_code == 404 and "could not find this link" in made_up.text
    assert not Referral.objects.exists()


def test_staff_make_a_new_link_in_the_admin(client, team, settings):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    old = link(team)
    url = reverse("wagtailsnippets_network_partnerteam:edit", args=[team.pk])
    assert client.get(url).status_code == 200
    data = {"name": team.name, "contact_email": team.contact_email, "active": "on", "renew_link": "on"}
    assert client.post(url, data).status_code == 302
    team.refresh_from_db()
    assert team.link_version == 2 and old != link(team)
    listing = client.get(reverse("wagtailsnippets_network_partnerteam:list"))
    assert link(team) in listing.text


def test_a_team_is_paused_after_too_many_referrals_in_an_hour(client, group, team, settings):
    settings.REFERRALS_PER_TEAM_PER_HOUR = 2
    for _ in range(2):
        client.post(link(team), {**GOOD, "group": group.pk})
    response = client.post(link(team), {**GOOD, "group": group.pk})
    assert response.status_code == 200 and "paused the form for a little while" in response.text
    assert Referral.objects.count() == 2


def test_saying_yes_sends_an_invitation(client, group, team, caplog):
    caplog.set_level("INFO", logger="network")
    facilitator = facilitator_of(group)
    referral = refer(group, partner_team=team)
    client.force_login(facilitator)
    queue = client.get(reverse("network:my_groups")).text
    assert "Sam" in queue and "sam@example.org" in queue and "Community Recovery Team" in queue
    mail.outbox.clear()
    response = client.post(reverse("network:referral_accept", args=[referral.pk]), follow=True)
    assert "Sam will get an invitation by email" in response.text
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.decided_by == facilitator
    invitation = referral.invitation
    assert (invitation.email, invitation.group, invitation.referral) == ("sam@example.org", group, referral)
    [message] = mail.outbox
    assert message.to == ["sam@example.org"] and message.subject == SUBJECT_INVITATION
    again = client.post(reverse("network:referral_accept", args=[referral.pk]), follow=True)
    assert "already been answered" in again.text and Invitation.objects.count() == 1
    # Each decision is logged, by record number only: no names or addresses in the log.
    logged = caplog.text
    assert f"referral {referral.pk} accepted by user {facilitator.pk}" in logged
    assert f"invitation {invitation.pk} made for group {group.pk}" in logged
    assert "sam@example.org" not in logged and "Sam" not in logged


def test_saying_yes_to_a_phone_number_means_a_call_then_an_invitation(client, group):
    facilitator = facilitator_of(group)
    referral = refer(group, email="", phone="01234 567 890", referred_by=UserFactory(is_staff=True))
    client.force_login(facilitator)
    mail.outbox.clear()
    response = client.post(reverse("network:referral_accept", args=[referral.pk]), follow=True)
    assert "Please phone Sam on 01234 567 890" in response.text and mail.outbox == []
    assert not Invitation.objects.exists()
    assert "To phone" in response.text
    invite_url = reverse("network:referral_invite", args=[referral.pk])
    bad = client.post(invite_url, {"email": "no"})
    assert bad.status_code == 200 and "right format" in bad.text and not Invitation.objects.exists()
    client.post(invite_url, {"email": "sam@example.org"})
    assert referral.invitation.email == "sam@example.org"
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]


def test_saying_no_with_a_note_to_the_team(client, group, team):
    facilitator = facilitator_of(group)
    referral = refer(group, partner_team=team)
    client.force_login(facilitator)
    mail.outbox.clear()
    url = reverse("network:referral_decline", args=[referral.pk])
    assert "Say no to the referral for Sam?" in client.get(url).text
    too_long = client.post(url, {"note": "x" * 501})
    assert too_long.status_code == 200 and "up to 500 characters" in too_long.text
    referral.refresh_from_db()
    assert referral.is_waiting
    client.post(url, {"note": "The group is full until the spring."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED and not Invitation.objects.exists()
    [message] = mail.outbox
    assert message.to == ["team@example.org"] and message.subject == SUBJECT_REFERRAL_DECLINED
    assert "full until the spring" in message.body


def test_staff_and_facilitators_refer_while_signed_in(client, group):
    other = GroupPageFactory(
        parent=group.get_parent(), title="Thursday online group", how_to_join=HowToJoin.INVITE
    )
    facilitator = facilitator_of(group)
    client.force_login(facilitator)
    page = client.get(reverse("network:referral_create"))
    assert group.title in page.text and other.title not in page.text
    refused = client.post(reverse("network:referral_create"), {**GOOD, "group": other.pk})
    assert "Choose one of the groups" in refused.text
    client.post(reverse("network:referral_create"), {**GOOD, "group": group.pk})
    assert Referral.objects.get().referred_by == facilitator
    client.force_login(UserFactory(is_staff=True))
    assert other.title in client.get(reverse("network:referral_create")).text


def test_who_may_see_and_answer_referrals(client, group, team):
    referral = refer(group, partner_team=team)
    other_group = GroupPageFactory(parent=group.get_parent(), how_to_join=HowToJoin.INVITE)
    urls = [
        ("post", reverse("network:referral_accept", args=[referral.pk])),
        ("get", reverse("network:referral_decline", args=[referral.pk])),
        ("get", reverse("network:referral_invite", args=[referral.pk])),
    ]
    for person in [MemberFactory(), facilitator_of(other_group), user_with_roles(BOARD_REPRESENTATIVES)]:
        client.force_login(person)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 403, (person, url)
        assert "Sam" not in client.get(reverse("network:my_groups")).text
    client.force_login(MemberFactory())
    assert client.get(reverse("network:referral_create")).status_code == 403
    client.logout()
    for method, url in [*urls, ("get", reverse("network:referral_create"))]:
        assert getattr(client, method)(url)["Location"].startswith("/accounts/login/")
    referral.refresh_from_db()
    assert referral.is_waiting
    client.force_login(UserFactory(is_staff=True))
    assert "Sam" in client.get(reverse("network:my_groups")).text


def test_contact_details_are_removed_after_the_retention_period(group, team, settings):
    settings.REFERRAL_DETAILS_RETENTION_DAYS = 30
    answered = refer(group, partner_team=team)
    waiting = refer(group, partner_team=team, chosen_name="Alex")
    Referral.objects.filter(pk=answered.pk).update(
        status=ReferralStatus.DECLINED, decided_at=timezone.now() - timedelta(days=31)
    )
    assert referral_details_remove(timezone.now() - timedelta(days=2)) == 0
    assert referral_details_remove(timezone.now()) == 1
    answered.refresh_from_db()
    waiting.refresh_from_db()
    assert (answered.chosen_name, answered.email, answered.phone, answered.reason) == ("", "", "", "")
    assert answered.details_removed_at is not None and waiting.email == "sam@example.org"


def test_old_invitations_are_removed(settings, group):
    settings.INVITATION_RETENTION_DAYS = 30
    now = timezone.now()
    old = Invitation.objects.create(
        email="a@example.org", token_hash="a" * 64, expires_at=now - timedelta(days=31)
    )
    Invitation.objects.create(email="b@example.org", token_hash="b" * 64, expires_at=now + timedelta(days=3))
    assert old_invitations_remove(now) == 1
    assert list(Invitation.objects.values_list("email", flat=True)) == ["b@example.org"]
    assert not Invitation.objects.filter(pk=old.pk).exists()


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_new_pages_are_valid_html(client, group, team, network_settings):
    facilitator = facilitator_of(group)
    referral = refer(group, partner_team=team)
    pages = [client.get(link(team)), client.post(link(team), {"group": group.pk})]
    team.active = False
    team.save()
    pages.append(client.get(link(team)))
    client.force_login(facilitator)
    pages += [
        client.get(reverse("network:my_groups")),
        client.get(reverse("network:referral_decline", args=[referral.pk])),
        client.get(reverse("network:referral_invite", args=[referral.pk])),
        client.post(reverse("network:invitation_create", args=[group.pk]), {"email": "x"}),
        client.get(reverse("network:referral_create")),
    ]
    _invitation, token = invitation_create(email="wren@example.org", group=group, invited_by=facilitator)
    client.logout()
    pages.append(client.get(reverse("network:invitation", args=[token])))
    pages.append(client.get(reverse("network:invitation", args=["unknown"])))
    Invitation.objects.update(expires_at=timezone.now())
    pages.append(client.post(reverse("network:invitation_ask_again", args=[token]), {"message": "x" * 400}))
    network_settings.invitation_only = True
    network_settings.save()
    pages.append(client.get("/accounts/signup/"))
    for response in pages:
        assert response.status_code in (200, 404, 410)
        assert_valid_html(response.content.decode())


def test_the_privacy_notice_says_how_long_referrals_and_invitations_are_kept(
    client, settings, network_settings
):
    settings.REFERRAL_DETAILS_RETENTION_DAYS = 45
    settings.INVITATION_RETENTION_DAYS = 60
    page = client.get("/privacy/").content.decode()
    assert "removed 45 days after the group answers the referral" in page
    assert "60 days after the invitation was used" in page
