"""A consultation: the question, its themes and its voting rules."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .choices import ConsultationState
from .constants import MAX_VOTES_PER_MEMBER


class ConsultationQuerySet(models.QuerySet):
    """Open, closed or upcoming at a moment (now unless given), the way state_at() decides."""

    def open(self, at=None):
        at = at or timezone.now()
        return self.filter(opens_at__lte=at, closes_at__gt=at)

    def closed(self, at=None):
        return self.filter(closes_at__lte=at or timezone.now())

    def upcoming(self, at=None):
        return self.filter(opens_at__gt=at or timezone.now())

    def for_every_member(self):
        return self.filter(eligible_group__isnull=True)


class Consultation(ClusterableModel):
    State = ConsultationState

    question = models.CharField(_("question"), max_length=200)
    background = models.TextField(
        _("background"), blank=True, help_text=_("A few short paragraphs in plain words. Why are we asking?")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Online voting stops at exactly this time."))
    # Who may take part. Checked in one place: rules.is_eligible_participant.
    eligible_group = models.ForeignKey(
        Group,
        verbose_name=_("only for the members of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty so that every member can take part."),
    )
    board = models.ForeignKey(
        "consultations.Board",
        verbose_name=_("results go to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("The partnership board whose representatives shortlist and export the results."),
    )
    votes_per_member = models.PositiveSmallIntegerField(
        _("votes per member"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VOTES_PER_MEMBER)],
    )
    several_votes_per_priority = models.BooleanField(
        _("members may put more than one vote on a priority"), default=False
    )
    votes_can_be_moved = models.BooleanField(
        _("members may take a vote back while voting is open"), default=True
    )
    show_counts_while_open = models.BooleanField(
        _("show vote counts while voting is open"),
        default=False,
        help_text=_("If not ticked, counts show only after closing, so early votes do not sway later ones."),
    )
    needs_approval = models.BooleanField(
        _("a facilitator checks each priority before it shows"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("background"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("eligible_group"),
        FieldPanel("board"),
        InlinePanel("themes", label=_("Themes"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("votes_per_member"),
                FieldPanel("several_votes_per_priority"),
                FieldPanel("votes_can_be_moved"),
                FieldPanel("show_counts_while_open"),
                FieldPanel("needs_approval"),
            ],
            heading=_("Voting rules"),
        ),
    ]

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="consultation_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(votes_per_member__gte=1, votes_per_member__lte=MAX_VOTES_PER_MEMBER),
                name="consultation_votes_per_member_in_range",
            ),
        ]

    def __str__(self):
        return self.question

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})

    def state_at(self, when):
        if when < self.opens_at:
            return ConsultationState.UPCOMING
        if when < self.closes_at:
            return ConsultationState.OPEN
        return ConsultationState.CLOSED

    @property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def state_label(self):
        return self.state.label

    @property
    def is_upcoming(self):
        return self.state == ConsultationState.UPCOMING

    @property
    def is_open(self):
        return self.state == ConsultationState.OPEN

    @property
    def is_closed(self):
        return self.state == ConsultationState.CLOSED


class Theme(Orderable):
    consultation = ParentalKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=60)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "name"], name="unique_theme_per_consultation")
        ]

    def __str__(self):
        return self.name
