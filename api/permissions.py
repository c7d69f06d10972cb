"""The role rules of the pages, applied to the API.

Officials read; staff create what they may log and change only what the pages let them change;
admins do all. Anonymous callers get 401 (token authentication asks for credentials), users with
no role 403.

Each viewset declares its policy:
- `staff_actions`: which of "create", "update", "destroy" staff may do (empty: only admins write);
- `staff_may_change(user, row)`: whether staff may write this row (the stored one, and the one a
  write would produce); the default lets staff change any row of the resource.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import Role, role_of

WRITE_ACTIONS = {"POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "destroy"}


def is_unrestricted(request) -> bool:
    return request.method in SAFE_METHODS or role_of(request.user) == Role.ADMIN


class RolePermission(BasePermission):
    def has_permission(self, request, view):
        role = role_of(request.user)
        if role is None:
            return False
        if is_unrestricted(request):
            return True
        return role == Role.STAFF and WRITE_ACTIONS.get(request.method) in getattr(view, "staff_actions", ())

    def has_object_permission(self, request, view, obj):
        if is_unrestricted(request):
            return True
        may_change = getattr(view, "staff_may_change", None)
        return may_change is None or may_change(request.user, obj)
