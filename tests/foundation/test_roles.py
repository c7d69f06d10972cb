"""The three role groups exist with the permissions the roles need."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role, can_log, is_admin, role_of

pytestmark = pytest.mark.django_db


def codenames(role: Role) -> set[str]:
    group = Group.objects.get(name=role.value)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_officials_can_view_and_sign_off_but_not_change_the_data():
    perms = codenames(Role.OFFICIAL)
    assert {"projects.view_project", "meetings.view_meeting", "projects.sign_off_problem"} <= perms
    domain = [p for p in perms if p.split(".")[0] in ("enterprises", "projects", "meetings", "bulletins")]
    assert not any(p.split(".")[1].startswith(("add_", "change_", "delete_")) for p in domain)


def test_staff_can_log_visits_and_progress_but_not_import_or_manage_users():
    perms = codenames(Role.STAFF)
    assert {"meetings.add_meeting", "projects.add_progressreport", "projects.add_problem"} <= perms
    assert "bulletins.import_bulletin" not in perms
    assert "auth.add_user" not in perms
    assert "projects.delete_project" not in perms


def test_admins_can_import_and_manage_users():
    perms = codenames(Role.ADMIN)
    assert {"bulletins.import_bulletin", "auth.add_user", "projects.delete_project"} <= perms


def test_each_fixture_user_has_its_role(official, staff, admin, outsider):
    assert role_of(official) == Role.OFFICIAL
    assert role_of(staff) == Role.STAFF
    assert role_of(admin) == Role.ADMIN
    assert role_of(outsider) is None
    assert can_log(staff) and can_log(admin) and not can_log(official)
    assert is_admin(admin) and not is_admin(staff)
