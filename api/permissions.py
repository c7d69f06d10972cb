"""The API asks the policy (`accounts.policy`) as the pages do.

Each viewset maps its actions to the policy's actions in `policy` ({"create": "problem.create", "reply":
"problem.work", …}); reads (GET, HEAD, OPTIONS) not in the map ask "view"; a write missing from the map is
refused. The object a call touches is checked with it (the stored row, and the row a write would produce).
Anonymous callers get 401 (token authentication asks for credentials), users the policy refuses 403.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.policy import can


def policy_action(request, view) -> str | None:
    action = getattr(view, "policy", {}).get(getattr(view, "action", None))
    if action is None and request.method in SAFE_METHODS:
        return "view"
    return action


class PolicyPermission(BasePermission):
    def has_permission(self, request, view):
        if not hasattr(view, request.method.lower()):
            return can(request.user, "view")  # a method the view has not: let it answer 405
        action = policy_action(request, view)
        return action is not None and can(request.user, action)

    def has_object_permission(self, request, view, obj):
        action = policy_action(request, view)
        return action is not None and can(request.user, action, obj)
