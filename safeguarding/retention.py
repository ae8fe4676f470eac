"""What safeguarding removes when it is past its time, for `manage.py apply_retention`."""

from portal.retention import RetentionStep

from .services import cases_anonymise


def steps():
    return [
        RetentionStep(
            "safeguarding-cases",
            "names, words and notes of cases followed up longer ago than the time in Safeguarding settings",
            lambda now: cases_anonymise(now=now),
        ),
    ]
