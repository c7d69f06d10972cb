"""Red alerts come before yellow ones: severity sorts by its rank, not by its text ('red' < 'yellow')."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Rule, Severity, SubjectType
from alerts.selectors import alerts_for_page
from projects.models import Milestone


def _alert(project, name, severity, flagged_days_ago):
    milestone = Milestone.objects.create(project=project, name=name, planned_date=date(2020, 6, 1))
    moment = timezone.now() - timezone.timedelta(days=flagged_days_ago)
    return Alert.objects.create(rule=Rule.OVERDUE_MILESTONE, subject_type=SubjectType.MILESTONE, project=project,
                                milestone=milestone, severity=severity, first_flagged=moment, last_seen=moment)


def test_the_alert_list_shows_red_before_yellow_whatever_their_age(project, client_as, official):
    _alert(project, "新近黄色节点", Severity.YELLOW, 1)
    _alert(project, "早先红色节点", Severity.RED, 9)

    assert [a.severity for a in alerts_for_page()] == [Severity.RED, Severity.YELLOW]
    page = client_as(official).get(reverse("alerts:list")).content.decode()
    assert page.index("早先红色节点") < page.index("新近黄色节点")
