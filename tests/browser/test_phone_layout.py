"""At 375 px: the header is one line, list filters fold behind one button, list rows are cards. At 1280 px the
filters are simply there. Screenshots go to docs/screenshots/ (look at them after a change to the layout)."""


import pytest
from django.utils import timezone

from alerts.services import alerts_flag
from meetings.models import Meeting
from projects.management.commands.generate_synthetic import generate
from projects.models import Project

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def zone(db):
    generate(projects=30, seed=11)
    alerts_flag()


@pytest.fixture
def phone(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_on_a_phone_the_header_is_one_line_and_its_menu_opens(phone, log_in, live_server, official, zone):
    log_in(phone, official)
    phone.goto(f"{live_server.url}/projects/")
    header, brand, button = _box(phone, ".site-header"), _box(phone, ".brand"), _box(phone, ".menu-button")
    assert header["height"] < 64, header
    assert abs(brand["y"] - button["y"]) < 16 and button["x"] + button["width"] <= PHONE["width"]
    assert not phone.locator(".site-nav").is_visible()

    phone.click(".menu-button")
    assert phone.locator(".site-nav").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "phone-menu.png"))
    phone.locator(".site-nav a", has_text="会议").click()
    phone.wait_for_url("**/meetings/")


def test_on_a_phone_filters_fold_behind_one_button_and_rows_are_cards(phone, log_in, live_server, official, zone):
    log_in(phone, official)
    phone.goto(f"{live_server.url}/projects/")
    assert not phone.locator("form.filters").is_visible()
    first_row = _box(phone, "table.projects tbody tr")
    assert first_row["y"] < PHONE["height"], "the list starts on the first screen"
    assert first_row["width"] > PHONE["width"] * 0.85, "a row is a card as wide as the screen"
    name = _box(phone, "table.projects tbody tr td:first-child")
    assert name["width"] > PHONE["width"] * 0.75, "a name has the card's width, not four characters a line"
    label = phone.locator("table.projects tbody tr td[data-label]").first.evaluate(
        "cell => getComputedStyle(cell, '::before').content")
    assert label.strip('"') == "建设单位"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "phone-projects.png"))

    phone.click("details.filter-fold > summary")
    assert phone.locator("form.filters").is_visible()
    stage = Project.objects.values_list("stage", flat=True).first()
    phone.select_option("form.filters select[name=stage]", stage)
    phone.click("form.filters button[type=submit]")
    phone.wait_for_url(f"**/projects/?*stage={stage}*")
    assert phone.locator("table.projects tbody tr").count() == Project.objects.filter(stage=stage).count()
    assert phone.locator("details.filter-fold > summary .badge").inner_text() == "1", "the button says one is on"
    phone.screenshot(path=str(SCREENSHOTS / "phone-projects-filtered.png"))


@pytest.mark.parametrize("path", ["/projects/problems/", "/meetings/", "/alerts/", "/organizations/",
                                  "/alerts/notifications/"])
def test_every_list_folds_its_filters_on_a_phone(phone, log_in, live_server, staff, zone, path):
    log_in(phone, staff)
    phone.goto(f"{live_server.url}{path}")
    assert phone.locator("details.filter-fold > summary").is_visible()
    assert not phone.locator("form.filters").is_visible()
    phone.click("details.filter-fold > summary")
    assert phone.locator("form.filters").is_visible()


def test_on_a_wide_screen_the_filters_are_open_without_a_click(page, log_in, live_server, official, zone):
    log_in(page, official)
    page.goto(f"{live_server.url}/projects/")
    assert page.locator("form.filters").is_visible()
    assert not page.locator("details.filter-fold > summary").is_visible()
    assert page.locator(".site-nav").is_visible() and not page.locator(".menu-button").is_visible()
    page.screenshot(path="/tmp/i13b-wide.png")
    assert page.console_errors == []


def test_staff_log_a_visit_from_a_project_page_with_the_project_and_today_filled_in(phone, log_in, live_server,
                                                                                     staff, zone):
    project = Project.objects.order_by("pk").first()
    log_in(phone, staff)
    phone.goto(f"{live_server.url}{project.get_absolute_url()}")
    phone.click("text=记录调研")
    phone.wait_for_url("**/meetings/new/?project=*")
    assert phone.locator("ul.picked li").inner_text().strip() == project.name
    assert phone.input_value("#id_date") == timezone.localdate().isoformat()
    assert phone.input_value("#id_problems-0-project") == project.name
    phone.fill("#id_title", "现场调研")
    phone.fill("#id_location", "项目现场")
    phone.click("form.log-form button[type=submit].primary")
    phone.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(title="现场调研")
    assert list(meeting.projects.all()) == [project] and meeting.date == timezone.localdate()

    phone.goto(f"{live_server.url}{project.get_absolute_url()}")
    phone.click("text=添加问题")
    phone.wait_for_url("**/problems/new/?project=*")
    assert phone.input_value("#id_project") == project.name
