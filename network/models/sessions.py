"""Who comes to a group's sessions: places members sign up for and join requests."""

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .choices import JoinRequestStatus, RegistrationStatus
from .groups import GroupPage, GroupSession

JOIN_MESSAGE_MAX_LENGTH = 500


class MemberNamed:
    """The member's display name, as facilitators see it: never their email."""

    @property
    def display_name(self):
        profile = getattr(self.member, "profile", None)
        return profile.display_name if profile else _("A member")


def booked_count():
    """An annotation on sessions: how many people have a place (the waiting list not counted)."""
    return Count("registrations", filter=Q(registrations__status=RegistrationStatus.BOOKED))


class SessionRegistrationQuerySet(models.QuerySet):
    def booked(self):
        """People with a place: the ones who get the session's emails and whose attendance counts."""
        return self.filter(status=RegistrationStatus.BOOKED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def with_waiting_position(self):
        """Each with `waiting_position`: 1 for the first person waiting at its session, and so on
        (None for a place). In the same query, however many there are."""
        ahead = (
            SessionRegistration.objects.filter(session=OuterRef("session"), status=RegistrationStatus.WAITING)
            .filter(
                Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("session")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(waiting_ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)))


class SessionRegistration(MemberNamed, models.Model):
    """A member's place at one session, or their turn on its waiting list. `attended` stays empty
    until a facilitator fills it in."""

    Status = RegistrationStatus

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(
        max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.BOOKED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(null=True, blank=True)

    objects = SessionRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("session registration")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], name="one_registration_per_member_and_session"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_known"
            ),
            # Only someone with a place can have come.
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.BOOKED) | Q(attended__isnull=True),
                name="registration_attended_only_when_booked",
            ),
        ]

    def __str__(self):
        return f"{self.session} ({self.member_id})"

    @property
    def is_booked(self):
        return self.status == RegistrationStatus.BOOKED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def waiting_position(self):
        """Their number on the waiting list (with_waiting_position() gives what it needs)."""
        return self.waiting_ahead + 1 if self.is_waiting else None


class JoinRequest(MemberNamed, models.Model):
    """A member asks to join a group that needs an invite or a referral."""

    Status = JoinRequestStatus

    group = models.ForeignKey(GroupPage, on_delete=models.CASCADE, related_name="join_requests")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(blank=True, max_length=JOIN_MESSAGE_MAX_LENGTH)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.WAITING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        ordering = ["created_at", "pk"]
        constraints = [
            # Waiting or accepted: a member has at most one of those per group. Declined ones are
            # history, and a member may ask again later.
            models.UniqueConstraint(
                fields=["group", "member"],
                condition=Q(status__in=JoinRequestStatus.open_values()),
                name="one_open_join_request_per_member_and_group",
            ),
            models.CheckConstraint(
                condition=Q(status__in=JoinRequestStatus.values), name="join_request_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=JoinRequestStatus.WAITING, decided_at__isnull=True)
                | ~Q(status=JoinRequestStatus.WAITING) & Q(decided_at__isnull=False),
                name="join_request_decided_when_answered",
            ),
        ]

    def __str__(self):
        return f"{self.group.title} ({self.get_status_display()})"

    @property
    def is_waiting(self):
        return self.status == JoinRequestStatus.WAITING

    @property
    def is_accepted(self):
        return self.status == JoinRequestStatus.ACCEPTED

    @property
    def is_declined(self):
        return self.status == JoinRequestStatus.DECLINED
