"""``kehoach submit``: checked files are stored once, canonically, atomically and logged."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PLAN_PATH, write_csv

from kehoach.core.layout import EXCL_LOCK_NAME
from kehoach.core.records import LOG_HEADER
from kehoach.read.datafolder import data_files, load_data
from kehoach.store import folder_lock
from kehoach.store.canonical import group_rows
from kehoach.store.check import check_store
from kehoach.store.log import read_log
from kehoach.store.submit import submit_file

NOW = datetime(2020, 10, 12, 8, 15, 0, tzinfo=UTC)
HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def inbox(tmp_path: Path, name: str, text: str, **kw) -> Path:
    return write_csv(tmp_path / "inbox" / name, text, **kw)


def log_lines(data: Path) -> list[str]:
    path = data / "_log.csv"
    return path.read_text(encoding="utf-8-sig").splitlines() if path.exists() else []


def status_value(run, data: Path, code: str, month: str = "2020-09"):
    result = run("status", "--month", month, "--data", data, "--json")
    doc = json.loads(result.stdout)
    return next(i for i in doc["indicators"] if i["code"] == code)["value"]


# ------------------------------------------------------------------ storing


def test_stores_canonical_form_from_excel_style_file(run, tmp_path, data):
    # Excel on a Vietnamese machine: BOM, ';', CRLF, decimal commas, rows out of order.
    src = inbox(
        tmp_path,
        "bac hong t9.csv",
        "Mã chỉ tiêu;Đơn vị;Tháng;Giá trị;Ghi chú\n"
        "XH04;bac-hong;09/2020;16;\n"
        "KT06;BAC-HONG;T9/2020;1.080;ước, chưa chốt\n"
        "KT05;BAC-HONG;2020-09;0,5;\n",
        bom=True,
        crlf=True,
    )
    result = run("submit", src, "--data", data)
    assert result.exit_code == 0, result.stdout
    stored = data / "2020-09" / "BAC-HONG.csv"
    assert stored.read_bytes() == (
        b"don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
        b"BAC-HONG,KT05,2020-09,0.5,\n"
        b'BAC-HONG,KT06,2020-09,1080,"\xc6\xb0\xe1\xbb\x9bc, ch\xc6\xb0a ch\xe1\xbb\x91t"\n'
        b"BAC-HONG,XH04,2020-09,16,\n"
    )
    assert f"Đã lưu {stored} (3 giá trị, mới)" in result.stdout
    # the 1.080 warning is shown, and does not stop the submission
    assert "1.080" in result.stdout


def test_canonical_numbers_read_back_unchanged(run, tmp_path, data):
    src = inbox(
        tmp_path,
        "x.csv",
        HEADER + 'P-TNMT,KT07,2020-09,"98,5%",\nCC-THUE,KT04,2020-09,"1,1250",\n',
    )
    assert run("submit", src, "--data", data).exit_code == 0
    assert (data / "2020-09" / "P-TNMT.csv").read_text().splitlines()[1] == (
        "P-TNMT,KT07,2020-09,98.5,"
    )
    # three decimals after a 1-3 digit whole part keep a fourth, or 1.125 would read 1125
    assert (data / "2020-09" / "CC-THUE.csv").read_text().splitlines()[1] == (
        "CC-THUE,KT04,2020-09,1.1250,"
    )
    assert status_value(run, data, "KT04") == 1.125


def test_splits_a_file_covering_several_months_and_units(run, tmp_path, data):
    # Each (unit, month) complete: a ward owes KT05, KT06 and XH04 every month (an empty
    # cell is a row too).
    src = inbox(
        tmp_path,
        "wards.csv",
        HEADER + "NAM-HONG,KT05,2020-08,,\n"
        "NAM-HONG,KT06,2020-08,,\n"
        "NAM-HONG,XH04,2020-08,11,\n"
        "BAC-HONG,XH04,2020-09,16,\n"
        "BAC-HONG,KT05,2020-09,,\n"
        "BAC-HONG,KT06,2020-09,,\n"
        "BAC-HONG,XH04,2020-08,12,\n"
        "BAC-HONG,KT06,2020-08,300,\n"
        "BAC-HONG,KT05,2020-08,,\n",
    )
    result = run("submit", src, "--data", data, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [(s["month"], s["unit"], s["rows"]) for s in doc["stored"]] == [
        ("2020-08", "BAC-HONG", 3),
        ("2020-08", "NAM-HONG", 3),
        ("2020-09", "BAC-HONG", 3),
    ]
    # three of the four values are August's: the September one is pointed at, not refused
    assert [(w["row"], w["column"], w["code"]) for w in doc["warnings"]] == [
        (5, "thang", "other-month")
    ]
    assert sorted(str(p.relative_to(data)) for p in data_files(data)) == [
        "2020-08/BAC-HONG.csv",
        "2020-08/NAM-HONG.csv",
        "2020-09/BAC-HONG.csv",
    ]
    # rows in plan order: KT05, KT06, then XH04
    assert (data / "2020-08" / "BAC-HONG.csv").read_text().splitlines()[1:] == [
        "BAC-HONG,KT05,2020-08,,",
        "BAC-HONG,KT06,2020-08,300,",
        "BAC-HONG,XH04,2020-08,12,",
    ]
    assert len(log_lines(data)) == 1 + 3


INCOMPLETE_MONTHS = (
    HEADER + "NAM-HONG,XH04,2020-08,11,\n"
    "BAC-HONG,XH04,2020-09,16,\n"
    "BAC-HONG,XH04,2020-08,12,\n"
    "BAC-HONG,KT06,2020-08,300,\n"
)


def test_refuses_a_file_of_several_months_not_each_complete(run, tmp_path, data):
    src = inbox(tmp_path, "wards.csv", INCOMPLETE_MONTHS)
    docs = {}
    for lang in ("vi", "en"):
        result = run("submit", src, "--data", data, "--json", "--lang", lang)
        assert result.exit_code == 1
        docs[lang] = json.loads(result.stdout)
    assert docs["vi"]["stored"] == []
    assert [(e["row"], e["code"]) for e in docs["vi"]["errors"]] == [(None, "several-months")]
    assert docs["vi"]["errors"][0]["message"] == (
        "Tệp có số liệu của 2 tháng (tháng 8/2020, tháng 9/2020) nhưng chưa đủ các chỉ tiêu "
        "phải báo cáo: BAC-HONG tháng 8/2020 (thiếu KT05); NAM-HONG tháng 8/2020 (thiếu KT05, "
        "KT06); BAC-HONG tháng 9/2020 (thiếu KT05, KT06)."
    )
    assert "--month 2020-08" in docs["en"]["errors"][0]["hint"]
    assert "or split it into one file per month" in docs["en"]["errors"][0]["hint"]
    assert data_files(data) == [] and log_lines(data) == []
    assert sorted(p.name for p in data.iterdir()) == [".lock"]


def test_month_option_and_last_year_are_not_several_months(run, tmp_path, data):
    # --month names the month meant: the other month's row is a month-mismatch, not a spread
    src = inbox(tmp_path, "wards.csv", INCOMPLETE_MONTHS)
    result = run("submit", src, "--month", "2020-08", "--data", data, "--json")
    assert result.exit_code == 1
    assert [e["code"] for e in json.loads(result.stdout)["errors"]] == ["month-mismatch"]
    # a file of one month, however incomplete, is stored with or without --month
    one = inbox(tmp_path, "bac.csv", HEADER + "BAC-HONG,XH04,2020-08,12,\n")
    result = run("submit", one, "--month", "2020-08", "--data", data, "--json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["warnings"] == []
    assert (data / "2020-08" / "BAC-HONG.csv").read_text() == HEADER + "BAC-HONG,XH04,2020-08,12,\n"
    # last year's month is comparison data beside this year's one, not a second month
    both = inbox(
        tmp_path, "nam.csv", HEADER + "NAM-HONG,XH04,2019-08,10,\nNAM-HONG,XH04,2020-08,11,\n"
    )
    result = run("submit", both, "--data", data, "--json")
    assert result.exit_code == 0, result.stdout
    assert [s["month"] for s in json.loads(result.stdout)["stored"]] == ["2019-08", "2020-08"]


def test_unit_and_month_from_the_command_line(run, tmp_path, data):
    src = inbox(tmp_path, "thue.csv", 'ma_chi_tieu,gia_tri\nKT04,"7,4"\n')
    result = run("submit", src, "--unit", "cc-thue", "--month", "9/2020", "--data", data)
    assert result.exit_code == 0, result.stdout
    assert (data / "2020-09" / "CC-THUE.csv").read_text() == HEADER + "CC-THUE,KT04,2020-09,7.4,\n"


def test_empty_values_are_kept_as_empty(run, tmp_path, data):
    src = inbox(
        tmp_path, "bhxh.csv", HEADER + "BHXH,XH02,2020-09,91.5,\nBHXH,XH03,2020-09,,chưa có\n"
    )
    result = run("submit", src, "--data", data)
    assert result.exit_code == 0
    assert (data / "2020-09" / "BHXH.csv").read_text().splitlines()[1:] == [
        "BHXH,XH02,2020-09,91.5,",
        "BHXH,XH03,2020-09,,chưa có",
    ]
    assert "(1 giá trị, 1 dòng để trống, mới)" in result.stdout


def test_json_document_and_log_line(run, tmp_path, data):
    src = inbox(tmp_path, "thue.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    result = run("submit", src, "--data", data, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc == {
        "stored": [
            {
                "path": str(data / "2020-09" / "CC-THUE.csv"),
                "unit": "CC-THUE",
                "month": "2020-09",
                "rows": 1,
                "values": 1,
                "replaced": False,
                "history": None,
                "reopened": False,
            }
        ],
        "errors": [],
        "warnings": [],
    }
    lines = log_lines(data)
    assert lines[0] == ",".join(LOG_HEADER)
    time, unit, month, source, sha, rows, action, stored_sha, reason = lines[1].split(",")
    assert (unit, month, source, rows, action, reason) == (
        "CC-THUE",
        "2020-09",
        "thue.csv",
        "1",
        "new",
        "",
    )
    import hashlib

    assert sha == hashlib.sha256(src.read_bytes()).hexdigest()
    stored = (data / "2020-09" / "CC-THUE.csv").read_bytes()
    assert stored_sha == hashlib.sha256(stored).hexdigest()
    assert datetime.fromisoformat(time).tzinfo is not None and time.endswith("Z")


def test_log_line_uses_injected_time(plan, tmp_path, data):
    src = inbox(tmp_path, "thue.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    outcome = submit_file(plan, src, data, now=NOW)
    assert outcome.ok
    assert log_lines(data)[1].startswith("2020-10-12T08:15:00Z,CC-THUE,2020-09,thue.csv,")
    [entry] = read_log(data)
    assert (entry.time, entry.unit, entry.month, entry.rows, entry.action) == (
        NOW,
        "CC-THUE",
        "2020-09",
        1,
        "new",
    )


# ------------------------------------------------------------------ refusing


def test_errors_store_nothing(run, tmp_path, data):
    src = inbox(
        tmp_path,
        "bad.csv",
        HEADER + "CC-THUE,KT04,2020-09,7.4,\nCC-THUE,KT99,2020-09,1,\nP-TNMT,KT07,2020-09,120,\n",
    )
    result = run("submit", src, "--data", data)
    assert result.exit_code == 1
    assert "KT99" in result.stdout and "chưa thể nộp" in result.stdout
    assert "Không lưu gì" in result.stdout
    assert data_files(data) == [] and log_lines(data) == []
    doc = json.loads(run("submit", src, "--data", data, "--json").stdout)
    assert doc["stored"] == []
    assert [(e["row"], e["code"]) for e in doc["errors"]] == [
        (3, "unknown-indicator"),
        (4, "out-of-range"),
    ]


def test_refused_second_submit_leaves_stored_bytes_unchanged(run, tmp_path, data):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    second = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,sửa\n")
    assert run("submit", first, "--data", data).exit_code == 0
    stored = data / "2020-09" / "CC-THUE.csv"
    before = stored.read_bytes()

    result = run("submit", second, "--data", data)
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert str(stored) in out and "--replace" in out
    assert "Đã có bản nộp của CC-THUE, tháng 9/2020" in out
    assert stored.read_bytes() == before
    assert len(log_lines(data)) == 2  # header + the first submit only
    assert not (data / "_history").exists()

    doc = json.loads(run("submit", second, "--data", data, "--json", "--lang", "en").stdout)
    assert doc["stored"] == []
    assert [e["code"] for e in doc["errors"]] == ["already-stored"]
    assert doc["errors"][0]["file"] == str(stored)
    assert "--replace" in doc["errors"][0]["hint"]
    # what --replace would change is shown as a warning
    assert [w["code"] for w in doc["warnings"]] == ["replaces-stored"]


def test_resubmitting_the_same_file_says_so(run, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert run("submit", src, "--data", data).exit_code == 0
    result = run("submit", src, "--data", data, "--lang", "en")
    assert result.exit_code == 1
    assert "already submitted" in " ".join(result.stdout.split())


def test_conflict_with_a_value_stored_elsewhere_is_refused(run, tmp_path, data):
    write_csv(data / "hand" / "thue.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.5,\n")
    result = run("submit", src, "--data", data, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [e["code"] for e in doc["errors"]] == ["conflict"]
    assert not (data / "2020-09").exists()
    # --replace does not help: the other file is not the one it would replace
    assert run("submit", src, "--data", data, "--replace").exit_code == 1
    assert not (data / "2020-09").exists()


# ------------------------------------------------------------------ replacing


def test_replace_keeps_the_old_version_and_counts_the_value_once(run, tmp_path, data):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    second = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,sửa\n")
    assert run("submit", first, "--data", data).exit_code == 0
    old = (data / "2020-09" / "CC-THUE.csv").read_bytes()

    result = run("submit", second, "--data", data, "--replace", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    [stored] = doc["stored"]
    assert stored["replaced"] is True
    history = Path(stored["history"])
    assert history.parent == data / "_history" / "2020-09"
    assert history.name.startswith("CC-THUE.") and history.name.endswith("Z.csv")
    assert history.read_bytes() == old
    assert [w["code"] for w in doc["warnings"]] == ["replaces-stored"]
    assert (data / "2020-09" / "CC-THUE.csv").read_text().endswith("8.1,sửa\n")
    assert status_value(run, data, "KT04") == 8.1  # not 15.5: history is not read
    assert [line.split(",")[6] for line in log_lines(data)[1:]] == ["new", "replaced"]


def test_rich_summary_names_the_history_file(run, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    run("submit", src, "--data", data)
    result = run("submit", src, "--data", data, "--replace")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "(1 giá trị, thay thế; bản cũ: " in out
    assert str(data / "_history" / "2020-09" / "CC-THUE.") in out


def test_history_names_get_a_counter(plan, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    for _ in range(2):
        assert submit_file(plan, src, data, replace=True, now=NOW).ok
    names = sorted(p.name for p in (data / "_history" / "2020-09").iterdir())
    assert names == ["CC-THUE.20201012T081500Z-2.csv", "CC-THUE.20201012T081500Z.csv"]


# ------------------------------------------------------------------ crash safety


def test_crash_between_write_and_rename_leaves_the_store_readable(
    run, plan, tmp_path, data, monkeypatch
):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    second = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,\n")
    assert run("submit", first, "--data", data).exit_code == 0
    stored = data / "2020-09" / "CC-THUE.csv"
    before = stored.read_bytes()
    log_before = log_lines(data)
    seen = {}

    real_replace = os.replace

    def crash(src, dst):
        if Path(dst) != stored:
            return real_replace(src, dst)  # the journal, written first (store.journal)
        # The moment of the crash: the new bytes are complete in the temporary file.
        tmp = Path(src)
        seen["tmp"] = tmp
        seen["tmp_bytes"] = tmp.read_bytes()
        seen["listed"] = data_files(data)
        load = load_data(plan, data)
        seen["value"] = load.dataset.get(plan.unit_index["CC-THUE"], 3, 9)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run("submit", second, "--data", data, "--replace")
    monkeypatch.undo()

    assert result.exit_code == 2
    assert "No space left on device" in " ".join(result.stderr.split())
    tmp = seen["tmp"]
    assert tmp.parent == stored.parent and tmp.name.startswith(".")
    assert seen["tmp_bytes"].endswith(b"CC-THUE,KT04,2020-09,8.1,\n")
    # while the temporary file existed, the reader saw only the old file
    assert seen["listed"] == [stored]
    assert seen["value"] == 7.4
    # afterwards: old bytes, no temporary file, no log line yet; the change is recorded
    # in the journal, and check-store names it, not the damage it explains
    assert stored.read_bytes() == before
    assert sorted(p.name for p in stored.parent.iterdir()) == ["CC-THUE.csv"]
    assert log_lines(data) == log_before
    assert status_value(run, data, "KT04") == 7.4
    assert [p.code for p in check_store(data).problems] == ["unfinished-change"]
    # the next writing command finishes it: the store is what its log says
    assert run("unlock", "2020-09", "--reason", "x", "--data", data).exit_code == 0
    report = check_store(data)
    assert report.problems == [] and (report.files, report.verified) == (1, 1)
    assert status_value(run, data, "KT04") == 8.1
    assert len(log_lines(data)) == len(log_before) + 1


def test_a_crash_half_way_through_the_log_line(run, plan, tmp_path, data, monkeypatch):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    second = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,\n")
    assert run("submit", first, "--data", data).exit_code == 0
    real_write = os.write

    def cut(fd, data_bytes):
        real_write(fd, data_bytes[:30])  # the disk filled up half way through the line
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", cut)
    result = run("submit", second, "--data", data, "--replace")
    monkeypatch.undo()
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    stored = data / "2020-09" / "CC-THUE.csv"
    # the file was written before the log: the message says so, not "nothing changed",
    # and that the next writing command finishes it from the journal
    assert f"ghi vào nhật ký giao dịch {data / '_journal.json'} trước khi lỗi" in err
    assert str(stored) in err
    assert stored.read_text().endswith("8.1,\n")
    assert [p.code for p in check_store(data).problems] == ["unfinished-change"]
    # the next submit finishes the cut one first (its log line whole again), then
    # finds these very figures stored
    assert run("submit", second, "--data", data, "--replace").exit_code == 0
    assert check_store(data).problems == []
    assert [e.action for e in read_log(data)][:2] == ["new", "replaced"]


def test_a_leftover_temporary_file_is_ignored(run, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert run("submit", src, "--data", data).exit_code == 0
    # what a power cut during write_atomic leaves: a half-written dot file
    (data / "2020-09" / ".CC-THUE.csv.k2j3h4.tmp").write_bytes(HEADER.encode() + b"CC-THUE,KT0")
    result = run("status", "--month", "2020-09", "--data", data, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["issues"] == []
    assert status_value(run, data, "KT04") == 7.4
    # check-store points at it (the readers ignore it, a person may delete it)
    assert [p.code for p in check_store(data).problems] == ["temp-file"]
    assert run("submit", src, "--data", data, "--replace").exit_code == 0


# ------------------------------------------------------------------ locking


def test_concurrent_submits_of_different_units_both_land(tmp_path, data):
    files = [
        inbox(tmp_path, "thue.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n"),
        inbox(tmp_path, "bhxh.csv", HEADER + "BHXH,XH02,2020-09,91.5,\nBHXH,XH03,2020-09,33,\n"),
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kehoach",
                "submit",
                str(f),
                "--data",
                str(data),
                "--plan",
                str(PLAN_PATH),
                "--json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for f in files
    ]
    outs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sorted(p.name for p in data_files(data)) == ["BHXH.csv", "CC-THUE.csv"]
    lines = log_lines(data)
    assert lines[0] == ",".join(LOG_HEADER)
    assert sorted(line.split(",")[1] for line in lines[1:]) == ["BHXH", "CC-THUE"]
    report = check_store(data)
    assert report.problems == [] and (report.files, report.verified) == (2, 2)


def test_lock_without_fcntl_uses_msvcrt_on_the_same_file(plan, tmp_path, data, monkeypatch):
    """Windows: msvcrt.locking on DATA/.lock (a fake msvcrt here: it records the calls and
    says "busy" for a byte another process holds); the OS releases it with the process,
    so there is never a file to delete (tests/test_i25_locks.py kills a holder)."""
    calls = []
    held = set()

    class FakeMsvcrt:
        LK_NBLCK, LK_UNLCK = 2, 0

        @staticmethod
        def locking(fd, mode, nbytes):
            calls.append((mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
            if mode == FakeMsvcrt.LK_NBLCK:
                if "other" in held:
                    raise OSError(errno.EDEADLOCK, "Resource deadlock avoided")
                held.add(fd)
            else:
                held.discard(fd)

    monkeypatch.setattr(folder_lock, "fcntl", None)
    monkeypatch.setattr(folder_lock, "msvcrt", FakeMsvcrt)
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    assert calls == [(FakeMsvcrt.LK_NBLCK, 1, 0), (FakeMsvcrt.LK_UNLCK, 1, 0)] and not held
    assert not (data / EXCL_LOCK_NAME).exists()

    held.add("other")  # another process holds the byte
    other = inbox(tmp_path, "b.csv", HEADER + "BHXH,XH02,2020-09,91.5,\n")
    with pytest.raises(folder_lock.FolderBusy) as err:
        submit_file(plan, other, data, now=NOW, lock_timeout=0)
    assert ".lock" in err.value.message("vi") and "không cần xóa tệp nào" in err.value.hint("vi")
    assert not (data / "2020-09" / "BHXH.csv").exists()


# ------------------------------------------------------------------ edges


def test_missing_file_and_missing_data_folder_exit_2(run, tmp_path, data):
    result = run("submit", tmp_path / "nope.csv", "--data", data)
    assert result.exit_code == 2 and "nope.csv" in result.stderr
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    result = run("submit", src, "--data", tmp_path / "no-such-folder")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr and "mkdir" in result.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_english_summary(run, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    result = run("submit", src, "--data", data, "--lang", "en")
    assert result.exit_code == 0
    assert "Stored " in result.stdout and "(1 value, new)" in result.stdout


def test_group_rows_keeps_one_row_per_key_preferring_a_figure():
    from decimal import Decimal

    rows = [
        (0, 5, 9, None, ""),
        (0, 5, 9, Decimal("3"), "b"),
        (0, 2, 9, Decimal("1"), "a"),
        (0, 2, 9, Decimal("1"), "again"),
        (1, 2, 8, Decimal("2"), ""),
    ]
    assert group_rows(rows) == {
        (8, 1): [(1, 2, 8, Decimal("2"), "")],
        (9, 0): [(0, 2, 9, Decimal("1"), "a"), (0, 5, 9, Decimal("3"), "b")],
    }


def test_keeping_an_old_file_twice_in_one_second_names_both(tmp_path):
    from datetime import UTC, datetime

    from kehoach.store.atomic import write_keeping_old

    target = tmp_path / "r.txt"
    now = datetime(2020, 10, 20, 8, 0, 0, tzinfo=UTC)
    assert write_keeping_old(target, b"one", now) is None  # nothing there yet
    first = write_keeping_old(target, b"two", now)
    second = write_keeping_old(target, b"three", now)
    assert first is not None and first.name == "r.txt.20201020T080000Z.bak"
    assert second is not None and second.name == "r.txt.20201020T080000Z-2.bak"
    assert (first.read_bytes(), second.read_bytes(), target.read_bytes()) == (
        b"one",
        b"two",
        b"three",
    )
    assert write_keeping_old(target, b"three", now) is None  # same bytes: nothing kept


def test_a_folder_given_as_the_file_exits_2_like_validate(run, tmp_path, data):
    result = run("submit", tmp_path, "--data", data)
    assert result.exit_code == 2
    # A folder is an inbox now (docs/contract.md §10): this one holds no submission file
    # (the data folder inside it is never submitted onto itself).
    assert "Không có tệp số liệu nào trong" in result.stderr
