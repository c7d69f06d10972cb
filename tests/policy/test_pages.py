"""Every page URL, every kind of user: the exact answer the policy table (tests/policy/table.py) gives."""

import pytest
from django.conf import settings
from django.db import transaction
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


ALL = {**PAGES, **ADMIN_SITE}


@pytest.mark.parametrize("key", list(ALL), ids=[f"{name}-{method}" for name, method in ALL])
def test_each_user_gets_the_answer_of_the_table(key, request, scene, client_as):
    """One scene per row; each user's request runs in a savepoint rolled back after it, so all start alike."""
    case = ALL[key]
    users = {who: user_for(request, who) for who in WHO}
    got, wrong_redirects = {}, []
    for who in WHO:
        with transaction.atomic():
            response = _answer(case, key[0], scene, client_as(users[who]))
            transaction.set_rollback(True)
        got[who] = response.status_code
        if response.status_code == 302:
            # Sent to log in exactly when the table says the visitor may not see the page.
            login = reverse("admin:login") if key[0].startswith("admin:") else resolve_url(settings.LOGIN_URL)
            refused = who == "anonymous" or key in ADMIN_SITE
            if response["Location"].startswith(login) != refused:
                wrong_redirects.append((who, response["Location"]))

    assert got == dict(zip(WHO, case.expect, strict=True)), f"{key[1]} {key[0]}"
    assert wrong_redirects == []
