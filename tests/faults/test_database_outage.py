"""A database outage shows a friendly 503 page; when the database is back, requests succeed again."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, RequestFactory

from lib.errors import server_error


def test_an_unreachable_database_gives_a_503_page_without_a_traceback():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Traceback" not in page and "connection refused" not in page
    assert "<h1>" in page


def test_any_other_error_gives_a_plain_500_page():
    try:
        raise ValueError("secret detail")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()


def _get(url: str, cookie: str) -> int:
    """The status of a GET; a failed page must be the friendly one, never a traceback."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local live server
            return response.status
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        assert "Traceback" not in body and "psycopg2" not in body and "<h1>" in body
        return error.code


@pytest.mark.services
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs a PostgreSQL DATABASE_URL")
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_postgres_is_cut_and_200_after(official, database_through_proxy, live_server,
                                                               settings):
    # A real server, not the test client: the client skips the per-request connection check being tested.
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    client = Client()
    client.force_login(official)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = live_server.url + "/"
    assert _get(url, cookie) == 200
    database_through_proxy.cut()
    try:
        during = [_get(url, cookie) for _ in range(3)]
    finally:
        database_through_proxy.restore()
    after = [_get(url, cookie) for _ in range(5)]
    assert during == [503, 503, 503]
    assert after == [200] * 5
