"""The scan end to end: flag once, resolve, escalate, notify, and never twice."""

import json
from datetime import date, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Alert, AlertScan, AlertSettings, Notification
from alerts.services import alerts_flag, alerts_notify, alerts_remind, alerts_scan, notifications_mail
from projects.models import Milestone, Problem
from xzkf_tracker.celery import app as celery_app


def run(day):
    out = StringIO()
    call_command("flag_lagging", "--today", day, stdout=out)
    return out.getvalue().strip()


def test_it_flags_an_overdue_milestone_once_however_often_it_runs(milestone):
    assert run("2020-07-01") == "flagged 1, escalated 0, resolved 0, open 1"
    assert run("2020-07-01") == "flagged 0, escalated 0, resolved 0, open 1"
    assert run("2020-07-02") == "flagged 0, escalated 0, resolved 0, open 1"
    alert = Alert.objects.get()
    assert (alert.rule, alert.milestone, alert.project_id, alert.severity) == (
        "overdue_milestone",
        milestone,
        milestone.project_id,
        "yellow",
    )


def test_it_prints_the_alerts_as_json(milestone, problem):
    out = StringIO()
    call_command("flag_lagging", "--today", "2020-08-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"flagged", "escalated", "resolved", "open"}
    assert {
        "rule": "overdue_milestone",
        "subject_type": "milestone",
        "subject_id": milestone.pk,
        "subject_name": "一期投产",
        "project": "测试光伏项目",
        "severity": "red",
    } in data["flagged"]
    assert [item["rule"] for item in data["open"]] == ["overdue_milestone", "overdue_problem"]


def test_it_resolves_an_alert_when_the_milestone_is_done(milestone):
    run("2020-07-01")
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2020, 7, 2))
    assert run("2020-07-03") == "flagged 0, escalated 0, resolved 1, open 0"
    assert Alert.objects.get().resolved_at is not None


def test_it_opens_a_new_alert_when_the_cause_comes_back(milestone):
    run("2020-07-01")
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2020, 7, 2))
    run("2020-07-03")
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=None)
    assert run("2020-07-04") == "flagged 1, escalated 0, resolved 0, open 1"
    assert Alert.objects.count() == 2


def test_it_escalates_an_alert_left_open_past_the_limit(milestone, assigned):
    run("2020-07-01")
    assert run("2020-07-14") == "flagged 0, escalated 0, resolved 0, open 1"
    assert run("2020-07-15") == "flagged 0, escalated 1, resolved 0, open 1"
    assert run("2020-07-16") == "flagged 0, escalated 0, resolved 0, open 1"
    assert Alert.objects.get().severity == "red"
    assert list(Notification.objects.values_list("kind", flat=True).order_by("pk")) == ["new", "escalated"]


def test_it_notifies_the_assigned_official_and_the_owners_once(
    milestone, problem, follow_up, assigned, official, staff, owner
):
    run("2020-07-02")
    run("2020-07-02")
    by_user = {}
    for user_id, kind in Notification.objects.values_list("user_id", "kind"):
        by_user.setdefault(user_id, []).append(kind)
    # The official hears of the milestone, the problem and the follow-up of their project; the owners of theirs.
    assert sorted(by_user) == sorted([official.pk, staff.pk, owner.user_id])
    assert by_user[official.pk] == ["new"] * 3
    assert by_user[owner.user_id] == ["new"]
    assert by_user[staff.pk] == ["new"]


def test_it_mails_each_user_one_message_and_never_twice(milestone, assigned, official):
    alerts_flag(today=date(2020, 7, 2))
    assert notifications_mail(user_id=official.pk) == 1
    assert notifications_mail(user_id=official.pk) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["official@example.org"]
    assert "一期投产" in mail.outbox[0].body


