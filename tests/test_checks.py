"""Every issue code in the catalogue has a fixture in tests/data/codes that triggers it.

One file per invalid case, named after its code (``codes/<code>.csv``); further cases of
the same code are ``codes/<code>--<variant>.csv``. ``CASES`` says what each fixture must
yield, exactly: the ``(row, column, code)`` of every issue, in order, so a fixture that
starts producing a second, unexpected issue fails too. A code added to the catalogue
without a fixture and a line here fails ``test_every_code_has_a_fixture``.

Some codes need context: ``unit-mismatch`` / ``month-mismatch`` need ``--unit`` /
``--month``; ``conflict``, ``duplicate-value`` and ``replaces-stored`` need a data folder
(tests/data/stored, laid out as ``YYYY-MM/UNIT.csv`` plus a late file in a subfolder);
``already-stored`` is what ``submit`` says about the same folder (run on a copy of it),
``month-locked`` what it says into tests/data/locked (a lock file, March 2020 locked);
``cannot-read`` is what ``validate`` says when opening the file fails (we run as root, so
the open itself is made to fail); ``symlink`` is what reading a data folder says of a stored
file that is a symbolic link (to the fixture).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.commands.validate import validate_files
from kehoach.core.issues import CATALOGUE
from kehoach.read.checks import CheckContext, Suggester, _fold_any, check_number, fold
from kehoach.read.datafolder import load_data
from kehoach.read.files import read_file

TEST_DATA = Path(__file__).resolve().parent / "data"
CODES = TEST_DATA / "codes"
STORED = TEST_DATA / "stored"
LOCKED = TEST_DATA / "locked"  # a data folder whose only file is _locks.csv
NO_DATA = TEST_DATA / "no-such-folder"  # a data folder that does not exist: nothing stored


class Case(NamedTuple):
    issues: list[tuple[int | None, str | None, str]]  # errors first for `submit`
    unit: str | None = None  # --unit
    month: int | None = None  # --month (of the plan year)
    data: Path = NO_DATA  # --data
    command: Literal[
        "validate", "submit", "unreadable", "linked", "sized", "device", "rowcap", "small-cells"
    ] = "validate"


FILE = (None, None)  # a whole-file problem: no row, no column

CASES: dict[str, Case] = {
    "not-utf8": Case([(*FILE, "not-utf8")]),
    "not-a-csv": Case([(*FILE, "not-a-csv")]),  # random bytes
    "not-a-csv--utf16": Case([(*FILE, "not-a-csv")]),  # Excel's "Unicode Text"
    "empty-file": Case([(*FILE, "empty-file")]),
    # the fixture read with a limit below its size / as if it were a device node
    "file-too-large": Case([(*FILE, "file-too-large")], command="sized"),
    # the fixture's three data rows read with a cap of two rows (with the header)
    "too-many-rows": Case([(*FILE, "too-many-rows")], command="rowcap"),
    "not-a-regular-file": Case([(*FILE, "not-a-regular-file")], command="device"),
    "empty-file--bom-only": Case([(*FILE, "empty-file")]),
    "no-data-rows": Case([(*FILE, "no-data-rows")]),
    "no-data-rows--blank-rows": Case([(*FILE, "no-data-rows")]),
    "missing-column": Case([(1, "gia_tri", "missing-column")]),
    "duplicate-column": Case([(1, "gia_tri", "duplicate-column")]),
    "unknown-column": Case([(1, None, "unknown-column")]),
    "bad-row-length": Case([(3, None, "bad-row-length"), (4, None, "bad-row-length")]),
    # text after a closing quote (row 3), then a quote never closed (row 5): rows 2 and 4
    # are still read, and nothing after row 5 is taken for data
    "bad-quotes": Case([(3, None, "bad-quotes"), (5, None, "bad-quotes")]),
    "missing-unit": Case([(2, "don_vi", "missing-unit")]),
    "missing-indicator": Case([(2, "ma_chi_tieu", "missing-indicator")]),
    "missing-month": Case([(2, "thang", "missing-month")]),
    "unknown-unit": Case([(2, "don_vi", "unknown-unit")]),
    "unknown-indicator": Case([(2, "ma_chi_tieu", "unknown-indicator")]),
    "indicator-not-for-unit": Case([(2, "ma_chi_tieu", "indicator-not-for-unit")]),
    "bad-month": Case([(2, "thang", "bad-month")]),
    "month-outside-plan-year": Case([(2, "thang", "month-outside-plan-year")]),
    "unit-mismatch": Case([(3, "don_vi", "unit-mismatch")], unit="CC-THUE"),
    "month-mismatch": Case([(3, "thang", "month-mismatch")], month=3),
    "not-a-number": Case([(2, "gia_tri", "not-a-number")]),
    "ambiguous-number": Case([(2, "gia_tri", "ambiguous-number")]),
    "bad-grouping": Case([(2, "gia_tri", "bad-grouping")]),
    "thousands-dot": Case([(2, "gia_tri", "thousands-dot")]),
    "out-of-range": Case([(2, "gia_tri", "out-of-range"), (3, "gia_tri", "out-of-range")]),
    "unusual-value": Case([(2, "gia_tri", "unusual-value")]),
    "off-cycle-value": Case([(2, "thang", "off-cycle-value")]),
    "duplicate-key": Case([(3, "gia_tri", "duplicate-key")]),
    "repeated-key": Case([(3, "gia_tri", "repeated-key")]),
    "conflict": Case([(2, "gia_tri", "conflict")], data=STORED),
    "duplicate-value": Case([(2, "gia_tri", "duplicate-value")], data=STORED),
    "replaces-stored": Case([(2, "gia_tri", "replaces-stored")], data=STORED),
    "too-many-digits": Case([(2, "gia_tri", "too-many-digits")]),
    "cannot-read": Case([(*FILE, "cannot-read")], command="unreadable"),
    "already-stored": Case(
        [(*FILE, "already-stored"), (2, "gia_tri", "replaces-stored")],
        data=STORED,
        command="submit",
    ),
    # workbooks: what is not an .xlsx (an .xlsx damaged then renamed to .csv, an old .xls,
    # an .ods, a password-protected .xlsx), and what a workbook may hold
    "unreadable-workbook": Case([(*FILE, "unreadable-workbook")]),
    "unreadable-workbook--xls": Case([(*FILE, "unreadable-workbook")]),
    "unreadable-workbook--ods": Case([(*FILE, "unreadable-workbook")]),
    "unreadable-workbook--password": Case([(*FILE, "unreadable-workbook")]),
    "several-sheets": Case([(*FILE, "several-sheets")]),
    # the workbook caps (read.xlsx): before openpyxl opens it, and while the sheet streams
    "workbook-too-large": Case([(*FILE, "workbook-too-large")]),
    "workbook-too-many-rows": Case([(65537, None, "workbook-too-many-rows")]),
    "workbook-too-many-columns": Case([(2, None, "workbook-too-many-columns")]),
    "workbook-merge-too-large": Case([(*FILE, "workbook-merge-too-large")]),
    "workbook-cell-too-large": Case([(2, None, "workbook-cell-too-large")]),
    "formula-no-value": Case([(2, "gia_tri", "formula-no-value")]),
    "title-rows": Case([(2, None, "title-rows")]),  # a CSV with its title above the header
    "title-rows--xlsx": Case([(3, None, "title-rows")]),
    "hidden-rows": Case([(3, None, "hidden-rows")]),
    # a form sent back unfilled: valid for validate, nothing for submit to store
    "no-values": Case([(*FILE, "no-values")], command="submit"),
    # a note of 10 characters that is 11 once stored, submitted with a 10-character cell
    # limit: the stored form is what the limit applies to (the round-trip law)
    "note-too-long": Case([(None, "ghi_chu", "note-too-long")], command="small-cells"),
    # figures as units send them (docs/plan.md §3, §4, §9), a file's spread over months
    "bad-period-kind": Case([(2, "ky_so_lieu", "bad-period-kind")]),
    "bad-estimate": Case([(2, "uoc_tinh", "bad-estimate")]),
    "unknown-stage": Case([(2, "gia_tri", "unknown-stage")]),
    "percent-not-allowed": Case([(2, "gia_tri", "percent-not-allowed")]),
    # percent cells (0%, 0.00%, 0,00%) on counts and amounts; a % indicator's reads as before
    "percent-not-allowed--xlsx": Case(
        [
            (2, "gia_tri", "percent-not-allowed"),
            (3, "gia_tri", "percent-not-allowed"),
            (4, "gia_tri", "percent-not-allowed"),
        ]
    ),
    # counts: '1.2' (a typed 1.200 read by an English spreadsheet), '18,5'
    "not-whole": Case([(2, "gia_tri", "not-whole"), (3, "gia_tri", "not-whole")]),
    "not-whole--xlsx": Case([(2, "gia_tri", "not-whole")]),
    # a month a spreadsheet turned into a date with a two-digit year
    "two-digit-year": Case([(2, "thang", "two-digit-year")]),
    "two-digit-year--xlsx": Case([(2, "thang", "two-digit-year")]),
    # 650 after last year's 60 in the same month
    "implausible-value": Case([(3, "gia_tri", "implausible-value")]),
    "implausible-value--xlsx": Case([(3, "gia_tri", "implausible-value")]),
    # KT04 is sent as lũy kế: 15 in March after 20 in February cannot be
    "ytd-decreasing": Case([(3, "gia_tri", "ytd-decreasing")]),
    # XH04 is sent by the month: 40 after 10 and 12 is at least their 22 and over 2 × 12
    # (with the ward's other figures of those months, left empty: each month complete)
    "likely-ytd": Case([(4, "gia_tri", "likely-ytd")]),
    "ambiguous-date": Case([(2, "thang", "ambiguous-date")]),
    "quarter-not-month": Case([(2, "thang", "quarter-not-month")]),
    # March as lũy kế 16,4 (row 3) and as the month's 4,8 (row 4): with February's 12,1
    # the month was 4,3
    "ytd-month-mismatch": Case([(4, "gia_tri", "ytd-month-mismatch")]),
    # three values of September 2020 and one of August: the August row is the odd one
    # (BHXH's August is complete with an empty XH02, so the file is not refused for it)
    "other-month": Case([(4, "thang", "other-month")]),
    # August and September, each lacking the ward's KT05 and KT06: not split, not stored
    "several-months": Case([(*FILE, "several-months")], command="submit"),
    # a stored file that is a symbolic link: reported by the data-folder reader, not read
    "symlink": Case([(*FILE, "symlink")], command="linked"),
    # March 2020 closed by `kehoach lock` (locked/_locks.csv), and no --reopen-reason
    "month-locked": Case([(*FILE, "month-locked")], data=LOCKED, command="submit"),
    # an estimate over the stored official 4,3 (refused even with --replace, without a reason)
    "estimate-replaces-official": Case(
        [(*FILE, "already-stored"), (*FILE, "estimate-replaces-official")],
        data=STORED,
        command="submit",
    ),
    "estimate-replaces-official--xlsx": Case(
        [(*FILE, "already-stored"), (*FILE, "estimate-replaces-official")],
        data=STORED,
        command="submit",
    ),
}


FIXTURE_SUFFIXES = (".csv", ".xlsx", ".ods")


def fixture_path(case: str) -> Path:
    """codes/<case>.csv, or the workbook of that name (.xlsx, .ods)."""
    for suffix in FIXTURE_SUFFIXES:
        path = CODES / f"{case}{suffix}"
        if path.is_file():
            return path
    return CODES / f"{case}.csv"


class Found(NamedTuple):
    """One problem as a command reports it, in both languages."""

    row: int | None
    column: str | None
    code: str
    vi: dict[str, Any]  # the --json item: message, hint
    en: dict[str, Any]
    params: dict[str, Any] | None  # the Issue's parameters where there is an Issue


class Checked(NamedTuple):
    found: list[Found]
    ok: bool
    issues: list  # the Issue records of the file (validate)


def check_case_as(plan, case: str, command: str) -> Checked:
    """``check_case`` with another command."""
    saved = CASES[case]
    CASES[case] = saved._replace(command=command)
    try:
        return check_case(plan, case)
    finally:
        CASES[case] = saved


def check_case(plan, case: str) -> Checked:
    """Run one fixture through the command of its case, with the case's options."""
    spec = CASES[case]
    unit = plan.unit_index[spec.unit] if spec.unit else None
    path = fixture_path(case)
    if spec.command == "small-cells":
        from unittest import mock

        with mock.patch("kehoach.read.rows.MAX_CELL", 10):
            return check_case_as(plan, case, "submit")
    if spec.command == "submit":
        from kehoach.store.submit import submit_file

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "data"
            if spec.data.is_dir():
                shutil.copytree(spec.data, root)  # a refused submit must not touch the fixture
            else:
                root.mkdir()
            outcome = submit_file(plan, path, root, unit=unit, month=spec.month)
            docs = {lang: outcome.to_dict(lang) for lang in ("vi", "en")}
        items = {lang: doc["errors"] + doc["warnings"] for lang, doc in docs.items()}
        found = [
            Found(vi["row"], vi["column"], vi["code"], vi, en, None)
            for vi, en in zip(items["vi"], items["en"], strict=True)
        ]
        return Checked(found, outcome.ok, outcome.result.issues)
    if spec.command == "unreadable":
        from unittest import mock

        denied = PermissionError(13, "Permission denied", str(path))
        with mock.patch("kehoach.read.bounded.open", side_effect=denied, create=True):
            (result,) = validate_files(plan, [path], unit, spec.month, spec.data)
    elif spec.command == "sized":
        from unittest import mock

        with mock.patch("kehoach.read.files.MAX_SUBMISSION_BYTES", path.stat().st_size - 1):
            (result,) = validate_files(plan, [path], unit, spec.month, spec.data)
    elif spec.command == "rowcap":
        from unittest import mock

        with mock.patch("kehoach.read.rows.MAX_FILE_ROWS", 2):
            (result,) = validate_files(plan, [path], unit, spec.month, spec.data)
    elif spec.command == "device":
        import os
        import stat
        from unittest import mock

        real = path.stat()
        node = os.stat_result((stat.S_IFCHR | 0o666, *tuple(real)[1:]))
        with mock.patch("kehoach.read.bounded.os.stat", return_value=node):
            (result,) = validate_files(plan, [path], unit, spec.month, spec.data)
    elif spec.command == "linked":
        if sys.platform == "win32":
            pytest.skip("symlinks need a privilege on Windows")
        with tempfile.TemporaryDirectory() as tmp:
            month = Path(tmp) / "2020-03"
            month.mkdir()
            (month / "CC-THUE.csv").symlink_to(path)
            load = load_data(plan, Path(tmp))
            assert len(load.files) == 1 and not load.dataset.files
            result = load.files[0]
    else:
        (result,) = validate_files(plan, [path], unit, spec.month, spec.data)
    found = [
        Found(i.row, i.column, i.code, i.to_dict("vi"), i.to_dict("en"), i.params)
        for i in result.issues
    ]
    return Checked(found, result.ok, result.issues)


