"""Users in the admin site: a role is chosen, not groups and flags; saving goes through user_role_set."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from .policy import Role, role_of
from .services import user_role_set

admin.site.site_header = _("XZKF Tracker · administration")
admin.site.site_title = _("XZKF Tracker administration")
admin.site.index_title = _("Xuzhou ETDZ major projects: administration")

ROLE_FIELD = {
    "label": _("Role"),
    "choices": [("", _("No role (can only change their password)")), *Role.choices],
    "required": False,
    "help_text": _("Administrators get the administration site; leaving the role takes it away."),
}


class RoleChangeForm(UserChangeForm):
    role = forms.ChoiceField(**ROLE_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = role_of(self.instance) if not self.instance.is_superuser else None
            self.fields["role"].initial = current.value if current else ""


class RoleCreationForm(AdminUserCreationForm):
    role = forms.ChoiceField(**ROLE_FIELD)


# Roles are the policy's (accounts.policy): their groups carry no permissions to edit.
admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(User)
class RoleUserAdmin(UserAdmin):
    form = RoleChangeForm
    add_form = RoleCreationForm
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    # Groups, permissions and the staff flag follow from the role (accounts.services.user_role_set).
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Role"), {"fields": ["role", "is_active", "is_superuser"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2", "role"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        role = form.cleaned_data.get("role")
        user_role_set(user=form.instance, role=Role(role) if role else None)
