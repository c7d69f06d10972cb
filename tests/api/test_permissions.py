"""Every endpoint, every role, every method: the matrix is generated from the router's registry."""

import pytest

from accounts.roles import Role
from api.urls import router

ROLES = ["anonymous", "outsider", "official", "staff", "other_staff", "admin"]
METHODS = ["list", "retrieve", "create", "update", "partial_update", "destroy"]
WRITE_ACTION = {"create": "create", "update": "update", "partial_update": "update", "destroy": "destroy"}
# What an allowed call with an empty body answers: the empty body fails validation except for PATCH.
ALLOWED_STATUS = {"list": 200, "retrieve": 200, "create": 400, "update": 400, "partial_update": 200, "destroy": 204}
# Resources whose staff writes are limited to rows staff own (other_staff owns none of the world's rows).
OWNED = {"progress-reports", "investment-reports", "problems", "meetings", "attendances", "requirements", "follow-ups"}


def expected_status(prefix, viewset, role, method):
    if role == "anonymous":
        return 401
    if role == "outsider":
        return 403
    if method in ("list", "retrieve"):
        return 200
    writable = hasattr(viewset, method)
    if role == "admin":
        return ALLOWED_STATUS[method] if writable else 405
    if role == "official":
        return 403
    staff_may = WRITE_ACTION[method] in getattr(viewset, "staff_actions", ())
    if not staff_may:
        return 403
    if role == "other_staff" and method != "create" and prefix in OWNED:
        return 403
    return ALLOWED_STATUS[method]


CASES = [(prefix, role) for prefix, _viewset, _basename in router.registry for role in ROLES]


def test_the_matrix_covers_every_registered_resource():
    assert {prefix for prefix, _ in CASES} == {prefix for prefix, _, _ in router.registry}
    assert len(router.registry) >= 19


@pytest.mark.parametrize(("prefix", "role"), CASES)
def test_each_role_gets_what_the_pages_allow_for_each_method(request, api_as, world, prefix, role):
    viewset = {p: v for p, v, _ in router.registry}[prefix]
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = api_as(user)
    collection = f"/api/v1/{prefix}/"
    member = f"{collection}{world[prefix].pk}/"
    calls = {
        "list": lambda: client.get(collection),
        "retrieve": lambda: client.get(member),
        "create": lambda: client.post(collection, {}, format="json"),
        "update": lambda: client.put(member, {}, format="json"),
        "partial_update": lambda: client.patch(member, {}, format="json"),
        "destroy": lambda: client.delete(member),  # last: it removes the row
    }
    got = {method: calls[method]().status_code for method in METHODS}
    assert got == {method: expected_status(prefix, viewset, role, method) for method in METHODS}


@pytest.mark.parametrize("prefix", [prefix for prefix, _, _ in router.registry])
def test_a_missing_row_is_not_found(api_as, admin, prefix):
    assert api_as(admin).get(f"/api/v1/{prefix}/999999/").status_code == 404


def test_anonymous_callers_are_asked_for_a_token(api_as, world):
    response = api_as(None).get("/api/v1/projects/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_browser_session_works_too(client_as, official, world):
    response = client_as(official).get("/api/v1/projects/")
    assert response.status_code == 200
    assert response.json()["results"][0]["name"] == world["projects"].name


def test_a_browser_session_needs_the_csrf_token_to_write(admin, world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post("/api/v1/organizations/", {"name": "新公司"}, content_type="application/json")
    assert response.status_code == 403


def test_the_roles_in_the_matrix_are_the_roles_of_the_app():
    assert {Role.OFFICIAL, Role.STAFF, Role.ADMIN} == set(Role)
