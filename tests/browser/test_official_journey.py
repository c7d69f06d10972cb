"""An official's journey through the dashboards in a real browser (headless Chromium)."""

import csv
import io
from pathlib import Path

import pytest

from alerts.services import alerts_flag
from enterprises.models import Person
from projects.management.commands.generate_synthetic import generate

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def zone(official):
    """Thirty synthetic projects, the daily lag scan run, and the `official` user linked to an assigned person."""
    generate(projects=30, seed=11)
    alerts_flag()
    person = Person.objects.filter(assignments__isnull=False, user__isnull=False).order_by("pk").first()
    person.user = official
    person.save(update_fields=["user"])
    return person


def _drawn_charts(page):
    page.wait_for_selector("[data-chart][data-drawn=true]")
    return page.locator("[data-chart][data-drawn=true]").count()


def test_the_overview_shows_the_projects_and_draws_its_charts(page, log_in, live_server, official, zone):
    log_in(page, official)
    response = page.goto(f"{live_server.url}/")
    assert response.status == 200
    assert page.locator(".figure").count() > 0, page.url + page.inner_text("main")[:2000]
    assert page.locator(".figure .value").first.inner_text() == "30"
    assert _drawn_charts(page) == 4
    assert page.locator("[data-chart] canvas, [data-chart] svg").count() >= 4
    assert page.console_errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)


def test_the_project_list_filters_and_exports(page, log_in, live_server, official, zone):
    log_in(page, official)
    page.goto(f"{live_server.url}/projects/")
    page.select_option("select[name=category]", "industrial")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/projects/?*category=industrial*")
    shown = page.locator("table.projects tbody tr").count()
    assert 0 < shown < 30
    with page.expect_download() as download:
        page.click("text=CSV")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) - 1 == shown
    assert page.console_errors == []


def test_a_project_page_draws_the_milestone_chart(page, log_in, live_server, official, zone):
    log_in(page, official)
    page.goto(f"{live_server.url}/me/")
    page.locator("main table a").first.click()
    page.wait_for_selector("#milestones [data-chart][data-drawn=true] canvas")
    assert _drawn_charts(page) >= 2
    page.click("#milestones summary")
    assert page.locator("#milestones details table tbody tr").count() == 10
    assert page.console_errors == []
    page.screenshot(path=str(SCREENSHOTS / "project.png"), full_page=True)


def test_the_language_switch_turns_the_pages_to_english(page, log_in, live_server, official, zone):
    log_in(page, official)
    page.goto(f"{live_server.url}/")
    page.select_option("#lang-select", "en")
    page.click(".lang-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Zone overview"


def test_the_pages_fit_a_375_pixel_phone_and_start_with_a_skip_link(browser, live_server, log_in, settings, official,
                                                                       zone):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    log_in(phone, official)
    for path in ["/", "/projects/", "/me/", "/report/weekly/", "/report/monthly/"]:
        phone.goto(f"{live_server.url}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        wide = phone.evaluate(
            "[...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > 376 && !e.closest('.table-wrap'))"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
        )
        assert width <= 375, f"{path} is {width}px wide: {wide}"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    context.close()
