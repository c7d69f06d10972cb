from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lib.errors import RETRY_AFTER_SECONDS

# A probe must answer before the load balancer gives up on it (usually 2–5 s).
REDIS_TIMEOUT_SECONDS = 1


@require_GET
def healthz(request):
    """Liveness for the proxy and the floor of the load benchmark: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


healthz.is_public = True  # the URL permission matrix skips views marked public


def _database_ready() -> bool:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        # The next probe (and request) must open a fresh connection, not reuse the broken one.
        connection.close()
        return False


def _redis_ready() -> bool:
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


@never_cache
@require_GET
def readyz(request):
    """Readiness: 200 when the database (and Redis, where configured) answer, 503 naming what does not."""
    checks = {"database": "ok" if _database_ready() else "unreachable"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ready() else "unreachable"
    ready = all(value == "ok" for value in checks.values())
    response = JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


readyz.is_public = True


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


favicon.is_public = True
