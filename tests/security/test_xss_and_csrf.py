"""Every text field of every model holds a script payload: every page shows it escaped. Every
state-changing URL refuses a request without a CSRF token. Both lists come from the code itself."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client

from bulletins.models import Bulletin, Evidence
from tests.urlconf import checked_entries, drf_view_class, url_for

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('xss')</script>\"><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>"
RAW_MARKERS = ["<script>alert('xss')", "<img src=x onerror", 'href="javascript:alert(1)"']
DOMAIN_APPS = ["enterprises", "projects", "meetings", "bulletins", "alerts"]
PAGES = [e for e in checked_entries() if drf_view_class(e.callback) is None and not getattr(e.callback, "is_public", 0)]


def text_fields(model):
    return [
        f for f in model._meta.get_fields()
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices and f.concrete
        and not f.primary_key and (f.max_length is None or f.max_length >= len(PAYLOAD) + 10)
        and f.name not in ("checksum", "mime_type", "file")
    ]


@pytest.fixture
def poisoned(one_of_each):
    """Every text field of every domain row set to the payload (plus the row's id where names must be unique)."""
    bulletin = Bulletin.objects.create(
        issued_on=datetime.date(2020, 8, 10), raw_text=PAYLOAD + "正文", checksum="0" * 64
    )
    Evidence.objects.create(bulletin=bulletin, content_type_id=1, object_id=1, sentence=PAYLOAD, start=0,
                            end=len(PAYLOAD))
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = text_fields(model)
            if not fields or model.__name__.startswith("Historical"):
                continue
            for pk in model.objects.values_list("pk", flat=True):
                model.objects.filter(pk=pk).update(**{f.name: f"{PAYLOAD}{pk}" for f in fields})
    call_command("rebuild_search_index", stdout=io.StringIO())
    return one_of_each


@pytest.mark.parametrize("entry", PAGES, ids=str)
def test_every_page_shows_the_payload_escaped(entry, poisoned, admin, client_as):
    url = url_for(entry, poisoned)
    if url is None:
        pytest.skip("regex route")
    response = client_as(admin).get(url + ("?q=script" if "search" in entry.name else ""))
    content_type = response.get("Content-Type", "")
    if "html" not in content_type:
        # Exports and downloads are never rendered as a page.
        assert response.get("X-Content-Type-Options") == "nosniff" or response.status_code != 200, content_type
        return
    body = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in body, f"{url} shows {marker!r} unescaped"


def test_the_payload_really_reaches_the_pages(poisoned, admin, client_as):
    project = poisoned["project"]
    body = client_as(admin).get(project.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(" in body  # escaped, but there: the test above is not vacuous


@pytest.mark.parametrize("entry", PAGES, ids=str)
def test_every_url_refuses_a_post_without_a_csrf_token(entry, one_of_each, admin):
    url = url_for(entry, one_of_each)
    if url is None:
        pytest.skip("regex route")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(url, {"anything": "1"})
    assert response.status_code in (403, 405), f"POST {url} without a token → {response.status_code}"


def test_the_api_refuses_a_session_post_without_a_csrf_token(admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post("/api/v1/projects/", {"name": "无令牌项目"})
    assert response.status_code == 403
    assert not apps.get_model("projects", "Project").objects.filter(name="无令牌项目").exists()
