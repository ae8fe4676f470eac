from django.urls import path

from portal.page_cache import cache_public_response

from . import booking_views, feeds, place_views, session_views, views

app_name = "network"

urlpatterns = [
    path("accounts/sessions/", session_views.my_sessions, name="my_sessions"),
    # "I did not get the link", from Your sessions.
    path(
        "groups/sessions/<id:pk>/resend-link/",
        booking_views.SessionLinkResendView.as_view(),
        name="session_link_resend",
    ),
    path("groups/yours/", session_views.my_groups, name="my_groups"),
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
        "groups/join-requests/<id:pk>/",
        session_views.JoinRequestDecideView.as_view(),
        name="join_request_decide",
    ),
    path(
        "groups/join-requests/<id:pk>/say-no/",
        session_views.JoinRequestDeclineView.as_view(),
        name="join_request_decline",
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
