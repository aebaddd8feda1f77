"""The SubmissionRow and Submission models: the checks as pydantic validators.

A row's verdict from the model is the catalogue's: a ValidationError whose line errors
are issue codes, columns and message parameters, turned into the very Issue records the
commands print; and a clerk's file, validated by ``kehoach validate``, goes through the
model row by row.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import kehoach.read.submission as submission
from kehoach.core.issues import CATALOGUE, Issue
from kehoach.read.checks import COL_ESTIMATE, COL_KIND, COL_NOTE, CheckContext
from kehoach.read.files import read_file
from kehoach.read.rows import CLERK_ROWS
from kehoach.read.submission import Submission, SubmissionRow, row_issues, validation_context

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "monthly"


def cells(unit="CC-THUE", indicator="KT04", month="2020-03", value="16,4", **more) -> dict:
    return {"don_vi": unit, "ma_chi_tieu": indicator, "thang": month, "gia_tri": value, **more}


def test_a_good_row_is_the_plan_s_terms(plan):
    ctx = validation_context(CheckContext(plan))
    row = SubmissionRow.model_validate(cells(ghi_chu=" ảnh hưởng dịch "), context=ctx)
    assert row.unit == plan.unit_index["CC-THUE"]
    assert row.indicator == plan.indicator_index["KT04"]
    assert (row.month, row.value, row.note) == (3, Decimal("16.4"), "ảnh hưởng dịch")
    assert (row.kind, row.estimate) == (None, False)
    assert ctx.problems == []


def test_a_crafted_row_raises_catalogue_problems_in_check_order(plan):
    ctx = validation_context(CheckContext(plan))
    bad = cells(unit="CC-THEU", month="13/2020", value="98,5%", **{COL_KIND: "quý"})
    with pytest.raises(ValidationError) as caught:
        SubmissionRow.model_validate(bad, context=ctx)
    errors = caught.value.errors()
    # unit, month, how it was sent, then the value: the order the reader reports
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("unknown-unit", ("don_vi",)),
        ("bad-month", ("thang",)),
        ("bad-period-kind", ("ky_so_lieu",)),
        ("percent-not-allowed", ("gia_tri",)),
    ]
    issues = row_issues(caught.value, "f.csv", 7)
    assert issues[0] == Issue(
        "unknown-unit",
        "f.csv",
        7,
        "don_vi",
        {"value": "CC-THEU", "suggestions": "CC-THUE, CC-TK, DUC-THUAN"},
    )
    assert issues[3].message("vi") == "KT04 tính bằng tỷ đồng, không phải %: '98,5%' có dấu %."
    assert issues[3].message("en") == (
        "KT04 is measured in billion VND, not %: '98,5%' carries a percent sign."
    )
    assert all(i.row == 7 and i.file == "f.csv" for i in issues)


def test_warnings_alone_let_the_row_stand(plan):
    ctx = validation_context(CheckContext(plan))
    row = SubmissionRow.model_validate(cells(value="1.080"), context=ctx)
    assert row.value == Decimal("1080")
    # read as thousands (a warning), then far above KT04's usual range (another)
    assert [code for code, _, _ in ctx.problems] == ["thousands-dot", "unusual-value"]


def test_the_overrides_come_through_the_context(plan):
    unit = plan.unit_index["CC-THUE"]
    ctx = validation_context(CheckContext(plan, unit=unit, month=6))
    row = SubmissionRow.model_validate({"ma_chi_tieu": "KT04", "gia_tri": "4"}, context=ctx)
    assert (row.unit, row.month) == (unit, 6)
    with pytest.raises(ValidationError) as caught:
        SubmissionRow.model_validate(cells(month="2020-03"), context=ctx)
    assert [e["type"] for e in caught.value.errors()] == ["month-mismatch"]


def test_the_model_needs_its_context(plan):
    with pytest.raises(TypeError, match="validation_context"):
        SubmissionRow.model_validate(cells())


@given(
    row=st.dictionaries(
        st.sampled_from(
            ["don_vi", "ma_chi_tieu", "thang", "gia_tri", COL_NOTE, COL_KIND, COL_ESTIMATE]
        ),
        st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats(allow_nan=False)),
    )
)
def test_any_cells_give_a_row_or_catalogue_issues(plan, row):
    # No raw pydantic error whatever the cells hold: only catalogue codes come out.
    ctx = validation_context(CheckContext(plan))
    try:
        SubmissionRow.model_validate(row, context=ctx)
    except ValidationError as exc:
        issues = row_issues(exc, "f.csv", 2)
        assert issues and any(i.is_error for i in issues)
        for issue in issues:
            assert issue.code in CATALOGUE
            assert issue.message("vi") and issue.message("en")
    else:
        assert all(CATALOGUE[code].severity == "warning" for code, _, _ in ctx.problems)


def test_a_clerk_file_is_validated_through_the_model(run, tmp_path, monkeypatch):
    # A 30-row file: every row goes through SubmissionRow (counted), and the crafted
    # row's error is the model's, with its place and message.
    lines = ["don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu"]
    lines += [f"CC-THUE,KT04,{m:02d}/2020,{m}.5," for m in range(1, 13)] * 2
    lines += [f"P-TNMT,KT07,2020-{m:02d},100," for m in range(1, 6)]
    lines.append("CC-THUE,KT04,2020-13,4,")
    path = tmp_path / "clerk.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    real = SubmissionRow.model_validate

    def spy(obj, **kw):
        seen.append((obj.get("thang"), obj.get("gia_tri")))
        return real(obj, **kw)

    monkeypatch.setattr(submission.SubmissionRow, "model_validate", spy)
    result = run("validate", path, "--data", tmp_path / "none", "--lang", "en", "--json")
    assert len(seen) == 30
    assert seen[-1] == ("2020-13", "4")
    assert result.exit_code == 1
    (doc,) = json.loads(result.stdout)["files"]
    assert doc["rows"] == 30
    assert doc["errors"] == [
        {
            "row": 31,
            "column": "thang",
            "code": "bad-month",
            "message": CATALOGUE["bad-month"].message_en.format(value="2020-13"),
            "hint": CATALOGUE["bad-month"].hint_en,
        }
    ]


def test_a_big_file_keeps_the_columnar_path(plan, tmp_path, monkeypatch):
    lines = ["don_vi,ma_chi_tieu,thang,gia_tri"]
    lines += ["CC-THUE,KT04,2020-03,16.4"] * (CLERK_ROWS + 1)
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls = []
    real = SubmissionRow.model_validate
    monkeypatch.setattr(
        submission.SubmissionRow, "model_validate", lambda o, **kw: calls.append(o) or real(o, **kw)
    )
    result = read_file(path, CheckContext(plan), model_rows=CLERK_ROWS)
    # Every row clean: the clashes of the repeated key are the store's, no row needs
    # the model.
    assert calls == []
    assert result.rows == CLERK_ROWS + 1
    assert {(i.code, i.row) for i in result.issues[:2]} == {
        ("repeated-key", 3),
        ("repeated-key", 4),
    }


def test_a_stored_file_as_a_submission(plan):
    path = SAMPLE / "2020-03" / "CC-THUE.csv"
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    ctx = validation_context(CheckContext(plan))
    got = Submission.model_validate(
        {"unit": "cc-thue", "month": "2020-03", "rows": rows}, context=ctx
    )
    assert (got.unit, got.month, len(got.rows)) == ("CC-THUE", "2020-03", len(rows))
    assert all(r.unit == plan.unit_index["CC-THUE"] and r.month == 3 for r in got.rows)
    # The same rows filed under another unit and month: each row says so, on its row.
    with pytest.raises(ValidationError) as caught:
        Submission.model_validate({"unit": "BHXH", "month": "2020-04", "rows": rows}, context=ctx)
    issues = row_issues(caught.value, str(path), None)
    assert [(i.row, i.code) for i in issues][:2] == [(2, "unit-mismatch"), (2, "month-mismatch")]


def test_last_year_s_stored_file_holds_last_year_s_months(plan):
    ctx = validation_context(CheckContext(plan))
    row = {"don_vi": "CC-THUE", "ma_chi_tieu": "KT04", "thang": "2019-12", "gia_tri": "3"}
    got = Submission.model_validate(
        {"unit": "CC-THUE", "month": "2019-12", "rows": [row]}, context=ctx
    )
    assert got.rows[0].month == 0  # December of last year: 12 - 12
    with pytest.raises(ValidationError) as caught:
        Submission.model_validate(
            {"unit": "CC-THUE", "month": "2019-11", "rows": [row]}, context=ctx
        )
    assert [(i.row, i.code) for i in row_issues(caught.value, "x", None)] == [(2, "month-mismatch")]
    with pytest.raises(ValidationError) as caught:
        Submission.model_validate({"unit": "XX", "month": "2018-01", "rows": []}, context=ctx)
    assert [(i.column, i.code) for i in row_issues(caught.value, "x", None)] == [
        ("unit", "unknown-unit"),
        ("month", "month-outside-plan-year"),
    ]


def test_reading_the_sample_data_needs_no_row_model():
    # Stored files are read by the columnar path; every sample row (last year's months,
    # stages, estimates included) is cleared there, so `status` never builds the model.
    code = (
        "import sys; from pathlib import Path; from kehoach.read.planfile import load_plan;"
        "from kehoach.read.datafolder import load_data;"
        f"load = load_data(load_plan({str(ROOT / 'plan2020.yaml')!r}), Path({str(SAMPLE)!r}));"
        "print(len(load.issues), 'kehoach.read.submission' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_a_clerk_workbook_is_validated_through_the_model(plan, tmp_path, monkeypatch):
    # The .xlsx reader feeds the same row loop: a small workbook goes row by row through
    # SubmissionRow too, and its issues are those of the same rows as CSV.
    from openpyxl import Workbook

    rows = [["CC-THUE", "KT04", f"2020-{m:02d}", f"{m},5", ""] for m in range(1, 10)]
    rows.append(["CC-THUE", "KT99", "2020-10", "4", ""])
    wb = Workbook()
    wb.active.append(["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"])
    for row in rows:
        wb.active.append(row)
    xlsx = tmp_path / "clerk.xlsx"
    wb.save(xlsx)
    csv_path = tmp_path / "clerk.csv"
    lines = ["don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu"]
    lines += [",".join(f'"{c}"' for c in row) for row in rows]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    real = SubmissionRow.model_validate
    monkeypatch.setattr(
        submission.SubmissionRow,
        "model_validate",
        lambda o, **kw: seen.append(o["ma_chi_tieu"]) or real(o, **kw),
    )
    ctx = CheckContext(plan)
    book = read_file(xlsx, ctx, model_rows=CLERK_ROWS)
    assert len(seen) == 10 and seen[-1] == "KT99"
    text = read_file(csv_path, CheckContext(plan), model_rows=CLERK_ROWS)
    assert [(i.row, i.code) for i in book.issues] == [(i.row, i.code) for i in text.issues]
    assert (11, "unknown-indicator") in [(i.row, i.code) for i in book.issues]
