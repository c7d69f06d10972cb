from datetime import date
from decimal import Decimal

import pytest

from projects.schedule import expected_investment, expected_progress, progress_lag


def test_it_expects_the_elapsed_share_of_the_planned_period():
    assert expected_progress(date(2020, 1, 1), date(2020, 1, 11), date(2020, 1, 6)) == Decimal(50)


def test_it_expects_nothing_before_the_start_and_everything_after_the_finish():
    start, finish = date(2020, 3, 1), date(2020, 12, 31)
    assert expected_progress(start, finish, date(2020, 1, 1)) == 0
    assert expected_progress(start, finish, start) == 0
    assert expected_progress(start, finish, finish) == 100
    assert expected_progress(start, finish, date(2024, 1, 1)) == 100


def test_it_expects_everything_of_a_one_day_plan_on_that_day():
    assert expected_progress(date(2020, 5, 1), date(2020, 5, 1), date(2020, 5, 1)) == 100


def test_it_expects_month_twelfths_of_the_annual_plan():
    assert expected_investment(Decimal("1200000000"), 3) == Decimal("300000000")
    assert expected_investment(Decimal("1200000000"), 12) == Decimal("1200000000")


def test_it_refuses_a_month_outside_the_year():
    with pytest.raises(ValueError):
        expected_investment(Decimal(100), 13)


def test_it_measures_the_lag_in_points():
    lag = progress_lag(date(2020, 1, 1), date(2020, 1, 11), date(2020, 1, 6), Decimal("35.5"))
    assert lag == Decimal("14.5")
