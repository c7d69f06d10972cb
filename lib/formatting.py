"""How amounts and dates are written for officials: 亿元 / 万元, and 2020年8月5日 in Chinese."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language

YI = Decimal(100_000_000)
WAN = Decimal(10_000)


def _trim(value: Decimal, places: int) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def yuan_short(amount) -> str:
    """12.35亿元 from 1,234,567,890 yuan, amounts under 1亿 in 万元; in English, bn or m yuan."""
    if amount is None or amount == "":
        return "—"
    amount = Decimal(amount)
    if _chinese():
        if abs(amount) >= YI:
            return f"{_trim(amount / YI, 2)}亿元"
        return f"{_trim(amount / WAN, 1)}万元"
    if abs(amount) >= YI:
        return f"{_trim(amount / 1_000_000_000, 3)} bn yuan"
    return f"{_trim(amount / 1_000_000, 2)} m yuan"


def yuan_exact(amount) -> str:
    if amount is None or amount == "":
        return ""
    exact = f"{Decimal(amount):,.2f}"
    return f"{exact}元" if _chinese() else f"{exact} yuan"


def yuan_in_yi(amount) -> Decimal | None:
    """The amount in 亿元 as a number, for charts and exports."""
    if amount is None:
        return None
    return (Decimal(amount) / YI).quantize(Decimal("0.0001"))


def long_date(value) -> str:
    """2020年8月5日 in Chinese; the locale's long date otherwise."""
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if _chinese():
        return f"{value.year}年{value.month}月{value.day}日"
    return formats.date_format(value, "j M Y")


def _cjk_unit(unit: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in unit)


def quantity(value, unit: str = "") -> str:
    """A capacity or count as written in Chinese: 20万片/月, 5.4万吨/年, 300MW, 3,000吨/年.

    Chinese units take 万 or 亿 from 10⁴ on; Latin units (MW, GWh) keep their own prefixes and the plain number.
    """
    if value is None or value == "":
        return "—"
    value, unit = Decimal(value), (unit or "").strip()
    if _chinese() and _cjk_unit(unit):
        if abs(value) >= YI:
            return f"{_trim(value / YI, 2)}亿{unit}"
        if abs(value) >= WAN:
            return f"{_trim(value / WAN, 2)}万{unit}"
    text = _trim(value, 2)
    return f"{text}{unit}" if _chinese() or not unit else f"{text} {unit}"


def percent(value, places: int = 1) -> str:
    """12.5% (trailing zeros dropped); — when unknown."""
    if value is None or value == "":
        return "—"
    return f"{_trim(Decimal(value), places)}%"


def number(value, places: int = 1) -> str:
    """3,200 or 12.5: thousands separated, trailing zeros dropped; — when unknown."""
    if value is None or value == "":
        return "—"
    return _trim(Decimal(str(value)), places)


def gap_points(value) -> str:
    """A 序时进度 gap in percentage points: '+12.5' behind, '−3.0' ahead, '—' when it cannot be computed."""
    if value is None or value == "":
        return "—"
    return f"{float(value):+.1f}".replace("-", "−")
