"""What makes the portal send each of its emails, the way it happens for real: a form posted on
allauth's pages, a moderator's decision, a scheduled job (tests/portal/test_every_email.py).

Each trigger takes a `world` with `client` (a test client) and `committed` (runs what waits for
the transaction to commit, as a real request would)."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.tasks import TaskResultStatus
from django.utils import timezone

from accounts.roles import FACILITATORS
from consultations import notifications
from consultations.models import ExportFormat, ExportStatus, ExportSubject
from consultations.services.exports import export_log_create
from network import booking_notifications
from network import notifications as network_notifications
from network import services as network_services
from network.invitations import invitation_create
from network.models import GroupSession, Invitation, PartnerTeam, Referral
from network.models.choices import Format, HowToJoin, JoinRequestStatus, RegistrationStatus
from network.referrals import referral_decide
from network.reminders import reminder_due_at, session_reminders_send
from portal.task_failures import report_failed_task
from safeguarding.models import SafeguardingSettings, SourceKind
from safeguarding.services import case_open_if_crisis, cases_escalate
from tests.factories import MemberFactory
from tests.factories.accounts import PASSWORD, UserFactory, user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardResponseFactory,
    ConsultationFactory,
    PriorityFactory,
    VoteFactory,
)
from tests.factories.network import (
    GroupPageFactory,
    GroupSessionFactory,
    JoinRequestFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

# The one link that is meant to go elsewhere: a group's own video call.
ONLINE_LINK = "https://meet.example.net/tuesday-group"


def sign_in(world, user):
    response = world.client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    mail.outbox.clear()


def path_of(link):
    return urlsplit(link)._replace(scheme="", netloc="").geturl()


def app_code(page):
    """What an authenticator app set up with the key on this page shows now."""
    secret = re.search(r"<code>([A-Z2-7]{32})</code>", page).group(1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def link_in_last_email():
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


# allauth's emails, through its pages.


def join(world, email="heron@example.org"):
    data = {"display_name": "Quiet Heron", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    assert world.client.post("/accounts/signup/", data).status_code == 302


def join_with_an_address_that_has_an_account(world):
    MemberFactory(email="taken@example.org")
    join(world, email="taken@example.org")


def reset_for_an_unknown_address(world):
    world.client.post("/accounts/password/reset/", {"email": "nobody@example.org"})


def ask_for_a_reset_link(world):
    world.client.post("/accounts/password/reset/", {"email": MemberFactory().email})


def reset_the_password(world):
    ask_for_a_reset_link(world)
    form_url = world.client.get(path_of(link_in_last_email()))["Location"]
    mail.outbox.clear()
    new_password = "a-brand-new-password-77"
    response = world.client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302


def ask_for_a_sign_in_code(world):
    world.client.post("/accounts/login/code/", {"email": MemberFactory().email})


def change_the_password(world):
    sign_in(world, MemberFactory())
    new_password = "another-long-password-31"
    data = {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password}
    assert world.client.post("/accounts/password/change/", data).status_code == 302


def set_a_password(world):
    person = MemberFactory()
    person.set_unusable_password()
    person.save()
    world.client.force_login(person)
    new_password = "a-first-password-for-me-8"
    data = {"password1": new_password, "password2": new_password}
    assert world.client.post("/accounts/password/set/", data).status_code == 302


def add_an_email_address(world):
    sign_in(world, MemberFactory())
    world.client.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})


def second_verified_address(world):
    person = MemberFactory()
    EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    second = EmailAddress.objects.create(user=person, email="second@example.org", verified=True)
    sign_in(world, person)
    return second


def make_another_address_the_main_one(world):
    second = second_verified_address(world)
    world.client.post("/accounts/email/", {"action_primary": "", "email": second.email})


def take_an_address_off(world):
    second = second_verified_address(world)
    world.client.post("/accounts/email/", {"action_remove": "", "email": second.email})


def turn_on_two_step_sign_in(world):
    sign_in(world, MemberFactory())
    page = world.client.get("/accounts/2fa/totp/activate/")
    if page.status_code == 302:
        assert world.client.post(path_of(page["Location"]), {"password": PASSWORD}).status_code == 302
        page = world.client.get("/accounts/2fa/totp/activate/")
    with world.committed():
        response = world.client.post("/accounts/2fa/totp/activate/", {"code": app_code(page.text)})
    assert response.status_code == 302


def make_new_recovery_codes(world):
    turn_on_two_step_sign_in(world)
    mail.outbox.clear()
    with world.committed():
        assert world.client.post("/accounts/2fa/recovery-codes/generate/", {}).status_code == 302


def turn_off_two_step_sign_in(world):
    turn_on_two_step_sign_in(world)
    mail.outbox.clear()
    with world.committed():
        assert world.client.post("/accounts/2fa/totp/deactivate/", {}).status_code == 302


# The portal's own emails (portal.mail).


def delete_an_account(world):
    sign_in(world, MemberFactory())
    data = {"password": PASSWORD, "posts": "keep", "understood": "on"}
    assert world.client.post("/accounts/delete/", data).status_code == 302


def answer_a_priority(world):
    notifications.notify_priority_update(PriorityFactory())
    returned = PriorityFactory(status="returned", return_message="Could you leave out the name?")
    notifications.notify_priority_update(returned)


def moderate_a_priority(world):
    priority = PriorityFactory()
    notifications.notify_priority_moderated(priority, what="edited")
    notifications.notify_priority_moderated(priority, what="merged", merged_into=PriorityFactory())
    notifications.notify_priority_moderated(priority, what="taken_down", reason="It named someone.")


def ask_facilitators_to_look(world):
    user_with_roles(FACILITATORS)
    notifications.notify_needs_a_look(PriorityFactory())


def tell_people_the_boards_answer(world):
    priority = PriorityFactory()
    VoteFactory(priority=priority)
    item = AgendaItemFactory(priorities=[priority])
    BoardResponseFactory(agenda_item=item)
    notifications.notify_board_response(item)


def make_a_file(world):
    log = export_log_create(
        user=MemberFactory(), role="Board representative", subject=ExportSubject.CONSULTATION, object_id=1,
        description="What matters most to you?", export_format=ExportFormat.XLSX, status=ExportStatus.SENT,
    )  # fmt: skip
    notifications.notify_export_ready(log)


def remind_people_before_closing(world):
    ConsultationFactory(closes_at=timezone.now() + timedelta(days=1))
    MemberFactory()
    assert notifications.send_closing_soon_reminders(within=timedelta(days=3)) >= 1


def online_session_with_a_place():
    group = GroupPageFactory(format=Format.ONLINE, online_link=ONLINE_LINK)
    return SessionRegistrationFactory(session=GroupSessionFactory(group=group))


def remind_people_the_day_before(world):
    """The reminder with the online link, then the "changed" one after the list changes."""
    place = online_session_with_a_place()
    place.session.what_to_prepare = "Two onions\nA tin of chopped tomatoes"
    place.session.save()
    day_before = reminder_due_at(place.session)
    assert session_reminders_send(now=day_before) == 1
    GroupSession.objects.filter(pk=place.session.pk).update(what_to_prepare="Three onions")
    assert session_reminders_send(now=day_before) == 1


def cancel_a_session(world):
    session = online_session_with_a_place().session
    session.cancelled = True
    session.cancellation_note = "We meet in the garden room next week instead."
    session.save()
    network_notifications.send_session_cancelled(session=session)


def answer_a_join_request(world):
    for status in (JoinRequestStatus.ACCEPTED, JoinRequestStatus.DECLINED):
        request = JoinRequestFactory(status=status, decided_at=timezone.now())
        network_notifications.send_join_request_answered(
            join_request=request, note="The group is full until the spring."
        )


def book_a_place_in_person(world):
    place = SessionRegistrationFactory(
        session=GroupSessionFactory(group=GroupPageFactory(format=Format.IN_PERSON))
    )
    booking_notifications.send_place_booked(session=place.session, member=place.member)


def give_up_a_place_someone_is_waiting_for(world):
    group = GroupPageFactory(format=Format.HYBRID, online_link=ONLINE_LINK)
    session = GroupSessionFactory(group=group, places=1)
    leaving = SessionRegistrationFactory(session=session)
    SessionRegistrationFactory(session=session, status=RegistrationStatus.WAITING)
    with world.committed():
        network_services.session_unregister(session=session, member=leaving.member)


def ask_to_join_a_group(world):
    request = JoinRequestFactory()
    facilitator_of(request.group)
    network_notifications.send_join_request_received(join_request=request)


def invite_someone(world):
    group = GroupPageFactory(how_to_join=HowToJoin.INVITE)
    invitation_create(email="wren@example.org", group=group, invited_by=facilitator_of(group))
    invitation_create(email="finch@example.org", invited_by=UserFactory(is_staff=True))


def refer_someone(world):
    group = GroupPageFactory(how_to_join=HowToJoin.REFERRAL)
    facilitator_of(group)
    team = PartnerTeam.objects.create(name="Community Recovery Team", contact_email="team@example.org")
    response = world.client.post(
        path_of(team.referral_link()),
        {"chosen_name": "Sam", "email": "sam@example.org", "group": group.pk, "consent": "on"},
    )
    assert response.status_code == 302
    return Referral.objects.get()


def say_no_to_a_referral(world):
    referral = refer_someone(world)
    mail.outbox.clear()
    referral_decide(
        referral=referral, decided_by=UserFactory(is_staff=True), accept=False, note="It is full."
    )


def ask_for_a_new_invitation(world):
    group = GroupPageFactory(how_to_join=HowToJoin.INVITE)
    invitation, token = invitation_create(
        email="wren@example.org", group=group, invited_by=facilitator_of(group)
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    mail.outbox.clear()
    world.client.post(f"/join/{token}/ask-again/", {"message": "Mornings are best."})


def safeguarding_leads(world):
    config = SafeguardingSettings.current()
    config.leads = "lead@example.org"
    config.save()


def open_a_safeguarding_case(world):
    safeguarding_leads(world)
    with world.committed():
        case_open_if_crisis(
            source_kind=SourceKind.PRIORITY, source_id=1, member=MemberFactory(),
            texts=["Some days I want to end it all."],
        )  # fmt: skip


def leave_a_safeguarding_case_open(world):
    open_a_safeguarding_case(world)
    mail.outbox.clear()
    with world.committed():
        assert cases_escalate(now=timezone.now() + timedelta(days=3)) == 1


def fail_a_background_job(world):
    UserFactory(is_staff=True)
    task = SimpleNamespace(name="make_export_file", func=None)
    result = SimpleNamespace(status=TaskResultStatus.FAILED, task=task, finished_at=timezone.now())
    report_failed_task(sender=None, task_result=result)


# Each email template (allauth's by their prefix), and what makes the portal send it.
TRIGGERS = {
    "account/email/email_confirmation_signup": join,
    "account/email/account_already_exists": join_with_an_address_that_has_an_account,
    "account/email/unknown_account": reset_for_an_unknown_address,
    "account/email/password_reset_key": ask_for_a_reset_link,
    "account/email/password_reset": reset_the_password,
    "account/email/login_code": ask_for_a_sign_in_code,
    "account/email/password_changed": change_the_password,
    "account/email/password_set": set_a_password,
    "account/email/email_confirmation": add_an_email_address,
    "account/email/email_changed": make_another_address_the_main_one,
    "account/email/email_deleted": take_an_address_off,
    "mfa/email/totp_activated": turn_on_two_step_sign_in,
    "mfa/email/recovery_codes_generated": make_new_recovery_codes,
    "mfa/email/totp_deactivated": turn_off_two_step_sign_in,
    "accounts/email/account_deleted.txt": delete_an_account,
    "consultations/email/priority_update.txt": answer_a_priority,
    "consultations/email/priority_moderated.txt": moderate_a_priority,
    "consultations/email/needs_a_look.txt": ask_facilitators_to_look,
    "consultations/email/board_response.txt": tell_people_the_boards_answer,
    "consultations/email/export_ready.txt": make_a_file,
    "consultations/email/closing_soon.txt": remind_people_before_closing,
    "network/email/session_reminder.txt": remind_people_the_day_before,
    "network/email/session_cancelled.txt": cancel_a_session,
    "network/email/join_request_answered.txt": answer_a_join_request,
    "network/email/join_request_received.txt": ask_to_join_a_group,
    "network/email/place_booked.txt": book_a_place_in_person,
    "network/email/invitation.txt": invite_someone,
    "network/email/referral_received.txt": refer_someone,
    "network/email/referral_declined.txt": say_no_to_a_referral,
    "network/email/new_link_asked.txt": ask_for_a_new_invitation,
    "network/email/place_came_up.txt": give_up_a_place_someone_is_waiting_for,
    "safeguarding/email/case_opened.txt": open_a_safeguarding_case,
    "safeguarding/email/case_still_open.txt": leave_a_safeguarding_case_open,
    "portal/email/task_failed.txt": fail_a_background_job,
}
