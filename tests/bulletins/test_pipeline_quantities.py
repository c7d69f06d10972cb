"""Amounts, capacities and year-less dates."""

import datetime
from decimal import Decimal

import pytest

from bulletins.pipeline.normalising import load_ocr_corrections, normalise
from bulletins.pipeline.quantities import (
    json_number,
    parse_amount,
    parse_capacity,
    planned_date,
    resolve_date,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("22亿元", 2_200_000_000), ("5000万元", 50_000_000), ("94.5亿元", 9_450_000_000), ("186.01亿元", 18_601_000_000),
     ("800元", 800), ("1,200万元", 12_000_000)],
)
def test_amounts(text, value):
    amount = parse_amount(text)
    assert amount.value == Decimal(value) and amount.unit == "元"
    assert json_number(amount.value) == value and isinstance(json_number(amount.value), int)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("20万片/月", 200_000, "片/月"), ("300MW", 300, "MW"), ("10GW", 10, "GW"), ("5.4万吨/年", 54_000, "吨/年"),
     ("年产5000吨", 5000, "吨/年"), ("年产120万套", 1_200_000, "套/年"), ("8GWh", 8, "GWh"), ("50兆瓦", 50, "MW")],
)
def test_capacities(text, value, unit):
    capacity = parse_capacity(text)
    assert (capacity.value, capacity.unit) == (Decimal(value), unit)


def test_plain_counts_are_not_capacities():
    assert parse_capacity("接回返岗员工1000余人") is None
    assert parse_capacity("12英寸半导体大硅片") is None
    assert parse_capacity("5000吨") is None


def test_fraction_is_kept_as_float():
    assert json_number(parse_capacity("2.5MW").value) == 2.5


@pytest.mark.parametrize(
    ("month", "day", "issued", "expected"),
    [
        (8, 5, datetime.date(2020, 8, 10), datetime.date(2020, 8, 5)),
        (12, 28, datetime.date(2021, 1, 10), datetime.date(2020, 12, 28)),  # previous year
        (1, 6, datetime.date(2021, 1, 10), datetime.date(2021, 1, 6)),
        (1, 20, datetime.date(2021, 1, 10), datetime.date(2021, 1, 20)),  # a little after the issue: same year
        (2, 29, datetime.date(2021, 3, 1), datetime.date(2020, 2, 29)),  # no 29 Feb in 2021
        (2, 30, datetime.date(2021, 3, 1), None),
    ],
)
def test_year_from_issue_date(month, day, issued, expected):
    assert resolve_date(month, day, issued) == expected


def test_explicit_year_wins():
    assert resolve_date(6, 1, datetime.date(2020, 1, 1), year=2022) == datetime.date(2022, 6, 1)


@pytest.mark.parametrize(
    ("expr", "reference", "expected"),
    [("月底", datetime.date(2020, 6, 14), datetime.date(2020, 6, 30)),
     ("年底", datetime.date(2020, 6, 14), datetime.date(2020, 12, 31)),
     ("明年3月", datetime.date(2020, 11, 3), datetime.date(2021, 3, 31)),
     ("9月底", datetime.date(2020, 6, 14), datetime.date(2020, 9, 30)),
     ("2022年6月", datetime.date(2020, 12, 28), datetime.date(2022, 6, 30)),
     ("三季度", datetime.date(2020, 6, 14), datetime.date(2020, 9, 30))],
)
def test_planned_dates(expr, reference, expected):
    assert planned_date(expr, reference) == expected


def test_ocr_table_is_data_and_custom_copy_is_used(tmp_path):
    assert ("铜钢镓硒", "铜铟镓硒") in load_ocr_corrections()
    custom = tmp_path / "ocr.tsv"
    custom.write_text("# admin copy\n甲乙\t甲丙丁\n", encoding="utf-8")
    table = load_ocr_corrections(custom)
    norm = normalise("前甲乙后", table)
    assert norm.text == "前甲丙丁后"
    assert norm.to_original(1, 4) == (1, 3)


def test_page_break_join_and_punctuation_mapping():
    original = "项目作为重大项目,行业影响\n\n\n\n大,社会关注度高。\n\n下一段标题\n\n8月6日上午,召开会议。"
    norm = normalise(original, ())
    assert "行业影响大,社会关注度高。" in norm.text
    assert "下一段标题\n" in norm.text
    start = norm.text.index("影响大")
    o_start, o_end = norm.to_original(start, start + 3)
    assert original[o_start:o_end] == "影响\n\n\n\n大"
