"""Against the real thing: a Celery worker through Redis, a worker killed mid-run, Redis down.

Run with a PostgreSQL DATABASE_URL and REDIS_URL set, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_alerts REDIS_URL=redis://127.0.0.1:6379/6 \
        .venv/bin/pytest tests/alerts -m services
"""

import os
import signal
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.urls import reverse

from alerts import tasks
from alerts.models import Alert, AlertScan, AlertSettings, Notification
from alerts.rules import CHECKS
from projects.models import Milestone
from tests.workers import celery_worker, wait_for

BASE_DIR = Path(settings.BASE_DIR)
CLOSED_REDIS = "redis://127.0.0.1:6399/0"  # nothing listens there: Redis "stopped" without touching the shared server

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not settings.REDIS_URL or not settings.IS_POSTGRES, reason="needs REDIS_URL and a PostgreSQL DATABASE_URL"
    ),
    pytest.mark.django_db(transaction=True),
]

DAY = "2020-07-02"


def _env(**extra) -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        SECRET_KEY="test-only-secret-key-not-for-production",
        **extra,
    )
    return env


@pytest.fixture
def worker():
    """A real worker on a queue of its own, so no other worker on the shared Redis takes our tasks."""
    queue = f"alerts-test-{uuid.uuid4().hex[:8]}"
    with celery_worker("-Q", queue, "-c", "1", "--pool", "prefork", "--without-gossip", "--without-mingle",
                       "--without-heartbeat", "-l", "warning", env=_env()) as process:
        yield process, queue


def _expected_subjects() -> set:
    thresholds = AlertSettings.current()
    return {
        (check.rule.value, check.subject_type.value, pk)
        for check in CHECKS
        for pk in check.candidates(date.fromisoformat(DAY), thresholds).values_list("alert_subject", flat=True)
    }


def _open_subjects() -> list:
    return sorted((a.rule, a.subject_type, a.subject_id) for a in Alert.objects.open())


@pytest.fixture
def lagging(project, assigned, problem, follow_up):
    Milestone.objects.bulk_create(
        Milestone(project=project, name=f"节点{n}", planned_date=date(2020, 6, 1) + timedelta(days=n % 30))
        for n in range(300)
    )


def test_a_real_worker_runs_flag_lagging_through_the_broker(worker, lagging):
    process, queue = worker
    tasks.flag_lagging.apply_async(args=[DAY], queue=queue)
    expected = _expected_subjects()
    assert wait_for(lambda: len(_open_subjects()) == len(expected)), "the worker did not flag in time"
    assert set(_open_subjects()) == expected
    # The notifications follow in a transaction of their own.
    assert wait_for(lambda: Notification.objects.filter(kind="new").exists()), "the worker did not notify in time"


def test_a_worker_killed_mid_run_ends_like_a_clean_run_and_flags_nothing_twice(worker, lagging):
    process, queue = worker
    # Hold the notifications table so the run stops half-way: its scan committed, its notifications not written.
    blocker = connections.create_connection("default")
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {Notification._meta.db_table} IN EXCLUSIVE MODE")
    try:
        tasks.flag_lagging.apply_async(args=[DAY], queue=queue)

        def waiting_on_the_lock():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                return cursor.fetchone()[0] > 0

        assert wait_for(waiting_on_the_lock), "the run never reached the notifications"
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert children, "no pool process to kill"
        for child in children:
            os.kill(int(child), signal.SIGKILL)
    finally:
        blocker.rollback()
        blocker.close()

    expected = _expected_subjects()
    # acks_late + reject_on_worker_lost: the task goes back to the queue and the restarted pool process reruns it,
    # which announces the scan the killed run left unannounced.
    def announced():
        return Notification.objects.filter(kind="new").exists() and not AlertScan.objects.filter(
            notified_at__isnull=True
        ).exists()

    assert wait_for(announced, timeout=90), "the task was not run again"
    assert set(_open_subjects()) == expected
    assert len(_open_subjects()) == len(set(_open_subjects()))
    kinds = list(Notification.objects.values_list("user_id", "alert_id", "kind"))
    assert len(kinds) == len(set(kinds))
    assert Alert.objects.count() == len(expected)


def test_with_redis_down_the_command_still_flags(lagging):
    run = subprocess.run(
        [sys.executable, "manage.py", "flag_lagging", "--today", DAY],
        cwd=BASE_DIR,
        env=_env(REDIS_URL=CLOSED_REDIS),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"flagged {len(_expected_subjects())}, ")


def test_with_redis_down_the_pages_still_answer(lagging, official, client_as, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    from alerts.services import alerts_flag
    from xzkf_tracker.celery import app

    app.conf.broker_url = CLOSED_REDIS
    try:
        alerts_flag(today=date.fromisoformat(DAY))
        client = client_as(official)
        for url in (reverse("alerts:list"), reverse("alerts:notifications")):
            assert client.get(url).status_code == 200
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
