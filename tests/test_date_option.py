"""The day every date option takes (``report --date``, ``missing --as-of``): cliutil.parse_day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.numbers import parse_day

days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(days)
def test_every_written_form_reads_back(day):
    assert parse_day(day.isoformat()) == day
    assert parse_day(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert parse_day(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_day(f"  {day.isoformat()} ") == day


@given(st.text(max_size=20))
def test_any_text_is_a_day_or_none(text):
    assert parse_day(text) is None or isinstance(parse_day(text), date)


@pytest.mark.parametrize(
    "text",
    ["2020-02-30", "31/04/2020", "2020/10/20", "20-10-2020", "20.10.2020", "2020-1O-20",
     "20/10/20", "", "٢٠٢٠-١٠-٢٠", "+2020-10-20"],
)  # fmt: skip
def test_not_a_day(text):
    assert parse_day(text) is None
