"""The portal's roles. Each is a Django group, created by a data migration."""

MEMBERS = "Members"
FACILITATORS = "Facilitators"
BOARD_REPRESENTATIVES = "Board representatives"
EDITORS = "Editors"

ALL_ROLES = (MEMBERS, FACILITATORS, BOARD_REPRESENTATIVES, EDITORS)
