"""Each partner team's secret referral link: the team and the link's version, signed with the
site's secret key. Making a new link moves the version on, so the old one stops working."""

from django.core import signing
from django.urls import reverse

from portal.public_address import on_public_address

SALT = "network.referral-link"


def referral_token(team):
    return signing.dumps([team.pk, team.link_version], salt=SALT, compress=True)


def referral_link(team):
    if team.pk is None:
        return ""
    return on_public_address(reverse("network:referral_by_link", args=[referral_token(team)]))


def read_referral_token(token):
    """(team id, link version) from a link's token, or None when it was not made here."""
    try:
        team_id, version = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(team_id, int) or not isinstance(version, int):
        return None
    return team_id, version
