"""Playwright driving Debian's Chromium against pytest-django's live server.

Never `playwright install`: the browser is the system's /usr/bin/chromium (apt-get install chromium).
"""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# The README's pictures are retaken on request (SCREENSHOTS=1 make test); otherwise screenshots go to a temporary
# folder, so a test run leaves the work tree as it found it.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots" if os.environ.get("SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "xzkf-screenshots"
)
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "correct-horse-battery-staple"  # the password tests/conftest.py gives every user

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    opened.on("pageerror", lambda error: opened.console_errors.append(str(error)))
    opened.on("response", lambda response: response.status >= 400 and opened.console_errors.append(
        f"{response.status} {response.url}"
    ))
    yield opened
    context.close()


@pytest.fixture
def log_in(live_server):
    def do(page, user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        return page

    return do
