"""Error answers: pages that render without the database, and JSON for the API.

An outage shows a page and not a traceback; a client of /api/ always gets JSON ({"detail": …}), whatever
failed, so it never has to parse an HTML page.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from lib.badinput import MalformedInput

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = "30"


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception):
    """handler400. Only our own refusals explain themselves: other messages may echo what the client sent."""
    detail = exception.args[0] if isinstance(exception, MalformedInput) and exception.args else _("Bad request.")
    if is_api(request):
        return _json(detail, 400)
    # No request context: the request was refused before the session or the user were read.
    return HttpResponse(loader.get_template("400.html").render({"detail": detail}), status=400)


def permission_denied(request, exception):
    if is_api(request):
        return _json(_("You do not have permission to perform this action."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return _json(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: a 503 with Retry-After when the database is unreachable, a plain 500 otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        if is_api(request):
            response = _json(_("The database cannot be reached just now. Try again in a minute."), 503)
        else:
            # No request context: context processors would query the database that just failed.
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    if is_api(request):
        return _json(_("Server error."), 500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
