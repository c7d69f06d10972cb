"""The admin speaks the zone's words: its name, the role first in the user form, names typed as 甲、乙."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from accounts.roles import Role
from projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser(username="管理员乙", password="correct-horse-battery-staple")
    user.groups.add(Group.objects.get(name=Role.ADMIN.value))
    return user


def test_the_admin_carries_the_platforms_name(client_as, superuser):
    content = client_as(superuser).get(reverse("admin:index")).content.decode()

    assert "徐州经开区重大项目调度平台" in content
    assert "Django 管理" not in content and "Django 站点管理员" not in content


def test_the_user_form_asks_for_the_role_first_and_says_it_decides_admin_site_access(client_as, superuser):
    content = client_as(superuser).get(reverse("admin:auth_user_change", args=[superuser.pk])).content.decode()

    assert content.index('name="role"') < content.index('name="first_name"')
    # Django's "staff status" is not asked: admin-site access follows the role.
    assert 'name="is_staff"' not in content
    assert "管理员可进入管理后台" in content


def test_aliases_are_typed_and_shown_as_a_list_of_names(client_as, superuser):
    project = Project.objects.create(name="甲项目", aliases=["甲工程"])
    client = client_as(superuser)
    url = reverse("admin:projects_project_change", args=[project.pk])

    response = client.get(url)
    field = response.context["adminform"].form.fields["aliases"]

    assert 'value="甲工程"' in response.content.decode() and "[&quot;" not in response.content.decode()
    assert field.to_python("甲工程、甲厂，甲 基地、甲厂") == ["甲工程", "甲厂", "甲 基地"]
    assert field.prepare_value(["甲工程", "甲厂"]) == "甲工程、甲厂"


def test_the_two_box_selector_of_groups_speaks_chinese(client_as, superuser):
    """Django's Chinese JavaScript catalogue lacks the selector's words; ours supplies them."""
    script = client_as(superuser).get(reverse("admin:jsi18n")).content.decode()

    assert json.dumps("选择全部%s")[1:-1] in script and json.dumps("移除全部%s")[1:-1] in script


def test_the_admin_offers_no_group_permissions_to_edit_and_no_conglomerates(client_as, superuser):
    content = client_as(superuser).get(reverse("admin:index")).content.decode()

    # Roles are decided by the policy, not by group permissions: the groups are not edited here.
    assert reverse("admin:auth_user_changelist") in content and "/admin/auth/group/" not in content
    assert "集团" not in content
