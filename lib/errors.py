"""Error pages that render without the database, so an outage shows a page and not a traceback."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


def server_error(request):
    """handler500: a 503 with Retry-After when the database is unreachable, a plain 500 otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        # No request context: context processors would query the database that just failed.
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
