"""The scan that flags lagging work, and the notifications it sends.

Set-based: each rule costs three statements (resolve the alerts whose cause is gone, insert the new
ones, raise the severity of the worse ones) whatever the number of rows, plus a fixed few for
escalation, `last_seen` and the projects' lag. Notifications follow in a second transaction, a few
statements per scan. Claims work like Healthchecks' sendalerts: new alerts are inserted with ON CONFLICT
DO NOTHING against the one-open-alert-per-subject constraint, notifications against their own unique
constraints, and every update is conditional on the state it changes, so a re-run or a second run at the
same time changes nothing.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enterprises.models import Person
from lib.figures import figures_changed
from meetings.models import FollowUp
from projects.models import Assignment, Problem, Project

from .models import SUBJECT_FIELDS, Alert, AlertScan, AlertSettings, Notification, Severity, SubjectType
from .rules import CHECKS, RuleCheck, follow_up_escalations, follow_ups_back_on_time, start_of_day

logger = logging.getLogger(__name__)

OUTCOMES = ("flagged", "escalated", "resolved", "open")
MAIL_ITEMS = 50  # a longer mail goes unread; the page has them all


@dataclass
class ScanResult:
    today: date
    moment: datetime
    counts: dict

    def summary(self) -> str:
        return ", ".join(f"{name} {self.counts[name]}" for name in OUTCOMES)

    def alerts(self, outcome: str):
        """The alerts this scan flagged, escalated or resolved, or all open ones after it."""
        lookups = {
            "flagged": {"first_flagged": self.moment},
            "escalated": {"escalated_at": self.moment},
            "resolved": {"resolved_at": self.moment},
            "open": {"resolved_at__isnull": True},
        }
        return (
            Alert.objects.filter(**lookups[outcome])
            .select_related("project", "milestone", "phase", "problem", "follow_up__requirement", "follow_up__problem")
            .order_by("rule", "subject_type", "pk")
        )

    def as_json(self) -> dict:
        return {outcome: [alert_as_json(alert) for alert in self.alerts(outcome)] for outcome in OUTCOMES}


def alert_as_json(alert: Alert) -> dict:
    return {
        "rule": alert.rule,
        "subject_type": alert.subject_type,
        "subject_id": alert.subject_id,
        "subject_name": alert.subject_name,
        "project": alert.project.name if alert.project_id else None,
        "severity": alert.severity,
    }


def scan_moment(today: date) -> datetime:
    """The scan's clock: now, or the same time of day on `today` when another day is scanned."""
    now = timezone.now()
    if today == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(today, timezone.localtime(now).time()))


def _db_datetime(value: datetime):
    # Raw SQL must store a timestamp exactly as the ORM does, or the equality lookups on it miss.
    return connection.ops.adapt_datetimefield_value(value)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _insert_new_alerts(check: RuleCheck, candidates, moment: datetime) -> None:
    """INSERT … SELECT the rule's subjects; the partial unique constraint skips those already open.

    The rows come in already marked notified: `alerts_notify` finds them by their scan's moment (their
    `first_flagged`), which spares updating them all a second time.
    """
    select = candidates.order_by().values_list("alert_subject", "alert_project", "alert_severity")
    select_sql, select_params = select.query.sql_with_params()
    if check.subject_type == SubjectType.PROJECT:
        columns, values = "project_id", "c.alert_subject"
    else:
        subject_column = Alert._meta.get_field(SUBJECT_FIELDS[check.subject_type]).column
        columns, values = f"project_id, {subject_column}", "c.alert_project, c.alert_subject"
    stamp = _db_datetime(moment)
    # "WHERE 1 = 1" keeps SQLite from reading ON CONFLICT as part of a join.
    sql = (
        f"INSERT INTO {_table(Alert)} (rule, subject_type, {columns}, severity, first_flagged, last_seen, "
        "last_notified_at) "
        f"SELECT %s, %s, {values}, c.alert_severity, %s, %s, %s FROM ({select_sql}) c WHERE 1 = 1 "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [check.rule.value, check.subject_type.value, stamp, stamp, stamp, *select_params])


