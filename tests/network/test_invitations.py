"""Invitations: a single-use link, sent by staff or a group's facilitators, that takes a person
through sign-up into the network (and a place in a group); and what happens when it stops working."""

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import BOARD_REPRESENTATIVES
from network.invitation_notifications import SUBJECT_INVITATION, SUBJECT_NEW_LINK_ASKED
from network.invitations import invitation_create
from network.models import Invitation, JoinRequest, SessionRegistration
from network.models.choices import HowToJoin, JoinRequestStatus
from tests.factories.accounts import PASSWORD, MemberFactory, UserFactory, user_with_roles
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    return GroupPageFactory(parent=index, title="Thursday online group", how_to_join=HowToJoin.INVITE)


def link_in(message):
    return re.search(r"https?://\S+(/join/\S+/)", message.body).group(1)


def invite(group, email="kestrel@example.org", by=None):
    by = by or facilitator_of(group)
    invitation, token = invitation_create(email=email, group=group, invited_by=by)
    mail.outbox.clear()
    return invitation, reverse("network:invitation", args=[token])


def sign_up(client, email="kestrel@example.org", next_path=None):
    data = {"display_name": "Quiet Kestrel", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(f"/accounts/signup/?next={next_path or '/'}", data)


def test_a_facilitator_invites_by_email_and_the_link_works_once(client, group):
    facilitator = facilitator_of(group)
    client.force_login(facilitator)
    response = client.post(
        reverse("network:invitation_create", args=[group.pk]), {"email": "kestrel@example.org"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.group, invitation.invited_by) == (
        "kestrel@example.org",
        group,
        facilitator,
    )
    [message] = mail.outbox
    assert message.subject == SUBJECT_INVITATION and group.title not in message.subject
    assert message.to == ["kestrel@example.org"]
    token = link_in(message).split("/")[2]
    # Only the hash is kept.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in str(
        Invitation.objects.values_list()
    )
    assert (invitation.expires_at - invitation.created_at).days == 14


def test_following_the_link_signs_up_and_gives_a_place_in_the_group(client, group):
    invitation, path = invite(group)
    page = client.get(path)
    assert page.status_code == 200
    assert "You are invited" in page.text and group.title in page.text
    response = client.post(path, {"action": "join"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/signup/?email=kestrel%40example.org")
    signup_page = client.get(response["Location"])
    assert 'value="kestrel@example.org"' in signup_page.text
    signed_up = sign_up(client, next_path=f"/groups/{group.pk}/sessions/")
    assert signed_up.status_code == 302
    person = get_user_model().objects.get(email="kestrel@example.org")
    invitation.refresh_from_db()
    assert invitation.used_by == person and invitation.used_at is not None
    assert JoinRequest.objects.get(member=person, group=group).status == JoinRequestStatus.ACCEPTED
    # The link came to this address: no code to type, they are signed in and can book.
    assert person.emailaddress_set.get().verified
    session = group.sessions.first()
    booked = client.post(reverse("network:session_register", args=[session.pk]))
    assert booked.status_code == 302
    assert SessionRegistration.objects.get(member=person, session=session).is_booked


def test_signed_in_people_accept_it_for_their_account(client, group):
    member = MemberFactory()
    invitation, path = invite(group, email=member.email)
    client.force_login(member)
    assert "Accept the invitation" in client.get(path).text
    response = client.post(path, {"action": "accept"})
    assert response["Location"] == f"/groups/{group.pk}/sessions/"
    invitation.refresh_from_db()
    assert invitation.used_by == member
    assert JoinRequest.objects.get(member=member).status == JoinRequestStatus.ACCEPTED


def test_accepting_signed_out_asks_to_sign_in_first(client, group):
    invitation, path = invite(group)
    response = client.post(path, {"action": "accept"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_a_used_invitation_does_not_work_again(client, group):
    _invitation, path = invite(group)
    client.force_login(MemberFactory())
    client.post(path, {"action": "accept"})
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "already been used" in again.text and "Ask for a new invitation" in again.text
    second = MemberFactory()
    client.force_login(second)
    assert client.post(path, {"action": "accept"}).status_code == 410
    assert not JoinRequest.objects.filter(member=second).exists()


def test_an_expired_invitation_says_so_kindly(client, group):
    invitation, path = invite(group)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 410 and "run out of time" in response.text
    assert client.post(path, {"action": "join"}).status_code == 410
    assert "network_invitation" not in client.session


def test_a_withdrawn_invitation_and_an_unknown_link(client, group):
    invitation, path = invite(group)
    facilitator = invitation.invited_by
    client.force_login(facilitator)
    assert client.post(reverse("network:invitation_withdraw", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    client.logout()
    response = client.get(path)
    assert response.status_code == 410 and "cancelled" in response.text
    unknown = client.get(reverse("network:invitation", args=["not-a-real-token"]))
    assert unknown.status_code == 404 and "could not find this invitation" in unknown.text


def test_a_new_invitation_replaces_the_old_one(client, group):
    first, first_path = invite(group)
    second, second_path = invite(group, by=first.invited_by)
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.is_usable()
    assert client.get(first_path).status_code == 410
    assert client.get(second_path).status_code == 200


def test_asking_for_a_new_link_tells_the_inviter_once_a_day(client, group):
    invitation, path = invite(group)
    other_facilitator = facilitator_of(group)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    ask = reverse("network:invitation_ask_again", args=[path.split("/")[2]])
    response = client.post(ask, {"message": "Evenings are best."})
    assert response.status_code == 200 and "Thank you for asking" in response.text
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [invitation.invited_by.email, other_facilitator.email]
    )
    assert {m.subject for m in mail.outbox} == {SUBJECT_NEW_LINK_ASKED}
    assert "Evenings are best." in mail.outbox[0].body and invitation.email not in mail.outbox[0].body
    mail.outbox.clear()
    again = client.post(ask, {"message": ""})
    assert again.status_code == 410 and "already asked" in again.text and mail.outbox == []
    # The facilitator sees who asked, with a button that sends a new invitation.
    client.force_login(invitation.invited_by)
    assert "Asking for a new link" in client.get(reverse("network:my_groups")).text


def test_asking_again_bad_input(client, group):
    invitation, path = invite(group)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    token = path.split("/")[2]
    too_long = client.post(reverse("network:invitation_ask_again", args=[token]), {"message": "x" * 301})
    assert too_long.status_code == 410 and "up to 300 characters" in too_long.text
    assert "govuk-error-summary" in too_long.text
    invitation.refresh_from_db()
    assert invitation.new_link_asked_at is None and mail.outbox == []
    unknown = client.post(reverse("network:invitation_ask_again", args=["nope"]), {"message": ""})
    assert unknown.status_code == 404


def test_invitation_form_bad_input(client, group):
    client.force_login(facilitator_of(group))
    for email, words in [("", "Enter their email address"), ("not an email", "right format")]:
        response = client.post(reverse("network:invitation_create", args=[group.pk]), {"email": email})
        assert (
            response.status_code == 200 and words in response.text and "govuk-error-summary" in response.text
        )
    assert not Invitation.objects.exists() and mail.outbox == []


def test_staff_invite_to_the_network_as_a_whole(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.post(reverse("network:network_invitation_create"), {"email": "wren@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.group is None and "join the network" in mail.outbox[0].body


def test_who_may_invite(client, group):
    invitation, _path = invite(group)
    other_group = GroupPageFactory(parent=group.get_parent(), how_to_join=HowToJoin.INVITE)
    refused = [MemberFactory(), facilitator_of(other_group), user_with_roles(BOARD_REPRESENTATIVES)]
    urls = [
        ("get", reverse("network:invitation_create", args=[group.pk])),
        ("post", reverse("network:invitation_withdraw", args=[invitation.pk])),
        ("get", reverse("network:network_invitation_create")),
    ]
    for person in refused:
        client.force_login(person)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 403, (person, url)
    client.force_login(invitation.invited_by)
    assert client.get(reverse("network:network_invitation_create")).status_code == 403
    client.logout()
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_used_needs_both_when_and_who():
    invitation = Invitation.objects.create(
        email="a@example.org", token_hash="x" * 64, expires_at=timezone.now() + timedelta(days=1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())


def test_the_data_download_holds_the_invitation_they_joined_with(client, group):
    member = MemberFactory()
    _invitation, path = invite(group, email=member.email)
    client.force_login(member)
    client.post(path, {"action": "accept"})
    data = json.loads(client.get(reverse("accounts:your_data_download")).content)
    [accepted] = data["invitations_accepted"]
    assert (accepted["email"], accepted["group"]) == (member.email, group.title)
