"""The people and things the URL x role matrix (test_url_matrix.py) opens every URL as and with.

One set of objects serves every actor: a request never changes what the next one sees, because
each runs inside a savepoint that is rolled back (see `request_as`).
"""

import re
import time
from dataclasses import dataclass
from types import SimpleNamespace

import wagtail_factories
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.test.client import ClientHandler
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Task, Workflow

from accounts.roles import BOARD_REPRESENTATIVES, EDITORS, FACILITATORS
from consultations.models import (
    ExportFormat,
    ExportLog,
    ExportStatus,
    ExportSubject,
    ModerationAction,
    ModerationLog,
    PriorityRevision,
    PriorityStatus,
)
from network.invitations import invitation_create
from network.models import JoinRequest, PartnerTeam
from network.models.choices import HowToJoin, JoinRequestStatus
from network.referral_links import referral_token
from network.referrals import referral_create
from safeguarding.models import Case, SourceKind
from tests.factories.accounts import ProfileFactory, UserFactory, user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardFactory,
    BoardMeetingFactory,
    ConsultationFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ReturnReasonFactory,
)
from tests.factories.network import GroupPageFactory, StandardPageFactory, facilitator_of, public_site

ACTORS = (
    "visitor",
    "member",
    "other member",
    "facilitator",
    "other facilitator",
    "board rep",
    "other board rep",
    "editor",
    "staff",
)
# Everyone but the members has a role that needs two-step sign-in (network/two_factor.py).
TWO_STEP_ACTORS = ACTORS[3:]


@dataclass(frozen=True)
class Outcome:
    """What a person sees: a status and, for a redirect, where it goes."""

    status: int
    location: str = ""

    def __str__(self):
        return f"{self.status} to {self.location}" if self.location else str(self.status)