def where(result) -> list[tuple[int | None, str | None, str]]:
    items = result.found if isinstance(result, Checked) else result.issues
    return [(i.row, i.column, i.code) for i in items]


# ------------------------------------------------------------- the catalogue is covered


def test_cases_name_only_catalogue_codes():
    for case, spec in CASES.items():
        code = case.split("--")[0]
        assert code in CATALOGUE, case
        assert code in [c for _, _, c in spec.issues], f"{case} must yield {code}"


def test_every_fixture_file_has_a_case():
    files = {p.stem for p in CODES.iterdir()}
    assert files == set(CASES), "add the fixture or its line in CASES"
    assert all(p.suffix in FIXTURE_SUFFIXES for p in CODES.iterdir())


@pytest.mark.parametrize("code", [c for c, e in CATALOGUE.items() if e.scope == "file"])
def test_every_code_has_a_fixture(plan, code):
    assert code in CASES, f"new code {code!r}: add tests/data/codes/{code}.csv and a CASES line"
    assert fixture_path(code).is_file()
    assert code in [f.code for f in check_case(plan, code).found]


@pytest.mark.parametrize("case", list(CASES))
def test_fixture_yields_exactly_its_issues(plan, case):
    result = check_case(plan, case)
    assert where(result) == CASES[case].issues
    severity = CATALOGUE[case.split("--")[0]].severity
    assert result.ok == (severity == "warning")


