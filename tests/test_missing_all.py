"""``kehoach missing --all``: everything each unit still owes, across months, oldest first.

Deadlines are read from ``plan.deadline`` here rather than written out, so the tests keep
their meaning when the plan's reporting calendar changes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, check_golden, write_csv

from kehoach.core.missing import compute_owed

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def store(data: Path, unit: str, month: str, rows: dict[str, str], name: str = "") -> None:
    body = "".join(f"{unit},{code},{month},{value},\n" for code, value in rows.items())
    write_csv(data / month / (name or f"{unit}.csv"), HEADER + body)


def owed_rows(doc: dict) -> list[tuple]:
    return [
        (u["unit"], m["month"], tuple(m["missing"]), m["overdue_days"])
        for u in doc["units"]
        for m in u["months"]
    ]


def overdue(plan, month: int, as_of: date) -> int | None:
    days = (as_of - plan.deadline(month)).days
    return days if days > 0 else None


def test_sample_lists_dt10_overdue_since_june(run, plan):
    """DT10 was due in June and never came: it is in the list in September."""
    result = run("missing", "--all", "--as-of", "2020-10-25", "--data", SAMPLE_DATA, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    as_of = date(2020, 10, 25)
    assert (doc["all"], doc["up_to"], doc["as_of"], doc["owed"]) == (
        True, "2020-09", "2020-10-25", 4,
    )  # fmt: skip
    # P-LDTBXH owns the jobs figure (XH04) and P-VHTT XH09, but both are the wards' sums:
    # the owners are not chased for them (issue 24). DT10 was due in June and never came.
    assert owed_rows(doc) == [
        ("P-QLDT", "2020-06", ("DT10",), overdue(plan, 6, as_of)),
        ("DAU-LIEU", "2020-09", ("KT05", "KT06", "XH04"), overdue(plan, 9, as_of)),
    ]
    assert doc["units"][0]["months"][0]["deadline"] == plan.deadline(6).isoformat()
    assert doc["issues"] == []


def test_up_to_the_month_given(run, plan):
    result = run("missing", "--all", "--month", "6/2020", "--as-of", "28/09/2020",
                 "--data", SAMPLE_DATA, "--json")  # fmt: skip
    doc = json.loads(result.stdout)
    rows = owed_rows(doc)
    assert ("P-QLDT", "2020-06", ("DT10",), overdue(plan, 6, date(2020, 9, 28))) in rows
    assert max(month for _, month, _, _ in rows) == "2020-06"


def test_not_yet_due_months_are_listed_without_days(run, plan):
    before = plan.deadline(9).replace(day=1)
    result = run("missing", "--all", "--as-of", before.isoformat(), "--data", SAMPLE_DATA,
                 "--json")  # fmt: skip
    rows = owed_rows(json.loads(result.stdout))
    assert ("DAU-LIEU", "2020-09", ("KT05", "KT06", "XH04"), None) in rows


def test_oldest_debt_first_then_most_owed_and_months_in_order(tmp_path, plan):
    data = tmp_path / "data"
    # BHXH owes XH02 and XH03 for January and February: it sent March only.
    for m in ("2020-01", "2020-02", "2020-03"):
        store(data, "CC-THUE", m, {"KT04": "5"})
    store(data, "BHXH", "2020-03", {"XH02": "90", "XH03": "30"})
    from kehoach.read.datafolder import load_data

    dataset = load_data(plan, data).dataset
    result = compute_owed(plan, dataset, 3, date(2020, 5, 1))
    by_unit = {u.code: u for u in result.units}
    assert "CC-THUE" not in by_unit  # everything it owes for Q1 arrived
    bhxh = by_unit["BHXH"]
    assert [m.month for m in bhxh.months] == [1, 2]
    assert bhxh.months[0].missing == ["XH02", "XH03"]
    firsts = [u.months[0].month for u in result.units]
    assert firsts == sorted(firsts)
    at_january = [u for u in result.units if u.months[0].month == 1]
    counts = [u.count for u in at_january]
    assert counts == sorted(counts, reverse=True)


def test_a_conflict_is_owed_and_named(tmp_path, plan, run):
    data = tmp_path / "data"
    store(data, "CC-THUE", "2020-01", {"KT04": "5"})
    store(data, "CC-THUE", "2020-01", {"KT04": "6"}, name="again.csv")
    result = run("missing", "--all", "--month", "2020-01", "--as-of", "2020-03-01",
                 "--data", data, "--json")  # fmt: skip
    assert result.exit_code == 1  # a conflict in the stored files, as for `status`
    doc = json.loads(result.stdout)
    thue = next(u for u in doc["units"] if u["unit"] == "CC-THUE")
    assert thue["months"] == [
        {
            "month": "2020-01",
            "deadline": plan.deadline(1).isoformat(),
            "missing": ["KT04"],
            "conflicts": ["KT04"],
            "overdue_days": overdue(plan, 1, date(2020, 3, 1)),
        }
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_golden(run, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "120")
    result = run("missing", "--all", "--as-of", "2020-10-25", "--data", SAMPLE_DATA,
                 "--lang", lang)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    check_golden(f"missing_all_{lang}.txt", result.stdout)