def _open_alerts(check: RuleCheck):
    return Alert.objects.filter(rule=check.rule, subject_type=check.subject_type, resolved_at__isnull=True)


def _serialise_scans() -> None:
    # Two scans at once stay correct (constraints and conditional updates), but on PostgreSQL they would
    # wait on each other row by row; one transaction-scoped lock makes the second wait for the first.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('alerts.scan'))")


def alerts_flag(*, today: date | None = None, thresholds: AlertSettings | None = None) -> ScanResult:
    """What the daily job does: scan, then tell the people responsible."""
    result = alerts_scan(today=today, thresholds=thresholds)
    alerts_notify()
    return result


def alerts_scan(*, today: date | None = None, thresholds: AlertSettings | None = None) -> ScanResult:
    """Run every rule on `today`: resolve gone alerts, flag new ones, escalate; in one transaction."""
    today = today or timezone.localdate()
    thresholds = thresholds or AlertSettings.current()
    moment = scan_moment(today)
    with transaction.atomic():
        _serialise_scans()
        for check in CHECKS:
            candidates = check.candidates(today, thresholds)
            subject = SUBJECT_FIELDS[check.subject_type]
            _open_alerts(check).filter(~Exists(candidates.filter(pk=OuterRef(subject)))).update(resolved_at=moment)
            _insert_new_alerts(check, candidates, moment)
            worse = candidates.filter(pk=OuterRef(subject), alert_severity=Severity.RED)
            _open_alerts(check).filter(severity=Severity.YELLOW).filter(Exists(worse)).update(
                severity=Severity.RED, escalated_at=moment
            )
        # Open for too long: a yellow alert turns red.
        Alert.objects.open().filter(
            severity=Severity.YELLOW, first_flagged__lte=moment - timedelta(days=thresholds.escalate_after_days)
        ).update(severity=Severity.RED, escalated_at=moment)
        follow_ups_escalate(today, thresholds)
        # Once a day is enough, so a re-run on the same day changes no row.
        Alert.objects.open().filter(last_seen__lt=start_of_day(today)).update(last_seen=moment)
        projects_lag_refresh()
        figures_changed()
        AlertScan.objects.create(moment=moment, day=today)
        counts = Alert.objects.aggregate(
            flagged=Count("pk", filter=Q(first_flagged=moment)),
            escalated=Count("pk", filter=Q(escalated_at=moment)),
            resolved=Count("pk", filter=Q(resolved_at=moment)),
            open=Count("pk", filter=Q(resolved_at__isnull=True)),
        )
    return ScanResult(today=today, moment=moment, counts=counts)


