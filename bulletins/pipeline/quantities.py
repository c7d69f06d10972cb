"""Amounts of money, capacities with units, and dates without a year."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_MULTIPLIERS = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000,
                "千万": 10_000_000, "亿": 100_000_000, "万亿": 10**12}
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = r"(?:万亿|千万|百万|十万|亿|万|千|百)?"

AMOUNT_RE = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<mult>{_MULT})(?P<cur>美元|欧元|港元|港币|日元|元)")

_POWER_UNITS = {"GW": ("GW", 1), "MW": ("MW", 1), "KW": ("kW", 1), "kW": ("kW", 1), "GWh": ("GWh", 1),
                "MWh": ("MWh", 1), "吉瓦": ("GW", 1), "兆瓦": ("MW", 1), "G瓦": ("GW", 1), "M瓦": ("MW", 1), "千瓦": ("kW", 1), "兆瓦时": ("MWh", 1)}
_COUNT_UNITS = ("平方米", "立方米", "千瓦时", "吨", "片", "台套", "台", "套", "辆", "件", "只", "块", "颗", "组", "枚", "米",
                "公里", "千米", "升", "箱", "张", "部", "条", "粒", "支", "瓶", "个", "平米")
_PERIODS = {"年": "年", "月": "月", "日": "日", "天": "日", "小时": "小时"}
CAPACITY_RE = re.compile(
    # The product may sit between the rate and the number: `年产高纯石英砂6万吨`.
    rf"(?:(?P<prefix>年产|月产|日产|年产能|年处理|年加工|年生产)(?:能力)?(?:[\u4e00-\u9fff]{{1,12}}?)?"
    r"|(?P<stock>库容|仓容|储量|仓储能力|储存能力|存储能力))?(?:达|约|为)?"
    rf"(?P<num>{_NUMBER})\s*(?P<mult>{_MULT})"
    r"(?:(?P<power>GWh|MWh|GW|MW|KW|kW|兆瓦时|吉瓦|兆瓦|千瓦|G瓦|M瓦)"
    rf"|(?P<unit>{'|'.join(sorted(_COUNT_UNITS, key=len, reverse=True))})"
    r"(?:/(?P<per>年|月|日|天|小时))?)"
    r"(?![A-Za-z])"
)


_LIST_JOIN_RE = re.compile(r"[、,和及][\u4e00-\u9fff]{0,10}")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    start: int
    end: int


def to_decimal(number: str, multiplier: str = "") -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    return value * _MULTIPLIERS.get(multiplier, 1)


def parse_amount(text: str) -> Quantity | None:
    """`22亿元` -> 2200000000 元; the first amount in text, or None."""
    found = find_amounts(text)
    return found[0] if found else None


def find_amounts(text: str) -> list[Quantity]:
    out = []
    for m in AMOUNT_RE.finditer(text):
        value = to_decimal(m["num"], m["mult"])
        if value is not None:
            out.append(Quantity(value, m["cur"], m.start(), m.end()))
    return out


def find_capacities(text: str) -> list[Quantity]:
    """Power (GW/MW/kW) anywhere; other units only with a period (`/年`) or a rate prefix (`年产`)."""
    out = []
    listed: tuple[str, int] | None = None  # the period of a `年产A 1台、B 2台` list, and where it got to
    for m in CAPACITY_RE.finditer(text):
        value = to_decimal(m["num"], m["mult"])
        if value is None:
            continue
        if m["power"]:
            unit, _ = _POWER_UNITS[m["power"]]
            start = m.start("num")
        else:
            per = m["per"]
            if not per and m["prefix"]:
                per = m["prefix"][0]
            if not per and listed and _LIST_JOIN_RE.fullmatch(text, listed[1], m.start()):
                per = listed[0]
            listed = (per, m.end()) if per else None
            if not per and not m["stock"]:
                continue
            unit = f"{m['unit']}/{_PERIODS[per]}" if per else m["unit"]
            start = m.start()
        out.append(Quantity(value, unit, start, m.end()))
    return out


def parse_capacity(text: str) -> Quantity | None:
    """`20万片/月` -> 200000 片/月; `年产5000吨` -> 5000 吨/年; `300MW` -> 300 MW."""
    found = find_capacities(text)
    return found[0] if found else None


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# How far after the issue date a year-less date may fall and still be in the issue year.
FUTURE_TOLERANCE = datetime.timedelta(days=31)
DATE_RE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]"
    r"(?P<part>上午|下午|晚上|晚间|中午|早上|上午|凌晨|傍晚|夜间|晚)?"
)


def resolve_date(month: int, day: int, issued: datetime.date, year: int | None = None) -> datetime.date | None:
    """Give a year-less date the issue year, or the previous one if it would land well after the issue."""
    if year is not None:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    for candidate_year in (issued.year, issued.year - 1):
        try:
            candidate = datetime.date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate - issued <= FUTURE_TOLERANCE:
            return candidate
    return None


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def planned_date(expression: str, reference: datetime.date) -> datetime.date | None:
    """`月底` -> end of the reference month; `年底`/`年内` -> 31 Dec; `9月底`/`9月` -> end of September."""
    m = re.search(r"(?:(?P<next>明年)|(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:底|末|份|中旬|上旬|下旬)?", expression)
    if m:
        year = reference.year + 1 if m["next"] else int(m["year"]) if m["year"] else reference.year
        month = int(m["month"])
        if not 1 <= month <= 12:
            return None
        if not m["next"] and not m["year"] and month < reference.month:
            year += 1
        return month_end(year, month)
    if re.search(r"月底|月末|本月", expression):
        return month_end(reference.year, reference.month)
    if re.search(r"下月", expression):
        nxt = reference.month % 12 + 1
        return month_end(reference.year + (reference.month == 12), nxt)
    if re.search(r"明年", expression):
        return datetime.date(reference.year + 1, 12, 31)
    if re.search(r"年底|年内|年末|今年", expression):
        return datetime.date(reference.year, 12, 31)
    if "上半年" in expression:
        return datetime.date(reference.year, 6, 30)
    if "下半年" in expression:
        return datetime.date(reference.year, 12, 31)
    quarter = re.search(r"([一二三四1-4])季度", expression)
    if quarter:
        q = "一二三四".find(quarter[1]) + 1 if quarter[1] in "一二三四" else int(quarter[1])
        return month_end(reference.year, q * 3)
    return None


# What a product name stops at: the words that follow it in `5.4万吨/年颗粒硅生产规模`, `年产高纯石英砂6万吨`.
_PRODUCT_AFTER_RE = re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?=生产|规模|产能|产品|项目|生产线|的|及|和|[，,。；;、（(]|$)")
_PRODUCT_PREFIX_RE = re.compile(r"(?:年产|月产|日产|年产能|年生产|年加工|年处理)(?:能力)?([\u4e00-\u9fff]{2,12})$")


def capacity_product(sentence: str, value: Decimal, unit: str) -> str:
    """The product a capacity in the sentence is of (`颗粒硅` in `按5.4万吨/年颗粒硅生产规模`), or ''."""
    for quantity in find_capacities(sentence):
        if quantity.value != value or quantity.unit != unit:
            continue
        match = CAPACITY_RE.match(sentence, quantity.start) if quantity.start < len(sentence) else None
        inside = _PRODUCT_PREFIX_RE.search(sentence[match.start():match.start("num")]) if match else None
        if inside:
            return inside.group(1)
        after = _PRODUCT_AFTER_RE.match(sentence, quantity.end)
        if after and not after.group(1).isdigit():
            return after.group(1)
    return ""
