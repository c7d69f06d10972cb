from .policy import can, role_of


def role(request):
    """What the site-wide menu shows; the policy decides (buttons of one object ask the `can` tag)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "user_role": role_of(user),
        "can_log": can(user, "log"),
        "is_admin_role": can(user, "administer"),
    }
