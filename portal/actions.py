"""One way to write an action: a permission-checked form view that runs one service.

A person signs in first; then the rule (the `rules` package) is checked on the object the URL
names, and a signed-in person without it gets 403, never a sign-in loop. GET shows the form. POST
validates it and runs `perform()`; a ServiceError the service raises becomes a form error at the
top of the page (or a message, for an action with no form), so nothing changes and the person is
told why. On success a message is shown and the person is sent on.

    class ReportView(ActionView):
        permission = "consultations.report_priority"
        permission_object = "priority"          # checked on self.priority
        form_class = ReportForm
        template_name = "consultations/report_form.html"

        def load(self, pk):
            self.priority = get_priority(pk)

        def perform(self, form):
            return services.report_submit(priority=self.priority, reporter=self.request.user, **form.cleaned_data)

        def success_url(self, result):
            return reverse("consultations:detail", args=[self.priority.consultation_id])
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views import View

from .errors import ServiceError


class ActionView(View):
    permission = None  # a rule's name
    permission_object = None  # the attribute `load()` sets that the rule is checked on; None for none
    form_class = None  # None for an action that is only a button
    template_name = None
    success_message = ""
    # True when a refusal is about the state of things, not what was typed (the session has
    # started, the request was answered): it is said as a message on the page sent on to.
    refusals_as_messages = False
    http_method_names = ["get", "post"]

    def load(self, **kwargs):
        """Read what the URL names onto self (self.priority = ...); 404 when it is not there."""

    def get_form_kwargs(self):
        return {}

    def perform(self, form):
        """Run the service. Returns what success_url() and success_message may need."""
        raise NotImplementedError

    def success_url(self, result):
        raise NotImplementedError

    def refused_url(self):
        """Where a refusal said as a message goes (an action with no form, or refusals_as_messages)."""
        return self.success_url(None)

    def get_success_message(self, result):
        return self.success_message

    def get_context_data(self, **context):
        return context

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.load(**kwargs)
        target = getattr(self, self.permission_object) if self.permission_object else None
        if self.permission and not request.user.has_perm(self.permission, target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        if self.form_class is None:
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, **self.get_form_kwargs())

    def show(self, form, status=200):
        return render(self.request, self.template_name, self.get_context_data(form=form), status=status)

    def get(self, request, *args, **kwargs):
        return self.show(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.show(form)
        try:
            result = self.perform(form)
        except ServiceError as error:
            return self.refused(form, error)
        message = self.get_success_message(result)
        if message:
            messages.success(request, message)
        return redirect(self.success_url(result))

    def refused(self, form, error):
        if form is None or self.refusals_as_messages:
            messages.error(self.request, error.message)
            return redirect(self.refused_url())
        form.add_error(None, error)
        return self.show(form)
