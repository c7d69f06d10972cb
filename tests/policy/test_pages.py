"""Every page URL, every kind of user: the exact answer the policy table (tests/policy/table.py) gives."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from tests.urlconf import checked_entries

from .conftest import WHO, user_for
from .table import ADMIN_SITE, PAGES


def _pages():
    return [entry for entry in checked_entries() if not entry.route.startswith("api/")]


def test_every_page_url_is_in_the_table():
    missing = sorted({entry.name or entry.route for entry in _pages()} - {name for name, _method in PAGES})
    assert missing == [], f"add these URLs to tests/policy/table.py PAGES: {missing}"


def test_the_table_names_only_urls_that_exist():
    names = {entry.name for entry in _pages()}
    assert sorted({name for name, _method in PAGES} - names) == []


def _answer(case, name, scene, client):
    url = reverse(name, args=[scene[case.obj].pk] if case.obj else [])
    data = case.data(scene) if case.data else {}
    return client.get(url) if case.method == "GET" else client.post(url, data)


CASES = [(key, who) for key in {**PAGES, **ADMIN_SITE} for who in WHO]


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{name}-{method}-{who}" for (name, method), who in CASES])
def test_each_user_gets_the_answer_of_the_table(key, who, request, scene, client_as):
    case = {**PAGES, **ADMIN_SITE}[key]
    expected = case.expect[WHO.index(who)]

    response = _answer(case, key[0], scene, client_as(user_for(request, who)))

    assert response.status_code == expected, f"{key[1]} {key[0]} as {who}: {response.status_code}, not {expected}"
    if expected == 302:
        # Sent to log in exactly when the table says the visitor may not see the page.
        login = resolve_url(settings.LOGIN_URL) if not key[0].startswith("admin:") else reverse("admin:login")
        refused = who == "anonymous" or key in ADMIN_SITE
        assert response["Location"].startswith(login) == refused, response["Location"]
