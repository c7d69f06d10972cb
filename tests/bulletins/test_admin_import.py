"""The admin import page: upload, preview with sentences, review, confirm — for admins only."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.models import Bulletin, ImportJob
from enterprises.models import Person
from projects.models import Project

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4dced07f19938908.txt"
IMPORT_URL = reverse("admin:bulletins_bulletin_import")


@pytest.fixture
def admin_client(admin, client_as):
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    return client_as(admin)


def upload(client, content: bytes, name="bulletin.txt", issued="2020-08-10"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), "issued_on": issued})


@pytest.mark.parametrize("role", ["official", "staff", "outsider"])
def test_only_admins_can_open_the_import_page(role, request, client_as):
    user = request.getfixturevalue(role)
    user.is_staff = True  # even with admin-site access
    user.save(update_fields=["is_staff"])
    client = client_as(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, SEED.read_bytes()).status_code == 403
    assert ImportJob.objects.count() == 0


def test_anonymous_is_sent_to_the_login(client_as):
    response = client_as(None).get(IMPORT_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_admin_previews_then_confirms_a_bulletin(admin_client):
    response = upload(admin_client, SEED.read_bytes())
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:bulletins_bulletin_review", args=[job.pk])
    preview = admin_client.get(response["Location"]).content.decode()
    assert "徐州鑫晶半导体大硅片项目" in preview
    assert "<mark>徐州鑫晶半导体大硅片项目</mark>" in preview  # the name marked in its sentence
    assert Bulletin.objects.count() == 0  # nothing written before confirmation

    form = {f"keep-{kind}": [str(i) for i in range(len(job.extraction[kind]))]
            for kind in ("organizations", "people", "projects", "events", "problems", "requirements", "indicators")}
    response = admin_client.post(response["Location"], form)
    assert response.status_code == 302
    assert Bulletin.objects.count() == 1
    assert Project.objects.filter(name="徐州鑫晶半导体大硅片项目").exists()

    # A second click (or a replayed request) imports nothing twice.
    admin_client.post(reverse("admin:bulletins_bulletin_review", args=[job.pk]), form)
    assert Bulletin.objects.count() == 1


def test_an_admin_unticks_a_person_and_corrects_a_project_name(admin_client):
    upload(admin_client, SEED.read_bytes())
    job = ImportJob.objects.get()
    people = [p["name"] for p in job.extraction["people"]]
    projects = [p["name"] for p in job.extraction["projects"]]
    dropped = people.index("李淑侠")
    renamed = projects.index("徐州鑫晶半导体大硅片项目")
    form = {
        "keep-people": [str(i) for i in range(len(people)) if i != dropped],
        "keep-projects": [str(i) for i in range(len(projects))],
        "keep-events": [str(i) for i in range(len(job.extraction["events"]))],
        f"name-projects-{renamed}": "徐州12英寸大硅片项目",
    }
    admin_client.post(reverse("admin:bulletins_bulletin_review", args=[job.pk]), form)
    assert not Person.objects.filter(name="李淑侠").exists()
    assert Project.objects.filter(name="徐州12英寸大硅片项目").exists()
    assert not Project.objects.filter(name="徐州鑫晶半导体大硅片项目").exists()
    assert Project.objects.get(name="徐州12英寸大硅片项目").meetings.exists()


@pytest.mark.parametrize("content, name, message", [
    (b"", "empty.txt", "空文件"),
    (b"\x00\x01\x02binary" * 50, "photo.txt", "二进制"),
    ("通知".encode(), "bulletin.pdf", ".pdf"),
])
def test_a_bad_upload_gets_a_clear_message_and_nothing_is_staged(admin_client, content, name, message):
    response = upload(admin_client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_an_impossible_date_is_refused(admin_client):
    response = upload(admin_client, SEED.read_bytes(), issued="2020-02-30")
    assert response.status_code == 200
    assert ImportJob.objects.count() == 0


def test_a_request_without_csrf_token_is_refused(admin):
    from django.test import Client

    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    form = {"file": SimpleUploadedFile("b.txt", SEED.read_bytes()), "issued_on": "2020-08-10"}
    response = client.post(IMPORT_URL, form)
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_a_large_bulletin_is_parsed_in_a_task(admin_client, django_capture_on_commit_callbacks, settings):
    text = SEED.read_text(encoding="utf-8")
    large = "\n\n".join([text] * 40).encode("utf-8")
    assert len(large) > 200 * 1024
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(admin_client, large)
    # The parse is handed to a task only once the job row is committed.
    assert ImportJob.objects.get().status == ImportJob.Status.PARSING
    for callback in callbacks:
        callback()
    job = ImportJob.objects.get()
    page = admin_client.get(response["Location"]).content.decode()
    if settings.CELERY_TASK_ALWAYS_EAGER:
        assert job.status == ImportJob.Status.READY
        assert "徐州鑫晶半导体大硅片项目" in page
    else:
        assert job.status == ImportJob.Status.PARSING  # queued for a worker
        assert 'http-equiv="refresh"' in page


def test_the_bulletin_text_is_escaped_in_the_preview(admin_client):
    payload = "<script>alert(1)</script>8月5日上午,市长张三到开发区调研某某项目。".encode()
    response = upload(admin_client, payload)
    page = admin_client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page
