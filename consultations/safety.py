"""The safety check lives in safeguarding.checks, one check for everything a member writes."""

from safeguarding.checks import (  # noqa: F401
    EMAIL_ADDRESS,
    PERSON_NAME,
    PHONE_NUMBER,
    STREET_ADDRESS,
    SafetyCheck,
    check_text,
)
