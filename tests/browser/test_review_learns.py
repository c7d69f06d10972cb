"""In a real browser: paste a bulletin, merge a proposal into the similar project, set a problem's deadline,
confirm; the bulletin is listed under its title; pasting it again is refused with a link to it."""

import pytest

from bulletins.models import Bulletin, ImportJob
from projects.models import Problem, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISIT = """区长张明到开发区专题调研包挂重大产业项目
8月5日上午,区长张明到开发区专题调研包挂重大产业项目,先后深入华瑞智能装备项目、恒远机械配件项目建设现场,了解项目进展。
华瑞智能装备项目,由江苏华瑞智能装备科技发展有限公司建设,项目总投资8亿元。张明指出,开发区要加强服务,帮助解决好资金、供地、供电等问题。
"""


def test_an_admin_merges_sets_a_deadline_and_is_stopped_from_importing_twice(page, live_server, log_in, admin):
    existing = Project.objects.create(name="徐州恒远机械配件项目")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    log_in(page, admin)
    page.goto(f"{live_server.url}/admin/bulletins/bulletin/import/")
    page.fill("textarea[name=text]", VISIT)
    page.fill("input[name=issued_on]", "2020-08-10")
    with page.expect_navigation():
        page.click("input[type=submit]")

    job = ImportJob.objects.get()
    index = [p["name"] for p in job.extraction["projects"]].index("恒远机械配件项目")
    merge = page.locator(f"select[name=merge-projects-{index}]")
    assert merge.input_value() == str(existing.pk)  # the similar project, proposed
    assert page.input_value("input[name=title]") == "区长张明到开发区专题调研包挂重大产业项目"
    assert page.input_value("input[name=owner-problems-0]") == "张明"
    page.fill("input[name=due_date-problems-0]", "2020-09-15")
    with page.expect_navigation():
        page.click("input[type=submit][value]:not([name])")
    assert Bulletin.objects.count() == 1, page.inner_text("main")[:600]
    existing.refresh_from_db()
    assert "恒远机械配件项目" in existing.aliases
    assert not Project.objects.filter(name="恒远机械配件项目").exists()
    assert Problem.objects.filter(due_date="2020-09-15", owner_person__name="张明").exists()

    page.goto(f"{live_server.url}/bulletins/")
    with page.expect_navigation():
        page.click("text=区长张明到开发区专题调研包挂重大产业项目")
    assert "/bulletins/" in page.url

    page.goto(f"{live_server.url}/admin/bulletins/bulletin/import/")
    page.fill("textarea[name=text]", VISIT)
    page.fill("input[name=issued_on]", "2020-08-10")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert ImportJob.objects.count() == 1
    with page.expect_navigation():
        page.click(".errorlist a")
    assert f"/admin/bulletins/bulletin/{Bulletin.objects.get().pk}/change/" in page.url
    assert page.console_errors == []
