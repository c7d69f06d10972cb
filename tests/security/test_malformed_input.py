"""Every GET URL, page and API, answers 400 (never 500) to a NUL byte, a lone surrogate or a huge parameter.

The URLs are read from the URL configuration (API router routes included), so a URL added tomorrow is
checked tomorrow; each is asked by the anonymous user and by a user of each role.
"""

import json
import re

import pytest

from tests.urlconf import Entry, url_for, walk

# Parameter names the views read, so the bad value reaches their code if the door lets it through.
PARAMETERS = ("q", "page", "search", "ordering", "status", "next", "year")
PAYLOADS = {
    "nul": "a%00b",
    "lone-surrogate": "%ED%A0%80",  # U+D800 as UTF-8 bytes: no valid text contains it
    "10000-characters": "a" * 10_000,
}
SKIPPED = ("admin/", "i18n/")
FORMAT_SUFFIX = re.compile(r"\\\.\(\?P<format>[^)]*\)/\?\$$|<drf_format_suffix:format>$")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _routable(entry: Entry) -> Entry | None:
    """The entry with the API router's regex turned into a plain route; None for format-suffix twins."""
    route = entry.route
    if FORMAT_SUFFIX.search(route):
        return None
    route = REGEX_GROUP.sub(r"<\1>", route).replace("^", "").replace("$", "")
    return Entry(route=route, name=entry.name, callback=entry.callback)


ENTRIES = [e for e in (_routable(e) for e in walk() if not e.route.startswith(SKIPPED)) if e is not None]


# The refusal comes before any view, so it is the same whoever asks, allowed in or not: every kind of user asks.
USERS = ("anonymous", "official", "staff", "admin")


def test_the_walk_reaches_the_api_and_the_json_lookups():
    routes = {entry.route for entry in ENTRIES}

    assert {"meetings/people.json", "api/v1/projects/", "api/v1/projects/<pk>/", "accounts/login/"} <= routes


@pytest.mark.parametrize("entry", ENTRIES, ids=str)
def test_every_get_url_refuses_malformed_parameters_with_400(entry, one_of_each, request, client_as):
    url = url_for(entry, one_of_each)
    for role in USERS:
        client = client_as(None if role == "anonymous" else request.getfixturevalue(role))
        for kind, payload in PAYLOADS.items():
            query = "&".join(f"{name}={payload}" for name in PARAMETERS)
            response = client.get(f"{url}?{query}")
            where = f"GET {url} ({kind}) as {role} → {response.status_code}"
            assert response.status_code == 400, where
            if url.startswith("/api/"):
                assert "detail" in json.loads(response.content), where


@pytest.mark.parametrize("kind", ["nul", "lone-surrogate"])
def test_a_bad_value_in_one_parameter_is_enough(kind, staff, client_as):
    response = client_as(staff).get(f"/meetings/people.json?q={PAYLOADS[kind]}")

    assert response.status_code == 400


def test_ordinary_parameters_still_pass(one_of_each, staff, client_as):
    response = client_as(staff).get("/meetings/people.json?q=" + "矩" * 50)

    assert response.status_code == 200


def test_a_nul_in_the_path_is_refused(staff, client_as):
    assert client_as(staff).get("/organizations/%00/").status_code == 400
