"""Against the real thing: a Celery worker through Redis sending to the stand-in provider.

Run with a PostgreSQL DATABASE_URL and REDIS_URL set, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_i19 REDIS_URL=redis://127.0.0.1:6379/10 \
        .venv/bin/pytest tests/notify -m services
"""

import os
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from alerts.models import Notification
from notify import tasks
from notify.models import Delivery
from tests.workers import celery_worker, wait_for

from .conftest import ALIYUN_ID, ALIYUN_SECRET, DINGTALK_SECRET, DINGTALK_TOKEN, WECOM_KEY

BASE_DIR = Path(settings.BASE_DIR)
MONDAY = "2020-07-06"

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not settings.REDIS_URL or not settings.IS_POSTGRES, reason="needs REDIS_URL and a PostgreSQL DATABASE_URL"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker(provider):
    """A real worker on a queue of its own, its channels pointed at the stand-in, retrying after 1 s, 2 s."""
    queue = f"notify-test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        SECRET_KEY="test-only-secret-key-not-for-production",
        SITE_URL=settings.SITE_URL,
        NOTIFY_HTTP_TIMEOUT="1",
        NOTIFY_MAX_RETRIES="2",
        NOTIFY_RETRY_BACKOFF="1",
        WECOM_ROBOT_URL=f"{provider.base}/wecom",
        WECOM_ROBOT_KEY=WECOM_KEY,
        DINGTALK_ROBOT_URL=f"{provider.base}/dingtalk",
        DINGTALK_ROBOT_TOKEN=DINGTALK_TOKEN,
        DINGTALK_ROBOT_SECRET=DINGTALK_SECRET,
        ALIYUN_SMS_URL=f"{provider.base}/aliyun",
        ALIYUN_SMS_ACCESS_KEY_ID=ALIYUN_ID,
        ALIYUN_SMS_ACCESS_KEY_SECRET=ALIYUN_SECRET,
        ALIYUN_SMS_SIGN_NAME="经开区",
        ALIYUN_SMS_TEMPLATE_CODE="SMS_0000",
    )
    with celery_worker("-Q", queue, "-c", "2", "--pool", "prefork", "--without-gossip", "--without-mingle",
                       "--without-heartbeat", "-l", "warning", env=env):
        yield queue


def test_a_real_worker_sends_the_leaders_digest_through_the_dingtalk_robot(worker, provider, leader):
    from alerts.services import alerts_scan

    alerts_scan(today=date.fromisoformat(MONDAY))  # the project lags
    tasks.send_weekly_digests.apply_async(args=[MONDAY], queue=worker)
    assert wait_for(lambda: Notification.objects.filter(kind="weekly").exists()), "no digest made"
    # The digest's own send is queued on the default queue; send it through our worker.
    tasks.send_notifications.apply_async(args=[leader.user_id], queue=worker)
    assert wait_for(lambda: provider.accepted("/dingtalk")), "the robot heard nothing"
    (request,) = provider.accepted("/dingtalk")
    assert "测试滞后项目" in request["body"]["markdown"]["text"]


def test_the_same_task_queued_twice_at_once_sends_once(worker, provider, leader):
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    for _ in range(2):
        tasks.send_notifications.apply_async(args=[leader.user_id], queue=worker)
    assert wait_for(lambda: Delivery.objects.filter(status="sent").exists())
    time.sleep(2)  # room for a second send, were there one
    assert len(provider.requests) == 1


def test_a_failing_provider_is_retried_with_backoff_then_logged_failed(worker, provider, leader):
    provider.mode = "500"
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply_async(args=[leader.user_id], queue=worker)
    assert wait_for(lambda: Delivery.objects.filter(status="failed").exists(), timeout=30)
    delivery = Delivery.objects.get()
    assert (delivery.attempts, delivery.last_error, len(provider.requests)) == (3, "HTTP 500", 3)


def test_a_hanging_provider_is_given_up_on_and_retried(worker, provider, leader):
    provider.mode = "hang"
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply_async(args=[leader.user_id], queue=worker)
    assert wait_for(lambda: Delivery.objects.filter(status="failed").exists(), timeout=40)
    assert "timed out" in Delivery.objects.get().last_error
    assert len(provider.requests) == 3
