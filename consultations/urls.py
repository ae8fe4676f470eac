from django.urls import path

from . import board_views, views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<id:pk>/", views.consultation_detail, name="detail"),
    path("<id:pk>/post/", views.priority_create, name="priority_create"),
    path("<id:pk>/results/", views.results, name="results"),
    path("<id:pk>/gathered/", views.gathered_priority_create, name="gathered_create"),
    path("<id:pk>/in-room-votes/", views.tallies, name="tallies"),
    path("priorities/<id:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<id:pk>/withdraw/", views.priority_withdraw, name="priority_withdraw"),
    path("priorities/<id:pk>/posted/", views.priority_posted, name="priority_posted"),
    path("priorities/<id:pk>/vote/", views.vote, name="vote"),
    path("priorities/<id:pk>/report/", views.report, name="report"),
    path("your-contributions/", views.my_contributions, name="my_contributions"),
    path("emails/", views.notification_settings, name="notification_settings"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/priorities/<id:pk>/", views.moderate_priority, name="moderate"),
    # The partnership board
    path("board/", board_views.board_home, name="board"),
    path("board/consultations/<id:pk>/", board_views.board_consultation, name="board_consultation"),
    path(
        "board/consultations/<id:pk>/export.<str:export_format>",
        board_views.consultation_export,
        name="consultation_export",
    ),
    path("board/meetings/<id:pk>/", board_views.meeting_detail, name="meeting"),
    path("board/meetings/<id:pk>/shortlist/", board_views.shortlist, name="shortlist"),
    path("board/meetings/<id:pk>/board-pack/", board_views.board_pack, name="board_pack"),
    path(
        "board/meetings/<id:pk>/export.<str:export_format>",
        board_views.meeting_export,
        name="meeting_export",
    ),
    path("board/agenda-items/<id:pk>/", board_views.agenda_item_edit, name="agenda_item_edit"),
    path("board/agenda-items/<id:pk>/move/", board_views.agenda_item_move, name="agenda_item_move"),
    path("board/agenda-items/<id:pk>/remove/", board_views.agenda_item_remove, name="agenda_item_remove"),
    path("board/agenda-items/<id:pk>/response/", board_views.response_record, name="response"),
    path("board/downloads/", board_views.downloads, name="downloads"),
    path("board/downloads/<id:pk>/", board_views.download, name="download"),
    # For everyone
    path("you-said-we-did/", board_views.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did/feed/", board_views.ResponsesFeed(), name="you_said_we_did_feed"),
]
