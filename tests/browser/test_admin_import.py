"""An admin imports a third bulletin through the admin pages in a real browser."""

from pathlib import Path

import pytest

from bulletins.models import Bulletin, Evidence
from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
THIRD = Path(__file__).resolve().parents[1] / "bulletins" / "data" / "unseen" / "001_baogua_inspection.txt"


def test_an_admin_uploads_reviews_and_confirms_a_third_bulletin(page, live_server, log_in, admin):
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    log_in(page, admin)
    page.goto(f"{live_server.url}/admin/bulletins/bulletin/")
    page.click("a[href$='/bulletin/import/']")
    page.set_input_files("input[name=file]", str(THIRD))
    page.fill("input[name=issued_on]", "2021-09-22")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "华腾高纯石英材料项目" in page.content()
    assert page.locator("mark").count() > 0  # names marked in their sentences
    assert Bulletin.objects.count() == 0

    with page.expect_navigation():
        page.click("input[type=submit]")
    assert Bulletin.objects.count() == 1, page.inner_text("main")[:600]
    project = Project.objects.get(name="华腾高纯石英材料项目")
    assert Evidence.objects.filter(object_id=project.pk, content_type__model="project").exists()
    assert page.console_errors == []
