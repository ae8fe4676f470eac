"""Places the network meets, when they are open, and which support services come to them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .choices import Weekday

OPENSTREETMAP_ZOOM = 18
# The closures panel's heading. The admin's dashboard links straight to the panel, whose anchor
# Wagtail makes from these words (network/wagtail_hooks.py).
CLOSURES_HEADING = _("Closures and holiday hours")


class VenueQuerySet(models.QuerySet):
    def with_hours(self):
        """With its weekly hours, closures (in date order) and visiting services: three more queries."""
        return self.prefetch_related(
            "opening_periods",
            models.Prefetch("opening_exceptions", queryset=OpeningException.objects.order_by("start_date")),
            models.Prefetch("service_visits", queryset=ServiceVisit.objects.select_related("service")),
        )


class Venue(index.Indexed, ClusterableModel):
    """A place people can walk into. Shown as text and a plain link to a map: never an embedded map."""

    name = models.CharField(max_length=120)
    address = models.TextField(help_text=_("The postal address, one line each."))
    directions = models.TextField(
        blank=True, help_text=_("How to find the door, for example from the bus stop or the car park.")
    )
    accessibility = models.TextField(
        blank=True,
        help_text=_("Steps, lifts, toilets, quiet rooms, hearing loops: what someone may need to know."),
    )
    step_free_access = models.BooleanField(
        default=False, help_text=_("Can a wheelchair user get in and around?")
    )
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Where the place is on a map, from north to south. For example: 57.12345"),
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text=_("Where the place is on a map, from west to east. For example: -5.67890"),
    )
    map_url = models.URLField(
        _("map link"),
        blank=True,
        help_text=_(
            "A link to the place on a map. Leave empty to link to OpenStreetMap from the coordinates."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("directions"),
        FieldPanel("accessibility"),
        FieldPanel("step_free_access"),
        FieldPanel("phone"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]), FieldPanel("map_url")],
            heading=_("Map link"),
        ),
        InlinePanel(
            "opening_periods",
            heading=_("Usual opening hours"),
            label=_("opening time"),
            help_text=_("One for each day it is open. Closed over lunch? Add two for that day."),
        ),
        InlinePanel(
            "opening_exceptions",
            heading=CLOSURES_HEADING,
            label=_("closure day"),
            help_text=_(
                "Days it is closed, or open different hours, such as bank holidays. "
                "Several days in a row can go in one."
            ),
        ),
        InlinePanel("service_visits", heading=_("Services that come here"), label=_("visiting service")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address"), index.AutocompleteField("name")]

    objects = VenueQuerySet.as_manager()

    class Meta:
        verbose_name = _("venue")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def one_line_address(self):
        return ", ".join(self.address_lines)

    @property
    def openstreetmap_url(self):
        if self.map_url:
            return self.map_url
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map={OPENSTREETMAP_ZOOM}/{self.latitude}/{self.longitude}"
        )


class OpeningPeriod(Orderable):
    """One stretch of a week's opening hours. A day may have several (closed over lunch)."""

    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening time")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="opening_period_closes_after_opening"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class OpeningException(Orderable):
    """Days that differ from the usual week: closed (a holiday, a staff day) or open different hours."""

    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="opening_exceptions")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(
        _("last day"), help_text=_("The same as the first day if it is only one day.")
    )
    reason = models.CharField(
        max_length=120, help_text=_("Shown to visitors, for example: Christmas holidays.")
    )
    opens = models.TimeField(
        _("opens at"), null=True, blank=True, help_text=_("Leave both times empty if it is closed all day.")
    )
    closes = models.TimeField(_("closes at"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closure day")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="opening_exception_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True) | Q(closes__gt=F("opens")),
                name="opening_exception_hours_are_both_empty_or_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({self.start_date} to {self.end_date})"

    @property
    def closed(self):
        return self.opens is None

    def covers(self, day):
        return self.start_date <= day <= self.end_date

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day must be on or after the first day.")
        if (self.opens is None) != (self.closes is None):
            errors["closes"] = _("Give both an opening and a closing time, or neither if it is closed.")
        elif self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("The closing time must be after the opening time.")
        if errors:
            raise ValidationError(errors)


class SupportService(index.Indexed, models.Model):
    """A service that comes to the network's venues, so people need not go to it."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(help_text=_("Who they are, in a sentence or two."))
    helps_with = models.TextField(
        blank=True,
        help_text=_("What they can help with, one thing on each line. For example: debt, benefits."),
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("helps_with")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.SearchField("helps_with"),
    ]

    class Meta:
        verbose_name = _("support service")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def helps_with_list(self):
        return [line.strip() for line in self.helps_with.splitlines() if line.strip()]


class ServiceVisit(Orderable):
    """A support service at a venue on a day of the week."""

    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="service_visits")
    service = models.ForeignKey(SupportService, on_delete=models.CASCADE, related_name="visits")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    note = models.CharField(
        max_length=120, blank=True, help_text=_("For example: drop in, or book at reception.")
    )

    panels = [
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("visiting service")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="service_visit_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.service} on {self.get_weekday_display()}"

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The end time must be after the start time.")})
