"""A demo partner team and one referral waiting for the family support group's facilitator.
Safe to run again: the team is found by its name, and the referral is made only once."""

from network.models import GroupPage, PartnerTeam, Referral
from network.referrals import referral_create

TEAM_NAME = "Community Recovery Team"
REFERRED_NAME = "Sam"


def load(*, stdout):
    team, _created = PartnerTeam.objects.update_or_create(
        name=TEAM_NAME, defaults={"contact_email": "recovery-team@example.org", "active": True}
    )
    group = GroupPage.objects.live().filter(slug="family-support-group").first()
    if group is None or Referral.objects.filter(partner_team=team, chosen_name=REFERRED_NAME).exists():
        return
    referral_create(
        group=group,
        partner_team=team,
        chosen_name=REFERRED_NAME,
        email="sam@example.org",
        reason="Sam's brother uses drugs and Sam would like to meet other families. Evenings suit best.",
        consent=True,
    )
    stdout.write("A partner team and a referral loaded.")