# -------------------------------------------------------------- what the messages carry


def issue_of(plan, case: str):
    (issue,) = check_case(plan, case).issues
    return issue


def test_unknown_indicator_suggests_the_closest_codes(plan):
    issue = issue_of(plan, "unknown-indicator")
    assert issue.params["value"] == "KT4"
    assert issue.hint("vi").startswith("Có phải: KT04")
    assert issue.hint("en").startswith("Did you mean: KT04")


def test_unknown_unit_suggests_the_closest_codes(plan):
    issue = issue_of(plan, "unknown-unit")
    assert issue.message("vi") == "Mã đơn vị “CC-THEU” không có trong kế hoạch."
    assert issue.hint("en").startswith("Did you mean: CC-THUE")


def test_indicator_not_for_unit_names_the_unit_that_reports_it(plan):
    issue = issue_of(plan, "indicator-not-for-unit")
    assert issue.message("vi") == "Đơn vị CC-THUE không được giao báo cáo chỉ tiêu KT07."
    assert issue.hint("vi") == "Chỉ tiêu KT07 do P-TNMT báo cáo."
    assert issue.hint("en") == "Indicator KT07 is reported by P-TNMT."


def test_out_of_range_names_the_hard_range(plan):
    issues = check_case(plan, "out-of-range").issues
    assert [i.message("en") for i in issues] == [
        "Value 120 for KT07 is outside the allowed range 0 – 100.",
        "Value -4.3 for KT04 is outside the allowed range ≥ 0.",
    ]
    assert issues[1].message("vi") == "Giá trị -4,3 của KT04 nằm ngoài khoảng cho phép ≥ 0."


