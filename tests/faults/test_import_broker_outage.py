"""An import sent while Redis is cut is kept, not lost: the admin retries once Redis is back and a real
worker parses it, once. Redis is reached through a proxy the test cuts; the machine's Redis keeps running."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from bulletins.models import Bulletin, ImportJob
from tests.faults.proxy import TcpProxy
from tests.workers import celery_worker, wait_for
from xzkf_tracker.celery import app

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(not settings.REDIS_URL or not settings.IS_POSTGRES,
                       reason="needs REDIS_URL and a PostgreSQL DATABASE_URL"),
    pytest.mark.django_db(transaction=True),
]
SEED = Path(settings.BASE_DIR) / "seeds" / "000_4dced07f19938908.txt"


@pytest.fixture
def proxied_broker():
    """This process publishes through the proxy too, as a web process would."""
    target = urlsplit(settings.REDIS_URL)
    original = app.conf.broker_url
    # REDIS_URL's database is this test run's own: tasks other tests queued with no worker must not count here.
    redis.Redis.from_url(settings.REDIS_URL).delete(app.conf.task_default_queue)
    with TcpProxy(target.hostname or "127.0.0.1", target.port or 6379) as proxy:
        url = target._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
        _publish_to(url)
        try:
            yield proxy, url
        finally:
            _publish_to(original)


def _publish_to(url: str) -> None:
    # The app keeps its broker pools from the first publish: drop them (unclosed: kombu shares them by URL).
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(proxied_broker, tmp_path):
    _, url = proxied_broker
    db = connection.settings_dict
    env = dict(os.environ, REDIS_URL=url, SECRET_KEY="test-only-secret-key-not-for-production",
               DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    log = tmp_path / "worker.log"
    with celery_worker("--concurrency", "1", "-l", "info", "--without-gossip", "--without-mingle", env=env,
                       log=log) as process:
        yield process, log


def test_an_import_sent_while_redis_is_cut_is_kept_and_parsed_once_after_a_retry(admin, client_as, proxied_broker,
                                                                               worker):
    proxy, _ = proxied_broker
    process, log = worker
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    client = client_as(admin)
    bulletin = "\n\n".join([SEED.read_text(encoding="utf-8")] * 40).encode("utf-8")  # > 200 KB: parsed in a task

    proxy.cut()
    response = client.post(reverse("admin:bulletins_bulletin_import"),
                           {"file": SimpleUploadedFile("big.txt", bulletin), "issued_on": "2020-08-10"})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.UNQUEUED
    assert "Retry" in client.get(response["Location"]).content.decode() or "重试" in client.get(
        response["Location"]).content.decode()

    proxy.restore()
    client.post(reverse("admin:bulletins_bulletin_import_retry", args=[job.pk]))

    assert wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.READY, 90), log.read_text()
    assert ImportJob.objects.count() == 1 and Bulletin.objects.count() == 0  # nothing imported before review
    # Parsed once (the worker may also run other tasks left on the shared broker).
    assert len(re.findall(r"Task bulletins\.tasks\.parse_import_job\[[^\]]+\] succeeded", log.read_text())) == 1
    assert process.poll() is None
