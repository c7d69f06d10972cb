"""Every API action, every kind of user: the exact answer the policy table (tests/policy/table.py) gives."""

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from api.urls import router
from tests.urlconf import checked_entries

from .conftest import WHO, user_for
from .table import API, API_VIEWS

STANDARD = ["list", "retrieve", "create", "update", "partial_update", "destroy"]


def actions_of(viewset) -> set[str]:
    standard = {name for name in STANDARD if hasattr(viewset, name)}
    return standard | {extra.__name__ for extra in viewset.get_extra_actions()}


def test_every_api_action_is_in_the_table():
    missing = [
        f"{prefix}.{action}" for prefix, viewset, _basename in router.registry
        for action in sorted(actions_of(viewset)) if action not in API.get(prefix, {})
    ]
    assert missing == [], f"add these API actions to tests/policy/table.py API: {missing}"


def test_every_api_url_outside_the_router_is_in_the_table():
    router_names = {f"api:{basename}-" for _prefix, _viewset, basename in router.registry}
    names = {
        entry.name for entry in checked_entries()
        if entry.name.startswith("api:") and not entry.name.startswith(tuple(router_names))
    }
    assert sorted(names - set(API_VIEWS)) == []


def _client(user):
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _url(prefix, action, case, scene):
    basename = {p: b for p, _v, b in router.registry}[prefix]
    if action == "list" or action == "create":
        return reverse(f"api:{basename}-list")
    name = {"retrieve": "detail", "update": "detail", "partial_update": "detail", "destroy": "detail"}.get(
        action, action.replace("_", "-")
    )
    return reverse(f"api:{basename}-{name}", args=[scene[case.obj].pk])


CASES = [(prefix, action) for prefix, actions in API.items() for action in actions]


@pytest.mark.parametrize(("prefix", "action"), CASES, ids=[f"{p}.{a}" for p, a in CASES])
def test_each_user_gets_the_answer_of_the_table(prefix, action, request, scene):
    """One scene per row; each user's call runs in a savepoint rolled back after it, so all start alike."""
    case = API[prefix][action]
    url = _url(prefix, action, case, scene)
    users = {who: user_for(request, who) for who in WHO}
    got, bodies = {}, {}
    for who in WHO:
        with transaction.atomic():
            client = _client(users[who])
            body = case.data(scene) if case.data else {}
            response = getattr(client, case.method.lower())(url, body, format="json")
            transaction.set_rollback(True)
        got[who] = response.status_code
        bodies[who] = response.content[:200]

    expected = dict(zip(WHO, case.expect, strict=True))
    assert got == expected, {who: bodies[who] for who in WHO if got[who] != expected[who]}


@pytest.mark.parametrize("name", list(API_VIEWS))
def test_each_user_reads_the_api_views_as_the_table_says(name, request, scene):
    got = {who: _client(user_for(request, who)).get(reverse(name), {"q": "场景"}).status_code for who in WHO}
    assert got == dict(zip(WHO, API_VIEWS[name].expect, strict=True))


def test_anonymous_callers_are_asked_for_a_token(scene):
    response = _client(None).get("/api/v1/projects/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_a_browser_session_works_too(client_as, official, scene):
    response = client_as(official).get("/api/v1/projects/")
    assert response.status_code == 200 and response.json()["results"][0]["name"] == scene.project.name


def test_a_browser_session_needs_the_csrf_token_to_write(admin, scene):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post("/api/v1/organizations/", {"name": "新公司"}, content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("prefix", [prefix for prefix, _, _ in router.registry])
def test_a_missing_row_is_not_found(admin, scene, prefix):
    assert _client(admin).get(f"/api/v1/{prefix}/999999/").status_code == 404
