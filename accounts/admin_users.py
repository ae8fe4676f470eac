"""The admin's list of people: known by their display name and email, never by a real name.

Wagtail's "Name" column shows `get_full_name()`, which is always empty here (real names are
never asked for), so it fell back to the internal username ("member-3f9a..."). The list shows
the display name from the member profile and the email address instead, and finds people by
either; the forms to add or change someone do not ask for a first and last name. Wired in through `accounts.wagtail_users_app`, Wagtail's supported way to change its
user screens.
"""

from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ButtonWithDropdown
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

User = get_user_model()
NO_DISPLAY_NAME = _("No display name")


def display_name(user):
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else NO_DISPLAY_NAME


class PeopleIndexView(users.IndexView):
    search_fields = ["email", "profile__display_name"]

    @cached_property
    def columns(self):
        columns = []
        for column in super().columns:
            if column.name == "name":
                column.accessor = display_name
                column.sort_key = "name"
                column.label = _("Display name")
            elif column.name == User.USERNAME_FIELD:
                column = Column("email", label=_("Email"), sort_key="email", classname="email", width="25%")
            columns.append(column)
        return columns

    def get_list_buttons(self, instance):
        # Wagtail names the person by their internal username in the menu's label.
        buttons = super().get_list_buttons(instance)
        for button in buttons:
            if isinstance(button, ButtonWithDropdown):
                profile = getattr(instance, "profile", None)
                who = profile.display_name if profile is not None else instance.email
                button.attrs["aria-label"] = _("More options for %(person)s") % {"person": who}
        return buttons

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("profile")

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            descending = "-" if self.ordering.startswith("-") else ""
            return queryset.order_by(f"{descending}profile__display_name", "email")
        return super().order_queryset(queryset)


REAL_NAMES = {"first_name", "last_name"}


class PeopleCreationForm(UserCreationForm):
    """Wagtail's form without the first and last name it requires (templates/wagtailusers/users/)."""

    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields - REAL_NAMES


class PeopleEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields - REAL_NAMES


class PeopleViewSet(users.UserViewSet):
    index_view_class = PeopleIndexView

    def get_form_class(self, for_update=False):
        return PeopleEditForm if for_update else PeopleCreationForm