def alerts_notify() -> int:
    """Tell the people responsible about the alerts of every scan not yet announced; returns how many scans.

    A transaction of its own, after the scan's: the scan's locks and its rows are not held while hundreds of
    thousands of notifications are written, and a run stopped in between is completed by the next one.
    Each scan is claimed (skip locked), and the notifications' unique constraints keep a concurrent run from
    telling anyone twice.
    """
    with transaction.atomic():
        scans = list(
            AlertScan.objects.filter(notified_at__isnull=True).select_for_update(skip_locked=True).order_by("moment")
        )
        if not scans:
            return 0
        latest = scans[-1]
        # An alert told about and since escalated is told again, once.
        never_told_since = Q(last_notified_at__isnull=True) | Q(last_notified_at__lt=F("escalated_at"))
        _notify(
            Notification.Kind.ESCALATED, Q(escalated_at__isnull=False) & never_told_since, latest.day, latest.moment
        )
        for scan in scans:
            _notify(Notification.Kind.NEW, Q(first_flagged=scan.moment), scan.day, scan.moment, mark_notified=False)
        # Each 督办 level reached is told once (the unique constraint), to the owners and the project's officials.
        for level, kind in ESCALATION_NOTICES.items():
            _notify(kind, Q(follow_up__escalation=level), latest.day, latest.moment, mark_notified=False)
        AlertScan.objects.filter(pk__in=[scan.pk for scan in scans], notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        _mail_on_commit()
    return len(scans)


def follow_ups_escalate(today: date, thresholds: AlertSettings) -> int:
    """Raise overdue 督办 follow-ups 蓝 → 黄 → 红: one conditional UPDATE per level; returns how many rose."""
    follow_ups_back_on_time(today).update(escalation=FollowUp.Escalation.NONE, escalated_on=None)
    risen = sum(
        candidates.update(escalation=level, escalated_on=today)
        for level, candidates in follow_up_escalations(today, thresholds)
    )
    figures_changed()  # update() sends no signal
    return risen


# Blue is reached the day the follow-up's overdue alert opens, whose "new alert" notification tells the same people.
ESCALATION_NOTICES = {
    FollowUp.Escalation.YELLOW: Notification.Kind.FOLLOW_UP_YELLOW,
    FollowUp.Escalation.RED: Notification.Kind.FOLLOW_UP_RED,
}


def projects_lag_refresh() -> int:
    """Write each project's worst open alert onto its row; returns how many projects changed.

    One UPDATE whatever the number of projects, touching only the rows whose lag changed.
    """
    open_alerts = Alert.objects.open().lag().filter(project=OuterRef("pk"))
    rank = Case(
        When(Exists(open_alerts.filter(severity=Severity.RED)), then=Value(Project.Lag.RED)),
        When(Exists(open_alerts), then=Value(Project.Lag.YELLOW)),
        default=Value(Project.Lag.NONE),
    )
    changed = Project.objects.exclude(lag_rank=rank).update(lag_rank=rank)
    figures_changed()  # update() sends no signal
    return changed


def _recipient_sql(claimed_sql: str) -> str:
    """Who hears about an alert: the officials assigned to its project (包挂) and its owners."""
    alert, person, user = _table(Alert), _table(Person), _table(get_user_model())
    assignment, problem, follow_up = _table(Assignment), _table(Problem), _table(FollowUp)
    paths = [
        f"SELECT p.user_id AS user_id, a.id AS alert_id FROM {alert} a "
        f"JOIN {assignment} s ON s.project_id = a.project_id AND s.ended_on IS NULL "
        f"JOIN {person} p ON p.id = s.person_id WHERE a.id IN ({claimed_sql})",
        f"SELECT p.user_id, a.id FROM {alert} a JOIN {problem} pr ON pr.id = a.problem_id "
        f"JOIN {person} p ON p.id = pr.owner_person_id WHERE a.id IN ({claimed_sql})",
        f"SELECT f.owner_user_id, a.id FROM {alert} a JOIN {follow_up} f ON f.id = a.follow_up_id "
        f"WHERE a.id IN ({claimed_sql})",
        f"SELECT p.user_id, a.id FROM {alert} a JOIN {follow_up} f ON f.id = a.follow_up_id "
        f"JOIN {person} p ON p.id = f.owner_person_id WHERE a.id IN ({claimed_sql})",
    ]
    return (
        f"SELECT r.user_id, r.alert_id FROM ({' UNION '.join(paths)}) r "
        f"JOIN {user} u ON u.id = r.user_id WHERE u.is_active = %s"
    )


def _notify(kind: str, condition: Q, today: date, moment: datetime, *, mark_notified: bool = True) -> None:
    """Notify everyone concerned about the open alerts matching `condition`, then mark them told.

    The notifications' unique constraints make the insert a claim: a concurrent run inserts nothing twice.
    """
    claimed = Alert.objects.open().filter(condition)
    claimed_sql, claimed_params = claimed.order_by().values("pk").query.sql_with_params()
    sql = (
        f"INSERT INTO {_table(Notification)} (user_id, alert_id, kind, message, for_date, created_at) "
        f"SELECT rc.user_id, rc.alert_id, %s, '', %s, %s FROM ({_recipient_sql(claimed_sql)}) rc WHERE 1 = 1 "
        "ON CONFLICT DO NOTHING"
    )
    params = [kind, today, _db_datetime(timezone.now()), *(list(claimed_params) * 4), True]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    if mark_notified:
        claimed.update(last_notified_at=moment)


def _mail_on_commit() -> None:
    """Queue one message per user with unsent notifications, on the user's channel (notify), after commit."""
    from notify.tasks import send_notifications

    # delay_on_commit, made robust: a broker that is down must not fail the scan. The notifications stay
    # unmailed, and the next run queues them again.
    unmailed = Notification.objects.filter(emailed_at__isnull=True).order_by()
    for user_id in unmailed.values_list("user_id", flat=True).distinct():
        transaction.on_commit(_queue_mail(send_notifications, user_id), robust=True)


def _queue_mail(task, user_id):
    def queue_mail():
        task.delay(user_id)

    return queue_mail


def alerts_remind(*, today: date | None = None, thresholds: AlertSettings | None = None) -> dict:
    """Remind the people responsible of alerts still open, at most every N days; then the daily digest."""
    today = today or timezone.localdate()
    thresholds = thresholds or AlertSettings.current()
    moment = scan_moment(today)
    with transaction.atomic():
        due = Q(last_notified_at__lte=moment - timedelta(days=thresholds.reminder_every_days))
        _notify(Notification.Kind.REMINDER, due, today, moment)
        digests = _digest(today)
        counts = {
            "reminders": Notification.objects.filter(kind=Notification.Kind.REMINDER, for_date=today).count(),
            "digests": digests,
        }
        _mail_on_commit()
    return counts


def _digest(today: date) -> int:
    """One notification a day per official, listing the assigned projects that have open alerts."""
    rows = (
        Assignment.objects.current().filter(
            person__user__isnull=False,
            person__user__is_active=True,
            project__alerts__resolved_at__isnull=True,
        )
        .values("person__user_id", "project_id", "project__name")
        .annotate(
            open_alerts=Count("project__alerts"),
            red_alerts=Count("project__alerts", filter=Q(project__alerts__severity=Severity.RED)),
        )
        .order_by("person__user_id", "-red_alerts", "project__name")
    )
    lines: dict[int, list[str]] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for row in rows:
            lines.setdefault(row["person__user_id"], []).append(
                ngettext(
                    "%(project)s: %(count)d open alert (%(red)d red)",
                    "%(project)s: %(count)d open alerts (%(red)d red)",
                    row["open_alerts"],
                )
                % {"project": row["project__name"], "count": row["open_alerts"], "red": row["red_alerts"]}
            )
        heading = _("Your lagging projects today:")
    digests = [
        Notification(
            user_id=user_id, kind=Notification.Kind.DIGEST, for_date=today, message="\n".join([heading, *text])
        )
        for user_id, text in lines.items()
    ]
    Notification.objects.bulk_create(digests, ignore_conflicts=True)
    return Notification.objects.filter(kind=Notification.Kind.DIGEST, for_date=today).count()


def notification_text(notification: Notification) -> str:
    """What a notification says, in the active language."""
    if notification.kind == Notification.Kind.DIGEST or notification.alert_id is None:
        return notification.message
    alert = notification.alert
    where = f"{alert.project.name} · " if alert.project_id and alert.subject_type != SubjectType.PROJECT else ""
    return f"{notification.get_kind_display()}: {alert.get_rule_display()} — {where}{alert.subject_name}"


def notifications_mail(*, user_id: int) -> int:
    """E-mail a user their unmailed notifications in one message; returns how many it covered.

    The conditional update claims them, so two workers never mail the same notification; when sending
    fails the claim is given back and the task retries.
    """
    stamp = timezone.now()
    claimed = Notification.objects.filter(user_id=user_id, emailed_at__isnull=True).update(emailed_at=stamp)
    if not claimed:
        return 0
    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return claimed
    notifications = Notification.objects.filter(user_id=user_id, emailed_at=stamp).select_related(
        "alert__project",
        "alert__milestone",
        "alert__phase",
        "alert__problem",
        "alert__follow_up__requirement",
        "alert__follow_up__problem",
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext("XZKF Tracker: %(count)d notification", "XZKF Tracker: %(count)d notifications", claimed) % {
            "count": claimed
        }
        body = "\n\n".join(notification_text(n) for n in notifications[:MAIL_ITEMS])
        if claimed > MAIL_ITEMS:
            body += "\n\n" + _("… and %(count)d more on the notifications page.") % {"count": claimed - MAIL_ITEMS}
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        Notification.objects.filter(user_id=user_id, emailed_at=stamp).update(emailed_at=None)
        raise
    return claimed


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
