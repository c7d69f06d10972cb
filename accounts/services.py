"""The one place a user's role is set: the role's group, and the Django flags that follow from it."""

from django.contrib.auth.models import Group
from django.db import transaction

from .policy import Role, can


@transaction.atomic
def user_role_set(*, user, role: Role | None) -> None:
    """Make `role` the user's only role (None: no role), and open or close the admin site to match.

    Admin-site access (is_staff) follows the policy's "administer": joining 管理员 opens it, leaving closes it.
    """
    role_groups = Group.objects.filter(name__in=[r.value for r in Role])
    user.groups.remove(*role_groups)
    if role is not None:
        user.groups.add(Group.objects.get(name=Role(role).value))
    for cached in ("_xzkf_role", "_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cached, None)
    user.is_staff = can(user, "administer")
    user.save(update_fields=["is_staff"])
