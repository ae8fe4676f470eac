"""The privacy notice, made from what the code keeps.

Every app that keeps something about a person says so with the Wagtail hook
`register_privacy_records`: a function returning a list of `PrivacyRecord`, one per kind of
record, naming the models that hold it ("app_label.model"). The /privacy/ page lists them, and a
test fails when a model that stores personal data is named by no record, so the notice cannot
fall behind the code. Portal so never imports the apps built on top of it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

PRIVACY_RECORDS_HOOK = "register_privacy_records"

# The lawful bases, in plain words first. UK GDPR Article 6 for all personal data.
CONTRACT = "To give you the account and the service you asked for (UK GDPR Article 6(1)(b))."
CONSENT = (
    "Your consent: you choose to give it, and you can take it back at any time (UK GDPR Article 6(1)(a))."
)
LEGITIMATE_INTERESTS = (
    "Our legitimate interests: running a safe network for its members, in ways you would expect "
    "(UK GDPR Article 6(1)(f))."
)
VITAL_INTERESTS = "To protect someone's life (UK GDPR Article 6(1)(d))."

# Article 9 as well, for health data: what someone says about alcohol or drug use, or about
# being in crisis, is health data.
EXPLICIT_CONSENT = (
    "You choose to share it with us, for this purpose (UK GDPR Article 9(2)(a), explicit consent)."
)
SAFEGUARDING = (
    "To keep people at risk safe (UK GDPR Article 9(2)(g) and the Data Protection Act 2018, "
    "Schedule 1, paragraph 18: safeguarding of individuals at risk)."
)


@dataclass(frozen=True)
class PrivacyRecord:
    """One kind of record the portal keeps about people.

    `kept_for` is text, or a function returning text, so that a period read from the retention
    settings is read when the notice is shown. `health_data` is the Article 9 condition, given
    when the record may say something about a person's health (alcohol or drug use, a crisis).
    """

    models: tuple[str, ...]
    what: str
    why: str
    lawful_basis: str
    kept_for: str | Callable[[], str]
    who_sees: str
    health_data: str = ""

    @property
    def how_long(self):
        return self.kept_for() if callable(self.kept_for) else self.kept_for


def privacy_records():
    """Every app's records, in the order the apps' hooks were registered."""
    return [record for hook in hooks.get_hooks(PRIVACY_RECORDS_HOOK) for record in hook()]


def models_with_a_record():
    return {label.lower() for record in privacy_records() for label in record.models}


def days(number):
    return "1 day" if number == 1 else f"{number} days"
