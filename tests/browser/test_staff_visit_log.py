"""A staff member logs the 8月5日 inspection of seed bulletin 000 from scratch, on a phone-sized screen.

Bulletin: the mayor inspected two assigned major industrial projects (上午), the zone's Party secretary
attended; problems of funding, land and power supply, land-use approval, foreign experts and finance;
requirements to plan in detail and fight with the chart on the wall, and to seek national fund support.
"""

import time

import pytest
from django.contrib.auth.models import Group, User

from accounts.roles import Role
from enterprises.models import Organization, Person, Position
from meetings.models import Attendance, Meeting
from projects.models import ProblemCategory, Project

PASSWORD = "correct-horse-battery-staple"
THIN_FILM = "徐州铜钢镓硒薄膜太阳能电池生产线项目"
WAFER = "徐州鑫晶半导体大硅片项目"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(browser, live_server, settings):
    """A phone-sized page (375 × 812, touch) in the session's browser."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def zone(db):
    """The people and projects of the bulletin, as the tracker would already know them."""
    staff_user = User.objects.create_user(username="zhuchang", password=PASSWORD)
    staff_user.groups.add(Group.objects.get_or_create(name=Role.STAFF.value)[0])
    city = Organization.objects.create(name="徐州市人民政府", kind=Organization.Kind.GOVERNMENT)
    zone_committee = Organization.objects.create(name="徐州经济技术开发区党工委", kind=Organization.Kind.GOVERNMENT)
    mayor = Person.objects.create(name="庄兆林")
    Position.objects.create(person=mayor, organization=city, title="市长")
    secretary = Person.objects.create(name="李淑侠")
    Position.objects.create(person=secretary, organization=zone_committee, title="党工委书记")
    for name in ("资金", "用地审批"):
        ProblemCategory.objects.get_or_create(name=name)
    Project.objects.create(name=THIN_FILM)
    Project.objects.create(name=WAFER)
    return staff_user


def pick_person(page, field_id, typed, name):
    page.fill(f"#{field_id}", typed)
    page.locator(".typeahead-option", has_text=name).first.click()


def pick_project(page, box_id, typed, name):
    """Project pickers are type-ahead search boxes (lib/widgets.py): the page never lists every project."""
    pick_person(page, box_id, typed, name)


def test_staff_log_the_august_5_inspection_on_a_phone(live_server, browser_page, zone):
    page = browser_page
    started = time.monotonic()

    page.goto(f"{live_server.url}/accounts/login/?next=/meetings/new/")
    page.fill("#id_username", "zhuchang")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit].primary")
    page.wait_for_url("**/meetings/new/")

    page.select_option("#id_kind", "inspection")
    page.fill("#id_date", "2020-08-05")
    page.select_option("#id_part_of_day", "上午")
    page.fill("#id_location", "徐州经济技术开发区")
    page.fill("#id_title", "市长到开发区专题调研包挂重大产业项目")
    pick_project(page, "id_projects", "薄膜", THIN_FILM)
    pick_project(page, "id_projects", "硅片", WAFER)
    assert page.locator("ul.picked li").count() == 2
    page.fill("#id_summary", "先后深入两个项目建设现场，了解项目进展，解决面临难题，全力推进项目尽快投产达效。")

    pick_person(page, "id_attendances-0-name", "庄", "庄兆林")
    page.select_option("#id_attendances-0-role", "led")
    pick_person(page, "id_attendances-1-name", "李淑", "李淑侠")
    page.select_option("#id_attendances-1-role", "attended")

    pick_project(page, "id_problems-0-project", "薄膜", THIN_FILM)
    page.select_option("#id_problems-0-category", label="资金")
    page.fill("#id_problems-0-description", "资金、供地、供电等问题")
    page.fill("#id_problems-0-owner_unit_name", "徐州经开区")
    page.fill("#id_problems-0-due_date", "2020-09-05")
    page.click("[data-formset-add=problems]")
    pick_project(page, "id_problems-1-project", "薄膜", THIN_FILM)
    page.select_option("#id_problems-1-category", label="用地审批")
    page.fill("#id_problems-1-description", "用地审批、协调外国专家来徐、金融服务")
    page.fill("#id_problems-1-owner_unit_name", "市各相关部门")

    pick_project(page, "id_requirements-0-project", "薄膜", THIN_FILM)
    page.fill("#id_requirements-0-text", "细排计划、挂图作战，全力加快项目建设")
    pick_person(page, "id_requirements-0-issued_by_name", "庄", "庄兆林")
    page.fill("#id_requirements-0-follow_up_unit_name", "徐州经开区")
    page.fill("#id_requirements-0-follow_up_due_date", "2020-08-31")
    page.click("[data-formset-add=requirements]")
    pick_project(page, "id_requirements-1-project", "硅片", WAFER)
    page.fill("#id_requirements-1-text", "积极向上争取国家集成电路、先进制造业基金的支持")
    page.fill("#id_requirements-1-issued_by_name", "庄兆林")

    page.click("form.log-form button[type=submit].primary")
    page.wait_for_url("**/meetings/*/")
    page.click("form[action$='/confirm/'] button")
    page.wait_for_url("**/meetings/*/")
    elapsed = time.monotonic() - started
    print(f"\nlogged the 8月5日 inspection in {elapsed:.1f} s")

    text = page.inner_text("main")
    expected_texts = (
        "庄兆林", "市长", "李淑侠", THIN_FILM, WAFER, "资金、供地、供电等问题", "细排计划、挂图作战", "徐州经开区",
    )
    for expected in expected_texts:
        assert expected in text
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.date.isoformat() == "2020-08-05"
    roles = dict(Attendance.objects.filter(meeting=meeting).values_list("person__name", "role"))
    assert roles == {"庄兆林": "led", "李淑侠": "attended"}
    assert Person.objects.filter(name="庄兆林").count() == 1
    assert meeting.problems.count() == 2 and meeting.requirements.count() == 2
    assert elapsed < 300
