"""``kehoach check-store``: the data folder against its log, one kind of damage at a time.

Each test damages a store built by real submits the way a person or a crash would, and
checks the problem record (code, path, line), the exit code and what the user reads.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import check_golden, write_csv
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.records import LOG_HEADER
from kehoach.store.check import check_store, parse_log
from kehoach.store.log import read_log
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
NOW = datetime(2020, 10, 12, 8, 15, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=3, hours=2)


@pytest.fixture(autouse=True)
def vietnam_clock(monkeypatch):
    """Times are shown as an office in Hà Nội reads them (UTC+7)."""
    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    """An empty data folder; the tests run beside it so that paths read ``data/…``."""
    monkeypatch.chdir(tmp_path)
    folder = Path("data")
    folder.mkdir()
    return folder


def submit(plan, tmp_path: Path, text: str, data: Path, when=NOW, **kw) -> None:
    src = write_csv(tmp_path / "inbox" / "f.csv", HEADER + text)
    outcome = submit_file(plan, src, data, now=when, **kw)
    assert outcome.ok, outcome.to_dict("en")


@pytest.fixture
def store(plan, tmp_path, data) -> Path:
    """CC-THUE and BHXH for September, CC-THUE replaced three days later."""
    submit(plan, tmp_path, "CC-THUE,KT04,2020-09,7.4,\n", data)
    submit(plan, tmp_path, "BHXH,XH02,2020-09,91.5,\n", data)
    submit(plan, tmp_path, "CC-THUE,KT04,2020-09,8.1,sửa\n", data, LATER, replace=True)
    return data


def found(data: Path) -> list[tuple[str, str | None, int | None]]:
    """(code, path, line) of every problem."""
    return [(p.code, p.file, p.row) for p in check_store(data).problems]


# ------------------------------------------------------------------ a clean store


def test_a_clean_store_passes_with_a_one_line_summary(run, store):
    result = run("check-store", "--data", "data")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        "✔ Kho số liệu data khớp nhật ký: 2 tệp số liệu (2 đúng SHA-256), 1 bản cũ trong "
        "_history, 3 dòng nhật ký.\n"
    )
    result = run("check-store", "--data", "data", "--json", "--lang", "en")
    doc = json.loads(result.stdout)
    assert doc == {
        "data": "data",
        "ok": True,
        "summary": {
            "files": 2,
            "verified": 2,
            "unverified": [],
            "history": 1,
            "log_lines": 3,
            "problems": 0,
        },
        "problems": [],
    }


def test_an_empty_data_folder_is_consistent(run, data):
    result = run("check-store", "--data", "data", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("✔ The data folder data matches its log: 0 data files")


def test_a_missing_data_folder_cannot_be_checked(run, data):
    result = run("check-store", "--data", "nope")
    assert result.exit_code == 2 and "nope" in result.stderr


# ------------------------------------------------------------------ damage, one kind at a time


def test_a_stored_file_edited_by_hand(run, plan, store):
    stored = store / "2020-09" / "CC-THUE.csv"
    stored.write_text(HEADER + "CC-THUE,KT04,2020-09,81,sửa\n", encoding="utf-8")
    assert found(store) == [("changed-by-hand", "data/2020-09/CC-THUE.csv", 4)]
    result = run("check-store", "--data", "data")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    digest = hashlib.sha256(stored.read_bytes()).hexdigest()
    assert (
        "✘ data/2020-09/CC-THUE.csv: nội dung khác với bản đã ghi nhật ký lúc 17:15 ngày "
        f"15/10/2020 (dòng 4; SHA-256 {digest[:12]}…, nhật ký ghi "
    ) in out
    assert "kehoach submit data/2020-09/CC-THUE.csv --replace" in out
    assert out.endswith("✘ 1 vấn đề trong kho số liệu data.")

    # doing what the hint says leaves a trail and a consistent store
    result = run("submit", "data/2020-09/CC-THUE.csv", "--replace", "--data", "data")
    assert result.exit_code == 0, result.stdout
    assert check_store(store).ok
    assert read_log(store)[-1].action == "replaced"


def test_a_file_put_back_to_an_older_version_says_which(plan, store):
    stored = store / "2020-09" / "CC-THUE.csv"
    [old] = (store / "_history" / "2020-09").iterdir()
    shutil.copy(old, stored)
    [problem] = check_store(store).problems
    assert problem.code == "changed-by-hand"
    assert problem.message("vi").endswith(
        "; trùng với bản ghi lúc 15:15 ngày 12/10/2020: tệp đã bị sửa ngoài kehoach."
    )
    assert "it matches the version of 2020-10-12 15:15" in problem.message("en")


def test_files_without_a_log_line(run, store):
    write_csv(store / "2020-08" / "P-TNMT.csv", HEADER + "P-TNMT,KT07,2020-08,98,\n")
    write_csv(store / "nhan-tay" / "thue.csv", HEADER + "CC-THUE,KT04,2020-08,6,\n")
    assert found(store) == [
        ("not-logged", "data/2020-08/P-TNMT.csv", None),
        ("not-logged", "data/nhan-tay/thue.csv", None),
    ]
    doc = json.loads(run("check-store", "--data", "data", "--json", "--lang", "en").stdout)
    first, second = doc["problems"]
    assert first["message"] == (
        "data/2020-08/P-TNMT.csv: a data file with no line in the submission log _log.csv: "
        "who sent it and when is unknown; its figures still count."
    )
    assert "kehoach submit data/2020-08/P-TNMT.csv --replace" in first["hint"]
    assert "move this copy out" not in first["hint"]
    assert "then move this copy out of the data folder" in second["hint"]


def test_a_folder_filled_by_hand_without_any_log_is_one_problem(run, data):
    for unit, code in (("CC-THUE", "KT04"), ("P-TNMT", "KT07")):
        write_csv(data / "2020-08" / f"{unit}.csv", HEADER + f"{unit},{code},2020-08,5,\n")
    assert found(data) == [("no-log", "data/_log.csv", None)]
    result = run("check-store", "--data", "data", "--json", "--lang", "en")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["files"] == ["data/2020-08/CC-THUE.csv", "data/2020-08/P-TNMT.csv"]
    assert problem["message"] == (
        "data/_log.csv: there is no submission log, but the folder holds 2 data files: none "
        "has a trail of who sent it and when (for example data/2020-08/CC-THUE.csv)."
    )


def test_a_log_line_whose_file_is_gone(store):
    (store / "2020-09" / "BHXH.csv").unlink()
    [problem] = check_store(store).problems
    assert (problem.code, problem.row) == ("file-missing", 3)
    assert problem.message("vi") == (
        "data/2020-09/BHXH.csv: nhật ký ghi đã lưu lúc 15:15 ngày 12/10/2020 (dòng 3) nhưng "
        "tệp không còn; số liệu của BHXH 2020-09 đang thiếu."
    )
    assert "data/_history/2020-09" in problem.hint("vi")


def test_a_replaced_line_whose_old_version_is_gone(store):
    [old] = (store / "_history" / "2020-09").iterdir()
    assert old.name == "CC-THUE.20201015T101500Z.csv"
    old.unlink()
    assert found(store) == [
        ("history-missing", "data/_history/2020-09/CC-THUE.20201015T101500Z.csv", 4)
    ]
    report = check_store(store)
    assert report.history == 0
    assert report.problems[0].message("en") == (
        "Log line 4 says the submission of CC-THUE for 2020-09 was replaced at "
        "2020-10-15 17:15, but the old version is not in data/_history/2020-09 "
        "(expected CC-THUE.20201015T101500Z.csv)."
    )


def test_two_replacements_in_one_second_need_two_old_versions(plan, tmp_path, data):
    submit(plan, tmp_path, "CC-THUE,KT04,2020-09,7.4,\n", data)
    for value in ("7.5", "7.6"):
        submit(plan, tmp_path, f"CC-THUE,KT04,2020-09,{value},\n", data, LATER, replace=True)
    assert check_store(data).ok and check_store(data).history == 2
    (data / "_history" / "2020-09" / "CC-THUE.20201015T101500Z-2.csv").unlink()
    assert [(code, line) for code, _, line in found(data)] == [("history-missing", 4)]


def test_a_log_line_cut_short_by_a_crash(plan, tmp_path, store):
    log = store / "_log.csv"
    whole = log.read_bytes()
    # the last append stopped half way through its line (power cut, full disk)
    log.write_bytes(whole[: whole.rindex(b"\n", 0, len(whole) - 1) + 40])
    assert found(store) == [
        ("bad-log-line", None, 4),
        # the file it logged is there, and is now without a trail: more stored versions
        # than log lines that read, so not a hand edit but a submit cut short
        ("unlogged-file", "data/2020-09/CC-THUE.csv", None),
    ]
    [cut, _] = check_store(store).problems
    assert cut.message("vi").startswith(
        "_log.csv dòng 4: dòng cuối bị cắt giữa chừng (không có dấu xuống dòng): "
        "'2020-10-15T10:15:00Z,CC-THUE,2020-09,"
    )
    # the next submit starts on a line of its own: nothing is glued to the cut line
    submit(plan, tmp_path, "P-TNMT,KT07,2020-09,98,\n", store, LATER)
    assert [e.unit for e in read_log(store)] == ["CC-THUE", "BHXH", "P-TNMT"]
    assert [(code, line) for code, _, line in found(store)] == [
        ("bad-log-line", 4),
        ("unlogged-file", None),
    ]
    # no longer the last line: now it is a line with too few cells, at the same place
    assert check_store(store).problems[0].message("en") == (
        "_log.csv line 4: 4 cells where 9 are needed: '2020-10-15T10:15:00Z,CC-THUE,2020-09,f.'"
    )


def test_a_log_line_garbled_by_hand(store):
    log = store / "_log.csv"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")
    cells[5] = "một"
    lines[2] = ",".join(cells)
    lines.insert(3, "ghi chú của tôi\n")
    log.write_text("".join(lines), encoding="utf-8")
    problems = check_store(store).problems
    assert [(p.code, p.row) for p in problems] == [
        ("bad-log-line", 3),
        ("bad-log-line", 4),
        ("not-logged", None),  # BHXH's only line is the garbled one
    ]
    assert problems[0].message("vi").startswith("_log.csv dòng 3: ô rows không hợp lệ: ")
    assert problems[1].message("en").startswith("_log.csv line 4: 1 cell where 9 are needed: ")


def test_a_temporary_file_left_by_an_interrupted_write(store):
    (store / "2020-09" / ".CC-THUE.csv.k2j3h4.tmp").write_bytes(b"don_vi,ma_chi")
    assert found(store) == [("temp-file", "data/2020-09/.CC-THUE.csv.k2j3h4.tmp", None)]


def test_a_log_that_is_not_utf8_is_reported_not_read_as_empty(run, store):
    (store / "_log.csv").write_bytes("time,unit\nhôm qua,CC-THUE\n".encode("cp1258"))
    result = run("check-store", "--data", "data")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Không đọc được nhật ký nộp _log.csv" in result.stdout
    assert [code for code, _, _ in found(store)] == ["log-unreadable", "not-logged", "not-logged"]


def test_a_log_written_before_the_new_columns_still_reads(plan, tmp_path, data):
    old_header = ",".join(LOG_HEADER[:7])
    canonical = HEADER + "CC-THUE,KT04,2020-09,7.4,\n"
    excel = "\ufeffma_chi_tieu;don_vi;thang;gia_tri\r\nXH02;BHXH;09/2020;91,5\r\n"
    write_csv(data / "2020-09" / "CC-THUE.csv", canonical)
    write_csv(data / "2020-09" / "BHXH.csv", HEADER + "BHXH,XH02,2020-09,91.5,\n")
    sha = {
        name: hashlib.sha256(text.encode()).hexdigest()
        for name, text in (("c", canonical), ("e", excel))
    }
    (data / "_log.csv").write_text(
        f"{old_header}\n"
        f"2020-10-01T01:00:00Z,CC-THUE,2020-09,thue.csv,{sha['c']},1,new\n"
        f"2020-10-01T02:00:00Z,BHXH,2020-09,bhxh.csv,{sha['e']},1,new\n",
        encoding="utf-8",
    )
    report = check_store(data)
    # sent in canonical form: the source's hash is the stored file's; otherwise unknown
    assert report.ok and report.verified == 1
    assert report.unverified == [str(data / "2020-09" / "BHXH.csv")]
    # a submit appends a 9-column line under the old header; both read
    submit(plan, tmp_path, "P-TNMT,KT07,2020-09,98,\n", data, LATER)
    entries = read_log(data)
    assert [(e.unit, bool(e.stored_sha256)) for e in entries] == [
        ("CC-THUE", False),
        ("BHXH", False),
        ("P-TNMT", True),
    ]
    assert check_store(data).ok and check_store(data).verified == 2


@given(st.text(max_size=400))
def test_parse_log_never_raises(text):
    lines, problems = parse_log(text)
    assert all(p.code == "bad-log-line" and p.row >= 1 for p in problems)
    assert all(ll.line >= 2 for ll in lines)


# ------------------------------------------------------------------ what people read


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_everything_wrong_at_once_golden(run, plan, tmp_path, store, lang):
    (store / "2020-09" / "CC-THUE.csv").write_text(HEADER + "CC-THUE,KT04,2020-09,81,\n")
    (store / "2020-09" / "BHXH.csv").unlink()
    write_csv(store / "2020-08" / "P-TNMT.csv", HEADER + "P-TNMT,KT07,2020-08,98,\n")
    for old in (store / "_history" / "2020-09").iterdir():
        old.unlink()
    with open(store / "_log.csv", "ab") as log:
        log.write(b"2020-10-16T01:00:00Z,P-TNMT,2020-0")
    (store / "_locks.csv").write_text("time,month,state,user,note\n2020-09,locked\n")
    (store / "2020-08" / ".P-TNMT.csv.x1y2.tmp").write_bytes(b"")
    result = run("check-store", "--data", "data", "--lang", lang)
    assert result.exit_code == 1
    check_golden(f"check-store_{lang}.txt", result.stdout)
