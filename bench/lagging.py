"""Benchmark: the set-based lag scan against a naive per-row loop (issue 6). Not a test.

    createdb -h 127.0.0.1 -U postgres xzkf_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/xzkf_bench DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_synthetic --projects 10000 --milestones-per-project 100 \
        --seed 1 --today 2026-11-01 --yes
    .venv/bin/python bench/lagging.py --today 2026-11-01

It clears the alerts and notifications of that database, times the naive loop over a sample (in a
transaction it rolls back), then the full set-based scan and, apart, the notifications that follow it
(their own transaction), then both again, and prints both rates (milestones per second), their ratio
and the rows the second run changed. Targets: the full scan in under 10 s, at least 50× the naive
rate, 0 rows changed by the second run.
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from alerts.models import Alert, AlertScan, AlertSettings, Notification, Rule, Severity, SubjectType  # noqa: E402
from alerts.services import alerts_notify, alerts_scan, scan_moment  # noqa: E402
from projects.models import Milestone  # noqa: E402
from xzkf_tracker.celery import app as celery_app  # noqa: E402


def naive_loop(sample: int, today: date) -> float:
    """What a first version would do: load each milestone, judge it in Python, write its alert row by row."""
    thresholds = AlertSettings.current()
    moment = scan_moment(today)
    started = time.perf_counter()
    with transaction.atomic():
        for milestone_id in Milestone.objects.order_by("pk").values_list("pk", flat=True)[:sample]:
            milestone = Milestone.objects.get(pk=milestone_id)
            is_overdue = milestone.actual_date is None and milestone.planned_date < today
            open_alert = Alert.objects.filter(
                rule=Rule.OVERDUE_MILESTONE, milestone=milestone, resolved_at__isnull=True
            ).first()
            if is_overdue and open_alert is None:
                late_days = (today - milestone.planned_date).days
                Alert.objects.create(
                    rule=Rule.OVERDUE_MILESTONE,
                    subject_type=SubjectType.MILESTONE,
                    milestone=milestone,
                    project_id=milestone.project_id,
                    first_flagged=moment,
                    last_seen=moment,
                    severity=Severity.RED if late_days > thresholds.overdue_red_days else Severity.YELLOW,
                )
            elif not is_overdue and open_alert is not None:
                open_alert.resolved_at = moment
                open_alert.save(update_fields=["resolved_at"])
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def alert_rows_stamped_by(result) -> int:
    """Alert rows the run wrote: each write stamps the run's moment in one of these columns."""
    moment = result.moment
    return Alert.objects.filter(
        Q(first_flagged=moment)
        | Q(escalated_at=moment)
        | Q(resolved_at=moment)
        | Q(last_seen=moment)
        | Q(last_notified_at=moment)
    ).count()


def main():
    # Mail is a worker's job: queue it in memory instead of sending it in this process.
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "memory://"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--sample", type=int, default=10_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL=postgres://…")

    milestones = Milestone.objects.count()
    print(
        f"milestones: {milestones:,}; open on {args.today}: {Milestone.objects.overdue(args.today).count():,} overdue"
    )
    with connection.cursor() as cursor:
        # CASCADE: the channels' deliveries (notify) refer to the notifications.
        cursor.execute(
            f"TRUNCATE {Notification._meta.db_table}, {Alert._meta.db_table}, {AlertScan._meta.db_table} CASCADE"
        )
        cursor.execute("ANALYZE")

    naive_seconds = naive_loop(args.sample, args.today)
    naive_rate = args.sample / naive_seconds
    print(f"naive loop: {args.sample:,} milestones in {naive_seconds:.2f} s = {naive_rate:,.0f} milestones/s")

    started = time.perf_counter()
    first = alerts_scan(today=args.today)
    scan_seconds = time.perf_counter() - started
    scan_rate = milestones / scan_seconds
    print(
        f"set-based scan (all rules): {milestones:,} milestones in {scan_seconds:.2f} s = {scan_rate:,.0f} milestones/s"
    )
    started = time.perf_counter()
    alerts_notify()
    notify_seconds = time.perf_counter() - started
    written = Notification.objects.count()
    print(f"  first run: {first.summary()}; then {written:,} notifications in {notify_seconds:.2f} s"
          f" (scan and notifications {scan_seconds + notify_seconds:.2f} s)")

    notifications = Notification.objects.count()
    started = time.perf_counter()
    second = alerts_scan(today=args.today)
    alerts_notify()
    again_seconds = time.perf_counter() - started
    changed = alert_rows_stamped_by(second) + Notification.objects.count() - notifications
    print(f"second run (scan and notifications): {second.summary()} in {again_seconds:.2f} s; rows changed: {changed}")

    ratio = scan_rate / naive_rate
    print(f"ratio: {ratio:,.0f}× the naive rate")
    ok = scan_seconds < 10 and ratio >= 50 and changed == 0
    print("targets (< 10 s, ≥ 50×, 0 rows on re-run):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