def build_world(home_page):
    """Everything a URL can name, with one of each kind the actors stand in different relations to.

    - `group` is invite-only: `member` was accepted, `other member` was not; `facilitator` runs it,
      `other facilitator` runs `other_group`. `applicant` waits for an answer (`join_request`).
    - `consultation` (open) and `closed_consultation` are for the members of `peer_group` (a
      Django group `member` is in and `other member` is not) and report to `board`;
      `board rep` is listed on `board`, `other board rep` on `other_board`.
    """
    w = SimpleNamespace(home=home_page)
    site = public_site(home_page, groups=0, news=1)
    w.venue, w.drop_in, w.group_index, w.news = site.venue, site.drop_in, site.group_index, site.news[0]
    w.about = site.about
    w.group = GroupPageFactory(
        parent=w.group_index, venue=w.venue, how_to_join=HowToJoin.INVITE, title="Invite group"
    )
    w.other_group = GroupPageFactory(parent=w.group_index, venue=w.venue, title="Open group")
    w.session = w.group.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()

    # Pages that only some may see, one for each kind of Wagtail privacy.
    w.signed_in_page = StandardPageFactory(parent=home_page, slug="signed-in-only", title="Signed in only")
    PageViewRestriction.objects.create(page=w.signed_in_page, restriction_type=PageViewRestriction.LOGIN)
    w.facilitators_page = StandardPageFactory(
        parent=home_page, slug="facilitators-only", title="For facilitators"
    )
    PageViewRestriction.objects.create(
        page=w.facilitators_page, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.get(name=FACILITATORS)])
    w.password_page = StandardPageFactory(parent=home_page, slug="with-password", title="With a password")
    w.page_password = PageViewRestriction.objects.create(
        page=w.password_page, restriction_type=PageViewRestriction.PASSWORD, password="tide-table"
    )
    w.draft_page = StandardPageFactory(parent=home_page, slug="draft", title="Not published", live=False)
    w.revision = w.about.save_revision()

    w.peer_group = Group.objects.create(name="Tuesday peer group")
    w.board = BoardFactory(name="Portskerry partnership")
    w.other_board = BoardFactory(name="Mainland partnership")

    people = {
        "member": user_with_roles(),
        "other member": user_with_roles(),
        "facilitator": facilitator_of(w.group),
        "other facilitator": facilitator_of(w.other_group),
        "board rep": user_with_roles(BOARD_REPRESENTATIVES),
        "other board rep": user_with_roles(BOARD_REPRESENTATIVES),
        # Editors and staff are not members: what they may do comes from their role alone.
        "editor": _editor(),
        "staff": _editor(is_staff=True),
    }
    w.people = people
    people["member"].groups.add(w.peer_group)
    w.board.representatives.add(people["board rep"])
    w.other_board.representatives.add(people["other board rep"])
    JoinRequest.objects.create(
        group=w.group, member=people["member"], status=JoinRequestStatus.ACCEPTED, decided_at=timezone.now()
    )
    w.applicant = user_with_roles()
    w.join_request = JoinRequest.objects.create(
        group=w.group, member=w.applicant, status=JoinRequestStatus.WAITING
    )
    # A partner team's referral to `group`, waiting, and an open invitation to `group`.
    w.partner_team = PartnerTeam.objects.create(
        name="Community Recovery Team", contact_email="team@example.org"
    )
    w.referral_token = referral_token(w.partner_team)
    w.referral = referral_create(
        group=w.group, partner_team=w.partner_team, chosen_name="Sam", email="sam@example.org", consent=True
    )
    w.invitation, w.invitation_token = invitation_create(
        email="wren@example.org", group=w.group, invited_by=people["facilitator"]
    )

    w.consultation = ConsultationFactory(eligible_group=w.peer_group, board=w.board)
    w.closed_consultation = ConsultationFactory(closed=True, eligible_group=w.peer_group, board=w.board)
    # For every member: visitors may read these (consultations/visitors.py).
    w.public_consultation = ConsultationFactory(board=w.board)
    w.public_closed_consultation = ConsultationFactory(closed=True, board=w.board)
    PriorityFactory(consultation=w.public_closed_consultation, title="Somewhere to charge a phone")
    w.published = PriorityFactory(consultation=w.consultation, title="A nurse at the drop-in")
    # Waiting for a moderator, so its author may still change or withdraw it.
    w.waiting = PriorityFactory(
        consultation=w.consultation,
        author=people["member"],
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
    )
    w.closed_priority = PriorityFactory(consultation=w.closed_consultation, title="Help with forms")
    # Dot votes counted at a group session, typed in by the facilitator.
    w.tally = InRoomTallyFactory(priority=w.published, entered_by=people["facilitator"])
    w.gathering = w.tally.gathering
    w.meeting = BoardMeetingFactory(board=w.board)
    w.other_meeting = BoardMeetingFactory(board=w.other_board)
    w.agenda_item = AgendaItemFactory(meeting=w.meeting, priorities=[w.closed_priority])
    w.return_reason = ReturnReasonFactory()
    # A moderator took a name out of a priority: the words before, and the record of doing it.
    w.priority_revision = PriorityRevision.objects.create(
        priority=w.published, title="A nurse called Ann", explanation="Ann was kind.",
        edited_by=people["facilitator"],
    )  # fmt: skip
    w.moderation_log = ModerationLog.objects.create(
        priority=w.published,
        actor=people["facilitator"],
        action=ModerationAction.EDIT,
        reason="Named someone",
    )
    w.export = ExportLog.objects.create(
        user=people["board rep"], role="Board representative", subject=ExportSubject.MEETING,
        object_id=w.meeting.pk, description=f"Agenda: {w.meeting}", format=ExportFormat.XLSX,
        status=ExportStatus.READY,
    )  # fmt: skip
    w.export.file.save("agenda.xlsx", ContentFile(b"not really a spreadsheet"))
    # A safeguarding case, opened by words in the member's waiting priority.
    w.case = Case.objects.create(
        source_kind=SourceKind.PRIORITY, source_id=w.waiting.pk, words="I want to end it all",
        opened_at=timezone.now(), member=people["member"], display_name="Member",
    )  # fmt: skip

    # Wagtail's own things: its migrations make the default workflow and task.
    root_collection = Collection.get_first_root_node()
    w.collection = root_collection.add_child(name="Private papers")
    w.collection_password = CollectionViewRestriction.objects.create(
        collection=w.collection, restriction_type=CollectionViewRestriction.PASSWORD, password="tide-table"
    )
    signed_in_collection = root_collection.add_child(name="For members")
    CollectionViewRestriction.objects.create(
        collection=signed_in_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    w.image = wagtail_factories.ImageFactory(title="The blue door")
    w.document = wagtail_factories.DocumentFactory(title="Opening hours")
    w.signed_in_document = wagtail_factories.DocumentFactory(title="Minutes", collection=signed_in_collection)
    w.redirect = Redirect.objects.create(old_path="/old-drop-in", redirect_page=w.drop_in)
    w.workflow = Workflow.objects.first()
    w.task = Task.objects.first()
    w.workflow_state = w.workflow.start(w.about, people["staff"])
    w.task_state = w.workflow_state.current_task_state
    w.site = home_page.get_site()
    w.sign_in = {actor: _session_cookie(people[actor], actor in TWO_STEP_ACTORS) for actor in people}
    return w


def _editor(**kwargs):
    user = UserFactory(**kwargs)
    ProfileFactory(user=user)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def _session_cookie(user, needs_second_step):
    """A session as if the person had signed in, and passed the second step where their role
    asks for it: the authentication records allauth keeps (network/two_factor.py reads them)."""
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    if needs_second_step:
        TOTP.activate(user, generate_totp_secret())
        records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    client = Client()
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return session.session_key


def request_as(world, actor, method, path):
    """One request, as one actor, undone afterwards: whatever it wrote (a vote, a sign-out, a
    deleted page) is rolled back, and the actor's next request starts from the same session.

    Sent straight to the test handler rather than through `Client`, which copies every template
    context it sees: with thousands of requests that alone would take longer than the rest.
    """
    factory = RequestFactory()
    if actor != "visitor":
        factory.cookies[settings.SESSION_COOKIE_NAME] = world.sign_in[actor]
    with transaction.atomic():
        response = HANDLER(factory.generic(method, path).environ)
        sent_in_full = _read_to_the_end(response)
        transaction.set_rollback(True)
    if not sent_in_full:
        return Outcome(500, "(broke off while sending)")
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    return Outcome(response.status_code, location.removeprefix("http://testserver"))


def _read_to_the_end(response):
    """A file made as it is sent (an export) can still fail half way, as a browser would find."""
    if not response.streaming:
        return True
    try:
        for _chunk in response.streaming_content:
            pass
    except Exception:
        return False
    return True


# An exception in a view comes back as the 500 page, as it would for a person.
HANDLER = ClientHandler(enforce_csrf_checks=False)


# Filling the Wagtail admin's URLs: by the parameter's name, with the world's objects.

SNIPPET_NAMESPACE = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z_]+?)_(?P<model>[a-z]+):")
# Things of which there are none, so the screen answers "not found" (the expectation says so).
PLACEHOLDER_ID = 999999