def test_it_queues_one_mail_per_user_only_after_the_scan_commits(
    milestone, problem, assigned, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker test covers the broker. The Django-namespaced key is the one Celery reads.
    monkeypatch.setitem(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", True)
    with django_capture_on_commit_callbacks() as callbacks:
        alerts_flag(today=date(2020, 7, 2))
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    # The official hears of two alerts, the problem's owner of one: two mails.
    assert sorted(len(message.body.split("\n\n")) for message in mail.outbox) == [1, 2]


def test_it_reminds_of_an_open_alert_every_seven_days_and_no_more_often(milestone, assigned, official):
    alerts_flag(today=date(2020, 7, 2))
    assert alerts_remind(today=date(2020, 7, 8))["reminders"] == 0
    assert alerts_remind(today=date(2020, 7, 9))["reminders"] == 1
    assert alerts_remind(today=date(2020, 7, 9))["reminders"] == 1
    assert alerts_remind(today=date(2020, 7, 10))["reminders"] == 0
    assert Notification.objects.filter(kind="reminder").count() == 1


def test_it_sends_each_official_one_digest_a_day_listing_their_lagging_projects(milestone, assigned, official):
    alerts_flag(today=date(2020, 7, 2))
    assert alerts_remind(today=date(2020, 7, 3))["digests"] == 1
    assert alerts_remind(today=date(2020, 7, 3))["digests"] == 1
    digest = Notification.objects.get(kind="digest")
    assert digest.user == official
    assert "测试光伏项目" in digest.message


def test_it_uses_the_thresholds_the_admin_set(milestone):
    AlertSettings.objects.update(overdue_red_days=0)
    run("2020-07-02")
    assert Alert.objects.get().severity == "red"


def test_it_resolves_a_problem_alert_once_the_problem_is_solved(problem):
    run("2020-06-05")
    Problem.objects.filter(pk=problem.pk).update(status=Problem.Status.SOLVED, resolution="已解决")
    assert run("2020-06-06") == "flagged 0, escalated 0, resolved 1, open 0"


def _scan_statements(day):
    with CaptureQueriesContext(connection) as queries:
        alerts_flag(today=day)
    return len(queries)


def test_the_scan_costs_the_same_number_of_statements_for_one_milestone_or_many(project, assigned):
    Milestone.objects.create(project=project, name="节点0", planned_date=date(2020, 6, 15))
    few = _scan_statements(date(2020, 7, 1))
    Milestone.objects.bulk_create(
        Milestone(project=project, name=f"节点{n}", planned_date=date(2020, 6, 15) + timedelta(days=n % 10))
        for n in range(1, 400)
    )
    many = _scan_statements(date(2020, 7, 2))
    assert many == few
    assert Alert.objects.count() == 400
    assert Notification.objects.filter(kind="new").count() == 400


def test_it_writes_each_projects_worst_lag_for_the_lists_and_clears_it_when_resolved(milestone):
    project = milestone.project
    run("2020-07-01")  # a day late: yellow
    project.refresh_from_db()
    assert project.lag == "yellow"
    run("2020-08-01")  # a month late: red
    project.refresh_from_db()
    assert project.lag == "red"
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2020, 8, 2))
    run("2020-08-03")
    project.refresh_from_db()
    assert project.lag is None


def test_an_alert_deleted_by_an_admin_no_longer_marks_its_project(milestone, admin, client_as):
    run("2020-08-01")
    alert = Alert.objects.get()
    admin.is_staff = True  # as the administrators' accounts are
    admin.save(update_fields=["is_staff"])
    response = client_as(admin).post(f"/admin/alerts/alert/{alert.pk}/delete/", {"post": "yes"})
    assert (response.status_code, Alert.objects.count()) == (302, 0), response.get("Location")
    milestone.project.refresh_from_db()
    assert milestone.project.lag is None


def test_a_scan_stopped_before_it_notified_is_announced_by_the_next_run_once(milestone, assigned, official):
    alerts_scan(today=date(2020, 7, 2))  # the process stops here, before telling anyone
    assert Notification.objects.count() == 0

    alerts_flag(today=date(2020, 7, 3))
    alerts_notify()

    told = Notification.objects.filter(user=official, kind="new")
    assert told.count() == 1 and told.get().alert.milestone == milestone
    assert AlertScan.objects.filter(notified_at__isnull=True).count() == 0
