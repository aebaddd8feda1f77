"""A file spread over months: which rows ``other-month`` points at, and
which files ``several-months`` keeps ``submit`` from splitting."""

from __future__ import annotations

from decimal import Decimal

from conftest import write_csv
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.dataset import Dataset
from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file
from kehoach.read.month_spread import filled_by_month, other_month_issues, several_months_issue

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def spread(plan, tmp_path, body: str) -> list[tuple[int, str, str]]:
    path = write_csv(tmp_path / "f.csv", HEADER + body)
    result = read_file(path, CheckContext(plan))
    assert result.ok, [i.code for i in result.issues]
    return [
        (i.row, i.params["month"]("en"), i.params["main"]("en"))
        for i in other_month_issues(plan, result.values, str(path))
    ]


def test_every_row_outside_the_strict_majority_is_named(plan, tmp_path):
    body = (
        "BHXH,XH02,2020-07,91,\n"
        "BHXH,XH02,2020-09,91.5,\n"
        "BHXH,XH03,2020-09,30.5,\n"
        "CC-THUE,KT04,2020-09,7.4,\n"
        "BHXH,XH03,2020-08,30.2,\n"
    )
    assert spread(plan, tmp_path, body) == [
        (2, "July 2020", "September 2020"),
        (6, "August 2020", "September 2020"),
    ]


def test_no_strict_majority_no_warning(plan, tmp_path):
    body = "BHXH,XH02,2020-08,91,\nBHXH,XH03,2020-08,30,\nBHXH,XH02,2020-09,91.5,\n"
    assert len(spread(plan, tmp_path, body)) == 1  # 2 of 3: a strict majority
    tie = "BHXH,XH02,2020-08,91,\nBHXH,XH02,2020-09,91.5,\n"
    assert spread(plan, tmp_path, tie) == []


def test_empty_cells_and_last_year_do_not_count(plan, tmp_path):
    # Last year's rows are comparison data and empty cells are no figure: one value of the
    # plan year is no spread, and 1 of 2 is no majority.
    body = (
        "BHXH,XH02,2019-08,90,\n"
        "BHXH,XH03,2019-08,29,\n"
        "BHXH,XH02,2019-09,90.5,\n"
        "BHXH,XH02,2020-09,91.5,\n"
        "BHXH,XH03,2020-08,,\n"
    )
    assert spread(plan, tmp_path, body) == []
    body += "BHXH,XH02,2020-08,91,\n"
    assert spread(plan, tmp_path, body) == []


def row(plan, unit: str, ind: str, month: int, value: str | None = "1"):
    return (
        plan.unit_index[unit],
        plan.indicator_index[ind],
        month,
        None if value is None else Decimal(value),
        "",
        None,
        False,
    )


def test_several_months_needs_every_owed_row_of_every_group(plan):
    complete = [
        row(plan, "BHXH", "XH02", 8),
        row(plan, "BHXH", "XH03", 8, None),  # an empty cell is a row of the form
        row(plan, "BHXH", "XH02", 9),
        row(plan, "BHXH", "XH03", 9),
    ]
    assert several_months_issue(plan, complete, "f.csv") is None
    # a row of a month whose other rows are missing: refused, whether filled or empty
    for value in ("1", None):
        stray = [*complete, row(plan, "BAC-HONG", "XH04", 10, value)]
        issue = several_months_issue(plan, stray, "f.csv")
        assert issue is not None and issue.code == "several-months" and issue.row is None
        assert issue.params["n"] == 3
        assert issue.params["groups"]("en") == "BAC-HONG October 2020 (missing KT05, KT06)"
    # a unit that owes one figure a month sends a complete month in one row
    assert several_months_issue(plan, [*complete, row(plan, "CC-THUE", "KT04", 10)], "") is None
    # one month however incomplete, and last year's months beside it, are not a spread
    one = [row(plan, "CC-THUE", "KT04", 9), row(plan, "CC-THUE", "KT04", -3)]
    assert several_months_issue(plan, one, "f.csv") is None


@given(
    st.lists(
        st.tuples(
            st.integers(0, 20),  # unit
            st.integers(0, 30),  # indicator
            st.integers(1, 12),  # month
            st.one_of(st.just(0.0), st.floats(-1e9, 1e9, allow_nan=False)),  # value
            st.integers(1, 2**40),  # row
        ),
        max_size=60,
    ),
    st.booleans(),
)
def test_the_values_of_each_month_are_counted_as_one_by_one(puts, two_files):
    # Counted from the rows' bytes; a value of 0 or a row of any size changes nothing.
    ds = Dataset(31)
    f = ds.add_file("a.csv")
    if two_files:
        f = ds.add_file("b.csv")  # blocks then carry a file column too
    for unit, ind, month, value, row in puts:
        ds.put(unit, ind, month, value, f, row)
    expected = [0] * 12
    for key, block in ds._blocks.items():
        expected[key % 12] += sum(1 for v in block[:31] if v == v)
    assert filled_by_month(ds) == expected
