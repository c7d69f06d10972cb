"""Staff set up a project's plan and post a site photo from its page; the official then sees both.

At a desk (1366 px) and on a phone (375 px): the template applied, a milestone marked reached from the
chart's table, a photo uploaded from the photo wall; then the official's chart and wall.
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw

from projects.models import Attachment, Milestone, Project
from projects.services import attachment_create

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"
VIEWPORTS = {"desk": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 812}}


def site_photo(path: Path, taken: datetime.datetime) -> Path:
    """A made-up construction-site photo, with the date taken in its EXIF like a phone camera writes it."""
    image = Image.new("RGB", (1600, 1200), (135, 180, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 800, 1600, 1200), fill=(150, 120, 90))
    for x in range(200, 1400, 300):
        draw.rectangle((x, 380, x + 220, 800), fill=(190, 190, 185), outline=(90, 90, 90), width=8)
    draw.line((1450, 150, 1450, 800), fill=(230, 170, 30), width=24)
    draw.line((1000, 170, 1560, 170), fill=(230, 170, 30), width=18)
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", exif=exif, quality=85)
    return path


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def open_as(browser, live_server, settings):
    """open_as(user, viewport) → a logged-in page of that size, collecting errors like the shared `page`."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    contexts = []

    def make(user, viewport):
        phone = viewport["width"] < 500
        context = browser.new_context(viewport=viewport, locale="zh-CN", is_mobile=phone, has_touch=phone)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("response", lambda response: response.status >= 400 and page.errors.append(
            f"{response.status} {response.url}"
        ))
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", VIEWPORTS, ids=list(VIEWPORTS))
def test_staff_plan_and_photograph_then_the_official_sees_them(
    size, open_as, live_server, staff, official, media_in_tmp, tmp_path
):
    today = timezone.localdate()
    project = Project.objects.create(
        name="高端装备制造产业园项目", category=Project.Category.INDUSTRIAL,
        planned_start=today - datetime.timedelta(days=120), planned_production=today + datetime.timedelta(days=400),
    )
    viewport = VIEWPORTS[size]
    for days, caption in ((30, "场地平整"), (9, "基础施工")):
        earlier = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time(10))
        path = site_photo(tmp_path / f"earlier-{days}.jpg", earlier)
        attachment_create(project=project, upload=SimpleUploadedFile(path.name, path.read_bytes()), user=staff,
                          caption=caption)

    # Staff: the empty chart offers the template; applying it fills the plan.
    page = open_as(staff, viewport)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.locator("#milestones").get_by_role("link", name="套用模板").click()
    page.wait_for_url(f"**/projects/{project.pk}/plan/#template")
    page.fill("#id_start", (today - datetime.timedelta(days=60)).isoformat())
    page.fill("#id_end", (today + datetime.timedelta(days=420)).isoformat())
    page.locator("#template").get_by_role("button", name="套用模板").click()
    page.wait_for_url(f"**/projects/{project.pk}/plan/")
    rows = page.locator("table.plan tbody tr")
    assert rows.count() == 8
    assert rows.first.inner_text().startswith("1")
    assert "签约" in rows.first.inner_text() and "达产" in rows.last.inner_text()
    if size == "desk":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "plan-editor.png"), full_page=True)

    # Staff: mark the first milestone reached from the row of the chart's table.
    page.get_by_role("link", name="返回项目挂图").click()
    page.wait_for_selector("#milestones [data-chart][data-drawn=true]")
    signing = Milestone.objects.get(project=project, name="签约")
    page.locator(f"#milestone-{signing.pk}").get_by_role("link", name="标记完成").click()
    page.wait_for_url(f"**/projects/milestones/{signing.pk}/reached/")
    assert page.input_value("#id_actual_date") == today.isoformat()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/projects/{project.pk}/#milestone-{signing.pk}")
    assert "已完成" in page.locator(f"#milestone-{signing.pk}").inner_text()

    # Staff: a site photo from the photo wall's button; on a phone the picker offers the camera.
    page.locator("#photos").get_by_role("link", name="上传现场照片").click()
    picker = page.locator("input[type=file]")
    assert picker.get_attribute("accept") == "image/*" and picker.get_attribute("capture") == "environment"
    taken = datetime.datetime.combine(today - datetime.timedelta(days=2), datetime.time(9, 30))
    picker.set_input_files(str(site_photo(tmp_path / "IMG_0001.jpg", taken)))
    page.fill("#id_caption", "主体厂房钢结构吊装")
    page.get_by_role("button", name="上传").click()
    page.wait_for_url(f"**/projects/{project.pk}/#photos")
    assert page.errors == []
    photo = Attachment.objects.get(project=project, original_name="IMG_0001.jpg")
    assert timezone.localtime(photo.taken_at).date() == taken.date()

    # The official: the milestone reached on the chart, the photo on the wall, the original on click.
    page = open_as(official, viewport)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.wait_for_selector("#milestones [data-chart][data-drawn=true]")
    chart_rows = page.evaluate("JSON.parse(document.getElementById('milestone-chart-data').textContent).rows")
    assert [r["actual"] for r in chart_rows if r["name"] == "签约"] == [today.isoformat()]
    assert page.locator("#milestones").get_by_role("link", name="标记完成").count() == 0
    wall = page.locator("#photos .photo-wall li")
    assert wall.count() == 3
    newest = wall.first
    assert "主体厂房钢结构吊装" in newest.inner_text() and taken.date().isoformat() in newest.inner_text()
    assert "场地平整" in wall.last.inner_text()
    thumbnail = newest.locator("img")
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert page.evaluate("img => img.naturalWidth", thumbnail.element_handle()) <= 480
    with page.context.expect_page() as opened:
        thumbnail.click()
    original = opened.value
    original.wait_for_load_state()
    size_shown = original.evaluate("() => { const i = document.querySelector('img'); return i && i.naturalWidth; }")
    assert size_shown == 1600
    assert page.errors == []
    page.locator("#photos").screenshot(path=str(SCREENSHOTS / f"photo-wall-{size}.png"))
