"""批示 and 催办 in a real browser (headless Chromium)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from enterprises.models import Person
from meetings.models import FollowUp, Meeting, Requirement
from notify.models import Chase
from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(db):
    return Project.objects.create(name="浏览器批示项目", planned_start=timezone.localdate() - timedelta(days=100))


@pytest.fixture
def owner(db):
    return Person.objects.create(name="浏览器承办人", user=User.objects.create_user("owner"))


def test_an_official_writes_an_instruction_and_sees_it_on_the_project_page(page, log_in, live_server, official,
                                                                          project, owner):
    Person.objects.create(name="浏览器领导", user=official)
    log_in(page, official)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.click("text=写批示")
    page.fill("textarea[name=text]", "抓紧办理施工许可")
    page.select_option("select[name=owner_person]", label="浏览器承办人")
    page.fill("input[name=due_date]", (timezone.localdate() + timedelta(days=7)).isoformat())
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(project.get_absolute_url())
    main = page.inner_text("main")
    assert "抓紧办理施工许可" in main and "浏览器领导" in main
    assert FollowUp.objects.get().owner_person == owner
    assert page.console_errors == []


def test_staff_chase_an_overdue_follow_up_from_the_project_page(page, log_in, live_server, staff, project, owner):
    meeting = Meeting.objects.create(date=timezone.localdate() - timedelta(days=20), title="专题调研")
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="尽快完成环评")
    FollowUp.objects.create(requirement=requirement, owner_person=owner,
                            due_date=timezone.localdate() - timedelta(days=2))
    log_in(page, staff)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.click("button:has-text('催办')")
    page.wait_for_load_state()
    assert Chase.objects.get().owner == owner.user
    assert "staff → owner" in page.inner_text("main")
    assert page.console_errors == []
