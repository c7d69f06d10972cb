"""A database outage shows a friendly 503 page; when the database is back, requests succeed again."""

import shutil
import subprocess
import time
from pathlib import Path

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


@pytest.mark.services
@pytest.mark.skipif(not settings.IS_POSTGRES or not shutil.which("pg_ctlcluster") or not _cluster(),
                    reason="needs a local PostgreSQL cluster this test may restart")
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_postgres_is_down_and_200_after(official):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    assert client.get("/").status_code == 200
    _pg("stop")
    try:
        during = [client.get("/") for _ in range(3)]
    finally:
        _pg("start")
        _wait_until_ready()
    assert {r.status_code for r in during} == {503}
    assert all("Traceback" not in r.content.decode() for r in during)
    after = [client.get("/").status_code for _ in range(5)]
    assert after == [200] * 5
