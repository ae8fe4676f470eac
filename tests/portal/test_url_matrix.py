"""Every URL the project serves, for every role: what each person gets.

The URLs come from the resolver (tests/portal/every_url.py), so the portal's own, Wagtail's
(including those its hooks add), allauth's and Django's are all here, and a URL added tomorrow
fails this test until someone writes down who may open it. Each is opened with real objects
(tests/portal/url_matrix_world.py), so the permission check runs rather than a 404.

Two-step sign-in is on, and the roles that need it have passed it in their session.

Reading the tables: one column per actor, in this order.

    visitor | member | other member | facilitator | other facilitator | board rep | other board rep
    | editor | staff

- member: accepted into the invite-only group, in the consultation's group of members.
- other member: neither.
- facilitator: runs the invite-only group; other facilitator runs another group.
- board rep: listed on the consultation's board; other board rep on another board.
- editor: the Editors role (Wagtail admin), not a member; staff: is_staff and an editor.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from network.member_calendar import calendar_path
from tests.portal.every_url import every_url_pattern
from tests.portal.url_matrix_world import ACTORS, admin_values, build_world, request_as

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Redirect:
    """Sent elsewhere: to this path (the query string, such as ?next=, is not compared)."""

    to: str | Callable

    def target(self, world):
        return self.to(world) if callable(self.to) else self.to

    def matches(self, got, world):
        return got.status == 302 and re.split("[?#]", got.location)[0] == self.target(world)

    def describe(self, world):
        return f"302 to {self.target(world)}"


SIGN_IN = Redirect("/accounts/login/")
HOME = Redirect("/")
REAUTHENTICATE = Redirect("/accounts/reauthenticate/")
# How Wagtail refuses someone who may use the admin but not this screen: back to the dashboard,
# with a message saying they may not. (People who may not use the admin at all get 403.)
ADMIN_REFUSED = Redirect("/admin/")


def row(*outcomes):
    """One outcome per actor, in the order of ACTORS (the table columns)."""
    return dict(zip(ACTORS, outcomes, strict=True))


def everyone(outcome):
    return row(*[outcome] * 9)


def signed_in(outcome, *, visitor=SIGN_IN):
    return row(visitor, *[outcome] * 8)


@dataclass(frozen=True)
class Case:
    """One request to one URL pattern, and what each actor should get.

    `values` fills the pattern's parameters from the world (without it, each is filled by its
    name: url_matrix_world.admin_values); `path` gives the whole path instead (for a catch-all).
    `served_by` names the pattern that answers when this one is shadowed by one listed before it
    (the portal's replacements for Wagtail's sign-in pages).
    """

    expect: dict
    values: Callable | None = None
    method: str = "GET"
    label: str = ""
    path: Callable | None = None
    served_by: str | None = None


def member_calendar_token(w):
    return calendar_path(w.people["member"]).rsplit("/", 1)[1].removesuffix(".ics")


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


# Short names for the tables below.
S, R = SIGN_IN, ADMIN_REFUSED
GS = Redirect(lambda w: f"/groups/{w.group.pk}/sessions/")  # the group's sessions
MINE = Redirect("/groups/yours/")  # the facilitator's groups
RUN = Redirect(lambda w: f"/groups/sessions/{w.session.pk}/")  # the facilitator's page for the session
BACK = Redirect(lambda w: f"/consultations/{w.consultation.pk}/")  # the consultation
MEET = Redirect(lambda w: f"/consultations/board/meetings/{w.meeting.pk}/")  # the meeting
RESET = Redirect("/accounts/password/reset/")
ADMIN_SIGN_IN = row(S, 403, 403, 403, 403, 403, 403, S, S)
ADMIN_PASSWORD_RESET = row(RESET, 403, 403, 403, 403, 403, 403, RESET, RESET)

# Two patterns share this name: the portal's (with its guess limit) and Wagtail's, shadowed by it.
PAGE_PASSWORD = (
    "wagtailcore_authenticate_with_password"
    " [_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/]"
)
WAGTAIL_PAGE_PASSWORD = (
    "wagtailcore_authenticate_with_password"
    " [_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/]"
)


DOCUMENT_PASSWORD = (
    "wagtaildocs_authenticate_with_password [documents/authenticate_with_password/<id:restriction_id>/]"
)
WAGTAIL_DOCUMENT_PASSWORD = (
    "wagtaildocs_authenticate_with_password [documents/authenticate_with_password/<int:restriction_id>/]"
)


def page_password(w):
    return {"page_view_restriction_id": w.page_password.pk, "page_id": w.password_page.pk}


# Everything outside the Wagtail admin, exactly.
# fmt: off
EXPECTED = {
    # The portal's own replacements for Wagtail's sign-in and password reset pages. The ones under
    # /admin/ are part of the admin, which signed-in people who may not use it cannot open at all.
    "[_util/login/]": Case(everyone(SIGN_IN)),
    "wagtailcore_login": Case(everyone(SIGN_IN), served_by="[_util/login/]"),
    "[admin/login/]": Case(ADMIN_SIGN_IN),
    "wagtailadmin_login": Case(ADMIN_SIGN_IN, served_by="[admin/login/]"),
    "[^admin/password_reset/]": Case(ADMIN_PASSWORD_RESET),
    **{
        name: Case(
            ADMIN_PASSWORD_RESET,
            values=lambda w: {"uidb64": "MQ", "token": "abc-123"},
            served_by="[^admin/password_reset/]",
        )
        for name in (
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_confirm",
            "wagtailadmin_password_reset_complete",
        )
    },
    # A page's password form (the portal limits guesses); Wagtail's own is shadowed by it.
    PAGE_PASSWORD: Case(everyone(200), values=page_password),
    WAGTAIL_PAGE_PASSWORD: Case(everyone(200), values=page_password, served_by=PAGE_PASSWORD),
    # Wagtail's pages, one of each kind of privacy.
    "wagtail_serve": (
        Case(everyone(200), values=lambda w: {"1": ""}, label="home page"),
        Case(everyone(200), values=lambda w: {"1": "about/"}, label="public page"),
        Case(signed_in(200), values=lambda w: {"1": "signed-in-only/"}, label="page for signed-in people"),
        Case(
            #   visitor member other fac.  o.fac rep   o.rep edit. staff
            row(S,      403,   403,  200,  200,  403,  403,  403,  403),
            values=lambda w: {"1": "facilitators-only/"},
            label="page for the Facilitators role",
        ),
        Case(everyone(200), values=lambda w: {"1": "with-password/"}, label="page with a password (form)"),
        Case(everyone(404), values=lambda w: {"1": "draft/"}, label="page never published"),
    ),
    "wagtaildocs_serve": (
        Case(
            everyone(200),
            values=lambda w: {"1": w.document.pk, "2": w.document.filename},
            label="public document",
        ),
        Case(
            signed_in(200),
            values=lambda w: {"1": w.signed_in_document.pk, "2": w.signed_in_document.filename},
            label="document for signed-in people",
        ),
    ),
    # A private collection's password form (the portal limits guesses); Wagtail's own is shadowed.
    DOCUMENT_PASSWORD: Case(everyone(200), values=lambda w: {"restriction_id": w.collection_password.pk}),
    WAGTAIL_DOCUMENT_PASSWORD: Case(
        everyone(200),
        values=lambda w: {"restriction_id": w.collection_password.pk},
        served_by=DOCUMENT_PASSWORD,
    ),
    "sitemap": Case(everyone(200)),
    "health": Case(everyone(200)),
    "robots_txt": Case(everyone(200)),
    "privacy_notice": Case(everyone(200)),
    "staying_safe_online": Case(everyone(200)),
    # allauth. Signed-in people are sent on from the sign-in and sign-up pages; the second-step
    # pages need a pending sign-in; changing the app or codes asks for the password again first.
    "account_login": Case(row(200, *[HOME] * 8)),
    "account_logout": Case(row(HOME, *[200] * 8)),
    "account_inactive": Case(everyone(200)),
    "account_signup": Case(row(200, *[HOME] * 8)),
    "account_reauthenticate": Case(signed_in(200)),
    "account_email": Case(signed_in(200)),
    "account_email_verification_sent": Case(signed_in(Redirect("/accounts/email/"), visitor=SIGN_IN)),
    "account_change_password": Case(signed_in(200)),
    "account_set_password": Case(signed_in(Redirect("/accounts/password/change/"))),
    "account_reset_password": Case(everyone(200)),
    "account_reset_password_done": Case(everyone(200)),
    # A made-up key: the page says the link is not valid.
    "account_reset_password_from_key": Case(
        everyone(200), values=lambda w: {"uidb36": "1", "key": "abc-123"}
    ),
    "account_reset_password_from_key_done": Case(everyone(200)),
    "account_request_login_code": Case(row(200, *[HOME] * 8)),
    "account_confirm_login_code": Case(row(Redirect("/accounts/login/code/"), *[HOME] * 8)),
    "mfa_index": Case(signed_in(200)),
    "mfa_authenticate": Case(row(SIGN_IN, *[HOME] * 8)),
    # Members have no authenticator app, so there is no second step to repeat.
    "mfa_reauthenticate": Case(row(S, REAUTHENTICATE, REAUTHENTICATE, *[200] * 6)),
    "mfa_activate_totp": Case(signed_in(REAUTHENTICATE)),
    "mfa_deactivate_totp": Case(row(S, 404, 404, *[REAUTHENTICATE] * 6)),
    # Nobody here has made recovery codes yet.
    "mfa_view_recovery_codes": Case(signed_in(404)),
    "mfa_generate_recovery_codes": Case(signed_in(REAUTHENTICATE)),
    "mfa_download_recovery_codes": Case(signed_in(404)),
    # The network: your account and data.
    "accounts:profile": Case(signed_in(200)),
    "accounts:your_data": Case(signed_in(200)),
    "accounts:your_data_download": Case(signed_in(200)),
    "accounts:account_delete": Case(signed_in(200)),
    "network:my_sessions": Case(signed_in(200)),
    # Groups and their sessions. `group` is invite-only.
    "network:group_sessions": Case(signed_in(200), values=pk("group")),
    #                           visitor member other fac.  o.fac rep   o.rep edit. staff
    "network:my_groups": Case(row(S,    403,   403,  200,  200,  403,  403,  403,  200)),
    # Attendance figures: staff and board representatives (the partnership funds the groups).
    "network:attendance_figures": Case(row(S,    403,   403,  403,  403,  200,  200,  403,  200)),
    "network:attendance_figures_file": Case(
                              row(S,    403,   403,  403,  403,  200,  200,  403,  200),
        values=lambda w: {"export_format": "csv"},
    ),
    "network:run_session": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("session"),
    ),
    # Empty, the form comes back with its error.
    "network:session_cancel": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("session"), method="POST",
    ),
    # Saving an empty list (the group's usual one): back to the session's page.
    "network:session_prepare": Case(
                              row(S,    403,   403,  RUN,  403,  403,  403,  403,  RUN),
        values=pk("session"), method="POST",
    ),
    # Empty: back to the list, with a message.
    "network:join_request_decide": Case(
                              row(S,    403,   403,  MINE, 403,  403,  403,  403,  MINE),
        values=pk("join_request"), method="POST",
    ),
    "network:join_request_decline": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("join_request"),
    ),
    # Everyone may ask but `member`, already accepted; editors and staff are not members.
    "network:join_request_create": Case(
                              row(S,    403,   GS,   GS,   GS,   GS,   GS,   403,  403),
        values=pk("group"), method="POST",
    ),
    # Only `member` was accepted into the group.
    "network:session_register": Case(
                              row(S,    GS,    403,  403,  403,  403,  403,  403,  403),
        values=pk("session"), method="POST",
    ),
    # The waiting list is for the same people as a place (the session has room: a place).
    "network:session_waiting_list_join": Case(
                              row(S,    GS,    403,  403,  403,  403,  403,  403,  403),
        values=pk("session"), method="POST",
    ),
    # Empty: no limit on places, back to the run-session page.
    "network:session_places": Case(
                              row(S,    403,   403,  RUN,  403,  403,  403,  403,  RUN),
        values=pk("session"), method="POST",
    ),
    # Nobody has a place at `session`: "I did not get the link" says so, on Your sessions.
    "network:session_link_resend": Case(
        signed_in(Redirect("/accounts/sessions/")), values=pk("session"), method="POST",
    ),
    # A member's private calendar: whoever has its address, signed in or not (calendar apps).
    "network:member_calendar": Case(everyone(200), values=lambda w: {"token": member_calendar_token(w)}),
    "network:member_calendar_reset": Case(signed_in(200)),
    # Cancelling a place you do not have says so.
    "network:session_unregister": Case(signed_in(GS), values=pk("session"), method="POST"),
    # Referrals and invitations. `referral` (waiting) and `invitation` (open) are for `group`.
    "network:referral_by_link": Case(everyone(200), values=lambda w: {"token": w.referral_token}),
    # `other facilitator` runs a group people just turn up to: the form says none takes referrals.
    "network:referral_create": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
    ),
    "network:referral_accept": Case(
                              row(S,    403,   403,  MINE, 403,  403,  403,  403,  MINE),
        values=pk("referral"), method="POST",
    ),
    "network:referral_decline": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("referral"),
    ),
    "network:referral_invite": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("referral"),
    ),
    "network:invitation_create": Case(
                              row(S,    403,   403,  200,  403,  403,  403,  403,  200),
        values=pk("group"),
    ),
    "network:network_invitation_create": Case(
                              row(S,    403,   403,  403,  403,  403,  403,  403,  200),
    ),
    "network:invitation_withdraw": Case(
                              row(S,    403,   403,  MINE, 403,  403,  403,  403,  MINE),
        values=pk("invitation"), method="POST",
    ),
    "network:invitation": Case(everyone(200), values=lambda w: {"token": w.invitation_token}),
    # The link still works, so there is nothing to ask for: back to it.
    "network:invitation_ask_again": Case(
        everyone(Redirect(lambda w: f"/join/{w.invitation_token}/")),
        values=lambda w: {"token": w.invitation_token}, method="POST",
    ),
    # Public: search and feeds.
    "network:search": Case(everyone(200)),
    "network:news_rss": Case(everyone(200)),
    "network:news_atom": Case(everyone(200)),
    "network:groups_calendar": Case(everyone(200)),
    "network:group_calendar": Case(everyone(200), values=pk("group")),
    "network:drop_in_calendar": Case(everyone(200), values=pk("drop_in")),
    "network:meeting_guide": Case(everyone(200)),
    # Consultations. `consultation` is open, `closed_consultation` closed; both are for the
    # members of `peer_group` and report to `board`. Any facilitator, and staff, moderate; any
    # board representative may read a consultation.
    # Visitors read consultations open to every member (the site setting allows it by default;
    # tests/consultations/test_public_consultations.py turns it off), never a group's.
    "consultations:list": Case(everyone(200)),
    "consultations:my_contributions": Case(signed_in(200)),
    "consultations:notification_settings": Case(signed_in(200)),
    #                           visitor member other fac.  o.fac rep   o.rep edit. staff
    "consultations:detail": (
        Case(
                              row(S,    200,   403,  200,  200,  200,  200,  403,  200),
            values=pk("consultation"), label="for a group",
        ),
        Case(
                              row(200,  200,   200,  200,  200,  200,  200,  403,  200),
            values=pk("public_consultation"), label="for every member",
        ),
    ),
    "consultations:priority_create": Case(
                              row(S,    200,   403,  403,  403,  403,  403,  403,  403),
        values=pk("consultation"),
    ),
    "consultations:results": (
        Case(
                              row(S,    200,   403,  200,  200,  200,  200,  403,  200),
            values=pk("closed_consultation"), label="closed, for a group",
        ),
        Case(
                              row(200,  200,   200,  200,  200,  200,  200,  403,  200),
            values=pk("public_closed_consultation"), label="closed, for every member",
        ),
        Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
            values=pk("public_consultation"), label="open, for every member",
        ),
    ),
    "consultations:gathered_create": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("consultation"),
    ),
    "consultations:tallies": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("consultation"),
    ),
    "consultations:tally_sheet": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=lambda w: {"pk": w.consultation.pk, "gathering_pk": w.gathering.pk},
    ),
    # The list of in-room counts, and changing or undoing one: facilitators and staff.
    "consultations:tally_list": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("consultation"),
    ),
    "consultations:tally_edit": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("tally"),
    ),
    "consultations:tally_undo": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("tally"),
    ),
    "consultations:moderation_queue": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
    ),
    "consultations:moderate": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("waiting"),
    ),
    # Safeguarding cases: facilitators and staff (and the named leads, tests/safeguarding).
    "safeguarding:cases": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
    ),
    # Where a member lands after sending words that suggest they may need help now.
    "safeguarding:help_now": Case(everyone(200)),
    "safeguarding:case": Case(
                              row(S,    403,   403,  200,  200,  403,  403,  403,  200),
        values=pk("case"),
    ),
    # `waiting` is the member's own priority, not yet approved.
    "consultations:priority_edit": Case(
                              row(S,    200,   403,  403,  403,  403,  403,  403,  403),
        values=pk("waiting"),
    ),
    "consultations:priority_withdraw": Case(
                              row(S,    200,   403,  403,  403,  403,  403,  403,  403),
        values=pk("waiting"),
    ),
    "consultations:priority_posted": Case(
                              row(S,    200,   404,  404,  404,  404,  404,  404,  404),
        values=pk("waiting"),
    ),
    # `published` is someone else's. Empty, a vote goes back to the consultation with a message.
    "consultations:vote": Case(
                              row(S,    BACK,  403,  403,  403,  403,  403,  403,  403),
        values=pk("published"), method="POST",
    ),
    "consultations:report": Case(
                              row(S,    200,   403,  200,  200,  200,  200,  403,  200),
        values=pk("published"),
    ),
    # The board area: representatives of that board, and staff.
    "consultations:board": Case(
                              row(S,    403,   403,  403,  403,  200,  200,  403,  200),
    ),
    "consultations:downloads": Case(
                              row(S,    403,   403,  403,  403,  200,  200,  403,  200),
    ),
    # The board rep's own file: it is in nobody else's list, staff included.
    "consultations:download": Case(
                              row(S,    403,   403,  403,  403,  200,  404,  403,  404),
        values=pk("export"),
    ),
    "consultations:board_consultation": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("closed_consultation"),
    ),
    "consultations:consultation_export": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=lambda w: {"pk": w.closed_consultation.pk, "export_format": "csv"},
    ),
    "consultations:meeting": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("meeting"),
    ),
    "consultations:meeting_create": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("board"),
    ),
    "consultations:meeting_edit": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("meeting"),
    ),
    # Empty, the status button goes back to the meeting with a message; nothing changes.
    "consultations:meeting_status": Case(
                              row(S,    403,   403,  403,  403,  MEET, 403,  403,  MEET),
        values=pk("meeting"), method="POST",
    ),
    "consultations:shortlist": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("meeting"),
    ),
    "consultations:board_pack": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("meeting"),
    ),
    "consultations:meeting_export": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=lambda w: {"pk": w.meeting.pk, "export_format": "csv"},
    ),
    "consultations:agenda_item_edit": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("agenda_item"),
    ),
    "consultations:response": Case(
                              row(S,    403,   403,  403,  403,  200,  403,  403,  200),
        values=pk("agenda_item"),
    ),
    # Empty, a move goes back to the meeting with a message; a removal removes.
    "consultations:agenda_item_move": Case(
                              row(S,    403,   403,  403,  403,  MEET, 403,  403,  MEET),
        values=pk("agenda_item"), method="POST",
    ),
    "consultations:agenda_item_remove": Case(
                              row(S,    403,   403,  403,  403,  MEET, 403,  403,  MEET),
        values=pk("agenda_item"), method="POST",
    ),
    # For everyone.
    "consultations:you_said_we_did": Case(everyone(200)),
    "consultations:you_said_we_did_feed": Case(everyone(200)),
}
# fmt: on


# The Wagtail admin. People who may not use it at all: visitors are sent to sign in, everyone
# else gets 403 (portal.middleware.AdminAccessMiddleware). Editors and staff, screen by screen.


def admin(editor, staff=None, *, method="GET", label=""):
    """A screen of the admin: what editors get, and staff when it differs."""
    staff = editor if staff is None else staff
    return Case(row(S, 403, 403, 403, 403, 403, 403, editor, staff), method=method, label=label)


def history_of_about(w):
    return f"/admin/pages/{w.about.pk}/history/"


ADMIN_SCREENS = {
    "wagtailadmin_home": admin(200),
    # Group sessions on days a venue is closed, to cancel (network/closure_admin.py).
    "network_closure_sessions": Case(row(S, 403, 403, 403, 403, 403, 403, 200, 200), values=pk("venue")),
    # Wagtail's sample of its "not found" page, sent as a page.
    "[admin/test404/]": admin(200),
    # Wagtail's deliberate error, for testing error reports. No page may answer with a 500.
    "[admin/failwhale/]": Case(row(404, 403, 403, 403, 403, 403, 403, 404, 404)),
    "wagtailadmin_error_test": Case(
        row(404, 403, 403, 403, 403, 403, 403, 404, 404), served_by="[admin/failwhale/]"
    ),
    # A consultation people have posted to cannot be deleted: the screen sends staff back to it.
    "wagtailsnippets_consultations_consultation:delete": admin(
        Redirect(lambda w: f"/admin/snippets/consultations/consultation/edit/{w.consultation.pk}/")
    ),
    # Wagtail's own files for the admin: served to anyone not signed in (the sign-in page would
    # use them); the portal refuses the admin to signed-in people who may not use it.
    "wagtailadmin_sprite": Case(row(200, 403, 403, 403, 403, 403, 403, 200, 200)),
    "wagtailadmin_javascript_catalog": Case(row(200, 403, 403, 403, 403, 403, 403, 200, 200)),
    # Wagtail's "no such screen": signed-out people go to sign in by way of its old address.
    "[admin/.*/$]": Case(
        row(Redirect("/admin/login/"), 403, 403, 403, 403, 403, 403, 404, 404),
        path=lambda w: "/admin/no-such-screen/",
    ),
    # The admin's own API, used by its choosers. `find` with nothing to find is "not found";
    # there is no page action called "approve".
    "wagtailadmin_api:pages:listing": admin(200),
    "wagtailadmin_api:pages:detail": admin(200),
    "wagtailadmin_api:pages:find": admin(404),
    "wagtailadmin_api:pages:action": admin(404, method="POST"),
    "wagtailadmin_api:documents:listing": admin(200),
    "wagtailadmin_api:documents:detail": admin(200),
    "wagtailadmin_api:documents:find": admin(404),
    "wagtailadmin_api:images:listing": admin(200),
    "wagtailadmin_api:images:detail": admin(200),
    "wagtailadmin_api:images:find": admin(404),
    # Pages. Editors add and change pages; publishing, deleting, moving, privacy and locking
    # are for others (Wagtail's Moderators).
    # "Pages" opens on the site's home page, not on Wagtail's root (portal/admin_explorer.py).
    "wagtailadmin_explore_root": admin(Redirect(lambda w: f"/admin/pages/{w.home.pk}/")),
    "wagtailadmin_explore": admin(200),
    "wagtailadmin_explore_results": admin(200),
    "wagtail_bulk_action": admin(404),  # no pages chosen
    "wagtailadmin_pages:add": admin(200),
    "wagtailadmin_pages:preview_on_add": admin(200),
    "wagtailadmin_pages:type_use": admin(200),
    "wagtailadmin_pages:type_use_results": admin(200),
    "wagtailadmin_pages:choose_parent": admin(200),
    "wagtailadmin_pages:usage": admin(200),
    "wagtailadmin_pages:edit": admin(200),
    "wagtailadmin_pages:preview_on_edit": admin(200),
    "wagtailadmin_pages:view_draft": admin(200),
    # Only one kind of page may go under it, so straight to its form.
    "wagtailadmin_pages:add_subpage": admin(
        Redirect(lambda w: f"/admin/pages/add/network/standardpage/{w.about.pk}/")
    ),
    "wagtailadmin_pages:delete": admin(R),
    "wagtailadmin_pages:unpublish": admin(R),
    "wagtailadmin_pages:convert_alias": admin(404),  # the page is not an alias
    "wagtailadmin_pages:search": admin(200),
    "wagtailadmin_pages:search_results": admin(200),
    "wagtailadmin_pages:move": admin(R),
    "wagtailadmin_pages:move_confirm": (
        # Wagtail shows the question without checking; the move itself is refused.
        admin(200, label="the question"),
        admin(R, method="POST", label="the move"),
    ),
    "wagtailadmin_pages:set_page_position": admin(R, method="POST"),
    "wagtailadmin_pages:copy": admin(200),
    "wagtailadmin_pages:workflow_action": admin(R),
    "wagtailadmin_pages:collect_workflow_action_data": admin(R),
    "wagtailadmin_pages:confirm_workflow_cancellation": admin(200),
    "wagtailadmin_pages:workflow_preview": admin(R),
    "wagtailadmin_pages:set_privacy": admin(R),
    "wagtailadmin_pages:lock": admin(R, method="POST"),
    "wagtailadmin_pages:unlock": admin(R, method="POST"),
    "wagtailadmin_pages:revisions_index": admin(Redirect(history_of_about)),
    "wagtailadmin_pages:revisions_view": admin(200),
    "wagtailadmin_pages:revisions_revert": admin(200),
    "wagtailadmin_pages:revisions_unschedule": admin(R),
    "wagtailadmin_pages:revisions_compare": admin(200),
    "wagtailadmin_pages:workflow_history": admin(200),
    "wagtailadmin_pages:workflow_history_detail": admin(200),
    "wagtailadmin_pages:history": admin(200),
    "wagtailadmin_pages:history_results": admin(200),
    "wagtailadmin_choose_page": admin(200),
    "wagtailadmin_choose_page_child": admin(200),
    "wagtailadmin_choose_page_search": admin(200),
    "wagtailadmin_choose_page_chosen_multiple": admin(200),
    "wagtailadmin_choose_page_external_link": admin(200),
    "wagtailadmin_choose_page_email_link": admin(200),
    "wagtailadmin_choose_page_phone_link": admin(200),
    "wagtailadmin_choose_page_anchor_link": admin(200),
    "wagtailadmin_tag_autocomplete": admin(200),
    "wagtailadmin_tag_model_autocomplete": admin(200),
    # Collections and workflows are for superusers. Collections an editor may not delete are
    # not found for deleting; the task chooser lists tasks (without a form to make one).
    "wagtailadmin_collections:index": admin(R),
    "wagtailadmin_collections:add": admin(R),
    "wagtailadmin_collections:edit": admin(R),
    "wagtailadmin_collections:delete": admin(404),
    "wagtailadmin_collections:set_privacy": admin(R),
    "wagtailadmin_workflows:index": admin(R),
    "wagtailadmin_workflows:index_results": admin(R),
    "wagtailadmin_workflows:add": admin(R),
    "wagtailadmin_workflows:enable": admin(R, method="POST"),
    "wagtailadmin_workflows:disable": admin(R),
    "wagtailadmin_workflows:edit": admin(R),
    "wagtailadmin_workflows:usage": admin(R),
    "wagtailadmin_workflows:usage_results": admin(R),
    "wagtailadmin_workflows:remove [admin/workflows/remove/<int:page_pk>/]": admin(R, method="POST"),
    "wagtailadmin_workflows:remove [admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/]": admin(
        R, method="POST"
    ),
    "wagtailadmin_workflows:add_task": admin(R),
    "wagtailadmin_workflows:select_task_type": admin(R),
    "wagtailadmin_workflows:task_index": admin(R),
    "wagtailadmin_workflows:task_index_results": admin(R),
    "wagtailadmin_workflows:edit_task": admin(R),
    "wagtailadmin_workflows:disable_task": admin(R),
    "wagtailadmin_workflows:enable_task": admin(R, method="POST"),
    "wagtailadmin_workflows:task_chooser": admin(200),
    "wagtailadmin_workflows:task_chooser_results": admin(200),
    "wagtailadmin_workflows:task_chooser_create": admin(200),
    "wagtailadmin_workflows:task_chosen": admin(200),
    # Reports. Locked pages are for those who may lock.
    "wagtailadmin_reports:locked_pages": admin(R),
    "wagtailadmin_reports:locked_pages_results": admin(R),
    "wagtailadmin_reports:workflow": admin(200),
    "wagtailadmin_reports:workflow_results": admin(200),
    "wagtailadmin_reports:workflow_tasks": admin(200),
    "wagtailadmin_reports:workflow_tasks_results": admin(200),
    "wagtailadmin_reports:site_history": admin(200),
    "wagtailadmin_reports:site_history_results": admin(200),
    "wagtailadmin_reports:aging_pages": admin(200),
    "wagtailadmin_reports:aging_pages_results": admin(200),
    "wagtailadmin_reports:page_types_usage": admin(200),
    "wagtailadmin_reports:page_types_usage_results": admin(200),
    # Their own admin account, signing out (Wagtail's sign-out sends them to the portal's
    # sign-in), and the admin's housekeeping.
    "wagtailadmin_account": admin(200),
    "wagtailadmin_logout": admin(SIGN_IN, method="POST"),
    "wagtailadmin_dismissibles": admin(200),
    "wagtailadmin_editing_sessions:ping": admin(200, method="POST"),
    "wagtailadmin_editing_sessions:release": admin(200, method="POST"),
    "wagtailadmin_block_preview": admin(404),  # no block named
    # Form submissions: there are no form pages, so the page given is not one.
    "wagtailforms:index": admin(200),
    "wagtailforms:index_results": admin(200),
    "wagtailforms:list_submissions": admin(404),
    "wagtailforms:list_submissions_results": admin(404),
    "wagtailforms:delete_submissions": admin(R),
    # Site-wide settings: editors may change them.
    "wagtailsettings:edit [admin/settings/<slug:app_name>/<slug:model_name>/]": admin(
        Redirect(lambda w: f"/admin/settings/portal/networksettings/{w.site.pk}/")
    ),
    "wagtailsettings:edit [admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/]": admin(200),
    "wagtailsettings:preview_on_edit": admin(404),  # settings have no preview
    "wagtailembeds:chooser": admin(200),
    "wagtailembeds:chooser_upload": admin(200),
    # Every snippet has its own menu item, so Wagtail's list of snippets has nothing to show.
    "wagtailsnippets:index": admin(R),
    # Images and documents: editors add them, and change only those they uploaded (none here).
    # Uploads in progress: there are none.
    "wagtaildocs:index": admin(200),
    "wagtaildocs:index_results": admin(200),
    "wagtaildocs:add": admin(200),
    "wagtaildocs:edit": admin(R),
    "wagtaildocs:delete": admin(R),
    "wagtaildocs:add_multiple": admin(200),
    "wagtaildocs:edit_multiple": admin(R, method="POST"),
    "wagtaildocs:delete_multiple": admin(R, method="POST"),
    "wagtaildocs:create_multiple_from_uploaded_document": admin(404, method="POST"),
    "wagtaildocs:delete_upload_multiple": admin(404, method="POST"),
    "wagtaildocs:document_usage": admin(R),
    "wagtaildocs_chooser:choose": admin(200),
    "wagtaildocs_chooser:choose_results": admin(200),
    "wagtaildocs_chooser:chosen": admin(R),
    "wagtaildocs_chooser:chosen_multiple": admin(200),
    "wagtaildocs_chooser:create": admin(200),
    "wagtailimages:index": admin(200),
    "wagtailimages:index_results": admin(200),
    "wagtailimages:add": admin(200),
    "wagtailimages:edit": admin(R),
    "wagtailimages:delete": admin(R),
    "wagtailimages:preview": admin(R),
    "wagtailimages:image_usage": admin(R),
    # Image addresses made on request are turned off (no WAGTAILIMAGES serve view).
    "wagtailimages:url_generator": admin(404),
    "wagtailimages:url_generator_output": admin(404),
    "wagtailimages:add_multiple": admin(200),
    "wagtailimages:edit_multiple": admin(R, method="POST"),
    "wagtailimages:delete_multiple": admin(R, method="POST"),
    "wagtailimages:create_multiple_from_uploaded_image": admin(404, method="POST"),
    "wagtailimages:delete_upload_multiple": admin(404, method="POST"),
    "wagtailimages_chooser:choose": admin(200),
    "wagtailimages_chooser:choose_results": admin(200),
    "wagtailimages_chooser:chosen": admin(R),
    "wagtailimages_chooser:chosen_multiple": admin(200),
    "wagtailimages_chooser:create": admin(200),
    "wagtailimages_chooser:select_format": admin(R),
}

# Whole areas of the admin that editors and staff may not use at all, screen after screen.
ADMIN_AREAS_REFUSED = ("wagtailusers_users:", "wagtailusers_groups:", "wagtailsites:", "wagtailredirects:")

# What editors and staff may do with each snippet: network/role_permissions.py grants it and
# consultations/wagtail_hooks.py makes the records read-only. The words a moderator took out
# (priority revisions) are for staff alone.
MANAGE = frozenset({"view", "add", "change", "delete"})
# Sessions come from each group's schedule: the admin cancels one or adds a note, and its form
# has no date or time to make a new one with.
NO_ADDING = MANAGE - {"add"}
READ = frozenset({"view"})
NOTHING = frozenset()
SNIPPET_RIGHTS = {  # (editor, staff)
    "network_venue": (MANAGE, MANAGE),
    "network_supportservice": (MANAGE, MANAGE),
    "network_groupsession": (NO_ADDING, NO_ADDING),
    "network_partnerteam": (MANAGE, MANAGE),
    "consultations_consultation": (MANAGE, MANAGE),
    "consultations_returnreason": (MANAGE, MANAGE),
    "consultations_board": (MANAGE, MANAGE),
    "consultations_boardmeeting": (MANAGE, MANAGE),
    "consultations_moderationlog": (READ, READ),
    "consultations_exportlog": (READ, READ),
    "consultations_priorityrevision": (NOTHING, READ),
}
# The right each snippet screen needs. Usage and history are for those who may change it.
SNIPPET_SCREEN_NEEDS = {
    "list": "view", "list_results": "view", "inspect": "view", "add": "add", "copy": "add",
    "edit": "change", "delete": "delete", "usage": "change", "history": "change",
    "history_results": "change",
    # The chooser other screens open, to pick one.
    "choose": "view", "choose_results": "view", "chosen": "view", "chosen_multiple": "view",
    "create": "add",
}  # fmt: skip


def snippet_case(pattern):
    namespace, _sep, screen = (pattern.name or "").rpartition(":")
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        model = namespace.removeprefix(prefix)
        if namespace.startswith(prefix) and model in SNIPPET_RIGHTS and screen in SNIPPET_SCREEN_NEEDS:
            needs = SNIPPET_SCREEN_NEEDS[screen]
            editor, staff = (200 if needs in rights else R for rights in SNIPPET_RIGHTS[model])
            return admin(editor, staff)
    return None


def cases_for(pattern):
    """The cases the tables give this pattern, or () when none does."""
    key = pattern.key
    found = EXPECTED.get(key) or ADMIN_SCREENS.get(key)
    if found is None and key.startswith(ADMIN_AREAS_REFUSED):
        found = admin(R)
    if found is None:
        found = snippet_case(pattern)
    if found is None:
        return ()
    return found if isinstance(found, tuple) else (found,)


def case_id(pattern, case):
    return f"{pattern.key} ({case.label})" if case.label else pattern.key


def matches(expected, got, world):
    """Whether what an actor got is what the table says. A 5xx never is."""
    if isinstance(expected, Redirect):
        return expected.matches(got, world)
    if 300 <= expected < 400:
        raise ValueError("say where a redirect should go: Redirect(...)")
    return got.status == expected and got.status < 500


def describe(expected, world):
    return expected.describe(world) if isinstance(expected, Redirect) else str(expected)


def path_for(world, pattern, case):
    if case.path:
        return case.path(world)
    return pattern.path(case.values(world) if case.values else admin_values(world, pattern))


def check_case(world, patterns_by_key, pattern, case, actors):
    """The mismatches of one case, one line each: url name | path | actor | expected | got."""
    path = path_for(world, pattern, case)
    answering = patterns_by_key[case.served_by] if case.served_by else pattern
    if not answering.answers(path):
        return [f"{case_id(pattern, case)} | {path} | - | answered by {answering.key} | another pattern"]
    problems = []
    for actor in actors:
        expected = case.expect[actor]
        got = request_as(world, actor, case.method, path)
        if not matches(expected, got, world):
            line = [
                case_id(pattern, case),
                f"{case.method} {path}",
                actor,
                describe(expected, world),
                str(got),
            ]
            problems.append(" | ".join(line))
    return problems


@pytest.fixture
def world(home_page, network_settings, settings, tmp_path):
    settings.TWO_FACTOR_REQUIRED_FOR_ROLES = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    # Thousands of refusals are expected here; errors (a 500) are still logged.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    yield build_world(home_page)
    request_log.setLevel(level)


@pytest.mark.slow  # minutes: `make test` starts it first
def test_every_url_for_every_role(world):
    patterns = every_url_pattern()
    by_key = {pattern.key: pattern for pattern in patterns}
    problems = []
    for pattern in patterns:
        cases = cases_for(pattern)
        if not cases:
            problems.append(
                f"{pattern.key} | /{pattern.route} | - | an expectation | none: add it to the tables"
            )
        for case in cases:
            problems += check_case(world, by_key, pattern, case, ACTORS)
    assert not problems, (
        f"{len(problems)} differences from the tables ({len(patterns)} URL patterns, {len(ACTORS)} actors)\n"
        "url name | path | actor | expected | got\n" + "\n".join(problems)
    )


def test_the_tables_speak_only_of_urls_that_exist():
    """An entry for a URL that is gone or renamed would otherwise sit there checking nothing."""
    patterns = every_url_pattern()
    keys = {pattern.key for pattern in patterns}
    names = {pattern.name for pattern in patterns if pattern.name}
    assert not set(EXPECTED) & set(ADMIN_SCREENS), "a URL is in both tables"
    assert sorted(set(EXPECTED) - keys) == []
    assert sorted(set(ADMIN_SCREENS) - keys) == []
    assert [area for area in ADMIN_AREAS_REFUSED if not any(k.startswith(area) for k in keys)] == []
    assert sorted(m for m in SNIPPET_RIGHTS if f"wagtailsnippets_{m}:list" not in names) == []