def test_unusual_value_is_a_warning_that_names_the_usual_range(plan):
    issue = issue_of(plan, "unusual-value")
    assert not issue.is_error
    assert issue.message("vi") == "Giá trị 430 của KT04 bất thường (thường trong khoảng 1 – 150)."
    assert "tỷ đồng" in issue.hint("vi") and "billion VND" in issue.hint("en")


def test_off_cycle_value_names_the_frequency(plan):
    issue = issue_of(plan, "off-cycle-value")
    assert issue.message("vi") == "KT03 báo cáo hằng quý; tháng 2020-02 không phải kỳ báo cáo."
    assert issue.message("en") == (
        "KT03 is reported quarterly; 2020-02 is not one of its reporting months."
    )


def test_duplicate_key_points_at_the_first_row(plan):
    issue = issue_of(plan, "duplicate-key")
    assert issue.message("vi") == (
        "CC-THUE · KT04 · 2020-03 đã có ở dòng 2 với giá trị 4,3, dòng này ghi 4,8."
    )


def test_repeated_key_with_the_same_value_written_differently(plan):
    # 4.3 on row 2 and 4,3 on row 3 (month written 03/2020): one value, counted once.
    issue = issue_of(plan, "repeated-key")
    assert issue.params["other_row"] == 2
    assert not issue.is_error


