"""Django's permission checks (the admin site's) answered by the policy, not by group permissions.

Admins may do everything the admin site offers; nobody else has any model permission. The role groups
therefore carry no permissions of their own (accounts migration 0002 removed them).
"""

from .policy import can


class PolicyBackend:
    def authenticate(self, request, **credentials):
        return None  # authentication stays with ModelBackend (and axes)

    def has_perm(self, user_obj, perm, obj=None):
        return can(user_obj, "administer")

    def has_module_perms(self, user_obj, app_label):
        return can(user_obj, "administer")
