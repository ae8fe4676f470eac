"""Members' priorities: posting one (with the safety check first), changing it, withdrawing it,
and reporting someone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.actions import ActionView
from safeguarding.check_step import check_step, help_now_url
from safeguarding.checks import has_crisis_words

from .. import services
from ..forms import PriorityForm, ReportForm
from ..models import Priority
from .common import get_consultation, get_priority


class PriorityFormView(ActionView):
    """Posting or changing a priority. Words that look like someone's details, or hurtful words,
    are shown back with the safety check first (safeguarding.check_step): the member can check
    again after changing them, or post them as they are."""

    form_class = PriorityForm
    template_name = "consultations/priority_form.html"
    priority = None

    def get_form_kwargs(self):
        return {"consultation": self.consultation, "initial": self.initial()}

    def get_context_data(self, **context):
        return {"consultation": self.consultation, "priority": self.priority, "check": None, **context}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            check = check_step(request, form.cleaned_data["title"], form.cleaned_data["explanation"])
            if check is not None:
                return render(request, self.template_name, self.get_context_data(form=form, check=check))
        return super().post(request, *args, **kwargs)

    def get_success_message(self, priority):
        if priority.is_urgent:
            return ""
        if priority.is_published:
            return _("Thank you. Your priority is now showing.")
        return _("Thank you. A facilitator will check your priority soon, then it will show.")

    def success_url(self, priority):
        if priority.is_urgent:
            return reverse("consultations:priority_posted", args=[priority.pk])
        return reverse("consultations:my_contributions")


class PriorityCreateView(PriorityFormView):
    permission = "consultations.post_priority"
    permission_object = "consultation"

    def load(self, pk):
        self.consultation = get_consultation(pk)

    def initial(self):
        return {"show_name": "no"}

    def perform(self, form):
        return services.priority_submit(
            consultation=self.consultation, author=self.request.user, **form.service_kwargs()
        )


class PriorityEditView(PriorityFormView):
    permission = "consultations.change_own_priority"
    permission_object = "priority"

    def load(self, pk):
        self.priority = get_priority(pk)
        self.consultation = self.priority.consultation

    def initial(self):
        return PriorityForm.initial_from(self.priority)

    def perform(self, form):
        return services.priority_update(
            priority=self.priority, author=self.request.user, **form.service_kwargs()
        )


@require_GET
@login_required
def priority_posted(request, pk):
    priority = get_object_or_404(Priority, pk=pk, author=request.user)
    return render(request, "consultations/priority_posted.html", {"priority": priority})


class PriorityWithdrawView(ActionView):
    permission = "consultations.change_own_priority"
    permission_object = "priority"
    template_name = "consultations/priority_withdraw.html"
    success_message = _("Your priority has been withdrawn.")

    def load(self, pk):
        self.priority = get_priority(pk)

    def get_context_data(self, **context):
        return {"priority": self.priority, **context}

    def perform(self, form):
        return services.priority_withdraw(priority=self.priority, author=self.request.user)

    def success_url(self, result):
        return reverse("consultations:my_contributions")


class ReportView(ActionView):
    permission = "consultations.report_priority"
    permission_object = "priority"
    form_class = ReportForm
    template_name = "consultations/report_form.html"
    success_message = _("Thank you for telling us. A facilitator will look at it soon.")

    def load(self, pk):
        self.priority = get_priority(pk)

    def get_context_data(self, **context):
        return {"priority": self.priority, **context}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            check = check_step(request, "", form.cleaned_data["reason"])
            if check is not None:
                return render(request, self.template_name, self.get_context_data(form=form, check=check))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.report_submit(
            priority=self.priority, reporter=self.request.user, reason=form.cleaned_data["reason"]
        )

    def success_url(self, result):
        back = reverse("consultations:detail", args=[self.priority.consultation_id])
        if result is not None and has_crisis_words(result.reason):
            return help_now_url(back)
        return back

    def refused(self, form, error):
        # Reporting the same thing twice is not a mistake to put right: say so, and carry on.
        messages.info(self.request, error.message)
        return redirect(self.success_url(None))
