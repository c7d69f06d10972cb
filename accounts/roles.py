"""The decorators every page uses to ask the policy (`accounts.policy`) before it runs.

`action_required(action)`: login required (anonymous users go to the login page), then the policy's
answer for the action without an object; 403 otherwise. Object-level questions are asked in the view,
with the object, through `accounts.policy.can`.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .policy import Role, can

__all__ = ["Role", "action_required", "view_required", "log_required", "admin_required", "any_login_required"]


def action_required(action: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.policy_action = action
        return wrapped

    return decorator


view_required = action_required("view")
log_required = action_required("log")
admin_required = action_required("administer")
any_login_required = action_required("account.password")
