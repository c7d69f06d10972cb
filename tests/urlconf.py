"""The site's URLs read from the URL configuration, and concrete URLs for them filled from fixture objects.

Shared by the tests that must cover every URL: the policy table (tests/policy), CSRF and XSS.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

SKIPPED_PREFIXES = ("admin/", "i18n/", "accounts/login/", "accounts/logout/")
KWARG = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Route words that name a model differently from its class name.
WORD_TO_MODEL = {"people": "person", "person": "person", "evidence": "evidence", "categories": "problemcategory"}


@dataclass(frozen=True)
class Entry:
    route: str
    name: str
    callback: object

    def __str__(self):
        return self.name or self.route


def walk(patterns=None, prefix="", namespace=""):
    """Every URL pattern under the root, with its full route and namespaced name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Entry(route=route, name=name, callback=pattern.callback)


def checked_entries():
    return [entry for entry in walk() if not entry.route.lstrip("^").startswith(SKIPPED_PREFIXES)]


def drf_view_class(callback):
    return getattr(callback, "cls", None) if hasattr(callback, "initkwargs") else None


def _singular(word: str) -> str:
    word = word.replace("-", "").replace("_", "").lower()
    if word in WORD_TO_MODEL:
        return WORD_TO_MODEL[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _object_for(kwarg: str, route: str, url_name: str, objects: dict):
    """The fixture object a pk-like kwarg most likely names: by kwarg, by the route word before it, by URL name."""
    base = re.sub(r"_(pk|id)$", "", kwarg)
    if base not in ("pk", "id") and base.replace("_", "") in objects:
        return objects[base.replace("_", "")]
    before = route.split(f"<{kwarg}>")[0] if f"<{kwarg}>" in route else re.split(rf"<\w+:{kwarg}>", route)[0]
    words = [w for w in before.strip("/").split("/") if w and "<" not in w]
    for word in reversed(words):
        if _singular(word) in objects:
            return objects[_singular(word)]
    tokens = re.split(r"[:_]", url_name)
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            candidate = "".join(tokens[start:start + size])
            if candidate in objects and objects[candidate] is not None:
                return objects[candidate]
    return None


def url_for(entry: Entry, objects: dict) -> str | None:
    """A concrete URL for the route, its kwargs filled from fixture objects; None for regex routes."""
    route = entry.route
    if route.startswith("^") or "(?P<" in route:
        return None
    today = timezone.localdate()

    def fill(match):
        converter, kwarg = match.group("converter") or "str", match.group("name")
        if kwarg == "year":
            return str(today.year)
        if kwarg == "month":
            return str(today.month)
        obj = _object_for(kwarg, route, entry.name, objects)
        if converter == "int" or kwarg in ("pk", "id") or kwarg.endswith(("_pk", "_id")):
            return str(obj.pk if obj is not None else 1)
        return getattr(obj, "slug", None) or "x"

    return "/" + KWARG.sub(fill, route)
