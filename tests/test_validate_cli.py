"""`kehoach validate` end to end: exit codes, the `--json` document, languages, options.

Every run passes ``--data`` explicitly, so the repository's sample data folder never takes
part unless a test asks for it.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kehoach.core.issues import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plan2020.yaml"
TEST_DATA = Path(__file__).resolve().parent / "data"
CODES = TEST_DATA / "codes"
STORED = TEST_DATA / "stored"
NO_DATA = TEST_DATA / "no-such-folder"
ONE_PER_ROW = TEST_DATA / "cli" / "one-problem-per-row.csv"
EXCEL_VN = TEST_DATA / "cli" / "excel-vn-clean.csv"
BROKEN_PLANS = sorted((TEST_DATA / "plans").glob("*.yaml"))


def validate(run, *args):
    """`kehoach validate ARGS`, against an empty data folder unless ARGS name one."""
    if "--data" not in args:
        args = (*args, "--data", NO_DATA)
    return run("validate", *args)


def validate_json(run, *args) -> tuple[int, dict]:
    result = validate(run, *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def flat(text: str) -> str:
    """Terminal output without the line breaks rich puts in long lines."""
    return " ".join(text.split())


# --------------------------------------------------------------- the one-problem-per-row file

# (row, code) of every problem in cli/one-problem-per-row.csv: each row has its own.
ONE_PER_ROW_ERRORS = [
    # rows of six months, none of them complete: submit would refuse it whole
    (None, None, "several-months"),
    (2, "don_vi", "unknown-unit"),
    (3, "ma_chi_tieu", "unknown-indicator"),
    (4, "ma_chi_tieu", "indicator-not-for-unit"),
    (5, "thang", "bad-month"),
    (6, "thang", "month-outside-plan-year"),
    (7, "gia_tri", "not-a-number"),
    (8, "gia_tri", "ambiguous-number"),
    (9, "gia_tri", "bad-grouping"),
    (11, "gia_tri", "out-of-range"),
    (14, "don_vi", "missing-unit"),
    (15, "ma_chi_tieu", "missing-indicator"),
    (16, "thang", "missing-month"),
    (17, None, "bad-row-length"),
    (19, "gia_tri", "duplicate-key"),
]
ONE_PER_ROW_WARNINGS = [
    (1, None, "unknown-column"),
    (10, "gia_tri", "thousands-dot"),
    (12, "gia_tri", "unusual-value"),
    (13, "thang", "off-cycle-value"),
    (18, "gia_tri", "repeated-key"),
]


def test_every_row_of_the_one_problem_per_row_file_is_listed(run):
    code, doc = validate_json(run, ONE_PER_ROW)
    assert code == 1
    (f,) = doc["files"]
    assert f["path"] == str(ONE_PER_ROW)
    assert f["rows"] == 18
    assert f["ok"] is False
    assert [(e["row"], e["column"], e["code"]) for e in f["errors"]] == ONE_PER_ROW_ERRORS
    assert [(w["row"], w["column"], w["code"]) for w in f["warnings"]] == ONE_PER_ROW_WARNINGS
    rows = sorted(e["row"] for e in f["errors"] + f["warnings"] if e["row"] is not None)
    assert rows == list(range(1, 20))  # the header and every data row: one problem each


def test_one_problem_per_row_as_a_table(run):
    result = validate(run, ONE_PER_ROW)
    assert result.exit_code == 1
    out = result.stdout
    lines = out.splitlines()
    # Every row number shows in the table's first column.
    listed = {ln.split("│")[1].strip() for ln in lines if ln.count("│") >= 4}
    assert {str(r) for r in range(1, 20)} <= listed
    assert flat(out).endswith(f"✘ {ONE_PER_ROW}: 18 dòng, 15 lỗi, 5 cảnh báo — chưa thể nộp.")


def test_clean_excel_vn_file_passes_with_the_verdict_line(run):
    result = validate(run, EXCEL_VN)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == f"✔ {EXCEL_VN}: 5 dòng, hợp lệ."
    result = validate(run, EXCEL_VN, "--lang", "en")
    assert result.stdout.strip() == f"✔ {EXCEL_VN}: 5 rows, valid."


# ---------------------------------------------------------------------------- exit codes


def test_warnings_only_exit_0(run):
    result = validate(run, CODES / "unusual-value.csv")
    assert result.exit_code == 0
    assert flat(result.stdout).endswith(
        f"✔ {CODES / 'unusual-value.csv'}: 1 dòng, hợp lệ, 1 cảnh báo."
    )


def test_any_error_exit_1(run):
    assert validate(run, CODES / "bad-grouping.csv").exit_code == 1
    # one bad file among good ones fails the run, and every file is still reported
    code, doc = validate_json(
        run, EXCEL_VN, CODES / "bad-grouping.csv", CODES / "unusual-value.csv"
    )
    assert code == 1
    assert [(Path(f["path"]).name, f["ok"]) for f in doc["files"]] == [
        ("excel-vn-clean.csv", True),
        ("bad-grouping.csv", False),
        ("unusual-value.csv", True),
    ]


def test_missing_file_exit_2(run, tmp_path):
    missing = tmp_path / "khong-co.csv"
    result = validate(run, EXCEL_VN, missing)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert flat(result.stderr) == f"Không tìm thấy tệp {missing}."
    result = validate(run, missing, "--lang", "en")
    assert flat(result.stderr) == f"File {missing} not found."


def test_folder_argument_exit_2(run, tmp_path):
    result = validate(run, tmp_path)
    assert result.exit_code == 2
    assert str(tmp_path) in flat(result.stderr)


@pytest.mark.parametrize("plan_file", BROKEN_PLANS, ids=lambda p: p.stem)
def test_broken_plan_exit_2_naming_the_plan(run, plan_file):
    result = validate(run, EXCEL_VN, "--plan", plan_file)
    assert result.exit_code == 2
    assert result.stdout == ""
    err = flat(result.stderr)
    assert err.startswith(f"Tệp kế hoạch {plan_file} không hợp lệ: {plan_file}:")
    assert "Traceback" not in result.stderr


def test_bad_unit_and_month_options_exit_2(run):
    result = validate(run, EXCEL_VN, "--unit", "CC-THEU")
    assert result.exit_code == 2
    assert "CC-THEU" in result.stderr and "CC-THUE" in result.stderr  # lists the valid codes
    result = validate(run, EXCEL_VN, "--month", "2021-03")
    assert result.exit_code == 2
    assert "2021-03" in result.stderr
    assert validate(run, EXCEL_VN, "--month", "tháng ba").exit_code == 2


# ---------------------------------------------------------------------------- --json shape


def test_json_document_shape(run):
    code, doc = validate_json(run, ONE_PER_ROW, CODES / "not-utf8.csv", EXCEL_VN)
    assert code == 1
    assert set(doc) == {"files"}
    for f in doc["files"]:
        assert set(f) == {"path", "rows", "ok", "errors", "warnings"}
        assert isinstance(f["rows"], int) and isinstance(f["ok"], bool)
        assert f["ok"] == (f["errors"] == [])
        for item in f["errors"] + f["warnings"]:
            has_hint = bool(CATALOGUE[item["code"]].hint_vi)
            keys = {"row", "column", "code", "message"} | ({"hint"} if has_hint else set())
            assert set(item) == keys, item
            assert item["row"] is None or isinstance(item["row"], int)
            assert item["message"] and (not has_hint or item["hint"])
        for item in f["errors"]:
            assert CATALOGUE[item["code"]].severity == "error"
        for item in f["warnings"]:
            assert CATALOGUE[item["code"]].severity == "warning"
    not_utf8 = doc["files"][1]
    assert not_utf8["rows"] == 0
    assert [(e["row"], e["column"], e["code"]) for e in not_utf8["errors"]] == [
        (None, None, "not-utf8")
    ]
    assert "CSV UTF-8" in not_utf8["errors"][0]["hint"]
    assert doc["files"][2] == {
        "path": str(EXCEL_VN),
        "rows": 5,
        "ok": True,
        "errors": [],
        "warnings": [],
    }


def test_json_item_in_full(run):
    _, doc = validate_json(run, CODES / "ambiguous-number.csv")
    assert doc["files"][0]["errors"] == [
        {
            "row": 2,
            "column": "gia_tri",
            "code": "ambiguous-number",
            "message": "“1,080” không rõ nghĩa: có thể là 1080 hoặc 1,08.",
            "hint": "Ghi 1080 nếu là số nguyên (không dùng dấu phân cách hàng nghìn), "
            "hoặc 1,08 nếu là số thập phân.",
        }
    ]


def test_json_whole_file_problems_have_row_null(run):
    names = ["not-utf8", "not-a-csv", "empty-file", "no-data-rows"]
    _, doc = validate_json(run, *(CODES / f"{n}.csv" for n in names))
    assert [[(e["row"], e["code"]) for e in f["errors"]] for f in doc["files"]] == [
        [(None, n)] for n in names
    ]


# ----------------------------------------------------------------------------- languages


def test_vietnamese_by_default_with_diacritics(run):
    _, doc = validate_json(run, CODES / "missing-month.csv")
    (item,) = doc["files"][0]["errors"]
    assert item["message"] == "Thiếu tháng báo cáo."
    assert item["hint"] == "Ghi tháng dạng 2020-03 hoặc 03/2020, hoặc chạy lệnh với --month."


def test_lang_en(run):
    _, doc = validate_json(run, CODES / "missing-month.csv", "--lang", "en")
    (item,) = doc["files"][0]["errors"]
    assert item["message"] == "The reporting month is missing."
    assert item["hint"] == "Write the month as 2020-03 or 03/2020, or run the command with --month."
    result = validate(run, CODES / "missing-month.csv", "--lang", "en")
    assert "The reporting month is missing." in flat(result.stdout)
    assert "1 row, 1 error, 0 warnings — cannot be submitted." in flat(result.stdout)


def test_kehoach_lang_env_is_honoured(run, monkeypatch):
    monkeypatch.setenv("KEHOACH_LANG", "en")
    _, doc = validate_json(run, CODES / "missing-month.csv")
    assert doc["files"][0]["errors"][0]["message"] == "The reporting month is missing."
    # the option wins over the environment
    _, doc = validate_json(run, CODES / "missing-month.csv", "--lang", "vi")
    assert doc["files"][0]["errors"][0]["message"] == "Thiếu tháng báo cáo."


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    env.update(extra)
    return env


def _kehoach(*args, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def test_kehoach_plan_env_is_honoured(tmp_path):
    # tmp_path has no ./plan2020.yaml: without the variable the command cannot run.
    args = ("validate", EXCEL_VN, "--data", NO_DATA)
    without = _kehoach(*args, cwd=tmp_path, env=_clean_env())
    assert without.returncode == 2
    assert "plan2020.yaml" in without.stderr
    ok = _kehoach(*args, cwd=tmp_path, env=_clean_env(KEHOACH_PLAN=str(PLAN)))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == f"✔ {EXCEL_VN}: 5 dòng, hợp lệ."
    broken = TEST_DATA / "plans" / "unknown-unit.yaml"
    bad = _kehoach(*args, cwd=tmp_path, env=_clean_env(KEHOACH_PLAN=str(broken)))
    assert bad.returncode == 2
    assert str(broken) in bad.stderr


# ------------------------------------------------------------------ --unit, --month, --data


def test_unit_and_month_options_fill_the_missing_columns(run):
    path = TEST_DATA / "read" / "no-unit-month-columns.csv"
    assert validate(run, path).exit_code == 1
    result = validate(run, path, "--unit", "bhxh", "--month", "03/2020")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"✔ {path}: 2 dòng, hợp lệ."


def test_rows_that_disagree_with_the_options(run):
    code, doc = validate_json(run, CODES / "unit-mismatch.csv", "--unit", "CC-THUE")
    assert code == 1
    assert doc["files"][0]["errors"][0]["message"] == (
        "Dòng ghi đơn vị BHXH, nhưng lệnh được chạy với --unit CC-THUE."
    )
    code, doc = validate_json(run, CODES / "month-mismatch.csv", "--month", "2020-03")
    assert code == 1
    assert [(e["row"], e["code"]) for e in doc["files"][0]["errors"]] == [(3, "month-mismatch")]


def test_stored_data_conflict_exit_1_and_replacement_warning_exit_0(run):
    code, doc = validate_json(run, CODES / "conflict.csv", "--data", STORED)
    assert code == 1
    assert [e["code"] for e in doc["files"][0]["errors"]] == ["conflict"]
    code, doc = validate_json(run, CODES / "replaces-stored.csv", "--data", STORED)
    assert code == 0
    assert [w["code"] for w in doc["files"][0]["warnings"]] == ["replaces-stored"]
    code, doc = validate_json(run, CODES / "duplicate-value.csv", "--data", STORED)
    assert code == 0
    assert [w["code"] for w in doc["files"][0]["warnings"]] == ["duplicate-value"]


def test_a_missing_data_folder_is_fine_for_validate(run):
    # validate reads --data only to compare; without it the file is judged on its own.
    result = validate(run, CODES / "conflict.csv", "--data", NO_DATA)
    assert result.exit_code == 0


# ------------------------------------------------------------------- no input, no traceback


def _all_test_files() -> list[Path]:
    return sorted(p for p in TEST_DATA.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "options",
    [
        ("--json",),
        (),
        (
            "--json",
            "--unit",
            "CC-THUE",
            "--month",
            "2020-03",
            "--data",
            str(STORED),
            "--lang",
            "en",
        ),
    ],
    ids=["json", "text", "json-options-stored"],
)
def test_no_file_under_tests_data_produces_a_traceback(tmp_path, options):
    files = _all_test_files()
    assert len(files) > 60
    if "--data" not in options:
        options = (*options, "--data", str(NO_DATA))
    proc = _kehoach(
        "validate", *files, *options, "--plan", PLAN, cwd=tmp_path, env=_clean_env(COLUMNS="100")
    )
    assert "Traceback" not in proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    if "--json" in options:
        doc = json.loads(proc.stdout)
        assert [f["path"] for f in doc["files"]] == [str(p) for p in files]


# -------------------------------------------------------------------------------- big files


def test_five_megabytes_of_junk(run, tmp_path):
    rnd = random.Random(20200122)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(rnd.randbytes(5 * 1024 * 1024))
    # the same junk after a valid head longer than the sniffed 64 KiB, without NUL bytes
    late = tmp_path / "late-junk.csv"
    head = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n" + "BHXH,XH02,2020-03,,\n" * 4000
    late.write_bytes(head.encode() + rnd.randbytes(5 * 1024 * 1024).replace(b"\x00", b"\xff"))
    code, doc = validate_json(run, junk, late)
    assert code == 1
    first, second = doc["files"]
    assert [e["code"] for e in first["errors"]] == ["not-a-csv"]
    assert (None, "not-utf8") in [(e["row"], e["code"]) for e in second["errors"]]


def _big_plan(tmp_path: Path, wards: int) -> Path:
    """The shipped plan with ``wards`` more wards reporting every ward indicator."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    codes = [f"P{n:05d}" for n in range(wards)]
    data["units"] += [
        {"code": c, "name_vi": f"Phường {c}", "name_en": f"Ward {c}", "kind": "ward"} for c in codes
    ]
    for ind in data["indicators"]:
        if "BAC-HONG" in ind.get("contributors", []):
            ind["contributors"] = ind["contributors"] + codes
    path = tmp_path / "big-plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_two_hundred_thousand_clean_rows(run, tmp_path):
    # 3334 wards x 5 ward indicators x 12 months: every key once, every value clean.
    wards = 3334
    plan = _big_plan(tmp_path, wards)
    indicators = ["KT05", "KT06", "XH04", "XH08", "XH09"]
    values = ["5", "6", "12", "0", "7"]  # XH08/XH09 count villages: whole numbers
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeffdon_vi;ma_chi_tieu;thang;gia_tri;ghi_chu\r\n")
        for n in range(wards):
            for i, ind in enumerate(indicators):
                for m in range(1, 13):
                    if ind in ("KT05", "KT06"):  # sent as lũy kế: a year to date that grows
                        value = f"{m * 5 + n % 7},5"
                    elif ind == "XH04":  # sent by the month: a steady amount
                        value = "5"
                    else:
                        value = values[(n + m + i) % 5]
                    out.write(f"P{n:05d};{ind};{m:02d}/2020;{value};\r\n")
    rows = wards * len(indicators) * 12
    assert rows >= 200_000
    result = validate(run, path, "--plan", plan)
    assert result.exit_code == 0, result.stdout[-2000:]
    assert result.stdout.strip() == f"✔ {path}: {rows} dòng, hợp lệ."


