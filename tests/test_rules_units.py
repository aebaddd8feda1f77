"""Rules pinned at their own level, not only end to end: the plan-year clock, the
month amount of a year-to-date series, and which file a conflict is charged to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_attainment import _indicator, make_plan

from kehoach.core.attainment import unit_series
from kehoach.core.dataset import Dataset
from kehoach.core.numbers import clock_past_plan_year


def test_clock_is_past_the_plan_year_only_after_the_last_january_reports():
    assert not clock_past_plan_year(2020, date(2020, 12, 31))
    assert not clock_past_plan_year(2020, date(2021, 1, 31))  # the last reports' day
    assert clock_past_plan_year(2020, date(2021, 2, 1))
    assert clock_past_plan_year(2020, date(2026, 12, 5))


def _series(kinds: dict[int, str], values: dict[int, float], sent_as: str | None = None):
    plan = make_plan(_indicator(**({"sent_as": sent_as} if sent_as else {})))
    ds = Dataset(len(plan.indicators))
    f = ds.add_file("a.csv")
    unit, ind = plan.unit_index["TAX"], plan.indicator_index["I1"]
    for row, (m, v) in enumerate(values.items(), 2):
        ds.put(unit, ind, m, v, f, row)
        ds.kinds[(unit, ind, m)] = kinds[m]
    return unit_series(plan.indicators[0], ds, unit, ind)


def test_ytd_month_amount_is_the_difference_from_the_latest_earlier_month():
    # Year-to-date figures for March, then June (April and May not sent): June's own
    # amount is YTD(June) − YTD(March), not YTD(June) − YTD(May).
    s = _series({3: "ytd", 6: "ytd"}, {3: 10.0, 6: 25.5})
    assert s.ytd == {3: Decimal("10"), 6: Decimal("25.5")}
    assert s.amounts == {3: Decimal("10"), 6: Decimal("15.5")}


def test_month_and_ytd_rows_mix_in_one_series():
    s = _series({1: "month", 2: "ytd", 3: "month"}, {1: 4.0, 2: 9.0, 3: 2.0})
    assert s.amounts == {1: Decimal("4"), 2: Decimal("5"), 3: Decimal("2")}
    assert s.ytd == {1: Decimal("4"), 2: Decimal("9"), 3: Decimal("11")}


def test_a_falling_ytd_gives_a_negative_month_amount_not_a_silent_zero():
    s = _series({1: "ytd", 2: "ytd"}, {1: 9.0, 2: 7.0})
    assert s.amounts[2] == Decimal("-2")


def test_a_conflict_is_charged_to_the_later_file_and_the_first_value_is_kept_raw():
    ds = Dataset(1)
    a, b = ds.add_file("a.csv"), ds.add_file("b.csv")
    assert ds.put(0, 0, 5, 3.0, a, 2) is None
    clash = ds.put(0, 0, 5, 4.0, b, 7)
    assert clash is not None and not clash.same_value
    assert (clash.file_index, clash.row, clash.value) == (a, 2, 3.0)
    assert ds.raw(0, 0, 5) == 3.0 and ds.get(0, 0, 5) is None
    (conflict,) = ds.conflicts
    assert conflict.places == ((a, 2, 3.0), (b, 7, 4.0))


def test_the_same_value_twice_is_no_conflict():
    ds = Dataset(1)
    a, b = ds.add_file("a.csv"), ds.add_file("b.csv")
    ds.put(0, 0, 5, 3.0, a, 2)
    clash = ds.put(0, 0, 5, 3.0, b, 7)
    assert clash is not None and clash.same_value
    assert ds.get(0, 0, 5) == 3.0 and not list(ds.conflicts)
