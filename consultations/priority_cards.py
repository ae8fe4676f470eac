"""The priorities on a consultation page, each as a card: what it says (a fragment shared by
everyone, portal/fragments.py), its counts, the reader's vote form and a link to report it.

Drawn here, not in the page's template: each card with its vote form cost Django's template
engine about 40 variable lookups, tags and filters, drawn 20 to 25 times a page; drawn here a
member's page is 12-15% quicker (11-13 -> 9.6-11 ms in process). The markup is the template's
as it was, with every value escaped by format_html; static/js/votes.js reads the data-
attributes, and the JSON answer to a vote (views/voting.py) says the same words through
consultations.vote_buttons."""

from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .figures import HIDDEN_WORD, or_hidden

OUT_OF_VOTES = "You have used all your votes. To support this one, take a vote back from another."


def _counts(priority, closed):
    if closed:
        return format_html(
            '<p class="govuk-body-s">Online votes: {}. In the room: {}. In all: {}.</p>',
            or_hidden(priority.online_votes),
            or_hidden(priority.in_room_votes),
            or_hidden(priority.total_votes),
        )
    return format_html(
        '<p class="govuk-body-s">Online votes: <span data-online-votes data-hidden-word="{}">{}</span>. '
        "In the room: {}.</p>",
        HIDDEN_WORD,
        or_hidden(priority.online_votes),
        or_hidden(priority.in_room_votes),
    )


def _hidden_unless(shown):
    return "" if shown else mark_safe(" hidden")


def _vote_form(priority, *, several, movable, here, csrf_token):
    buttons = priority.buttons
    return format_html(
        '<form method="post" action="{action}" class="portal-vote" data-vote-form data-dots="{dots}" '
        'data-several="{several}" data-movable="{movable}">\n'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
        '<input type="hidden" name="next" value="{here}#priority-{pk}">\n'
        '<p class="govuk-body-s portal-vote__status" data-vote-status>{status}</p>\n'
        '<p class="govuk-body-s portal-vote__status" data-out-of-votes{out_hidden}>{out_of_votes}</p>\n'
        '<button type="submit" name="action" value="add" class="govuk-button govuk-!-margin-bottom-0" '
        'data-vote-add data-label-first="Support this" data-label-more="Add another vote"{add_hidden}>'
        '<span data-vote-add-label>{add_label}</span><span class="govuk-visually-hidden">: {title}</span>'
        "</button>\n"
        '<button type="submit" name="action" value="remove" class="govuk-button govuk-button--secondary '
        'govuk-!-margin-bottom-0" data-vote-remove{remove_hidden}>Take my vote back'
        '<span class="govuk-visually-hidden">: {title}</span></button>\n'
        "</form>",
        action=priority.vote_url,
        dots=priority.my_dots,
        several=several,
        movable=movable,
        csrf=csrf_token,
        here=here,
        pk=priority.pk,
        status=buttons.status,
        out_hidden=_hidden_unless(buttons.out_of_votes),
        out_of_votes=OUT_OF_VOTES,
        add_hidden=_hidden_unless(buttons.can_add),
        add_label=buttons.add_label,
        title=priority.title,
        remove_hidden=_hidden_unless(buttons.can_remove),
    )


def _report_link(priority):
    return format_html(
        '<p class="govuk-body govuk-!-margin-top-3 govuk-!-margin-bottom-0"><a class="govuk-link" '
        'href="{}">Report this<span class="govuk-visually-hidden">: {}</span></a></p>',
        priority.report_url,
        priority.title,
    )


def priority_cards(request, consultation, priorities, *, can_see_counts, can_vote):
    """The cards of `priorities`, one after the other, as safe HTML. Each priority carries
    `words` (its shared fragment), `vote_url`, `report_url` (None: no link), `my_dots` and
    `buttons` (consultations.vote_buttons), and its counts when they are shown."""
    closed = consultation.is_closed
    form = {
        "several": "true" if consultation.several_votes_per_priority else "false",
        "movable": "true" if consultation.votes_can_be_moved else "false",
        "here": request.get_full_path(),
        "csrf_token": get_token(request) if can_vote else "",
    }

    def card(priority):
        return (
            priority.pk,
            priority.pk,
            priority.words,
            _counts(priority, closed) if can_see_counts else "",
            _vote_form(priority, **form) if can_vote else "",
            _report_link(priority) if priority.report_url else "",
        )

    return format_html_join(
        "\n",
        '<section class="portal-priority" id="priority-{}" aria-labelledby="priority-title-{}">\n'
        "{}\n{}\n{}\n{}\n</section>",
        (card(priority) for priority in priorities),
    )
