from django.urls import path

from .views import board, exports, in_room, meetings, members, moderation, priorities, public, voting

app_name = "consultations"

urlpatterns = [
    path("", members.consultation_list, name="list"),
    path("<id:pk>/", members.consultation_detail, name="detail"),
    path("<id:pk>/post/", priorities.PriorityCreateView.as_view(), name="priority_create"),
    path("<id:pk>/results/", members.results, name="results"),
    path("<id:pk>/gathered/", in_room.GatheredPriorityView.as_view(), name="gathered_create"),
    path("<id:pk>/in-room-votes/", in_room.GatheringChooseView.as_view(), name="tallies"),
    path("<id:pk>/in-room-votes/entered/", in_room.tally_list, name="tally_list"),
    path("<id:pk>/in-room-votes/<id:gathering_pk>/", in_room.TallyView.as_view(), name="tally_sheet"),
    path("in-room-votes/<id:pk>/change/", in_room.TallyEditView.as_view(), name="tally_edit"),
    path("in-room-votes/<id:pk>/undo/", in_room.TallyUndoView.as_view(), name="tally_undo"),
    path("priorities/<id:pk>/edit/", priorities.PriorityEditView.as_view(), name="priority_edit"),
    path("priorities/<id:pk>/withdraw/", priorities.PriorityWithdrawView.as_view(), name="priority_withdraw"),
    path("priorities/<id:pk>/posted/", priorities.priority_posted, name="priority_posted"),
    path("priorities/<id:pk>/vote/", voting.vote, name="vote"),
    path("priorities/<id:pk>/report/", priorities.ReportView.as_view(), name="report"),
    path("your-contributions/", members.my_contributions, name="my_contributions"),
    path("emails/", members.NotificationSettingsView.as_view(), name="notification_settings"),
    path("moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("moderation/priorities/<id:pk>/", moderation.moderate_priority, name="moderate"),
    # The partnership board
    path("board/", board.board_home, name="board"),
    path("board/consultations/<id:pk>/", board.board_consultation, name="board_consultation"),
    path(
        "board/consultations/<id:pk>/export.<str:export_format>",
        exports.consultation_export,
        name="consultation_export",
    ),
    path("board/boards/<id:pk>/meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("board/meetings/<id:pk>/", board.meeting_detail, name="meeting"),
    path("board/meetings/<id:pk>/change/", meetings.MeetingEditView.as_view(), name="meeting_edit"),
    path("board/meetings/<id:pk>/status/", meetings.MeetingStatusView.as_view(), name="meeting_status"),
    path("board/meetings/<id:pk>/shortlist/", board.ShortlistView.as_view(), name="shortlist"),
    path("board/meetings/<id:pk>/board-pack/", exports.board_pack, name="board_pack"),
    path("board/meetings/<id:pk>/export.<str:export_format>", exports.meeting_export, name="meeting_export"),
    path("board/agenda-items/<id:pk>/", board.AgendaItemEditView.as_view(), name="agenda_item_edit"),
    path("board/agenda-items/<id:pk>/move/", board.AgendaItemMoveView.as_view(), name="agenda_item_move"),
    path(
        "board/agenda-items/<id:pk>/remove/", board.AgendaItemRemoveView.as_view(), name="agenda_item_remove"
    ),
    path("board/agenda-items/<id:pk>/response/", board.ResponseView.as_view(), name="response"),
    path("board/downloads/", exports.downloads, name="downloads"),
    path("board/downloads/<id:pk>/", exports.download, name="download"),
    # For everyone
    path("you-said-we-did/", public.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did/feed/", public.ResponsesFeed(), name="you_said_we_did_feed"),
]
