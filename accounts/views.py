"""A member's own account: display name, their data, deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import data_rights, services
from .forms import AccountDeleteForm, ProfileForm
from .models import MemberProfile


@login_required
def profile(request):
    member_profile, _created = MemberProfile.objects.get_or_create(
        user=request.user, defaults={"display_name": f"Member {request.user.pk}"}
    )
    form = ProfileForm(request.POST or None, instance=member_profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your display name is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "member_profile": member_profile})


@require_GET
@login_required
def your_data(request):
    return render(request, "accounts/your_data.html")


@require_GET
@login_required
def your_data_download(request):
    response = JsonResponse(
        data_rights.member_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = f'attachment; filename="your-data-{timezone.localdate():%Y-%m-%d}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request):
    user = request.user
    if user.is_staff or user.is_superuser:
        # Staff accounts hold admin rights and history; another admin removes them on purpose.
        status = 403 if request.method == "POST" else 200
        return render(request, "accounts/account_delete.html", {"staff_account": True}, status=status)
    form = AccountDeleteForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        next_url = services.account_delete(
            user=user, remove_posts=form.remove_posts, reason=form.cleaned_data["reason"]
        )
        logout(request)
        messages.success(
            request, _("Your account has been deleted. Thank you for being part of the network.")
        )
        return redirect(next_url or "/")
    return render(request, "accounts/account_delete.html", {"form": form})
