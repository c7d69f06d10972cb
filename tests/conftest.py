"""One user per role, as every permission test needs them."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from accounts.roles import Role


def _user(username: str, role: Role | None) -> User:
    user = User.objects.create_user(username=username, password="correct-horse-battery-staple")
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture
def official(db):
    return _user("official", Role.OFFICIAL)


@pytest.fixture
def staff(db):
    return _user("staff", Role.STAFF)


@pytest.fixture
def other_staff(db):
    return _user("other_staff", Role.STAFF)


@pytest.fixture
def admin(db):
    return _user("admin", Role.ADMIN)


@pytest.fixture
def outsider(db):
    """Logged in, but in no role group."""
    return _user("outsider", None)


@pytest.fixture
def client_as():
    """client_as(user) → a test client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
