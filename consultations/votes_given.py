"""The rows of "Your votes" on a member's contributions page, drawn in Python
(templates/consultations/my_contributions.html).

A member who takes part gives many votes (15 a consultation in the load test's data) across few
consultations. Drawn through Django's templates, each row cost a link reversed, a date put into
words and a dozen lookups: 30 rows were about a quarter of the page's time. Here what a row says
of its consultation (the link, the question, "Still open, until ...") is drawn once per
consultation, and every value is escaped as the template escaped it
(tests/consultations/test_votes_given.py reads both with a parser)."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.times import day


def _consultation_cells(consultation):
    link = reverse("consultations:detail", args=[consultation.pk])
    if consultation.is_open:
        state = _("Still open, until %(day)s") % {"day": day(consultation.closes_at)}
        if consultation.votes_can_be_moved:
            state += ". " + _("You can still change your vote")
        state += "."
    else:
        state = _("Closed")
    return (
        f'<td class="govuk-table__cell"><a class="govuk-link" href="{escape(link)}">'
        f"{escape(consultation.question)}</a></td>\n"
        f'<td class="govuk-table__cell">{escape(state)}</td>'
    )


def votes_given_rows(votes):
    """One table row a vote, in the order given, as safe HTML."""
    cells = {}
    rows = []
    for vote in votes:
        consultation = vote.priority.consultation
        if consultation.pk not in cells:
            cells[consultation.pk] = _consultation_cells(consultation)
        dots = ""
        if vote.dots > 1:
            said = _("%(count)d votes") % {"count": vote.dots}
            dots = f' <span class="govuk-body-s">({escape(said)})</span>'
        rows.append(
            f'<tr class="govuk-table__row">\n'
            f'<th scope="row" class="govuk-table__header">{escape(vote.priority.title)}{dots}</th>\n'
            f"{cells[consultation.pk]}\n</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308
