"""What a member's "Download your data" file holds from the consultations.

Added to the file through the `register_member_data` hook (consultations/wagtail_hooks.py). Only the member's own words and choices:
never another member, a facilitator, or the flags facilitators use for safeguarding.
"""

from django.db import models

from .models import NotificationPreferences, Priority, PriorityStatus, Report, Vote

STATUS_IN_WORDS = dict(PriorityStatus.choices)


def _email_choices(user):
    # An unsaved row holds the defaults, which is what a member who never changed them gets.
    preferences = NotificationPreferences.objects.filter(user=user).first() or NotificationPreferences()
    return [
        {"email": str(field.verbose_name), "wanted": getattr(preferences, field.name)}
        for field in NotificationPreferences._meta.get_fields()
        if isinstance(field, models.BooleanField)
    ]


def _priorities(user):
    rows = (
        Priority.objects.filter(author=user)
        .order_by("submitted_at", "pk")
        .values(
            "consultation__question",
            "title",
            "explanation",
            "theme__name",
            "status",
            "show_name",
            "submitted_at",
            "approved_at",
            "return_message",
        )
    )
    return [
        {
            "consultation": row["consultation__question"],
            "title": row["title"],
            "explanation": row["explanation"],
            "theme": row["theme__name"],
            "status": str(STATUS_IN_WORDS[row["status"]]),
            "shown_as": "With your display name" if row["show_name"] else "Anonymous to other members",
            "submitted_at": row["submitted_at"],
            "approved_at": row["approved_at"],
            "message_when_sent_back": row["return_message"] or None,
        }
        for row in rows
    ]


def _votes(user):
    rows = (
        Vote.objects.filter(voter=user)
        .order_by("created_at", "pk")
        .values("priority__consultation__question", "priority__title", "dots", "created_at")
    )
    return [
        {
            "consultation": row["priority__consultation__question"],
            "priority": row["priority__title"],
            "votes": row["dots"],
            "voted_at": row["created_at"],
        }
        for row in rows
    ]


def _reports(user):
    rows = (
        Report.objects.filter(reporter=user)
        .order_by("created_at", "pk")
        .values("priority__title", "reason", "created_at")
    )
    return [
        {"priority": row["priority__title"], "reason": row["reason"], "reported_at": row["created_at"]}
        for row in rows
    ]


def member_data(user):
    return {
        "email_choices": _email_choices(user),
        "priorities": _priorities(user),
        "votes": _votes(user),
        "reports": _reports(user),
    }
