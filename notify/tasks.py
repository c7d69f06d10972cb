"""Thin Celery tasks: each takes ids, calls a service, and sends nothing twice when run twice."""

import logging
from datetime import date
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from alerts.locks import job_lock

from .channels import SendError
from .digest import weekly_digests_send
from .services import deliveries_send, notifications_send

logger = logging.getLogger(__name__)

# The hard time limit stays below models.STUCK_AFTER_SECONDS, after which the send log offers a resend.
SEND = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    # Above the HTTP timeout, so a provider that hangs fails the attempt, not the worker.
    "soft_time_limit": 60 + settings.NOTIFY_HTTP_TIMEOUT,
    "time_limit": 90 + settings.NOTIFY_HTTP_TIMEOUT,
    "max_retries": settings.NOTIFY_MAX_RETRIES,
}


def _retry(task, error):
    # Exponential backoff: NOTIFY_RETRY_BACKOFF seconds, then twice that, … capped at six hours.
    countdown = min(settings.NOTIFY_RETRY_BACKOFF * 2**task.request.retries, 6 * 60 * 60)
    logger.warning("%s failed (%s); retry %d in %ds", task.name, error, task.request.retries + 1, countdown)
    return task.retry(exc=error, countdown=countdown)


@shared_task(**SEND)
def send_notifications(self, user_id: int) -> int:
    """A user's unsent notifications, on their channel. The last attempt records a failure instead of raising."""
    try:
        return notifications_send(user_id=user_id, final=self.request.retries >= self.max_retries)
    except (SendError, SMTPException, OSError) as error:
        raise _retry(self, error) from error


@shared_task(**SEND)
def send_deliveries(self, user_id: int, channel: str) -> int:
    """Pending deliveries put back by the send log's resend button."""
    try:
        return deliveries_send(user_id=user_id, channel=channel, final=self.request.retries >= self.max_retries)
    except SendError as error:
        raise _retry(self, error) from error


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=15 * 60, time_limit=20 * 60)
def send_weekly_digests(today: str | None = None) -> int | None:
    with job_lock("notify.send_weekly_digests") as acquired:
        if not acquired:
            logger.info("send_weekly_digests is already running; this run skips")
            return None
        return weekly_digests_send(today=date.fromisoformat(today) if today else None)
