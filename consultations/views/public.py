""" "You said, we did", for everyone: the board's responses to what members raised, and its feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.models import SectionPage
from portal.page_cache import cache_public_response

from .. import selectors
from ..filters import ResponseFilter
from ..models import YouSaidWeDidPage


@require_GET
@cache_public_response
def you_said_we_did(request):
    response_filter = ResponseFilter(
        request.GET or None,
        queryset=selectors.public_responses(),
        theme_names=selectors.response_theme_names(),
    )
    used = response_filter.used()
    page = Paginator(response_filter.qs, selectors.RESPONSE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/you_said_we_did.html",
        {
            "section_page": SectionPage.for_view(YouSaidWeDidPage, request),
            "filter_fields": response_filter.fields_html(response_filter.form_showing_choices()),
            "page": page,
            "responses": selectors.shown_responses(page.object_list),
            "dropped": response_filter.dropped,
            "status": used.get("status"),
            "theme": used.get("theme"),
        },
    )


class ResponsesFeed(Feed):
    title = "You said, we did: the partnership board's responses"
    description = "What the partnership board did about the priorities network members raised."

    def link(self):
        return reverse("consultations:you_said_we_did")

    def items(self):
        return selectors.shown_responses(selectors.public_responses()[:20])

    def item_title(self, response):
        return f"{response.get_status_display()}: {response.agenda_item.title}"

    def item_description(self, response):
        return response.explanation

    def item_link(self, response):
        return reverse("consultations:you_said_we_did") + f"#response-{response.pk}"

    def item_pubdate(self, response):
        return response.recorded_at

    def item_updateddate(self, response):
        return response.updated_at
