from django.urls import path

from portal.page_cache import cache_public_response

from . import (
    attendance_views,
    booking_views,
    feeds,
    invitation_views,
    place_views,
    preparation_views,
    referral_views,
    session_views,
    views,
)
from .member_calendar import member_calendar

app_name = "network"

urlpatterns = [
    path("accounts/sessions/", session_views.my_sessions, name="my_sessions"),
    # "I did not get the link", from Your sessions.
    path(
        "groups/sessions/<id:pk>/resend-link/",
        booking_views.SessionLinkResendView.as_view(),
        name="session_link_resend",
    ),
    # A member's private calendar: signed in or not (calendar apps fetch it), never from the page cache.
    path("accounts/sessions/calendar/<str:token>.ics", member_calendar, name="member_calendar"),
    path(
        "accounts/sessions/calendar/new-link/",
        booking_views.MemberCalendarResetView.as_view(),
        name="member_calendar_reset",
    ),
    path("groups/yours/", session_views.my_groups, name="my_groups"),
    path("groups/figures/", attendance_views.figures_page, name="attendance_figures"),
    path(
        "groups/figures/attendance.<str:export_format>",
        attendance_views.figures_file,
        name="attendance_figures_file",
    ),
    path("groups/<id:pk>/sessions/", session_views.group_sessions, name="group_sessions"),
    path(
        "groups/<id:pk>/ask-to-join/",
        session_views.JoinRequestCreateView.as_view(),
        name="join_request_create",
    ),
    path("groups/sessions/<id:pk>/", session_views.RunSessionView.as_view(), name="run_session"),
    path(
        "groups/sessions/<id:pk>/sign-up/", session_views.SessionSignUpView.as_view(), name="session_register"
    ),
    path(
        "groups/sessions/<id:pk>/join-waiting-list/",
        session_views.SessionWaitingListJoinView.as_view(),
        name="session_waiting_list_join",
    ),
    path("groups/sessions/<id:pk>/places/", place_views.SessionPlacesView.as_view(), name="session_places"),
    path(
        "groups/sessions/<id:pk>/cancel-place/",
        session_views.SessionPlaceCancelView.as_view(),
        name="session_unregister",
    ),
    path("groups/sessions/<id:pk>/cancel/", session_views.SessionCancelView.as_view(), name="session_cancel"),
    path(
        "groups/sessions/<id:pk>/what-to-get-ready/",
        preparation_views.SessionPrepareView.as_view(),
        name="session_prepare",
    ),
    path(
        "groups/join-requests/<id:pk>/",
        session_views.JoinRequestDecideView.as_view(),
        name="join_request_decide",
    ),
    path(
        "groups/join-requests/<id:pk>/say-no/",
        session_views.JoinRequestDeclineView.as_view(),
        name="join_request_decline",
    ),
    # Referrals and invitations.
    path("refer/<str:token>/", referral_views.referral_by_link, name="referral_by_link"),
    path("groups/refer/", referral_views.ReferralCreateView.as_view(), name="referral_create"),
    path("groups/referrals/<id:pk>/", referral_views.ReferralAcceptView.as_view(), name="referral_accept"),
    path(
        "groups/referrals/<id:pk>/say-no/",
        referral_views.ReferralDeclineView.as_view(),
        name="referral_decline",
    ),
    path(
        "groups/referrals/<id:pk>/invite/",
        referral_views.ReferralInviteView.as_view(),
        name="referral_invite",
    ),
    path("groups/<id:pk>/invite/", invitation_views.InvitationCreateView.as_view(), name="invitation_create"),
    path(
        "groups/invite/",
        invitation_views.NetworkInvitationCreateView.as_view(),
        name="network_invitation_create",
    ),
    path(
        "groups/invitations/<id:pk>/cancel/",
        invitation_views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
    path("join/<str:token>/", invitation_views.invitation, name="invitation"),
    path(
        "join/<str:token>/ask-again/", invitation_views.invitation_ask_again_view, name="invitation_ask_again"
    ),
    path("search/", views.search, name="search"),
    # Feeds are public and the same for everyone, so they are served from the page cache.
    path("feeds/news.rss", cache_public_response(feeds.NewsFeed()), name="news_rss"),
    path("feeds/news.atom", cache_public_response(feeds.NewsAtomFeed()), name="news_atom"),
    path("feeds/groups.ics", cache_public_response(feeds.all_groups_calendar), name="groups_calendar"),
    path("feeds/groups/<id:pk>.ics", cache_public_response(feeds.group_calendar), name="group_calendar"),
    path("feeds/drop-in/<id:pk>.ics", cache_public_response(feeds.drop_in_calendar), name="drop_in_calendar"),
    path("feeds/meeting-guide.json", cache_public_response(feeds.meeting_guide), name="meeting_guide"),
]
