"""Thin Celery tasks: each takes plain values, calls a service, and is safe to run twice."""

import logging
from datetime import date

from celery import shared_task

from .locks import job_lock
from .services import alerts_flag, alerts_remind

logger = logging.getLogger(__name__)

# Idempotent jobs: acknowledged after they finish, so a worker lost mid-run leaves them to another.
JOB = {"acks_late": True, "reject_on_worker_lost": True, "soft_time_limit": 15 * 60, "time_limit": 20 * 60}


@shared_task(**JOB)
def flag_lagging(today: str | None = None) -> dict | None:
    with job_lock("alerts.flag_lagging") as acquired:
        if not acquired:
            logger.info("flag_lagging is already running; this run skips")
            return None
        result = alerts_flag(today=date.fromisoformat(today) if today else None)
        logger.info("flag_lagging: %s", result.summary())
        return result.counts


@shared_task(**JOB)
def send_reminders(today: str | None = None) -> dict | None:
    with job_lock("alerts.send_reminders") as acquired:
        if not acquired:
            logger.info("send_reminders is already running; this run skips")
            return None
        return alerts_remind(today=date.fromisoformat(today) if today else None)


@shared_task
def send_notification_mail(user_id: int) -> None:
    # Kept so tasks queued before notify.tasks.send_notifications existed still run: they go the new way.
    from notify.tasks import send_notifications

    send_notifications.delay(user_id)
