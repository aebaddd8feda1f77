"""``kehoach lock`` / ``unlock`` and a submit into a locked month.

The lock file is a trail people read (``DATA/_locks.csv``); a damaged one is never read as
"nothing locked"; a lock and a submit racing in two processes are one before the other.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PLAN_PATH, write_csv
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.records import LOCKS_HEADER, LockEntry
from kehoach.store import month_locks as locks_mod
from kehoach.store.check import check_store
from kehoach.store.folder_lock import DataLock
from kehoach.store.log import read_log
from kehoach.store.month_locks import format_lock_line, parse_locks, read_locks
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
LOCK_HEADER_LINE = ",".join(LOCKS_HEADER) + "\n"
NOW = datetime(2020, 10, 12, 8, 15, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _user(monkeypatch):
    """The OS user recorded in the trail, fixed for the tests."""
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "ketoan")


def inbox(tmp_path: Path, name: str, text: str) -> Path:
    return write_csv(tmp_path / "inbox" / name, text)


def lock_lines(data: Path) -> list[list[str]]:
    import csv

    text = (data / "_locks.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(text.splitlines()))


def log_lines(data: Path) -> list[str]:
    path = data / "_log.csv"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def one_line(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ the lock file, pure


def test_format_then_parse_gives_the_entry_back():
    entry = LockEntry(NOW, "2020-09", "locked", "ketoan", 'Báo cáo số 41/BC-UBND, "đã ký"')
    line = format_lock_line(entry)
    assert line == '2020-10-12T08:15:00Z,2020-09,locked,ketoan,"Báo cáo số 41/BC-UBND, ""đã ký"""\n'
    parsed = parse_locks(LOCK_HEADER_LINE + line)
    assert parsed.problems == []
    assert parsed.entries == [LockEntry(NOW, "2020-09", "locked", "ketoan", entry.note, 2)]


@given(
    month=st.integers(1, 12),
    locked=st.booleans(),
    user=st.text(min_size=1, max_size=20),
    note=st.text(max_size=60),
    seconds=st.integers(0, 10**9),
)
def test_any_entry_survives_format_and_parse(month, locked, user, note, seconds):
    when = datetime.fromtimestamp(1_500_000_000 + seconds, UTC)
    entry = LockEntry(when, f"2020-{month:02d}", "locked" if locked else "unlocked", user, note)
    parsed = parse_locks(LOCK_HEADER_LINE + format_lock_line(entry))
    assert parsed.problems == []
    [back] = parsed.entries
    assert (back.time, back.month, back.state) == (when, entry.month, entry.state)
    assert back.user == (one_line(user) or "unknown")
    assert back.note == one_line(note)


@given(st.text(max_size=300))
def test_parse_never_raises_and_says_where(text):
    parsed = parse_locks(text)
    lines = len(text.removeprefix("\ufeff").splitlines())
    for problem in parsed.problems:
        assert problem.row is not None and 1 <= problem.row <= max(lines, 1)
        assert problem.message("vi") and problem.message("en")


def test_latest_line_of_a_month_decides_in_file_order():
    text = (
        LOCK_HEADER_LINE
        + "2020-10-22T01:00:00Z,2020-09,locked,a,\n"
        + "2020-10-25T01:00:00Z,2020-09,unlocked,a,sửa KT04\n"
        + "2020-10-20T01:00:00Z,2020-08,locked,b,\n"
        # a clock set wrong: an earlier time, later in the file, still decides
        + "2020-10-01T01:00:00Z,2020-09,locked,a,\n"
    )
    parsed = parse_locks(text)
    assert parsed.is_locked("2020-09") and parsed.is_locked("2020-08")
    assert not parsed.is_locked("2020-07")
    assert list(parsed.locked_months()) == ["2020-08", "2020-09"]
    assert parsed.latest("2020-09").line == 5


def test_excel_saved_lock_file_reads():
    text = "\ufefftime,month,state,user,note\r\n2020-10-22T08:15:00+07:00,2020-09,LOCKED,kt,\r\n"
    parsed = parse_locks(text)
    assert parsed.problems == []
    [entry] = parsed.entries
    assert entry.time == datetime(2020, 10, 22, 1, 15, tzinfo=UTC) and entry.locked