def test_conflict_names_both_places(plan):
    issue = issue_of(plan, "conflict")
    late = STORED / "2020-03" / "extra" / "P-TNMT-late.csv"
    assert issue.file == str(fixture_path("conflict"))
    assert Path(issue.params["other_file"]).resolve() == late.resolve()
    assert issue.params["other_row"] == 2
    msg = issue.message("vi")
    assert msg.startswith("P-TNMT · KT07 · 2020-03: giá trị 97 khác với 98,6 trong ")
    assert msg.endswith("P-TNMT-late.csv (dòng 2).")


def test_replaces_stored_names_the_stored_file_not_the_history(plan):
    # stored/_history/2020-03/CC-THUE.csv holds 999 for the same key: never read.
    issue = issue_of(plan, "replaces-stored")
    target = STORED / "2020-03" / "CC-THUE.csv"
    assert Path(issue.params["other_file"]).resolve() == target.resolve()
    assert issue.message("en").startswith(
        "CC-THUE · KT04 · 2020-03: 4.3 is stored in "
    ) and issue.message("en").endswith("this file would replace it with 5.1.")


def test_already_stored_names_the_file_and_how_to_replace_it(plan):
    checked = check_case(plan, "already-stored")
    assert not checked.ok
    refusal = checked.found[0]
    assert refusal.vi["message"].startswith("Đã có bản nộp của CC-THUE, tháng 3/2020: ")
    assert refusal.vi["message"].endswith("/2020-03/CC-THUE.csv. Không lưu gì.")
    assert refusal.en["hint"] == (
        "If this file replaces the stored one, run again with --replace "
        "(the old one is kept in _history)."
    )


