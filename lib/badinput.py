"""Refuse malformed input at the door, before any view, form or query sees it.

A NUL byte makes PostgreSQL refuse the query ("A string literal cannot contain NUL"), bytes that are not
UTF-8 (lone surrogates among them) decode to nonsense, and a parameter of thousands of characters is
never a real search: each answers 400 here, so no view has to remember to check.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

# Far above any real search or filter value, far below what makes a slow query.
MAX_PARAMETER_CHARS = 2000


class MalformedInput(BadRequest):
    """A request refused for its input; its message is ours and safe to show."""


def malformed_input(request) -> str | None:
    """Why the request's path or query string is refused, or None when it is fine."""
    if "\x00" in request.path_info:
        return _("The address contains a NUL character.")
    raw = request.META.get("QUERY_STRING", "")
    try:
        # WSGI hands the query string over as latin-1; its bytes must be UTF-8 once unquoted.
        unquote_to_bytes(raw.encode("latin-1").replace(b"+", b" ")).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return _("A parameter is not valid UTF-8 text.")
    for key, values in request.GET.lists():
        for text in (key, *values):
            if "\x00" in text:
                return _("A parameter contains a NUL character.")
            if len(text) > MAX_PARAMETER_CHARS:
                return _("A parameter is longer than %(limit)d characters.") % {"limit": MAX_PARAMETER_CHARS}
    return None


class MalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = malformed_input(request)
        if problem is not None:
            raise MalformedInput(problem)  # answered by lib.errors.bad_request: a page, or JSON under /api/
        return self.get_response(request)
