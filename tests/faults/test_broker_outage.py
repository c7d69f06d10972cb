"""A worker holding a task survives a Redis outage, reconnects by itself and finishes the task once.

The worker reaches Redis through a proxy the test cuts; the machine's Redis keeps running. The worker
runs as the deployment starts it (two processes, gossip, mingle and heartbeats on), on a queue of its
own so no other worker on the shared Redis takes the task.
"""

import json
import os
import time
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings

from tests.faults.proxy import TcpProxy
from tests.workers import celery_worker, wait_for
from xzkf_tracker.celery import app

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL"),
]


@pytest.fixture
def broker_proxy():
    target = urlsplit(settings.REDIS_URL)
    with TcpProxy(target.hostname or "127.0.0.1", target.port or 6379) as proxy:
        yield proxy, target._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()


@pytest.fixture
def worker(broker_proxy, tmp_path):
    _, proxied_url = broker_proxy
    queue = f"outage-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = dict(os.environ, REDIS_URL=proxied_url, SECRET_KEY="test-only-secret-key-not-for-production")
    with celery_worker("--include", "tests.faults.worker_tasks", "-Q", queue, "--concurrency", "2", "-l", "info",
                       env=env, log=log) as process:
        yield process, queue, log


def _left_unacknowledged(task_id: str) -> bool:
    """Whether Redis still holds the task for redelivery once the visibility timeout passes."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    return any(json.loads(raw)[0]["headers"]["id"] == task_id for raw in client.hvals("unacked"))


@pytest.mark.parametrize(("outage", "task_seconds"), [(5, 12), (60, 4)], ids=["task-outlives-outage", "long-outage"])
def test_a_worker_holding_a_task_survives_a_redis_outage(worker, broker_proxy, tmp_path, outage, task_seconds):
    process, queue, worker_log = worker
    proxy, _ = broker_proxy
    notes = tmp_path / "notes.txt"
    result = app.send_task("tests.faults.slow_note", args=[str(notes), task_seconds], queue=queue)
    assert wait_for(notes.exists, 30), worker_log.read_text()

    proxy.cut()
    time.sleep(outage)
    assert process.poll() is None, worker_log.read_text()
    proxy.restore()
    restored_at = time.monotonic()

    assert wait_for(lambda: "done" in notes.read_text(), 60), worker_log.read_text()
    assert time.monotonic() - restored_at < 60
    # Reconnected by itself, and nothing left behind to run the task a second time.
    assert wait_for(lambda: worker_log.read_text().count("Connected to redis") >= 2, 60), worker_log.read_text()
    time.sleep(3)
    assert notes.read_text().split().count("done") == 1
    assert process.poll() is None, worker_log.read_text()
    assert "Unrecoverable error" not in worker_log.read_text()
    assert not _left_unacknowledged(result.id)