def test_the_same_value_as_stored_at_its_own_place_is_silent(plan, tmp_path):
    same = tmp_path / "CC-THUE.csv"
    same.write_bytes(b"don_vi,ma_chi_tieu,thang,gia_tri\nCC-THUE,KT04,2020-03,4.3\n")
    (result,) = validate_files(plan, [same], None, None, STORED)
    assert where(result) == []


def test_a_file_inside_the_data_folder_is_not_compared_with_itself(plan):
    (result,) = validate_files(plan, [STORED / "2020-03" / "CC-THUE.csv"], None, None, STORED)
    assert where(result) == []


def test_conflict_is_listed_even_when_another_row_has_an_error(plan, tmp_path):
    path = tmp_path / "two-problems.csv"
    path.write_bytes(
        b"don_vi,ma_chi_tieu,thang,gia_tri\nP-TNMT,KT07,2020-03,97\nCC-THUE,KT4,2020-03,4.3\n"
    )
    (result,) = validate_files(plan, [path], None, None, STORED)
    assert where(result) == [(2, "gia_tri", "conflict"), (3, "ma_chi_tieu", "unknown-indicator")]


def test_two_files_in_the_data_folder_conflict(plan):
    """The status side: a key stored twice with different values, never summed or picked."""
    root = TEST_DATA / "conflicting"
    load = load_data(plan, root)
    assert [(Path(f.path).name, where(f)) for f in load.files] == [
        ("CC-THUE.csv", []),
        ("CC-THUE-late.csv", [(2, "gia_tri", "conflict")]),
    ]
    ct, kt04 = plan.unit_index["CC-THUE"], plan.indicator_index["KT04"]
    assert load.dataset.get(ct, kt04, 3) is None
    assert load.dataset.conflicted_indicators() == {kt04}
    assert load.has_errors


def test_status_shows_the_conflict_and_exits_1(run):
    import json

    result = run("status", "--data", TEST_DATA / "conflicting", "--json", "--month", "2020-03")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["status"] == "conflict"
    assert kt04["value"] is None
    assert doc["summary"]["conflict"] == 1


# ------------------------------------------------------------------ checks that crash


@pytest.mark.parametrize("text", ["-\u00a01,080", "-\t1,080", "-\u20091,080"])
def test_ambiguous_number_after_a_non_breaking_space_is_reported(text):
    value, problems = check_number(text)
    assert value is None
    assert [p[0] for p in problems] == ["ambiguous-number"]
    assert problems[0][2]["thousands"] == "-1080"


def test_a_value_too_large_to_store_is_an_error(plan, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"don_vi,ma_chi_tieu,thang,gia_tri\nCC-THUE,KT04,2020-03,1" + b"0" * 400)
    result = read_file(path, CheckContext(plan))
    assert not result.ok
    assert all(v == v and abs(v) != float("inf") for *_, v, _, _ in result.values.filled())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_an_ascii_code_by_table_is_the_general_rule(text):
    assert fold(text) == _fold_any(text)


def test_folding_drops_case_diacritics_and_separators():
    assert fold("Đậu-Liêu") == fold("dau liêu") == "DAULIEU"
    assert fold("cc_thue") == fold("CC-THUE") == "CCTHUE"


def test_suggestions_on_a_roll_up_plan_find_the_code_with_a_typo_at_the_end():
    # Thousands of codes: only neighbours in sorted order are compared.
    codes = [
        f"{base}-{i:04d}" for base in ("P-TCKH", "CC-THUE", "BAC-HONG") for i in range(1, 1200)
    ]
    suggest = Suggester(codes)
    assert suggest("P-TCKH-0421X").split(", ")[0] == "P-TCKH-0421"
    assert suggest("cc-thue-0077").split(", ")[0] == "CC-THUE-0077"
    assert "BAC-HONG-1001" in suggest("BAC-HONG-10001")
