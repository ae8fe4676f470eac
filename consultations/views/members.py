"""What members read: the consultations, one consultation's priorities, results, their own
contributions, and their email choices."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.actions import ActionView
from portal.addresses import address_for_each
from portal.fragments import shared_fragments
from portal.models import SectionPage
from portal.page_cache import allow_caching
from portal.permissions import rule_required

from .. import selectors
from ..figures import show_on
from ..filters import PriorityFilter
from ..forms import NotificationPreferencesForm
from ..models import Consultation, ConsultationState, HaveYourSayPage, NotificationPreferences
from ..priority_cards import priority_cards
from ..selectors.contributions import member_reports_sent, member_votes_given
from ..visitors import (
    consultations_are_public,
    readable_consultations,
    visitor_may_read,
    visitor_sees_results,
)
from ..vote_buttons import vote_buttons
from ..votes_given import votes_given_rows
from .common import get_consultation
from .visitor_access import members_or_visitors

STATE_HEADINGS = {
    ConsultationState.OPEN: _("Open now"),
    ConsultationState.UPCOMING: _("Coming soon"),
    ConsultationState.CLOSED: _("Closed"),
}


@require_GET
def consultation_list(request):
    if request.user.is_authenticated:
        visible = [
            c
            for c in Consultation.objects.all()
            if request.user.has_perm("consultations.view_consultation_page", c)
        ]
    elif consultations_are_public(request):
        allow_caching(request)
        visible = readable_consultations()
    else:
        return redirect_to_login(request.get_full_path())
    sections = [
        (heading, [c for c in visible if c.state == state]) for state, heading in STATE_HEADINGS.items()
    ]
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "section_page": SectionPage.for_view(HaveYourSayPage, request),
            "sections": sections,
            "any_visible": bool(visible),
        },
    )


def can_see_results(user, consultation):
    if user.is_authenticated:
        return user.has_perm("consultations.see_results", consultation)
    return visitor_sees_results(consultation)


@require_GET
@members_or_visitors("consultations.view_consultation_page", get_consultation, visitor_may_read)
def consultation_detail(request, consultation, pk):
    user = request.user
    can_see_counts = can_see_results(user, consultation)
    themes = selectors.consultation_themes(consultation)
    priority_filter = PriorityFilter(
        request.GET, themes=themes, queryset=selectors.listed_priorities(consultation)
    )
    theme = priority_filter.chosen_theme()
    paginator = Paginator(priority_filter.qs, selectors.PRIORITY_PAGE_SIZE)
    paginator.count = selectors.published_count(consultation, theme)
    page = paginator.get_page(request.GET.get("page"))
    my_votes = selectors.member_votes(consultation, user)
    figures = selectors.consultation_figures([consultation.pk])[consultation.pk] if can_see_counts else None
    votes_left = consultation.votes_per_member - sum(my_votes.values())
    words = shared_fragments(
        "consultations/includes/priority_words.html",
        page.object_list,
        name="priority",
        prepare=selectors.read_words,
    )
    vote_address = address_for_each("consultations:vote")
    report_address = address_for_each("consultations:report")
    # Members report what others posted online while the consultation is open.
    may_report = user.is_authenticated and consultation.is_open
    for priority in page.object_list:
        priority.words = words[priority.pk]
        priority.vote_url = vote_address(priority.pk)
        reportable = may_report and priority.author_id != user.pk and not priority.is_gathered
        priority.report_url = report_address(priority.pk) if reportable else None
        priority.my_dots = my_votes.get(priority.pk, 0)
        priority.buttons = vote_buttons(consultation, dots=priority.my_dots, remaining=votes_left)
        if figures is not None:
            show_on(priority, figures)
    can_vote = user.has_perm("consultations.vote_in_consultation", consultation)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "page": page,
            "priorities": page.object_list,
            "filter_form": priority_filter.form_showing_choices() if len(themes) > 1 else None,
            "theme": theme,
            "theme_dropped": priority_filter.dropped,
            "query_prefix": urlencode({"theme": theme.pk}) + "&" if theme else "",
            "votes_left": votes_left,
            "cards": priority_cards(
                request, consultation, page.object_list, can_see_counts=can_see_counts, can_vote=can_vote
            ),
            "can_vote": can_vote,
            "can_post": user.has_perm("consultations.post_priority", consultation),
            "can_see_counts": can_see_counts,
            "can_see_results": can_see_counts,
            "figures": figures,
            "my_pending": selectors.own_pending_priorities(consultation, user),
        },
    )


@require_GET
@members_or_visitors("consultations.see_results", get_consultation, visitor_sees_results)
def results(request, consultation, pk):
    ranked, figures = selectors.results_for(consultation)
    return render(
        request,
        "consultations/results.html",
        {
            "consultation": consultation,
            "can_see_results": True,
            "ranked": ranked,
            "figures": figures,
            "themes": selectors.themes_in_results(figures),
            "tie_break": selectors.TIE_BREAK_EXPLANATION,
        },
    )


@require_GET
@rule_required("consultations.see_own_contributions")
def my_contributions(request):
    priorities = selectors.counts_for_author(selectors.member_contributions(request.user), request.user)
    selectors.moderation_for_author(priorities)
    supported = selectors.member_supported_with_responses(request.user)
    for priority in priorities + supported:
        priority.journey = selectors.priority_journey(priority)
        priority.board_response = selectors.board_response_for(priority)
    votes = member_votes_given(request.user)
    any_hidden = any(p.counts_shown and None in (p.online_votes, p.in_room_votes) for p in priorities)
    return render(
        request,
        "consultations/my_contributions.html",
        {
            "priorities": priorities,
            "supported": supported,
            "any_hidden": any_hidden,
            "votes": votes,
            "vote_rows": votes_given_rows(votes),
            "reports": member_reports_sent(request.user),
        },
    )


class NotificationSettingsView(ActionView):
    form_class = NotificationPreferencesForm
    template_name = "consultations/notification_settings.html"
    success_message = _("Your email choices are saved.")

    def load(self):
        self.preferences, _created = NotificationPreferences.objects.get_or_create(user=self.request.user)

    def get_form_kwargs(self):
        return {"instance": self.preferences}

    def perform(self, form):
        return form.save()

    def success_url(self, result):
        return reverse("consultations:notification_settings")
