"""Who may see safeguarding cases. Facilitators and staff see cases and record follow-ups;
only staff and the named safeguarding leads see how to reach the member."""

import rules

from accounts.rules import is_facilitator, is_staff

from .models import SafeguardingSettings


@rules.predicate
def is_safeguarding_lead(user):
    if not (user.is_authenticated and user.is_active and user.email):
        return False
    return user.email.lower() in {address.lower() for address in SafeguardingSettings.current().lead_emails}


may_see_cases = is_facilitator | is_staff | is_safeguarding_lead

rules.add_perm("safeguarding.see_cases", may_see_cases)
rules.add_perm("safeguarding.follow_up_case", may_see_cases)
rules.add_perm("safeguarding.see_member_contact", is_staff | is_safeguarding_lead)