def admin_values(world, pattern):
    """A value for each parameter of a Wagtail admin URL: a real object of the kind the screen
    is about wherever there is one."""
    return {parameter.name: _admin_value(world, pattern, parameter.name) for parameter in pattern.parameters}


def _admin_value(w, pattern, name):
    namespace = (pattern.name or "").rsplit(":", 1)[0]
    page_values = {
        "page_id": w.about.pk, "parent_page_id": w.about.pk, "page_to_move_id": w.about.pk,
        "page_pk": w.about.pk, "destination_id": w.home.pk, "revision_id": w.revision.pk,
        "revision_id_a": "earliest", "revision_id_b": "latest",
        "content_type_app_name": "network", "content_type_model_name": "standardpage",
        "task_id": w.task.pk, "task_state_id": w.task_state.pk, "workflow_state_id": w.workflow_state.pk,
        "workflow_pk": w.workflow.pk, "action_name": "approve", "collection_id": w.collection.pk,
        "image_id": w.image.pk, "filter_spec": "fill-100x100", "document_id": w.document.pk,
        "doc_id": w.document.pk, "redirect_id": w.redirect.pk, "uploaded_file_id": PLACEHOLDER_ID,
        "session_id": PLACEHOLDER_ID, "object_id": w.about.pk, "uidb64": "MQ", "token": "abc-123",
    }  # fmt: skip
    if name in page_values:
        return page_values[name]
    if name in ("app_name", "app_label", "model_name", "action"):
        return _admin_model_names(namespace, pattern)[name]
    if name == "pk":
        return _admin_pk(w, namespace, pattern)
    raise KeyError(f"{pattern.key}: nothing fills <{name}>; say which object should")


def _admin_model_names(namespace, pattern):
    if namespace == "wagtailsettings":
        return {"app_name": "portal", "model_name": "networksettings"}
    if namespace == "wagtailadmin_workflows":
        return {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}
    if pattern.name == "wagtailadmin_tag_model_autocomplete":
        return {"app_name": "taggit", "model_name": "tag"}  # the tag model, not the tagged one
    if pattern.name == "wagtail_bulk_action":
        return {"app_label": "wagtailcore", "model_name": "page", "action": "delete"}
    return {"app_label": "network", "model_name": "standardpage"}


def _admin_pk(w, namespace, pattern):
    snippet = SNIPPET_NAMESPACE.match(f"{namespace}:")
    if snippet:
        model = apps.get_model(snippet["app"], snippet["model"])
        first = model.objects.order_by("pk").first()
        if first is None:
            raise LookupError(f"{pattern.key}: make a {model._meta.label} in the world")
        return first.pk
    by_namespace = {
        "wagtailadmin_collections": w.collection.pk,
        "wagtailsites": w.site.pk,
        "wagtailsettings": w.site.pk,
        "wagtailusers_users": w.people["member"].pk,
        "wagtailusers_groups": w.peer_group.pk,
        "wagtailadmin_api:pages": w.about.pk,
        "wagtailadmin_api:documents": w.document.pk,
        "wagtailadmin_api:images": w.image.pk,
        "wagtailimages_chooser": w.image.pk,
        "wagtaildocs_chooser": w.document.pk,
        "wagtailadmin_pages": w.about.pk,
    }
    if namespace == "wagtailadmin_workflows":
        return w.task.pk if pattern.name.endswith("_task") else w.workflow.pk
    return by_namespace[namespace]
