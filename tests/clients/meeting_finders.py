"""What meeting finders expect of a Meeting Guide feed, written down from their own sources so that a
test fails when the feed would mislead them."""

from urllib.parse import urlsplit

# The meeting types in the spec (github.com/code4recovery/spec, README, "Meeting Types"). Finders
# ignore any other code, so a group typed with one is not found by that type.
OFFICIAL_TYPES = frozenset({
    "11", "12x12", "A", "ABSI", "AL", "AL-AN", "AM", "ASL", "B", "BA", "BE", "BI", "BRK", "C", "CAN",
    "CF", "D", "DA", "DB", "DD", "DE", "DR", "EL", "EN", "FA", "FF", "FR", "G", "GR", "H", "HE", "HI",
    "HR", "HU", "ITA", "JA", "KOR", "L", "LGBTQ", "LIT", "LS", "LT", "M", "MED", "ML", "N", "NB", "NDG",
    "NO", "O", "OUT", "P", "POA", "POC", "POL", "POR", "PUN", "RUS", "S", "SEN", "SK", "SM", "SP", "ST",
    "SV", "T", "TC", "TH", "TL", "TR", "UK", "W", "X", "XB", "XT", "Y",
})  # fmt: skip

# Video services TSML UI recognises in a conference_url (its settings' conference_providers). A link
# to anywhere else, a page on the portal included, is dropped with a warning and does not make a
# meeting online.
CONFERENCE_PROVIDERS = (
    "bluejeans.com", "discord.gg", "freeconference.com", "freeconferencecall.com", "goto.com",
    "gotomeet.me", "gotomeeting.com", "horizon.meta.com", "maps.secondlife.com", "meet.google.com",
    "meet.jit.si", "meetings.dialpad.com", "signal.group", "skype.com", "slurl.com", "teams.live.com",
    "teams.microsoft.com", "vrchat.com", "webex.com", "zoho.com", "zoom.us",
)  # fmt: skip
TSML_UI_APPROXIMATE_BELOW_PARTS = 4


def tsml_ui_is_active(entry):
    """TSML UI's rule (src/helpers/load-meeting-data.ts): a meeting is online when it has a
    recognised conference link or a phone number, in person when its location is not temporarily
    closed ("TC") and its address is exact, and shown as "Inactive" when it is neither."""
    host = urlsplit(entry.get("conference_url") or "").hostname or ""
    recognised = any(host == provider or host.endswith(f".{provider}") for provider in CONFERENCE_PROVIDERS)
    is_online = recognised or bool(entry.get("conference_phone"))
    if isinstance(entry.get("approximate"), str):
        approximate = entry["approximate"].lower() == "yes"
    else:
        approximate = len(entry.get("formatted_address", "").split(",")) < TSML_UI_APPROXIMATE_BELOW_PARTS
    is_in_person = "TC" not in entry.get("types", []) and not approximate
    return is_online or is_in_person
