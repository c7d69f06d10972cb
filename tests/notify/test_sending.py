"""Sending on the robots and by SMS, end to end against the stand-in provider (tasks run in-process)."""

import json
from datetime import date

import pytest
from django.urls import reverse

from alerts.models import Notification
from alerts.services import alerts_flag
from notify import tasks
from notify.digest import weekly_digests_send
from notify.models import ChannelPreference, Delivery
from notify.services import channel_for, notification_create, notifications_send

pytestmark = pytest.mark.django_db

MONDAY = date(2020, 7, 6)


def _texts(provider, path="/dingtalk"):
    return [r["body"]["markdown"]["text"] for r in provider.accepted(path)]


def test_an_official_hears_of_their_lagging_project_in_the_weekly_digest_through_dingtalk(
    provider, leader, django_capture_on_commit_callbacks
):
    alerts_flag(today=MONDAY)  # the milestone is overdue: the project lags
    Notification.objects.update(emailed_at="2020-07-06T00:00:00Z")  # only the digest is under test here
    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_digests_send(today=MONDAY) == 1
    (text,) = _texts(provider)
    assert "测试滞后项目" in text
    assert "主体封顶" in text  # the overdue milestone
    assert provider.accepted("/dingtalk")[0]["body"]["at"]["atMobiles"] == ["13800000000"]
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_alert_notifications_go_to_the_users_channel(provider, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alerts_flag(today=MONDAY)
    (text,) = _texts(provider)
    assert "主体封顶" in text
    assert not Notification.objects.filter(user=leader.user, emailed_at__isnull=True).exists()


def test_a_task_run_twice_sends_once(provider, leader):
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    assert tasks.send_notifications.apply(args=[leader.user_id]).get() == 1
    assert tasks.send_notifications.apply(args=[leader.user_id]).get() == 0
    assert len(provider.requests) == 1
    assert Delivery.objects.count() == 1


def test_a_provider_answering_500_is_retried_then_the_failure_is_logged_and_resent(
    provider, leader, admin, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.send_notifications, "max_retries", 2)
    provider.mode = "500"
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply(args=[leader.user_id])
    assert len(provider.requests) == 3  # the first attempt and two retries
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Delivery.Status.FAILED, 3, "HTTP 500")

    client = client_as(admin)
    page = client.get(reverse("notify:send_log"))
    assert f'id="delivery-{delivery.pk}"' in page.content.decode()
    assert "HTTP 500" in page.content.decode()

    provider.mode = "ok"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notify:resend", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(provider.requests) == 4 and provider.requests[-1]["problems"] == []
    # A sent delivery is not sent again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notify:resend", args=[delivery.pk]))
    assert len(provider.requests) == 4


def test_a_hanging_provider_times_out_and_is_retried(provider, leader, monkeypatch):
    monkeypatch.setattr(tasks.send_notifications, "max_retries", 1)
    provider.mode = "hang"
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply(args=[leader.user_id])
    assert len(provider.requests) == 2
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "timed out" in delivery.last_error


def test_a_wrong_signing_secret_is_refused_by_the_robot_and_logged(provider, leader, settings, monkeypatch):
    monkeypatch.setattr(tasks.send_notifications, "max_retries", 0)
    settings.DINGTALK_ROBOT_SECRET = "SEC-not-the-robots-secret"
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply(args=[leader.user_id])
    assert provider.requests[0]["problems"] == ["bad sign"]
    assert Delivery.objects.get().status == Delivery.Status.FAILED


def test_wecom_gets_markdown_cut_to_its_limit_with_a_link_to_the_page(provider, official):
    ChannelPreference.objects.create(user=official, channel="wecom")
    notification_create(user_id=official.pk, kind="weekly", message="滞后项目" * 2000, for_date=MONDAY)
    notifications_send(user_id=official.pk)
    (request,) = provider.accepted("/wecom")
    content = request["body"]["markdown"]["content"]
    assert len(content.encode()) <= 4096
    assert content.endswith("https://tracker.example.org" + reverse("dashboard:me"))


def test_wecom_mentions_the_user_by_mobile_in_a_text_message(provider, official):
    ChannelPreference.objects.create(user=official, channel="wecom", mobile="13900000000")
    notification_create(user_id=official.pk, kind="chase", message="请尽快办理", for_date=MONDAY)
    notifications_send(user_id=official.pk)
    (request,) = provider.accepted("/wecom")
    assert request["body"]["msgtype"] == "text"
    assert request["body"]["text"]["mentioned_mobile_list"] == ["13900000000"]
    assert "请尽快办理" in request["body"]["text"]["content"]


def test_sms_is_one_short_signed_text_with_the_link(provider, official):
    ChannelPreference.objects.create(user=official, channel="sms", mobile="13700000000")
    notification_create(user_id=official.pk, kind="weekly", message="长" * 500, for_date=MONDAY)
    notifications_send(user_id=official.pk)
    (request,) = provider.accepted("/aliyun")
    assert request["query"]["PhoneNumbers"] == "13700000000"
    template = json.loads(request["query"]["TemplateParam"])
    assert template["url"] == "https://tracker.example.org" + reverse("dashboard:me")
    assert len(template["text"]) <= 35


def test_an_unconfigured_channel_fails_at_once_without_calling_out(provider, leader, settings):
    settings.DINGTALK_ROBOT_TOKEN = ""
    Notification.objects.create(user=leader.user, kind="weekly", message="周报", for_date=MONDAY)
    tasks.send_notifications.apply(args=[leader.user_id])
    assert provider.requests == []
    assert Delivery.objects.get().last_error == "dingtalk is not configured"


def test_mail_users_still_get_mail(provider, official, mailoutbox):
    official.email = "official@example.org"
    official.save(update_fields=["email"])
    Notification.objects.create(user=official, kind="weekly", message="周报内容", for_date=MONDAY)
    assert channel_for(official) == "mail"
    tasks.send_notifications.apply(args=[official.pk])
    assert [m.to for m in mailoutbox] == [["official@example.org"]]
    assert provider.requests == []
    assert not Delivery.objects.exists()


def test_the_default_channel_follows_the_role(settings, official, staff):
    settings.NOTIFY_DEFAULT_CHANNEL = {"领导": "dingtalk", "工作人员": "mail", "管理员": "mail"}
    assert (channel_for(official), channel_for(staff)) == ("dingtalk", "mail")
    ChannelPreference.objects.create(user=official, channel="sms", mobile="13700000000")
    assert channel_for(official) == "sms"


def test_the_command_sends_each_leader_one_digest_and_a_rerun_none(
    provider, leader, capsys, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_weekly_digests", "--today", MONDAY.isoformat())
        call_command("send_weekly_digests", "--today", MONDAY.isoformat())
    assert capsys.readouterr().out.splitlines() == ["digests 1", "digests 0"]
    assert len(provider.accepted("/dingtalk")) == 1


def test_a_digest_costs_the_same_few_queries_whatever_the_number_of_projects(leader, django_assert_max_num_queries):
    from notify.digest import weekly_digest_text
    from projects.models import Assignment, Milestone, Project

    for n in range(40):
        project = Project.objects.create(name=f"批量项目{n}", planned_start=date(2020, 1, 1))
        Assignment.objects.create(person=leader, project=project)
        Milestone.objects.create(project=project, name="开工", planned_date=date(2020, 3, 1))
    with django_assert_max_num_queries(5):
        text = weekly_digest_text(leader, MONDAY)
    assert "批量项目0" in text