def test_each_kind_of_garbage_is_reported_with_its_line():
    text = (
        LOCK_HEADER_LINE
        + "2020-10-22T01:00:00Z,2020-09,locked,a,\n"  # 2: fine
        + "2020-10-22,2020-09,locked\n"  # 3: three cells
        + "hôm qua,2020-09,locked,a,\n"  # 4: time
        + "2020-10-22T01:00:00Z,9/2020,locked,a,\n"  # 5: month
        + "2020-10-22T01:00:00Z,2020-09,đã khóa,a,\n"  # 6: state
    )
    parsed = parse_locks(text)
    assert [(p.row, p.code) for p in parsed.problems] == [
        (3, "lock-bad-cells"),
        (4, "lock-bad-time"),
        (5, "lock-bad-month"),
        (6, "lock-bad-state"),
    ]
    assert parsed.problems[0].message("vi") == (
        "dòng 3: dòng có 3 ô, cần 5 ô (time,month,state,user,note): '2020-10-22,2020-09,locked'"
    )
    assert parsed.problems[3].message("en") == (
        "line 6: state “đã khóa” is not valid (locked or unlocked): "
        "'2020-10-22T01:00:00Z,2020-09,đã khóa,a,'"
    )
    bad_header = parse_locks("thang,trang_thai\n2020-10-22T01:00:00Z,2020-09,locked,a,\n")
    assert [(p.row, p.code) for p in bad_header.problems] == [(1, "lock-bad-header")]


# ------------------------------------------------------------------ lock / unlock


def test_lock_unlock_round_trip(run, data):
    before = datetime.now(UTC).replace(microsecond=0)
    result = run("lock", "2020-09", "--note", "Báo cáo số 41/BC-UBND", "--data", data)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"✔ Đã khóa sổ tháng 9/2020 (ghi vào {data / '_locks.csv'}).")
    [header, line] = lock_lines(data)
    assert header == list(LOCKS_HEADER)
    assert line[1:] == ["2020-09", "locked", "ketoan", "Báo cáo số 41/BC-UBND"]
    assert before <= datetime.fromisoformat(line[0]) <= datetime.now(UTC)
    assert read_locks(data).is_locked("2020-09")

    # locking again changes nothing and says since when
    again = run("lock", "9/2020", "--data", data)
    assert again.exit_code == 0
    assert "Tháng 9/2020 đã khóa sổ từ " in again.stdout and "không thay đổi gì" in again.stdout
    assert len(lock_lines(data)) == 2

    result = run(
        "unlock", "2020-09", "--reason", "Chi cục Thuế\nđiều chỉnh", "--data", data, "--lang", "en"
    )
    assert result.exit_code == 0
    assert "Unlocked September 2020" in result.stdout
    assert lock_lines(data)[2][1:] == ["2020-09", "unlocked", "ketoan", "Chi cục Thuế điều chỉnh"]
    assert not read_locks(data).is_locked("2020-09")

    again = run("unlock", "2020-09", "--reason", "x", "--data", data)
    assert again.exit_code == 0 and "chưa khóa sổ; không thay đổi gì" in again.stdout
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    assert [line[2] for line in lock_lines(data)[1:]] == ["locked", "unlocked", "locked"]
    assert lock_lines(data)[3][4] == ""  # no note


def test_unlock_needs_a_reason_and_months_are_checked(run, data):
    result = run("unlock", "2020-09", "--data", data)
    assert result.exit_code == 2 and "--reason" in result.output
    result = run("unlock", "2020-09", "--reason", "   ", "--data", data)
    assert result.exit_code == 2 and "Cần ghi lý do (--reason" in result.stderr
    result = run("lock", "2019-09", "--data", data)
    assert result.exit_code == 2 and "không thuộc năm kế hoạch 2020" in result.stderr
    result = run("lock", "tháng chín", "--data", data)
    assert result.exit_code == 2 and "không hợp lệ" in result.stderr
    result = run("lock", "2020-09", "--data", data / "nope")
    assert result.exit_code == 2 and "nope" in result.stderr
    assert not (data / "_locks.csv").exists()


def test_a_lock_file_that_cannot_be_written_changes_nothing(run, data, monkeypatch):
    def full(path, payload):
        raise OSError(28, "No space left on device")

    from kehoach.store import journal

    monkeypatch.setattr(journal, "write_atomic", full)  # the lock's transaction writes
    result = run("lock", "2020-09", "--data", data, "--lang", "en")
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()) == (
        f"Could not write {data / '_locks.csv'}: No space left on device. Nothing changed."
    )
    assert not (data / "_locks.csv").exists()


def test_user_falls_back_when_the_system_cannot_tell(monkeypatch):
    import getpass

    def no_user():
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert locks_mod.current_user() == "unknown"


# ------------------------------------------------------------------ submit into a locked month


