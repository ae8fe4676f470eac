"""At the same moment: one invitation used by several people is used once, and a flood of referrals
stops at the team's hourly limit."""

from network.invitations import InvitationError, invitation_accept, invitation_create
from network.models import Invitation, JoinRequest, PartnerTeam, Referral
from network.models.choices import HowToJoin
from network.referrals import ReferralError, referral_create
from tests.at_once import POSTGRESQL_ONLY, run_together
from tests.factories.accounts import MemberFactory
from tests.factories.network import GroupPageFactory, facilitator_of

pytestmark = POSTGRESQL_ONLY


def test_an_invitation_used_by_six_people_at_once_is_used_once():
    group = GroupPageFactory(how_to_join=HowToJoin.INVITE)
    invitation, _token = invitation_create(
        email="a@example.org", group=group, invited_by=facilitator_of(group)
    )
    people = MemberFactory.create_batch(6)
    jobs = [lambda p=p: invitation_accept(invitation=invitation, user=p) for p in people]
    outcomes = run_together(jobs, refusal=InvitationError)
    assert sum(not isinstance(outcome, InvitationError) for outcome in outcomes) == 1
    used_by = Invitation.objects.get().used_by
    assert list(JoinRequest.objects.filter(group=group).values_list("member", flat=True)) == [used_by.pk]


def test_a_flood_of_referrals_at_once_stops_at_the_teams_hourly_limit(settings):
    settings.REFERRALS_PER_TEAM_PER_HOUR = 2
    group = GroupPageFactory(how_to_join=HowToJoin.REFERRAL)
    team = PartnerTeam.objects.create(name="Community Recovery Team", contact_email="team@example.org")

    def refer():
        referral_create(
            group=group, partner_team=team, chosen_name="Sam", email="sam@example.org", consent=True
        )

    outcomes = run_together([refer] * 6, refusal=ReferralError)
    assert Referral.objects.count() == 2
    assert sum(isinstance(outcome, ReferralError) for outcome in outcomes) == 4
