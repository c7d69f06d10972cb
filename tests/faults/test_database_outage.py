"""A database outage shows a friendly 503 page; when the database is back, requests succeed again."""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections
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


def _cluster():
    versions = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    return versions[-1].name if versions else None


def _pg(action: str) -> None:
    fast = ["-m", "fast"] if action == "stop" else []
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", _cluster(), "main", action, *fast]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def _wait_until_ready() -> None:
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
            return
        time.sleep(0.5)
    raise AssertionError("PostgreSQL did not come back")


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
@pytest.mark.skipif(not settings.IS_POSTGRES or not shutil.which("pg_ctlcluster") or not _cluster(),
                    reason="needs a local PostgreSQL cluster this test may restart")
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_postgres_is_down_and_200_after(official, live_server, settings):
    # A real server, not the test client: the client skips the per-request connection check being tested.
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    client = Client()
    client.force_login(official)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = live_server.url + "/"
    assert _get(url, cookie) == 200
    _pg("stop")
    try:
        during = [_get(url, cookie) for _ in range(3)]
    finally:
        _pg("start")
        _wait_until_ready()
    after = [_get(url, cookie) for _ in range(5)]
    connections.close_all()  # this thread's own connection died with the server
    assert during == [503, 503, 503]
    assert after == [200] * 5
