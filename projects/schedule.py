"""序时进度: what a project should have done by a given day if its work advanced evenly.

Pure functions, no database: the alert rules compute the same figures in SQL, and the tests check
that both agree.
"""

from datetime import date
from decimal import Decimal


def expected_progress(start: date, finish: date, today: date) -> Decimal:
    """Percent of the work due by `today`: the elapsed share of the planned period, clamped to 0–100."""
    if today >= finish:
        return Decimal(100)
    if today <= start:
        return Decimal(0)
    elapsed = (today - start).days
    planned = (finish - start).days
    return Decimal(100) * elapsed / planned


def expected_investment(annual_plan: Decimal, month: int) -> Decimal:
    """Investment due by the end of `month` (1–12) of the plan's year: month/12 of the annual plan."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    return Decimal(annual_plan) * month / 12


def progress_lag(start: date, finish: date, today: date, reported_percent: Decimal) -> Decimal:
    """Points the reported progress is behind 序时进度 (negative when ahead)."""
    return expected_progress(start, finish, today) - Decimal(reported_percent)
