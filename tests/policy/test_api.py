"""Every API action, every kind of user: the exact answer the policy table (tests/policy/table.py) gives."""

import pytest
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


CASES = [(prefix, action, who) for prefix, actions in API.items() for action in actions for who in WHO]


@pytest.mark.parametrize(("prefix", "action", "who"), CASES, ids=[f"{p}.{a}-{w}" for p, a, w in CASES])
def test_each_user_gets_the_answer_of_the_table(prefix, action, who, request, scene):
    case = API[prefix][action]
    expected = case.expect[WHO.index(who)]
    url = _url(prefix, action, case, scene)
    body = case.data(scene) if case.data else {}

    response = getattr(_client(user_for(request, who)), case.method.lower())(url, body, format="json")

    assert response.status_code == expected, (
        f"{case.method} {url} as {who}: {response.status_code}, not {expected}: {response.content[:300]!r}"
    )


VIEW_CASES = [(name, who) for name in API_VIEWS for who in WHO]


@pytest.mark.parametrize(("name", "who"), VIEW_CASES, ids=[f"{n}-{w}" for n, w in VIEW_CASES])
def test_each_user_reads_the_api_views_as_the_table_says(name, who, request, scene):
    expected = API_VIEWS[name].expect[WHO.index(who)]
    response = _client(user_for(request, who)).get(reverse(name), {"q": "场景"})
    assert response.status_code == expected
