"""督办单 escalation: an overdue follow-up rises 蓝 → 黄 → 红 after the set days, told at each step."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import AlertSettings, Notification
from alerts.services import alerts_flag, follow_ups_escalate
from meetings.models import FollowUp

DUE = date(2020, 7, 1)


def _level(follow_up):
    follow_up.refresh_from_db()
    return follow_up.escalation


def _told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_it_rises_blue_yellow_red_after_the_set_days(follow_up, staff, assigned, official):
    AlertSettings.objects.update(follow_up_yellow_days=5, follow_up_red_days=10)
    steps = [
        (DUE, FollowUp.Escalation.NONE),  # due today: not late yet
        (DUE + timedelta(days=1), FollowUp.Escalation.BLUE),
        (DUE + timedelta(days=5), FollowUp.Escalation.BLUE),
        (DUE + timedelta(days=6), FollowUp.Escalation.YELLOW),
        (DUE + timedelta(days=10), FollowUp.Escalation.YELLOW),
        (DUE + timedelta(days=11), FollowUp.Escalation.RED),
    ]
    for day, level in steps:
        alerts_flag(today=day)
        assert _level(follow_up) == level, day
    follow_up.refresh_from_db()
    assert follow_up.escalated_on == DUE + timedelta(days=11)
    # Each step told once to the staff member following up and the project's assigned official (包挂):
    # blue by the overdue follow-up's new alert, opened the same day, then one notice per level.
    blue = Notification.objects.filter(kind=Notification.Kind.NEW, alert__follow_up=follow_up)
    assert set(blue.values_list("user__username", flat=True)) == {staff.username, official.username}
    assert {n.for_date for n in blue} == {DUE + timedelta(days=1)}
    for kind, day in ((Notification.Kind.FOLLOW_UP_YELLOW, 6), (Notification.Kind.FOLLOW_UP_RED, 11)):
        assert _told(kind) == {staff.username, official.username}, kind
        assert set(Notification.objects.filter(kind=kind).values_list("for_date", flat=True)) == {
            DUE + timedelta(days=day)
        }


def test_a_follow_up_late_for_long_goes_straight_to_red_and_a_rerun_tells_nobody_twice(follow_up, staff):
    day = DUE + timedelta(days=40)
    alerts_flag(today=day)
    alerts_flag(today=day)
    assert _level(follow_up) == FollowUp.Escalation.RED
    assert Notification.objects.filter(kind=Notification.Kind.FOLLOW_UP_RED).count() == 1
    assert not Notification.objects.filter(kind=Notification.Kind.FOLLOW_UP_YELLOW).exists()


def test_a_done_follow_up_stays_where_it_was_and_a_moved_deadline_starts_again(follow_up):
    alerts_flag(today=DUE + timedelta(days=2))
    assert _level(follow_up) == FollowUp.Escalation.BLUE
    FollowUp.objects.filter(pk=follow_up.pk).update(due_date=DUE + timedelta(days=30))
    alerts_flag(today=DUE + timedelta(days=3))
    assert _level(follow_up) == FollowUp.Escalation.NONE
    FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.DONE, due_date=DUE)
    alerts_flag(today=DUE + timedelta(days=60))
    assert _level(follow_up) == FollowUp.Escalation.NONE


def test_the_escalation_is_set_based(follow_up, db):
    thresholds = AlertSettings.current()
    with CaptureQueriesContext(connection) as few:
        follow_ups_escalate(DUE + timedelta(days=30), thresholds)
    FollowUp.objects.bulk_create([
        FollowUp(requirement=follow_up.requirement, due_date=DUE - timedelta(days=n)) for n in range(50)
    ])
    with CaptureQueriesContext(connection) as many:
        risen = follow_ups_escalate(DUE + timedelta(days=30), thresholds)
    assert len(many) == len(few) == 4  # one reset and one UPDATE per level, whatever the number of rows
    assert risen == 50


def test_the_item_shows_its_level(follow_up, official, client_as, assigned):
    call_command("flag_lagging", "--today", (DUE + timedelta(days=20)).isoformat(), stdout=StringIO())
    follow_up.refresh_from_db()
    page = client_as(official).get(follow_up.requirement.project.get_absolute_url()).content.decode()
    assert f'<span class="badge red">督办 {FollowUp.Escalation.RED.label}</span>' in page
