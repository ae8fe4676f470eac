"""Peer groups: what they are, who they are for, when they meet, and each session as a row."""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from portal.models import IntroducedPage, PortalPage
from portal.page_panels import PlainWordsPageForm, plain_promote_panels
from portal.private_sections import PortalPageQuerySet

from ..blocks import StoryBlock
from ..cancellation_notes import personal_details_in_note, personal_details_message
from ..filters import GroupFilter
from .choices import Audience, CancellationReason, Format, Frequency, HowToJoin, Weekday, label_of
from .venues import Venue

UPCOMING_SESSIONS_SHOWN = 6
WALK_INS_MAX = 200
# Places at a session: enough for any room the network meets in, and a check on a slipped key.
PLACES_MAX = 200
CANCELLATION_NOTE_MAX_LENGTH = 160
WHAT_TO_PREPARE_MAX_LENGTH = 1000
DEFAULT_REMINDER_TIME = time(10)


class GroupIndexPage(IntroducedPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.GroupPage"]
    max_count = 1

    class Meta:
        verbose_name = _("peer group index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = GroupPage.objects.live().public().child_of(self).for_listing()
        group_filter = GroupFilter(request.GET or None, queryset=groups)
        context["filter_fields"] = group_filter.fields_html()
        context["groups"] = group_filter.qs
        context["filtered"] = group_filter.is_filtered
        return context


class GroupPageQuerySet(PortalPageQuerySet):
    def for_listing(self):
        """With the venue and the start of the next session that is going ahead, in week order."""
        next_session = GroupSession.objects.filter(
            group=models.OuterRef("pk"), cancelled=False, starts_at__gte=timezone.now()
        ).order_by("starts_at")
        return (
            self.select_related("venue")
            .annotate(next_session_starts_at=models.Subquery(next_session.values("starts_at")[:1]))
            .order_by("weekday", "start_time", "title")
        )


class GroupPage(PortalPage):
    Audience, Format, Frequency, HowToJoin = Audience, Format, Frequency, HowToJoin

    summary = models.TextField(help_text=_("One or two plain sentences: what happens at this group."))
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("about the group"))
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    format = models.CharField(
        _("in person or online"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
        help_text=_("Where it meets in person."),
    )
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Never shown on the website. It is sent only to registered members before each session."),
    )
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    first_date = models.DateField(
        _("first session"), help_text=_("The date of the first session. It must fall on the day above.")
    )
    last_date = models.DateField(
        _("last session"), null=True, blank=True, help_text=_("Leave empty if the group carries on.")
    )
    how_to_join = models.CharField(max_length=20, choices=HowToJoin.choices, default=HowToJoin.JUST_TURN_UP)
    joining_details = models.TextField(
        blank=True, help_text=_("Who to ask and how, for example: ask at reception or phone the hub.")
    )
    reminder_time = models.TimeField(
        _("reminder email at"),
        default=DEFAULT_REMINDER_TIME,
        help_text=_(
            "The day before each session, at this time (UK time), everyone with a place gets a reminder "
            "with the time, the place or the online link, and what to get ready."
        ),
    )
    what_to_prepare = models.TextField(
        _("what to get ready"),
        blank=True,
        max_length=WHAT_TO_PREPARE_MAX_LENGTH,
        help_text=_(
            "Goes in the reminder email, for example the ingredients for a cook-along. A facilitator "
            "can change it for one session."
        ),
    )
    # Not a PositiveSmallIntegerField: its form field would refuse -4 in its own words before
    # these validators could say it plainly. The constraint below holds in the database.
    places = models.SmallIntegerField(
        _("places at each session"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("There needs to be at least 1 place. Leave it empty for no limit.")),
            MaxValueValidator(
                PLACES_MAX, _("The number of places can be up to %(limit_value)s. Please check it.")
            ),
        ],
        help_text=_(
            "Leave empty for no limit. When a session is full, people can join its waiting list, "
            "and the first person waiting gets any place that comes up."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("format"), FieldPanel("venue"), FieldPanel("online_link")],
            heading=_("Who and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldRowPanel([FieldPanel("weekday"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("last_date")]),
            ],
            heading=_("When it meets"),
        ),
        MultiFieldPanel(
            [FieldPanel("how_to_join"), FieldPanel("joining_details"), FieldPanel("places")],
            heading=_("How to join"),
        ),
        MultiFieldPanel(
            [FieldPanel("reminder_time"), FieldPanel("what_to_prepare")], heading=_("Reminder email")
        ),
        InlinePanel("facilitators", heading=_("Who runs it"), label=_("facilitator")),
    ]
    promote_panels = plain_promote_panels()
    base_form_class = PlainWordsPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["network.GroupIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(GroupPageQuerySet)()

    class Meta:
        verbose_name = _("peer group")
        constraints = [
            models.CheckConstraint(
                condition=Q(places__isnull=True) | Q(places__gte=1, places__lte=PLACES_MAX),
                name="group_places_sensible",
            )
        ]

    @property
    def meets_in_person(self):
        return self.format in Format.meeting_in_person()

    @property
    def meets_online(self):
        return self.format in Format.meeting_online()

    @property
    def audience_label(self):
        return label_of(Audience, self.audience)

    @property
    def how_to_join_label(self):
        return label_of(HowToJoin, self.how_to_join)

    @property
    def joins_by_asking(self):
        """By referral or invite: a member asks first, and signs up once a facilitator says yes."""
        return self.how_to_join in HowToJoin.by_asking()

    @property
    def joins_by_referral(self):
        return self.how_to_join == HowToJoin.REFERRAL

    @property
    def joins_by_turning_up(self):
        return self.how_to_join == HowToJoin.JUST_TURN_UP

    def clean(self):
        super().clean()
        errors = {}
        if self.first_date and self.weekday is not None and self.first_date.weekday() != self.weekday:
            errors["first_date"] = _("The first session must be on a %(day)s.") % {
                "day": self.get_weekday_display()
            }
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.last_date and self.first_date and self.last_date < self.first_date:
            errors["last_date"] = _("The last session must be after the first.")
        if self.meets_in_person and self.venue_id is None:
            errors["venue"] = _("Choose where the group meets in person.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_sessions"] = self.sessions.filter(ends_at__gte=timezone.now())[
            :UPCOMING_SESSIONS_SHOWN
        ]
        context["facilitator_names"] = [
            facilitator.profile.display_name for facilitator in self.facilitators.select_related("profile")
        ]
        return context


class GroupSession(models.Model):
    """One meeting of a group, made from its schedule ahead of time.

    A row per occurrence (not just the rule) so a session can be cancelled on its own, and so
    registrations, attendance and the emailed private link can hang off it later.
    """

    CancellationReason = CancellationReason

    group = models.ForeignKey(GroupPage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    cancellation_reason = models.CharField(
        _("why it is cancelled"),
        max_length=30,
        choices=CancellationReason.choices,
        blank=True,
        help_text=_("Shown to everyone. Choose one when you cancel a session."),
    )
    cancellation_note = models.CharField(
        _("a note for people with a place"),
        max_length=CANCELLATION_NOTE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "You do not have to write anything. Only people with a place see it. Please leave out "
            "names, contact details and news about anyone, for example: we meet in the garden room instead."
        ),
    )

    what_to_prepare = models.TextField(
        _("what to get ready for this session"),
        blank=True,
        max_length=WHAT_TO_PREPARE_MAX_LENGTH,
        help_text=_("Leave it empty to send what the group usually asks people to get ready."),
    )
    places = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    # True: the session takes the group's number of places whenever the group's page is published.
    # A facilitator who sets this session's own number turns it off (services.session_places_set).
    places_from_group = models.BooleanField(default=True)
    # How many people have a place: counted here, under the session's row lock, so that the
    # database itself refuses more bookings than places (see the constraints).
    places_taken = models.PositiveIntegerField(default=0)

    walk_ins = models.PositiveSmallIntegerField(
        _("people who came without signing up"),
        default=0,
        help_text=_("Filled in by a facilitator after the session."),
    )

    panels = [
        FieldPanel("cancelled"),
        FieldPanel("cancellation_reason"),
        FieldPanel("cancellation_note"),
        FieldPanel("what_to_prepare"),
    ]

    class Meta:
        verbose_name = _("group session")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "starts_at"], name="one_session_per_group_and_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(walk_ins__lte=WALK_INS_MAX), name="session_walk_ins_sensible"),
            models.CheckConstraint(
                condition=Q(places_taken__gte=0), name="session_places_taken_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(places__isnull=True) | Q(places__gte=1, places_taken__lte=F("places")),
                name="session_never_over_booked",
            ),
            # Only the neutral reasons can reach a public page. (A session cancelled before the
            # reasons existed, or by a script, may have none: it then shows as just "Cancelled".)
            models.CheckConstraint(
                condition=Q(cancellation_reason__in=["", *CancellationReason.values]),
                name="session_cancellation_reason_known",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.group.title}, {local:%A} {local.day} {local:%B %Y %H:%M}"

    @property
    def what_to_prepare_shown(self):
        """This session's own list, or the group's usual one."""
        return self.what_to_prepare or self.group.what_to_prepare

    @property
    def places_left(self):
        """How many places are still free, or None when there is no limit."""
        return None if self.places is None else self.places - self.places_taken

    @property
    def is_full(self):
        return self.places is not None and self.places_taken >= self.places

    @property
    def cancellation_reason_shown(self):
        """The reason as everyone sees it: "Other" says nothing, so nothing is shown."""
        if self.cancellation_reason in ("", CancellationReason.OTHER):
            return ""
        return self.get_cancellation_reason_display()

    def clean(self):
        super().clean()
        if not self.cancelled:
            # Not cancelled (or no longer): nothing to explain.
            self.cancellation_reason = ""
            self.cancellation_note = ""
            return
        errors = {}
        if not self.cancellation_reason:
            errors["cancellation_reason"] = _("Choose why the session is cancelled.")
        found = personal_details_in_note(self.cancellation_note)
        if found:
            errors["cancellation_note"] = personal_details_message(found)
        if errors:
            raise ValidationError(errors)
