"""What real news articles do that the seed bulletins do not (issue 12), on made-up text of the same shapes."""

import datetime

import pytest

from bulletins.pipeline import KnownNames, parse

GROUNDBREAKING = """投资120亿元的华芯半导体封测项目在经开区开工
发布时间:2021-09-18 10:15

2021年9月16日上午,经开区2021年三季度重大项目集中开工仪式举行。党工委书记王海,党工委副书记、管委会主任李东,赵明、钱亮、孙伟等区领导出席。王海宣布项目开工。本次集中开工的9个重大项目总投资约25亿元,包括总投资8亿元的华瑞智能装备项目、总投资2.5亿元的金石新材料项目及总投资1亿元的恒远机械配件等项目。

徐州华芯半导体封测项目(以下简称“华芯项目”)由江苏华芯微电子有限公司投资建设,规划产能各20万片/月,达产后年产芯片240万片/年。华芯项目一期计划明年6月投产。

同日,区综合管廊工程和金山大道东延工程也开工建设。王海说,要加快推进项目建设。

2021-09-17,王海随同市领导调研恒通储能项目。该项目建设12GWh储能电池生产线,并配套年产1.5万台套/年储能柜。
"""

REPORT = """某某日报讯(记者 周敏)上半年,全区实现地区生产总值512.3亿元,同比增长8.5%。\
重大项目完成投资86.4亿元,占年度计划的56.2%。

近年来,全区聚集了远航动力、星河光电等一批龙头企业,以天合重工为代表的装备制造企业加快发展。

6月8日下午,区长陈晓东带队调研。远航动力董事长黄志平介绍,远航动力科技(江苏)有限公司年产5万吨高性能纤维项目总投资12亿元。

该项目投产后,预计年产纤维将达到3万吨、纱线2万吨,新增年税收约8000万元。
"""


@pytest.fixture(scope="module")
def groundbreaking():
    return parse(GROUNDBREAKING, datetime.date(2021, 9, 18)).to_schema()


@pytest.fixture(scope="module")
def report():
    return parse(REPORT, datetime.date(2021, 7, 20)).to_schema()


def _projects(result):
    return {p["name"]: p for p in result["projects"]}


def test_a_list_of_projects_gives_each_its_own_investment(groundbreaking):
    projects = _projects(groundbreaking)
    assert projects["华瑞智能装备项目"]["investment_yuan"] == 800_000_000
    assert projects["金石新材料项目"]["investment_yuan"] == 250_000_000
    # `等项目` ends the last name; `及` joins it to the list.
    assert projects["恒远机械配件"]["investment_yuan"] == 100_000_000


def test_a_total_of_many_projects_is_an_indicator_not_a_project_fact(groundbreaking):
    totals = [i for i in groundbreaking["indicators"] if i["value"] == 2_500_000_000]
    assert totals and "总投资" in totals[0]["name"]
    assert all(p["investment_yuan"] != 2_500_000_000 for p in groundbreaking["projects"])


def test_a_short_name_defined_in_brackets_is_the_same_project(groundbreaking):
    projects = _projects(groundbreaking)
    chip = projects["徐州华芯半导体封测项目"]
    assert "华芯项目" in chip["aliases"] and "华芯项目" not in projects
    assert chip["enterprise"] == "江苏华芯微电子有限公司"
    # The headline gives the investment; the body gives the capacities.
    assert chip["investment_yuan"] == 12_000_000_000
    assert {(c["value"], c["unit"]) for c in chip["capacities"]} >= {(200_000, "片/月"), (2_400_000, "片/年")}


def test_capacities_in_gwh_and_sets_a_year(groundbreaking):
    storage = _projects(groundbreaking)["恒通储能项目"]
    assert {(c["value"], c["unit"]) for c in storage["capacities"]} == {(12, "GWh"), (15_000, "台套/年")}


def test_infrastructure_works_are_projects(groundbreaking):
    assert {"区综合管廊工程", "金山大道东延工程"} <= set(_projects(groundbreaking))


def test_people_listed_without_posts_and_names_run_into_verbs(groundbreaking):
    names = [p["name"] for p in groundbreaking["people"]]
    assert names == ["王海", "李东", "赵明", "钱亮", "孙伟"]


def test_dated_events_with_a_year_an_iso_date_and_no_event_from_the_publication_line(groundbreaking):
    events = [(e["date"], e["part_of_day"]) for e in groundbreaking["events"]]
    assert events == [("2021-09-16", "上午"), ("2021-09-17", None)]
    first, second = groundbreaking["events"]
    assert first["kind"] == "groundbreaking" and {"赵明", "钱亮", "孙伟"} <= set(first["people"])
    assert second["people"] == ["王海"] and second["projects"] == ["恒通储能项目"]


def test_figures_in_running_text_and_growth_named_after_its_figure(report):
    indicators = {(i["name"], i["value"], i["unit"]) for i in report["indicators"]}
    assert ("地区生产总值", 51_230_000_000, "元") in indicators
    assert ("地区生产总值同比增长", 8.5, "%") in indicators
    assert ("重大项目完成投资", 8_640_000_000, "元") in indicators
    assert any(value == 56.2 and unit == "%" for _, value, unit in indicators)
    # The project's own investment and what it will earn are not indicators of the zone.
    assert not {1_200_000_000, 80_000_000} & {i["value"] for i in report["indicators"]}


def test_a_dateline_before_the_date_still_dates_the_event(report):
    assert [e["date"] for e in report["events"]] == ["2021-06-08"]


def test_brands_and_their_legal_names(report):
    orgs = {o["name"]: o for o in report["organizations"]}
    assert {"远航动力", "星河光电", "天合重工", "远航动力科技(江苏)有限公司"} <= set(orgs)
    # jieba reads 远航 as a verb; the brand known from the post gives the full name its start.
    assert orgs["远航动力"]["full_name"] == "远航动力科技(江苏)有限公司"
    project = _projects(report)["远航动力科技(江苏)有限公司年产5万吨高性能纤维项目"]
    assert project["investment_yuan"] == 1_200_000_000
    # `该项目投产后…` in the next paragraph: capacities listed after one 年产 share its period.
    assert {(c["value"], c["unit"]) for c in project["capacities"]} >= {(30_000, "吨/年"), (20_000, "吨/年")}


def test_many_database_names_only_those_in_the_text_count():
    known = KnownNames(people=[f"王{chr(0x4e00 + i % 500)}{chr(0x4e00 + i // 500)}" for i in range(20_000)],
                       projects=[f"测试{i}号项目" for i in range(50_000)] + ["恒通储能项目"])
    result = parse(GROUNDBREAKING, datetime.date(2021, 9, 18), known).to_schema()
    assert "恒通储能项目" in _projects(result)
    assert not any(p["name"].startswith("测试") for p in result["projects"])


def test_figures_of_several_categories_get_names_the_store_can_tell_apart():
    text = ("从领域上看,重大创新载体开工8项,包括星河数据中心、蓝海芯片等项目,总投资65亿元;"
            "重大产业项目40项,包括天宇光伏电池片、华锦新材料等项目,总投资255亿元;"
            "重大民生工程6项,包括城北供水管网工程等项目,总投资30亿元。")
    indicators = parse(text, datetime.date(2021, 3, 1)).to_schema()["indicators"]
    assert {i["value"] for i in indicators} == {6_500_000_000, 25_500_000_000, 3_000_000_000}
    # One indicator per name and period in the database: the categories keep them apart.
    assert len({(i["name"], i["period"]) for i in indicators}) == 3
    assert any(i["name"].startswith("重大产业项目") and i["value"] == 25_500_000_000 for i in indicators)
