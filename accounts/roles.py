"""The three roles of the tracker and the checks every view and API call makes with them.

A role is a Django group; superusers count as admins. Views check roles on the server through
`role_required`, never by hiding links alone.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "领导", _("Official")
    STAFF = "工作人员", _("Staff")
    ADMIN = "管理员", _("Administrator")


def role_of(user) -> Role | None:
    """The strongest role a user holds, or None (anonymous or no group)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    cached = getattr(user, "_xzkf_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((r for r in (Role.ADMIN, Role.STAFF, Role.OFFICIAL) if r.value in names), None)
    user._xzkf_role = role
    return role


def has_role(user, *roles: Role) -> bool:
    return role_of(user) in roles


def can_view(user) -> bool:
    return role_of(user) is not None


def can_log(user) -> bool:
    """Log visits, problems, progress and investment."""
    return has_role(user, Role.STAFF, Role.ADMIN)


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def role_required(*roles: Role):
    """Login required, then one of `roles` (any role when none is given); 403 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = role_of(request.user)
            if role is None or (roles and role not in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Read by the URL permission matrix test: every view declares who may open it.
        wrapped.allowed_roles = tuple(roles) or tuple(Role)
        return wrapped

    return decorator


view_required = role_required()
log_required = role_required(Role.STAFF, Role.ADMIN)
admin_required = role_required(Role.ADMIN)
