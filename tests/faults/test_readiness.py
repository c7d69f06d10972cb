"""/healthz says the process lives; /readyz says whether it can serve: 503 while the database or Redis is cut.

PostgreSQL and Redis are reached through proxies the tests cut; the machine's own servers keep running.
While the database is cut the API answers 503 in JSON, as a client of the API expects.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.faults.proxy import TcpProxy


def test_readyz_answers_200_with_what_it_checked(db, client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["ready"] is True and body["database"] == "ok"
    assert ("redis" in body) == bool(settings.REDIS_URL)


@pytest.mark.services
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs a PostgreSQL DATABASE_URL")
@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_while_postgres_is_cut_and_healthz_stays_200(official, database_through_proxy):
    proxy = database_through_proxy
    client = Client(raise_request_exception=False)
    client.force_login(official)
    assert client.get("/readyz").status_code == 200
    assert client.get("/api/v1/projects/").status_code == 200

    proxy.cut()
    ready, live, api = client.get("/readyz"), client.get("/healthz"), client.get("/api/v1/projects/")
    proxy.restore()

    assert ready.status_code == 503 and ready["Retry-After"]
    assert json.loads(ready.content) == {"ready": False, "database": "unreachable",
                                         **({"redis": "ok"} if settings.REDIS_URL else {})}
    assert live.status_code == 200
    assert api.status_code == 503 and api["Content-Type"] == "application/json"
    assert json.loads(api.content)["detail"]
    # Back by itself: no restart.
    assert client.get("/readyz").status_code == 200
    assert client.get("/api/v1/projects/").status_code == 200


@pytest.mark.services
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_readyz_is_503_while_redis_is_cut(db, client, settings):
    target = urlsplit(settings.REDIS_URL)
    with TcpProxy(target.hostname or "127.0.0.1", target.port or 6379) as proxy:
        settings.REDIS_URL = target._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
        assert client.get("/readyz").status_code == 200
        proxy.cut()
        response = client.get("/readyz")
        proxy.restore()
        assert client.get("/readyz").status_code == 200

    assert response.status_code == 503
    assert json.loads(response.content) == {"ready": False, "database": "ok", "redis": "unreachable"}


@pytest.mark.parametrize(("path", "status"), [("/api/v1/no-such-thing/", 404), ("/api/v1/projects/", 403)])
def test_the_api_answers_errors_in_json(path, status, outsider, client_as):
    response = client_as(outsider).get(path)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json" and json.loads(response.content)["detail"]


def test_an_api_server_error_is_json_and_tells_nothing(rf):
    from lib.errors import server_error

    try:
        raise ValueError("secret detail")
    except ValueError:
        response = server_error(rf.get("/api/v1/projects/"))

    assert response.status_code == 500 and "secret" not in response.content.decode()
    assert json.loads(response.content)["detail"]


def test_pages_keep_their_html_error_pages(outsider, client_as):
    response = client_as(outsider).get("/no-such-page/")

    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
