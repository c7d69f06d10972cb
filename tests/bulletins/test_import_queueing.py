"""No import is lost to a dead broker: the job records that it could not be queued, the admin can retry,
and the beat sweep re-queues jobs left waiting."""

import datetime
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from kombu.exceptions import OperationalError

from bulletins import tasks
from bulletins.models import ImportJob
from bulletins.services import STALE_PARSE_AFTER, import_jobs_requeue_stale

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4dced07f19938908.txt"
IMPORT_URL = reverse("admin:bulletins_bulletin_import")


def large_bulletin() -> bytes:
    data = "\n\n".join([SEED.read_text(encoding="utf-8")] * 40).encode("utf-8")
    assert len(data) > 200 * 1024  # parsed in a task
    return data


@pytest.fixture
def admin_client(admin, client_as):
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    return client_as(admin)


@pytest.fixture
def dead_broker():
    refused = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch.object(tasks.parse_import_job, "apply_async", side_effect=refused) as publish:
        yield publish


@pytest.fixture
def live_broker():
    with mock.patch.object(tasks.parse_import_job, "apply_async") as publish:
        yield publish


def upload(client, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("bulletin.txt", content), "issued_on": "2020-08-10"})


def test_an_import_sent_while_the_broker_is_down_is_kept_and_the_admin_can_retry(
    admin_client, dead_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, large_bulletin())

    assert response.status_code == 302  # not a 500
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.UNQUEUED and "OperationalError" in job.error
    assert dead_broker.call_count == 1 and dead_broker.call_args.kwargs["retry"] is True
    page = admin_client.get(response["Location"]).content.decode()
    retry_url = reverse("admin:bulletins_bulletin_import_retry", args=[job.pk])
    assert retry_url in page and 'http-equiv="refresh"' not in page

    still_down = admin_client.post(retry_url, follow=True)
    assert ImportJob.objects.get().status == ImportJob.Status.UNQUEUED
    assert "still cannot be reached" in still_down.content.decode() or "仍无法" in still_down.content.decode()

    with mock.patch.object(tasks.parse_import_job, "apply_async") as publish:
        admin_client.post(retry_url)
    job.refresh_from_db()
    assert publish.call_args.kwargs["args"] == [job.pk]
    assert job.status == ImportJob.Status.PARSING and job.queued_at is not None
    assert ImportJob.objects.count() == 1


def test_retry_is_post_only_and_admin_only(admin_client, dead_broker, staff, client_as,
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, large_bulletin())
    retry_url = reverse("admin:bulletins_bulletin_import_retry", args=[ImportJob.objects.get().pk])

    assert admin_client.get(retry_url).status_code == 405
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    assert client_as(staff).post(retry_url).status_code == 403


def _job(status, *, queued_minutes_ago=None, created_minutes_ago=0):
    now = timezone.now()
    job = ImportJob.objects.create(text="x", issued_on=datetime.date(2020, 8, 10), status=status)
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=now - datetime.timedelta(minutes=created_minutes_ago),
        queued_at=None if queued_minutes_ago is None else now - datetime.timedelta(minutes=queued_minutes_ago),
    )
    return job


def test_the_sweep_requeues_jobs_left_waiting_and_leaves_the_rest(live_broker):
    limit = int(STALE_PARSE_AFTER.total_seconds() // 60)
    unqueued = _job(ImportJob.Status.UNQUEUED)
    lost = _job(ImportJob.Status.PARSING, queued_minutes_ago=limit + 5, created_minutes_ago=limit + 5)
    never_queued = _job(ImportJob.Status.PARSING, created_minutes_ago=limit + 5)  # its web process died
    running = _job(ImportJob.Status.PARSING, queued_minutes_ago=1, created_minutes_ago=limit + 5)
    done = _job(ImportJob.Status.READY, created_minutes_ago=limit + 5)

    assert import_jobs_requeue_stale() == 3

    queued = sorted(call.kwargs["args"][0] for call in live_broker.call_args_list)
    assert queued == sorted([unqueued.pk, lost.pk, never_queued.pk])
    assert running.pk not in queued and done.pk not in queued
    assert ImportJob.objects.get(pk=unqueued.pk).status == ImportJob.Status.PARSING
    # Just queued: the next sweep leaves them alone.
    assert import_jobs_requeue_stale() == 0


def test_the_sweep_marks_what_it_still_cannot_queue(dead_broker):
    job = _job(ImportJob.Status.PARSING, created_minutes_ago=60)

    assert import_jobs_requeue_stale() == 0

    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.UNQUEUED


def test_beat_runs_the_sweep_every_five_minutes():
    task = PeriodicTask.objects.select_related("crontab").get(task="bulletins.tasks.requeue_stale_import_jobs")

    assert (task.crontab.minute, task.crontab.hour) == ("*/5", "*") and task.enabled


def test_the_command_does_what_the_sweep_does(live_broker):
    from io import StringIO

    from django.core.management import call_command

    _job(ImportJob.Status.UNQUEUED)
    out = StringIO()

    call_command("requeue_import_jobs", stdout=out)

    assert out.getvalue().strip() == "queued 1; still not queued 0"
