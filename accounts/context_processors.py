from .roles import Role, role_of


def role(request):
    current = role_of(request.user) if hasattr(request, "user") else None
    return {
        "user_role": current,
        "can_log": current in (Role.STAFF, Role.ADMIN),
        "is_admin_role": current == Role.ADMIN,
    }
