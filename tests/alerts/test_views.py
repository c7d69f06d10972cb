"""The alerts and notifications pages: each role, wrong method, missing object, bounded queries."""

from datetime import date

import pytest
from django.urls import reverse

from alerts.models import Alert, Notification
from alerts.services import alerts_flag
from projects.models import Milestone, Project

LIST = reverse("alerts:list")
NOTIFICATIONS = reverse("alerts:notifications")


@pytest.fixture
def flagged(milestone, problem, follow_up, assigned):
    alerts_flag(today=date(2020, 7, 2))


def test_an_official_sees_the_open_alerts(client_as, official, flagged):
    response = client_as(official).get(LIST)
    assert response.status_code == 200
    assert "一期投产" in response.content.decode()
    assert "资金缺口需协调" in response.content.decode()


def test_the_alert_list_can_show_only_my_projects(client_as, official, staff, flagged):
    Project.objects.create(name="无人包挂项目")
    Milestone.objects.create(
        project=Project.objects.get(name="无人包挂项目"), name="无人节点", planned_date=date(2020, 6, 1)
    )
    alerts_flag(today=date(2020, 7, 2))
    mine = client_as(official).get(LIST, {"mine": "true"}).content.decode()
    assert "一期投产" in mine and "无人节点" not in mine
    # Staff are linked to no person, so to no project.
    staff_mine = client_as(staff).get(LIST, {"mine": "true"}).content.decode()
    assert "一期投产" not in staff_mine and "无人节点" not in staff_mine
    assert "无人节点" in client_as(staff).get(LIST).content.decode()


def test_the_alert_list_hides_resolved_alerts_unless_asked(client_as, official, flagged, milestone):
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2020, 7, 3))
    alerts_flag(today=date(2020, 7, 4))
    assert "一期投产" not in client_as(official).get(LIST).content.decode()
    assert "一期投产" in client_as(official).get(LIST, {"state": "resolved"}).content.decode()


@pytest.mark.parametrize("url", [LIST, NOTIFICATIONS])
def test_every_role_may_open_the_pages(client_as, official, staff, admin, url):
    for user in (official, staff, admin):
        assert client_as(user).get(url).status_code == 200


@pytest.mark.parametrize("url", [LIST, NOTIFICATIONS])
def test_an_outsider_is_refused_and_a_visitor_sent_to_log_in(client_as, outsider, url):
    assert client_as(outsider).get(url).status_code == 403
    response = client_as(None).get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("url", [LIST, NOTIFICATIONS])
def test_the_pages_refuse_a_post(client_as, official, url):
    assert client_as(official).post(url).status_code == 405


def test_an_official_sees_their_notifications_and_the_unread_count(client_as, official, flagged):
    response = client_as(official).get(NOTIFICATIONS)
    assert response.status_code == 200
    assert response.context["unread_notifications"] == 3
    assert "一期投产" in response.content.decode()


def test_marking_a_notification_read_lowers_the_unread_count(client_as, official, flagged):
    notification = Notification.objects.filter(user=official).first()
    client = client_as(official)
    response = client.post(reverse("alerts:notification_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(NOTIFICATIONS).context["unread_notifications"] == 2


def test_mark_all_read_clears_the_count(client_as, official, flagged):
    client = client_as(official)
    assert client.post(reverse("alerts:notification_read_all")).status_code == 302
    assert client.get(NOTIFICATIONS).context["unread_notifications"] == 0


def test_marking_read_refuses_a_get(client_as, official, flagged):
    notification = Notification.objects.filter(user=official).first()
    assert client_as(official).get(reverse("alerts:notification_read", args=[notification.pk])).status_code == 405
    assert client_as(official).get(reverse("alerts:notification_read_all")).status_code == 405


def test_nobody_may_mark_someone_elses_notification(client_as, staff, official, flagged):
    notification = Notification.objects.filter(user=official).first()
    assert client_as(staff).post(reverse("alerts:notification_read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_a_missing_notification_answers_404(client_as, official, db):
    assert client_as(official).post(reverse("alerts:notification_read", args=[999999])).status_code == 404


def test_an_outsider_cannot_mark_notifications(client_as, outsider, db):
    assert client_as(outsider).post(reverse("alerts:notification_read_all")).status_code == 403


@pytest.mark.parametrize("url", [LIST, NOTIFICATIONS])
def test_the_pages_cost_the_same_queries_for_few_or_many_alerts(
    client_as, official, project, flagged, url, django_assert_max_num_queries
):
    client = client_as(official)
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    Milestone.objects.bulk_create(
        Milestone(project=project, name=f"节点{n}", planned_date=date(2020, 6, 20)) for n in range(60)
    )
    alerts_flag(today=date(2020, 7, 3))
    assert Alert.objects.count() > 60 and Notification.objects.filter(user=official).count() > 60
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 50