def test_submit_into_a_locked_month_is_refused(run, tmp_path, data):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    fixed = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,sửa\n")
    assert run("submit", first, "--data", data).exit_code == 0
    assert run("lock", "2020-09", "--note", "BC 41", "--data", data).exit_code == 0
    stored = data / "2020-09" / "CC-THUE.csv"
    before, log_before = stored.read_bytes(), log_lines(data)

    result = run("submit", fixed, "--replace", "--data", data)
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "✘ Tháng 9/2020 đã khóa sổ lúc " in out
    assert "(người khóa: ketoan; ghi chú: BC 41). Không lưu gì." in out
    assert '--reopen-reason "lý do"' in out and 'kehoach unlock 2020-09 --reason "lý do"' in out
    assert stored.read_bytes() == before and log_lines(data) == log_before
    assert not (data / "_history").exists()

    doc = json.loads(
        run("submit", fixed, "--replace", "--data", data, "--json", "--lang", "en").stdout
    )
    assert doc["stored"] == []
    [error] = doc["errors"]
    assert (error["code"], error["month"], error["row"]) == ("month-locked", "2020-09", None)
    assert error["message"].startswith("September 2020 was locked on ")
    assert error["lock"]["user"] == "ketoan" and error["lock"]["note"] == "BC 41"
    assert "--reopen-reason" in error["hint"]


def test_one_locked_month_stops_the_whole_file(run, tmp_path, data):
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    # Each month complete (a ward owes KT05, KT06, XH04 monthly), so only the lock objects.
    both = inbox(
        tmp_path,
        "wards.csv",
        HEADER + "BAC-HONG,KT05,2020-08,,\nBAC-HONG,KT06,2020-08,,\nBAC-HONG,XH04,2020-08,12,\n"
        "BAC-HONG,KT05,2020-09,,\nBAC-HONG,KT06,2020-09,,\nBAC-HONG,XH04,2020-09,16,\n",
    )
    result = run("submit", both, "--data", data, "--json")
    assert result.exit_code == 1
    assert [e["code"] for e in json.loads(result.stdout)["errors"]] == ["month-locked"]
    assert not (data / "2020-08").exists() and not (data / "2020-09").exists()
    # other months are open
    august = inbox(tmp_path, "aug.csv", HEADER + "BAC-HONG,XH04,2020-08,12,\n")
    assert run("submit", august, "--data", data).exit_code == 0


