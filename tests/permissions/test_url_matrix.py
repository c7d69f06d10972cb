"""Every URL of the site, every role: a view someone forgets to protect fails here.

The list of URLs is read from the URL configuration, so a URL added tomorrow is checked tomorrow.
Each view must declare `allowed_roles` (set by accounts.roles.role_required); DRF views must have
permission classes other than AllowAny; the rare view meant for everyone (a health check) says so
with `view.is_public = True`. Then every role GETs every URL: anonymous users are sent to the login
page, roles not allowed get 403, allowed roles do not.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from tests.urlconf import ROLE_OF_FIXTURE, ROLES, checked_entries, drf_view_class, protection_problem, url_for

ENTRIES = checked_entries()


def test_the_walk_finds_the_staff_pages():
    names = {entry.name for entry in ENTRIES}

    assert {"projects:problem_detail", "meetings:detail", "meetings:create"} <= names


def test_a_view_without_roles_is_reported():
    def unprotected(request):
        return None

    assert protection_problem(unprotected) is not None


def _status_as(role, url, request, client_as) -> int:
    user = None if role == "anonymous" else request.getfixturevalue(role)
    return client_as(user).get(url).status_code


def test_a_public_view_must_say_so():
    def health(request):
        return None

    health.is_public = True

    assert protection_problem(health) is None


@pytest.mark.parametrize("entry", ENTRIES, ids=str)
def test_every_view_declares_who_may_open_it(entry):
    problem = protection_problem(entry.callback)

    assert problem is None, f"{entry.route} ({entry.name}): {problem}"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if drf_view_class(e.callback) is None], ids=str)
def test_every_role_gets_what_the_view_declares(entry, one_of_each, request, client_as):
    url = url_for(entry, one_of_each)
    if url is None:
        pytest.skip(f"regex route {entry.route!r}: no URL can be built from it")
    allowed = getattr(entry.callback, "allowed_roles", ())
    login_url = resolve_url(settings.LOGIN_URL)
    if getattr(entry.callback, "is_public", False):
        statuses = {role: _status_as(role, url, request, client_as) for role in ROLES}
        assert len(set(statuses.values())) == 1 and statuses["anonymous"] not in (401, 403), statuses
        return
    for role in ROLES:
        user = None if role == "anonymous" else request.getfixturevalue(role)
        response = client_as(user).get(url)
        where = f"GET {url} as {role} → {response.status_code}"
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(login_url), where
        elif role == "outsider" or ROLE_OF_FIXTURE[role] not in allowed:
            assert response.status_code == 403, where
        else:
            assert response.status_code != 403, where
