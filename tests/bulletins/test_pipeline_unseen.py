"""Bulletins the parser was not built on: what a user would check after an import."""

import datetime
from pathlib import Path

import pytest

from bulletins.pipeline import KnownNames, parse

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def inspection():
    text = (DATA / "unseen_002.txt").read_text(encoding="utf-8")
    return parse(text, datetime.date(2020, 11, 9)).to_schema()


@pytest.fixture(scope="module")
def groundbreaking():
    text = (DATA / "unseen_003.txt").read_text(encoding="utf-8")
    return parse(text, datetime.date(2021, 1, 10)).to_schema()


def _by_name(items):
    return {item["name"]: item for item in items}


def test_people_and_posts(inspection):
    people = _by_name(inspection["people"])
    assert set(people) == {"魏明远", "韩丽娟", "欧阳志强"}
    assert people["魏明远"]["titles"][0]["title"] == "区长"
    posts = {(t["title"], t["organization"]) for t in people["韩丽娟"]["titles"]}
    assert ("党工委副书记", "高新区") in posts
    assert any(title == "常务副主任" for title, _ in posts)


def test_projects_investment_capacity_and_builder(inspection):
    projects = _by_name(inspection["projects"])
    battery = projects["南通恒拓新能源动力电池项目"]
    assert battery["enterprise"] == "恒拓新能源科技(南通)股份有限公司"
    assert battery["investment_yuan"] == 3_650_000_000
    assert {"value": 8, "unit": "GWh"}.items() <= battery["capacities"][0].items()
    assert battery["phases"][0]["name"] == "一期" and battery["phases"][0]["investment_yuan"] == 1_200_000_000
    assert battery["milestones"][0]["planned_date"] == "2020-12-31"
    bearing = projects["蓝岭(常州)精密轴承有限公司高端轴承扩建项目"]
    assert bearing["investment_yuan"] == 80_000_000
    assert bearing["capacities"][0]["value"] == 1_200_000 and bearing["capacities"][0]["unit"] == "套/年"
    second_phase = {"name": "二期开工", "phase": "二期", "planned_date": "2021-03-31"}
    assert second_phase.items() <= bearing["milestones"][0].items()


def test_inspection_event(inspection):
    (event,) = inspection["events"]
    assert event["date"] == "2020-11-03" and event["part_of_day"] == "下午" and event["kind"] == "inspection"
    # 欧阳志强 briefed the visitors on site (`总经理欧阳志强介绍了项目推进情况`): he was there.
    assert event["people"] == ["魏明远", "韩丽娟", "欧阳志强"]
    assert event["roles"] == {"魏明远": "带队", "韩丽娟": "陪同", "欧阳志强": "参加"}
    assert len(event["projects"]) == 2


def test_indicator_with_growth(inspection):
    indicator, growth = inspection["indicators"]
    assert indicator["value"] == 32_640_000_000 and indicator["unit"] == "元" and indicator["period"] == "1-10月"
    assert indicator["growth_percent"] == 8.2 and "营业收入" in indicator["name"]
    # The growth rate is an indicator of its own too, named after its figure, as real articles' references read it.
    assert growth["value"] == 8.2 and growth["unit"] == "%" and growth["name"] == indicator["name"] + "同比增长"


def test_groundbreaking_and_symposium(groundbreaking):
    first, second = groundbreaking["events"]
    assert (first["date"], first["kind"]) == ("2020-12-28", "groundbreaking")
    assert set(first["people"]) == {"彭嘉禾", "魏明远", "谷振东", "乔文斌"}
    assert first["roles"]["魏明远"] == "主持"
    # Issued in January: a December date belongs to the previous year.
    assert (second["date"], second["kind"]) == ("2021-01-06", "symposium")
    assert second["people"] == ["沈一帆", "贺天明"]
    orgs = _by_name(groundbreaking["organizations"])
    assert {"宁川储能科技有限公司", "华屹重工集团有限公司", "青禾微电子", "瑞驰精工", "博远新材"} <= set(orgs)
    project = _by_name(groundbreaking["projects"])["宁川储能年产10万吨储能材料项目"]
    assert project["enterprise"] == "宁川储能科技有限公司" and project["investment_yuan"] == 1_800_000_000
    assert {"value": 100_000, "unit": "吨/年"}.items() <= project["capacities"][0].items()
    assert project["milestones"][0]["planned_date"] == "2022-06-30"


def test_no_generic_project_names(groundbreaking, inspection):
    names = [p["name"] for p in groundbreaking["projects"] + inspection["projects"]]
    assert not any("重大项目" in n or n == "项目" for n in names)


def test_known_names_help_untitled_people():
    text = "9月2日上午,柯望舒到园区走访企业。\n"
    assert parse(text, datetime.date(2020, 9, 5)).to_schema()["people"] == []
    known = KnownNames(people=["柯望舒"])
    result = parse(text, datetime.date(2020, 9, 5), known).to_schema()
    assert [p["name"] for p in result["people"]] == ["柯望舒"]
    assert result["events"][0]["people"] == ["柯望舒"]
