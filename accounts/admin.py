"""The admin site's name, and the user and group forms worded for the zone: the role first, permissions readable.

Only labels, help texts and the order of fields change here; who may do what stays in accounts.roles.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("XZKF Tracker · administration")
admin.site.site_title = _("XZKF Tracker administration")
admin.site.index_title = _("Xuzhou ETDZ major projects: administration")

ACTIONS = {
    "add": _("Can add %(model)s"), "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"), "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """'项目 | 问题 | 可以查看问题' instead of Django's English 'Can view problem', which it stores untranslated."""
    model = permission.content_type.model_class()
    if model is None:
        return permission.name
    meta = model._meta
    verbose = str(meta.verbose_name)
    if hasattr(model, "m2m_history_id"):  # django-simple-history's table of a many-to-many's history
        linked = "—".join(str(f.related_model._meta.verbose_name) for f in meta.concrete_fields
                          if f.is_relation and not hasattr(f.related_model, "instance_type"))
        verbose = gettext("history of %(model)s") % {"model": linked}
    elif hasattr(model, "instance_type"):  # django-simple-history's historical models
        verbose = gettext("history of %(model)s") % {"model": model.instance_type._meta.verbose_name}
    action = permission.codename.split("_", 1)[0]
    if permission.codename == f"{action}_{meta.model_name}" and action in ACTIONS:
        text = ACTIONS[action] % {"model": verbose}
    else:
        text = gettext(permission.name)  # a permission of our own, named in the catalogue
    return f"{meta.app_config.verbose_name} | {verbose} | {text}"


class ReadablePermissions:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class ZoneUserAdmin(ReadablePermissions, UserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Role"), {
            "fields": ("groups", "is_active"),
            "description": _("The role (领导, 工作人员 or 管理员) decides what the user may see and do in the "
                             "tracker. Give each user one role."),
        }),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Admin-site access and special permissions"), {
            "fields": ("is_staff", "is_superuser", "user_permissions"),
            "classes": ("collapse",),
        }),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        fields = form.base_fields
        if "groups" in fields:
            fields["groups"].label = _("Role")
            fields["groups"].help_text = _("领导 (officials) view; 工作人员 (staff) log visits, problems and progress; "
                                           "管理员 (admins) also import bulletins and manage users.")
        if "is_staff" in fields:
            fields["is_staff"].label = _("May open the admin site")
            fields["is_staff"].help_text = _("Django's “staff status”: access to this administration site. It is not "
                                             "the 工作人员 (staff) role, which is chosen under Role above.")
        return form


class ZoneGroupAdmin(ReadablePermissions, GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, ZoneUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, ZoneGroupAdmin)
