"""The board's boxes to tick, one per priority, each with why it matters and what the board said
about it at earlier meetings, drawn in Python (the shortlist and an agenda item: templates/
consultations/board/includes/priority_choices.html).

Drawn through Django's templates, each of 50 rows cost a checkbox widget, its attributes and a
dozen lookups: most of the shortlist's time at 1,000 priorities. This is the same markup, with
every value escaped (tests/consultations/test_priority_choices.py reads both with a parser)."""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from portal.times import day


def _earlier(earlier):
    if earlier.status:
        tag = f'<strong class="govuk-tag govuk-tag--blue">{escape(_("Answered before:"))} {escape(str(earlier.status))}</strong>'
    else:
        tag = f'<strong class="govuk-tag govuk-tag--grey">{escape(_("On an earlier agenda"))}</strong>'
    said = (
        f", {escape(_('the board said:'))} {escape(earlier.explanation)}"
        if earlier.explanation
        else f": {escape(_('the board has not answered yet.'))}"
    )
    when = _("At the meeting on %(day)s, as “%(title)s”") % {
        "day": day(earlier.meeting.starts_at, with_year=True),
        "title": earlier.item_title,
    }
    return f"<br>{tag} {escape(when)}{said}"


def priority_rows(form):
    """The form's priority boxes, in order, as safe HTML: each value above is escaped."""
    bound = form["priorities"]
    name = escape(bound.html_name)
    ticked = {str(value) for value in bound.value() or []}
    by_pk = {priority.pk: priority for priority in form.candidates}
    why_it_matters = escape(_("Why it matters:"))  # once, not once a row
    rows = []
    for index, (value, label) in enumerate(bound.field.choices):
        priority = by_pk[value]
        box = escape(f"{bound.auto_id}_{index}")
        checked = " checked" if str(value) in ticked else ""
        why = escape(normalize_newlines(priority.explanation)).replace("\n", "<br>")  # |linebreaksbr
        earlier = "".join(_earlier(e) for e in getattr(priority, "earlier", []))
        rows.append(
            f'<div class="govuk-checkboxes__item">\n'
            f'<input class="govuk-checkboxes__input" id="{box}" name="{name}" type="checkbox" value="{escape(str(value))}"{checked} aria-describedby="{box}-hint">\n'
            f'<label class="govuk-label govuk-checkboxes__label" for="{box}">{escape(str(label))}</label>\n'
            f'<div id="{box}-hint" class="govuk-hint govuk-checkboxes__hint">\n'
            f'<span class="portal-why-it-matters">{why_it_matters} {why}</span>{earlier}\n'
            f"</div>\n</div>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308
