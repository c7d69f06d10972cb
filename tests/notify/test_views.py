"""The user's channel page, the digest button on 'my work', and who may open the send log."""

import pytest
from django.urls import reverse

from notify.models import ChannelPreference, Delivery

pytestmark = pytest.mark.django_db


def test_a_user_chooses_their_own_channel(client_as, staff):
    client = client_as(staff)
    assert client.get(reverse("notify:preferences")).status_code == 200
    response = client.post(reverse("notify:preferences"), {"channel": "dingtalk", "mobile": "13800000000"})
    assert response.status_code == 302
    assert ChannelPreference.objects.filter(user=staff).values_list("channel", "mobile").get() == (
        "dingtalk",
        "13800000000",
    )


def test_sms_without_a_mobile_number_is_refused_and_changes_nothing(client_as, staff):
    ChannelPreference.objects.create(user=staff, channel="mail")
    response = client_as(staff).post(reverse("notify:preferences"), {"channel": "sms", "mobile": ""})
    assert response.status_code == 200
    assert "SMS needs a mobile number." in response.content.decode() or "短信需要手机号码" in response.content.decode()
    assert ChannelPreference.objects.get(user=staff).channel == "mail"


def test_a_malformed_mobile_number_is_refused(client_as, staff):
    response = client_as(staff).post(reverse("notify:preferences"), {"channel": "dingtalk", "mobile": "12345"})
    assert response.status_code == 200
    assert not ChannelPreference.objects.exists()


def test_my_work_links_to_the_channel_page_and_offers_the_digest(client_as, leader):
    page = client_as(leader.user).get(reverse("dashboard:me")).content.decode()
    assert reverse("notify:preferences") in page
    assert reverse("notify:digest_now") in page


def test_the_digest_button_sends_it_once_a_day(client_as, leader, provider, django_capture_on_commit_callbacks):
    client = client_as(leader.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("notify:digest_now")).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notify:digest_now"))
    (request,) = provider.accepted("/dingtalk")
    assert "测试滞后项目" in request["body"]["markdown"]["text"]


def test_the_digest_button_answers_only_post(client_as, leader):
    assert client_as(leader.user).get(reverse("notify:digest_now")).status_code == 405


@pytest.mark.parametrize(("who", "status"), [("official", 403), ("staff", 403), ("admin", 200), (None, 302)])
def test_only_admins_open_the_send_log(request, client_as, who, status):
    user = request.getfixturevalue(who) if who else None
    assert client_as(user).get(reverse("notify:send_log")).status_code == status


def test_resend_refuses_staff_and_get_and_a_delivery_not_failed(client_as, staff, admin, leader):
    from alerts.models import Notification

    notification = Notification.objects.create(user=leader.user, kind="weekly", message="x", for_date="2020-07-06")
    delivery = Delivery.objects.create(notification=notification, user=leader.user, channel="dingtalk", status="sent")
    url = reverse("notify:resend", args=[delivery.pk])
    assert client_as(staff).post(url).status_code == 403
    assert client_as(admin).get(url).status_code == 405
    client_as(admin).post(url)
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    client_as(admin).post(reverse("notify:resend", args=[999999]))  # missing: a message, nothing changes


def test_the_weekly_schedule_is_monday_eight_in_shanghai(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="notify.tasks.send_weekly_digests")
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, str(crontab.timezone)) == (
        "0",
        "8",
        "1",
        "Asia/Shanghai",
    )


def test_a_delivery_stuck_sending_past_the_time_limit_can_be_resent_and_a_fresh_one_cannot(
    client_as, admin, leader, provider, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from alerts.models import Notification

    notification = Notification.objects.create(user=leader.user, kind="weekly", message="x", for_date="2020-07-06")
    stuck = Delivery.objects.create(
        notification=notification, user=leader.user, channel="dingtalk", status="sending",
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    client = client_as(admin)
    page = client.get(reverse("notify:send_log") + "?status=sending").content.decode()
    assert reverse("notify:resend", args=[stuck.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notify:resend", args=[stuck.pk]))
    stuck.refresh_from_db()
    assert stuck.status == "sent" and len(provider.accepted("/dingtalk")) == 1

    Delivery.objects.filter(pk=stuck.pk).update(status="sending", claimed_at=timezone.now())
    client.post(reverse("notify:resend", args=[stuck.pk]))
    assert Delivery.objects.get(pk=stuck.pk).status == "sending"
