"""The three role groups exist; what each role may do is the policy's (tests/policy states it in full)."""

import pytest
from django.contrib.auth.models import Group

from accounts.policy import Role, can, role_of

pytestmark = pytest.mark.django_db


def test_the_three_role_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_each_fixture_user_has_its_role(official, staff, admin, outsider):
    assert role_of(official) == Role.OFFICIAL
    assert role_of(staff) == Role.STAFF
    assert role_of(admin) == Role.ADMIN
    assert role_of(outsider) is None


def test_only_admins_get_the_admin_site(official, staff, admin, outsider):
    assert [u.is_staff for u in (official, staff, admin, outsider)] == [False, False, True, False]
    assert can(admin, "administer") and not can(staff, "administer")


def test_a_superuser_counts_as_an_admin(django_user_model):
    root = django_user_model.objects.create_superuser(username="root", password="x")
    assert role_of(root) == Role.ADMIN and root.has_perm("projects.delete_project")


def test_a_user_with_a_role_has_no_model_permission_but_an_admin_has_them_all(staff, admin):
    assert not staff.has_perm("projects.add_problem")
    assert admin.has_perm("bulletins.import_bulletin") and admin.has_perm("auth.add_user")