def test_reopen_reason_stores_logs_and_marks_the_revision(run, tmp_path, data):
    first = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    fixed = inbox(tmp_path, "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,sửa\n")
    late = inbox(tmp_path, "c.csv", HEADER + "BHXH,XH02,2020-09,91.5,\n")
    assert run("submit", first, "--data", data).exit_code == 0
    assert run("lock", "2020-09", "--data", data).exit_code == 0

    result = run(
        "submit",
        fixed,
        "--replace",
        "--reopen-reason",
        "Chi cục Thuế điều chỉnh, công văn 12/CCT",
        "--data",
        data,
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "thay thế; bản cũ: " in out and "— sửa sau khóa sổ, lý do đã ghi vào nhật ký" in out
    assert (data / "2020-09" / "CC-THUE.csv").read_text().endswith("8.1,sửa\n")
    # a unit's first file into the locked month needs the reason too, and is marked
    assert run("submit", late, "--data", data).exit_code == 1
    result = run("submit", late, "--data", data, "--reopen-reason", "gửi muộn", "--json")
    assert result.exit_code == 0
    [stored] = json.loads(result.stdout)["stored"]
    assert stored["reopened"] is True and stored["replaced"] is False

    entries = read_log(data)
    assert [(e.unit, e.action, e.reason) for e in entries] == [
        ("CC-THUE", "new", ""),
        ("CC-THUE", "reopened-replaced", "Chi cục Thuế điều chỉnh, công văn 12/CCT"),
        ("BHXH", "reopened-new", "gửi muộn"),
    ]
    assert log_lines(data)[2].endswith(
        f',reopened-replaced,{entries[1].stored_sha256},"{entries[1].reason}"'
    )
    # the lock itself stays: the reason opens the door for that one submit only
    assert read_locks(data).is_locked("2020-09")
    assert check_store(data).ok


def test_an_empty_reopen_reason_is_a_usage_error(run, tmp_path, data):
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    result = run("submit", src, "--data", data, "--reopen-reason", " ")
    assert result.exit_code == 2 and "--reopen-reason" in result.stderr
    assert not (data / "2020-09").exists()


# ------------------------------------------------------------------ a damaged lock file


GARBLED = LOCK_HEADER_LINE + "2020-10-22T01:00:00Z,2020-09,locked,a,\n" + "2020-09;khoa;ketoan\n"


def test_a_garbled_lock_file_stops_submit_lock_and_unlock(run, tmp_path, data):
    (data / "_locks.csv").write_text(GARBLED, encoding="utf-8")
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-08,7.4,\n")  # an open month
    for args in (
        ("submit", src),
        ("submit", src, "--reopen-reason", "x"),
        ("lock", "2020-08"),
        ("unlock", "2020-09", "--reason", "x"),
    ):
        result = run(*args, "--data", data)
        assert result.exit_code == 2, args
        err = " ".join(result.stderr.split())
        assert f"Tệp khóa sổ {data / '_locks.csv'} bị hỏng" in err
        assert "dòng 3: dòng có 1 ô, cần 5 ô" in err and "'2020-09;khoa;ketoan'" in err
        assert "Sửa hoặc xóa các dòng đó" in err
        assert "Traceback" not in result.output
    assert not (data / "2020-08").exists() and log_lines(data) == []
    assert (data / "_locks.csv").read_text(encoding="utf-8") == GARBLED

    problems = check_store(data).problems
    assert [(p.code, p.row) for p in problems] == [("bad-lock-file", 3)]

    # fixed by hand: everything runs again
    (data / "_locks.csv").write_text(GARBLED.rsplit("\n", 2)[0] + "\n", encoding="utf-8")
    assert run("submit", src, "--data", data).exit_code == 0


def test_a_lock_file_that_is_not_utf8_is_damaged_not_empty(plan, tmp_path, data):
    (data / "_locks.csv").write_bytes("time,month\n2020-09,khóa\n".encode("cp1258"))
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    from kehoach.store.month_locks import LockFileDamaged

    with pytest.raises(LockFileDamaged) as err:
        submit_file(plan, src, data, now=NOW)
    assert "tệp không phải UTF-8" in err.value.message("vi")
    assert not (data / "2020-09").exists()


def test_a_hand_saved_last_line_without_line_end_gets_one(run, data):
    (data / "_locks.csv").write_text(
        LOCK_HEADER_LINE + "2020-10-22T01:00:00Z,2020-08,locked,a,ghi tay", encoding="utf-8"
    )
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    lines = lock_lines(data)
    assert [line[1:3] for line in lines[1:]] == [["2020-08", "locked"], ["2020-09", "locked"]]
    assert lines[1][4] == "ghi tay"


# ------------------------------------------------------------------ racing processes


def _kehoach(*args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    return subprocess.Popen(
        [sys.executable, "-m", "kehoach", *args, "--plan", str(PLAN_PATH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


@pytest.mark.parametrize("round_", range(3))
def test_lock_and_submit_racing_in_two_processes(tmp_path, round_):
    """The lock wins (nothing stored) or the submit wins (stored, then locked): never half.

    The test holds the data folder's lock while both processes start, so that both are
    waiting on it when it is released. The start order alternates between rounds; on this
    machine the first one started tends to win, so both outcomes are exercised, but the
    test accepts either: what it checks is that each outcome is whole.
    """
    data = tmp_path / "data"
    data.mkdir()
    src = inbox(tmp_path, "a.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    with DataLock(data):
        procs = [
            _kehoach("lock", "2020-09", "--data", str(data)),
            _kehoach("submit", str(src), "--data", str(data), "--json"),
        ][:: 1 if round_ % 2 else -1]
        time.sleep(1.5)  # both start and block on the lock
        assert all(p.poll() is None for p in procs), "a process did not wait for the lock"
    outs = {p.args[3]: (p.communicate(timeout=60), p.returncode) for p in procs}
    (lock_out, lock_rc), ((submit_out, _), submit_rc) = outs["lock"], outs["submit"]
    assert lock_rc == 0, lock_out
    assert read_locks(data).is_locked("2020-09")
    stored = data / "2020-09" / "CC-THUE.csv"
    entries = read_log(data)
    if submit_rc == 0:  # the submit went first: stored and logged as an ordinary submit
        assert stored.exists()
        assert [(e.unit, e.action) for e in entries] == [("CC-THUE", "new")]
        lock_time = read_locks(data).latest("2020-09").time
        assert entries[0].time <= lock_time
    else:  # the lock went first: refused, nothing written
        assert submit_rc == 1
        assert [e["code"] for e in json.loads(submit_out)["errors"]] == ["month-locked"]
        assert not stored.exists() and entries == []
    assert check_store(data).ok