# ------------------------------------------------------------- inputs that crash today

CRASHERS = {
    # reader.py _sniff_delimiter: csv.Error on a lone CR, outside read_file's try
    "cr-line-ends": b"don_vi;ma_chi_tieu;thang;gia_tri\rCC-THUE;KT04;2020-03;4,3\r",
    # checks.py _number_params: Decimal('-\xa01.080') raises InvalidOperation
    "nbsp-after-minus": b"don_vi;ma_chi_tieu;thang;gia_tri\nCC-THUE;KT04;2020-03;-\xc2\xa01,080\n",
}


@pytest.mark.parametrize("name", list(CRASHERS))
def test_inputs_that_end_in_an_internal_error_today(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(CRASHERS[name])
    proc = _kehoach(
        "validate", path, "--plan", PLAN, "--data", NO_DATA, cwd=tmp_path, env=_clean_env()
    )
    assert "internal error" not in proc.stderr
    assert proc.returncode in (0, 1)


def test_unreadable_file_is_reported_cleanly(run, monkeypatch, tmp_path):
    path = tmp_path / "locked.csv"
    path.write_bytes((CODES / "unusual-value.csv").read_bytes())

    import builtins

    def denied(file, *args, **kwargs):
        if Path(file) != path:  # the plan is read through the same opener
            return builtins.open(file, *args, **kwargs)
        raise PermissionError(13, "Permission denied", str(file))

    # Root reads any file, so chmod 000 proves nothing here: deny the open itself.
    monkeypatch.setattr("kehoach.read.bounded.open", denied, raising=False)
    result = validate(run, path)
    assert result.exit_code in (1, 2)
    assert str(path) in result.stdout + result.stderr
