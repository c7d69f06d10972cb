"""Every action a user may take has a link or a form on the pages: walk the site as each kind of user, from the
overview, following the links, and check that each page and step the policy table allows them is offered.

What the table allows is read from tests/policy/table.py (written by hand); what is offered is read from the
pages themselves (hrefs and form actions), so a feature reachable only by typing its URL fails here.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from .conftest import user_for
from .table import PAGES, Case

WALKED = ("official", "staff", "admin")  # the users the scene's objects belong to: every step is theirs to take
COLUMN = {"official": 2, "staff": 4, "admin": 6}
ALLOWED = {200, 201, 204, 302}
# Not user actions: probes for machines, the browser's icon, a page a form sends you to, lookups a script makes.
NOT_ACTIONS = {
    "healthz", "readyz", "favicon", "accounts:password_change_done",
    "meetings:people_search", "meetings:organizations_search", "projects:search", "projects:officials_search",
}
# Offered only in a state the scene is not in: view name → (the state, the users for whom the scene lacks it).
ONLY_WHEN = {
    "notify:chase_problem": ("the problem is overdue", set(WALKED)),
    "notify:chase_follow_up": ("the follow-up is overdue", set(WALKED)),
    "projects:attachment_thumbnail": ("the file is a photo (the scene's is a PDF)", set(WALKED)),
    "alerts:notification_read_all": ("they have unread notifications (the scene's is staff's)", {"official", "admin"}),
    "notify:digest_now": ("they lead projects (包挂): the digest is of those", {"staff", "admin"}),
}
LINK = re.compile(r'<(?:a|link)\b[^>]*\bhref="([^"#]*)', re.I)
FORM = re.compile(r'<form\b[^>]*\baction="([^"]*)"', re.I)
MAX_PAGES = 400


def _expected(who: str) -> set[str]:
    column = COLUMN[who]
    return {
        name for (name, _method), case in PAGES.items()
        if isinstance(case, Case) and case.expect[column] in ALLOWED and name not in NOT_ACTIONS
        and who not in ONLY_WHEN.get(name, ("", set()))[1]
    }


def _view_name(url: str) -> str | None:
    parts = urlsplit(unescape(url))
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(("/static/", "/media/")):
        return None
    try:
        return resolve(parts.path).view_name
    except Resolver404:
        return None


def _walk(client) -> set[str]:
    """The view names the pages offer, as links or form actions, reached from the overview by links alone."""
    offered, seen, queue = set(), {"/"}, deque(["/"])
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        for action in FORM.findall(page):
            name = _view_name(action or url)
            if name:
                offered.add(name)
        for href in LINK.findall(page):
            name = _view_name(href)
            if name is None or name.startswith("admin:") or "/api/" in href:
                continue
            offered.add(name)
            path = unescape(href).split("?")[0]
            # One page of each kind is enough; lists are followed without their filters and sort orders.
            if path not in seen and not name.endswith(("_docx", "_pdf")) and "logout" not in name:
                seen.add(path)
                queue.append(path)
    return offered


@pytest.mark.parametrize("who", WALKED)
def test_every_page_and_step_the_policy_allows_is_offered_on_the_pages(who, request, scene, client_as):
    offered = _walk(client_as(user_for(request, who)))

    missing = sorted(_expected(who) - offered)
    assert missing == [], f"{who} may use these but no page links to them: {missing}"
