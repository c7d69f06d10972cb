from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """Liveness for the proxy and the floor of the load benchmark: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


healthz.is_public = True  # the URL permission matrix skips views marked public


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


favicon.is_public = True
