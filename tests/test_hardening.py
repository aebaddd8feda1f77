"""The round trip: what ``submit`` stores is what ``status`` reads back, and no input reaches the
terminal raw or slows a command down.

One named regression test per defect of the hostile-input run, then the round-trip law as
a property (``submit`` and ``template -o``). The seeded fuzz test is in test_fuzz_submit.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN_PATH, write_csv
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.i18n import plural_en
from kehoach.core.issues import CATALOGUE
from kehoach.core.layout import submission_path
from kehoach.core.notes import FORMULA_START, protect_note, read_note
from kehoach.core.template import due_indicators
from kehoach.read.checks import CheckContext
from kehoach.read.datafolder import data_files, load_data
from kehoach.read.files import read_file
from kehoach.render.form import template_csv
from kehoach.store.canonical import group_rows
from kehoach.store.check import check_store, orphan_temp_files, unlogged_files
from kehoach.store.log import read_log
from kehoach.store.submit import submit_file

NOW = datetime(2020, 10, 12, 8, 15, 0, tzinfo=UTC)
HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def stored_rows(plan, path: Path) -> list[tuple]:
    """A stored file read back as submit collects rows; it must have no error."""
    rows: list[tuple] = []
    result = read_file(path, CheckContext(plan), collect=rows)
    assert result.ok, [i.to_dict("en") for i in result.errors]
    return rows


def assert_round_trip(plan, source: Path, root: Path, outcome, before: dict) -> None:
    """The law: what submit accepted is what the data folder gives back, or nothing was
    stored and a catalogue code says why."""
    rows: list[tuple] = []
    read_file(source, CheckContext(plan), collect=rows)
    groups = group_rows(rows)
    if not outcome.ok:
        assert not outcome.stored
        assert outcome.already_stored or outcome.result.errors
        assert all(i.code in CATALOGUE for i in outcome.result.issues)
        assert snapshot(root) == before  # nothing written
        return
    assert len(outcome.stored) == len(groups)
    for (month, unit), group in groups.items():
        target = submission_path(root, plan, unit, month)
        back = stored_rows(plan, target)
        assert back == group  # values, notes and row count, in order
        assert [r[4] for r in back] == [r[4] for r in group]  # notes, character for character
    load = load_data(plan, root)
    assert not load.has_errors, [i.to_dict("en") for i in load.issues]


def snapshot(root: Path) -> dict:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


# ---------------------------------------------------------------- bytes past the head


def big_file(tmp_path: Path, name: str, rows: int = 4000) -> tuple[Path, bytes]:
    """A file well past 64 KiB: one value, then thousands of rows with notes."""
    lines = [HEADER, "CC-THUE,KT04,2020-09,7.4,\n"]
    lines += [f"CC-THUE,KT04,2020-09,7.4,ghi chú số {i} {'x' * 10}\n" for i in range(rows)]
    body = "".join(lines).encode("utf-8")
    assert len(body) > 3 * 64 * 1024
    path = tmp_path / name
    path.write_bytes(body)
    return path, body


def test_nul_past_the_first_64k_is_refused_by_submit(plan, tmp_path, data):
    path, body = big_file(tmp_path, "nul.csv")
    at = len(body) - 40
    path.write_bytes(body[:at] + b"\x00" + body[at:])
    outcome = submit_file(plan, path, data, now=NOW)
    assert not outcome.ok and not outcome.stored
    assert [(i.code, i.params) for i in outcome.result.errors] == [
        ("not-a-csv", {"kind": "binary"})
    ]
    assert not list(data.rglob("*.csv"))


@pytest.mark.parametrize("digest", [False, True], ids=["validate", "submit"])
@pytest.mark.parametrize("where", ["early", "late"])
def test_nul_past_the_first_64k_makes_the_file_binary_either_way(plan, tmp_path, digest, where):
    # Without a digest (validate, status) the file is scanned for NUL before it is parsed;
    # with one (submit) each block is checked as it is parsed and hashed: one verdict.
    path, body = big_file(tmp_path, "nul.csv")
    at = 70_000 if where == "early" else len(body) - 40
    path.write_bytes(body[:at] + b"\x00" + body[at:])
    result = read_file(path, CheckContext(plan), digest=digest)
    assert [(i.code, i.params) for i in result.errors] == [("not-a-csv", {"kind": "binary"})]
    assert result.sha256 is None  # never read to its end


def test_the_digest_is_only_computed_when_asked(plan, tmp_path):
    path, body = big_file(tmp_path, "big.csv")
    small = tmp_path / "small.csv"
    small.write_bytes(body[:2000].rsplit(b"\n", 1)[0] + b"\n")
    for file in (path, small):
        assert read_file(file, CheckContext(plan)).sha256 is None
        expected = hashlib.sha256(file.read_bytes()).hexdigest()
        assert read_file(file, CheckContext(plan), digest=True).sha256 == expected


def test_bytes_not_utf8_past_the_first_64k_are_refused(plan, tmp_path, data):
    path, body = big_file(tmp_path, "latin.csv")
    at = len(body) - 40
    path.write_bytes(body[:at] + "é".encode("latin-1") + body[at:])
    outcome = submit_file(plan, path, data, now=NOW)
    assert [i.code for i in outcome.result.errors] == ["not-utf8"]
    assert not outcome.stored


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_file_through_a_pipe_keeps_its_first_64k(plan, tmp_path):
    path, body = big_file(tmp_path, "big.csv")
    expected = read_file(path, CheckContext(plan), digest=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(body,))
    writer.start()
    piped = read_file(fifo, CheckContext(plan), digest=True)
    writer.join()
    assert piped.rows == expected.rows == 4001
    assert [(i.row, i.code) for i in piped.issues] == [(i.row, i.code) for i in expected.issues]
    assert piped.sha256 == expected.sha256 is not None


KEHOACH = [sys.executable, "-m", "kehoach"]


@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="no /dev/stdin here")
def test_validate_dev_stdin_reads_the_whole_input(tmp_path):
    _, body = big_file(tmp_path, "big.csv")
    env = dict(os.environ, KEHOACH_NO_CACHE="1")
    no_data = str(tmp_path / "no-data")
    done = subprocess.run(
        # no data folder: the shipped sample's KT04 figures are not this test's subject
        [*KEHOACH, "validate", "/dev/stdin", "--json", "--plan", PLAN_PATH, "--data", no_data],
        input=body,
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (doc,) = json.loads(done.stdout)["files"]
    assert doc["rows"] == 4001
    assert {w["code"] for w in doc["warnings"]} == {"repeated-key"}
    assert len(doc["warnings"]) == 4000


def test_submit_logs_the_digest_of_the_bytes_read(plan, tmp_path, data):
    path, body = big_file(tmp_path, "big.csv")
    assert submit_file(plan, path, data, now=NOW).ok
    assert read_log(data)[0].sha256 == hashlib.sha256(body).hexdigest()


# ---------------------------------------------------------------- notes


@pytest.mark.parametrize(
    "note",
    ["trước\rsau", "trước\nsau", "trước\r\nsau", "a\r", "\r\n\r", 'dấu "ngoặc"\rkép'],
    ids=["lone-cr", "lf", "crlf", "trailing-cr", "only-breaks", "quote-and-cr"],
)
def test_line_breaks_in_a_note_survive_the_stored_file(plan, tmp_path, data, note):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [HEADER.strip().split(","), ["CC-THUE", "KT04", "2020-09", "7.4", note]]
    )
    src = tmp_path / "in.csv"
    src.write_bytes(buf.getvalue().encode())
    before = snapshot(data)
    outcome = submit_file(plan, src, data, now=NOW)
    assert outcome.ok
    assert_round_trip(plan, src, data, outcome, before)
    (row,) = stored_rows(plan, data / "2020-09" / "CC-THUE.csv")
    assert row[4] == note.strip()
    # and --replace writes the same, whole file again
    again = submit_file(plan, src, data, now=NOW, replace=True)
    assert again.ok
    assert stored_rows(plan, data / "2020-09" / "CC-THUE.csv") == [row]


def test_status_reads_a_stored_note_with_a_lone_cr(run, plan, tmp_path, data):
    src = write_csv(tmp_path / "in.csv", HEADER + 'CC-THUE,KT04,2020-09,7.4,"a\rb"\n')
    assert run("submit", src, "--data", data).exit_code == 0
    result = run("status", "--month", "2020-09", "--data", data, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["issues"] == []
    assert next(i for i in doc["indicators"] if i["code"] == "KT04")["value"] == 7.4


@pytest.mark.parametrize("note", ["=1+1", "+84 912", "-5 %", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_looking_notes_are_stored_as_text(plan, tmp_path, data, note):
    src = write_csv(
        tmp_path / "in.csv",
        HEADER + "CC-THUE,KT04,2020-09,7.4," + '"' + note.replace('"', '""') + '"\n',
    )
    assert submit_file(plan, src, data, now=NOW).ok
    stored = (data / "2020-09" / "CC-THUE.csv").read_text(encoding="utf-8")
    last = stored.splitlines()[-1]
    # the note cell begins with an apostrophe: a spreadsheet shows it as text
    assert last.split(",", 4)[4].lstrip('"').startswith("'" + note[0])
    (row,) = stored_rows(plan, data / "2020-09" / "CC-THUE.csv")
    assert row[4] == note


def test_a_protective_tab_or_apostrophe_is_kept_exactly(plan, tmp_path, data):
    # A note the office wrote as "'=x" (the spreadsheet's own text mark) reads as "=x"
    # and is stored protected; "''" reads as "'"; "'abc" stays what it is.
    cases = (("'=x", "=x"), ("''", "'"), ("'abc", "'abc"), ("'\t=x", "\t=x"), ("'", "'"))
    for cell, accepted in cases:
        assert read_note(cell) == accepted
        assert read_note(protect_note(accepted)) == accepted
    assert protect_note("\t=x") == "'\t=x"


@given(st.text())
def test_protect_and_read_note_are_inverse(note):
    note = read_note(note)  # any note the reader can accept
    stored = protect_note(note)
    assert read_note(stored) == note
    assert stored[:1] not in FORMULA_START


# ---------------------------------------------------------------- the data folder


def test_unreadable_month_folder_is_reported_cannot_read(run, plan, tmp_path, data, monkeypatch):
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    # We may run as root, which no file mode stops: the listing itself fails.
    real = os.scandir
    month = str(data / "2020-09")

    def scandir(path="."):
        if os.fspath(path) == month:
            raise PermissionError(13, "Permission denied", month)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = []
    assert data_files(data, problems) == []
    assert [(i.code, i.file, i.params) for i in problems] == [
        ("cannot-read", month, {"reason": "Permission denied"})
    ]
    result = run("status", "--month", "2020-09", "--data", data, "--json")
    assert result.exit_code == 1
    (issue,) = json.loads(result.stdout)["issues"]
    assert (issue["code"], issue["file"]) == ("cannot-read", month)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need a privilege on Windows")
def test_symlinked_month_folder_is_reported_by_status(run, plan, tmp_path, data):
    elsewhere = tmp_path / "elsewhere"
    write_csv(elsewhere / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    (data / "2020-09").symlink_to(elsewhere, target_is_directory=True)
    result = run("status", "--month", "2020-09", "--data", data, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [(i["code"], i["file"]) for i in doc["issues"]] == [("symlink", str(data / "2020-09"))]
    assert next(i for i in doc["indicators"] if i["code"] == "KT04")["value"] is None


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need a privilege on Windows")
def test_submit_refuses_to_write_through_a_symlinked_month_folder(run, tmp_path, data):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "2020-09").symlink_to(elsewhere, target_is_directory=True)
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    result = run("submit", src, "--data", data)
    assert result.exit_code == 2
    assert "symbolic link" in run("submit", src, "--data", data, "--lang", "en").stderr
    assert list(elsewhere.iterdir()) == []
    assert not (data / "_log.csv").exists()


# ---------------------------------------------------------------- linear messages

_OLD_RULE = re.compile(r"\b(\d[\d,.]*)([^\d(]*?)\(s\)")


def _old_plural(text: str) -> str:
    return _OLD_RULE.sub(lambda m: m[1] + m[2] + ("" if m[1] == "1" else "s"), text)


_PIECES = ["1", "2", "0", ",", ".", " ", "a", "(s)", "(", ")", "_", "٣"]


@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_plural_en_follows_the_regex_rule(text):
    assert plural_en(text) == _old_plural(text)


def test_plural_en_over_a_million_characters_of_digit_groups():
    # The old rule tried every digit group as the start of a count and read to the end of
    # the run from each: quadratic (40 KB took 16 s). One pass now.
    digits = "1,234" * 200_000
    assert plural_en(f"2 row(s): {digits}") == f"2 rows: {digits}"
    assert plural_en(f"{digits} (s) 1 cell(s)") == f"{digits} s 1 cell"


def test_plural_en_settles_counts():
    assert plural_en("1 error(s), 3 warning(s)") == "1 error, 3 warnings"
    assert plural_en("2,000 row(s)") == "2,000 rows"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_million_character_cell_gets_its_message(run, tmp_path, lang):
    cell = "1,234" * 200_000 + " (s)"  # digit groups: the input the old rule choked on
    src = write_csv(tmp_path / "big.csv", HEADER + f'CC-THUE,KT04,2020-09,"{cell}",\n')
    result = run("validate", src, "--json", "--lang", lang)
    assert result.exit_code == 1
    (doc,) = json.loads(result.stdout)["files"]
    (error,) = doc["errors"]
    assert error["code"] == "not-a-number"
    if lang == "en":
        assert error["message"] == f"Value “{cell[:-4]} (s)” is not a number."
    else:
        assert error["message"] == f"Giá trị “{cell}” không phải là số."


# ---------------------------------------------------------------- the terminal


def test_rich_markup_in_a_plan_path_is_printed_as_written(run, tmp_path):
    folder = tmp_path / "["
    folder.mkdir()
    plan = folder / "]p.yaml"
    plan.write_bytes(PLAN_PATH.read_bytes())
    result = run("plan", "--check", "--plan", str(plan))
    assert result.exit_code == 0
    assert f"✔ {plan}: kế hoạch hợp lệ" in " ".join(result.stdout.split())
    missing = tmp_path / "[bold]x[/bold].yaml"
    result = run("plan", "--check", "--plan", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr


def test_control_characters_in_cells_are_shown_not_obeyed(run, tmp_path):
    src = write_csv(
        tmp_path / "esc.csv",
        HEADER + "CC-THUE,KT04\x1b]0;pwned\x07,2020-09,4\x1b[2J,:smile: [red]x[/]\n",
    )
    result = run("validate", src)
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "“KT04␛]0;pwned␇”" in out
    assert "“4␛[2J”" in out


def test_plan_text_with_markup_and_escapes_is_shown_as_text(run, tmp_path, monkeypatch):
    path = plan_with(
        tmp_path,
        'name_vi: "Thu ngân sách (phần giao thu)"',
        'name_vi: "Thu [/]ngân [bold]sách\\e[2J\\e]0;x\\a :smile:"',
    )
    monkeypatch.setenv("COLUMNS", "250")  # the name on one line
    result = run("plan", "--plan", path)
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Thu [/]ngân [bold]sách␛[2J␛]0;x␇ :smile:" in out


# ---------------------------------------------------------------- plan limits


def plan_with(tmp_path: Path, old: str, new: str) -> Path:
    text = PLAN_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("code: CC-THUE", "code: ../../x", "code “../../x” is not valid"),
        ("code: CC-THUE", "code: '[/]'", "code “[/]” is not valid"),
        ("code: CC-THUE", "code: CON", "code “CON” is not valid"),
        ("target: 74.4", "target: 1e999999", "the number 1E+999999 is outside the limits"),
        ("target: 74.4", "target: 1234567890.123456", "outside the limits"),
        ("target: 74.4", "target: 1e15", "outside the limits"),
    ],
    ids=["path", "markup", "device", "huge", "16-digits", "1e15"],
)
def test_plan_check_refuses_what_would_break_later(run, tmp_path, old, new, expected):
    path = plan_with(tmp_path, old, new)
    result = run("plan", "--check", "--plan", path, "--lang", "en")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert expected in err
    assert f"{path}:{line_of(path, new)} " in err


def test_plan_check_refuses_a_five_thousand_digit_year(run, tmp_path):
    path = plan_with(tmp_path, "year: 2020", "year: " + "9" * 5000)
    result = run("plan", "--check", "--plan", path, "--lang", "en")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert f"{path}:{line_of(path, 'year: 999')}: a number too long to read" in err
    path = plan_with(tmp_path, "year: 2020", "year: 2101")
    result = run("plan", "--check", "--plan", path, "--lang", "en")
    assert result.exit_code == 2 and "must be at most 2100" in " ".join(result.stderr.split())


def test_plan_check_reports_a_date_yaml_cannot_build(run, tmp_path):
    path = plan_with(tmp_path, "year: 2020", "year: 2020\nissued: 2020-13-45")
    result = run("plan", "--check", "--plan", path, "--lang", "en")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert f"{path}: a value cannot be read: month must be in 1..12" in err


# ---------------------------------------------------------------- crashes


def test_orphan_temporary_files_are_removed_by_the_next_submit(run, plan, tmp_path, data):
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    orphan = data / "2020-09" / ".CC-THUE.csv.k2j3h4.tmp"
    orphan.write_bytes(b"don_vi,ma_chi")
    kept = data / "2020-09" / ".notes.txt"  # not a temporary file of ours
    kept.write_text("x")
    assert orphan_temp_files(data) == [orphan]
    other = write_csv(tmp_path / "b.csv", HEADER + "BHXH,XH02,2020-09,90.9,\n")
    result = run("submit", other, "--data", data, "--lang", "en")
    assert result.exit_code == 0
    assert not orphan.exists() and kept.exists()
    assert "Removed the temporary file(s) an interrupted submit left behind" in " ".join(
        result.stdout.split()
    )


def test_a_stored_file_without_its_log_line_is_reported(plan, tmp_path, data, monkeypatch):
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    newer = write_csv(tmp_path / "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,\n")
    assert submit_file(plan, newer, data, now=NOW, replace=True).ok
    assert unlogged_files(data, read_log(data)) == {}  # two versions, two log lines

    # killed between the rename and the log line
    from kehoach.store import journal

    def killed(name):
        if name == "step-2-append":  # copy, write, then the log line
            raise KeyboardInterrupt

    monkeypatch.setattr(journal, "crash_point", killed)
    third = write_csv(tmp_path / "c.csv", HEADER + "CC-THUE,KT04,2020-09,9.2,\n")
    with pytest.raises(KeyboardInterrupt):
        submit_file(plan, third, data, now=NOW, replace=True)
    monkeypatch.undo()
    # the journal explains it: check-store names the unfinished submit alone
    assert [p.code for p in check_store(data).problems] == ["unfinished-change"]
    # without the journal (a store written before it existed), the state is still named
    (data / "_journal.json").unlink()
    assert unlogged_files(data, read_log(data)) == {data / "2020-09" / "CC-THUE.csv": (3, 2)}
    # check-store names it for what it is, not a hand edit
    (problem,) = check_store(data).problems
    assert (problem.code, problem.file) == ("unlogged-file", str(data / "2020-09" / "CC-THUE.csv"))
    assert "3 stored versions but 2 log lines" in problem.message("en")
    # a file put there by hand has no log line either
    write_csv(data / "2020-10" / "BHXH.csv", HEADER + "BHXH,XH02,2020-10,90.9,\n")
    assert [p.name for p in unlogged_files(data, read_log(data))] == ["CC-THUE.csv", "BHXH.csv"]


def test_a_submit_killed_after_keeping_history_is_not_unlogged(plan, tmp_path, data, monkeypatch):
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.4,\n")
    assert submit_file(plan, src, data, now=NOW).ok
    from kehoach.store import journal

    def killed(name):
        if name == "step-1-write":  # after the history copy, before the rename
            raise KeyboardInterrupt  # not an OSError: the history copy stays, as after kill -9

    monkeypatch.setattr(journal, "crash_point", killed)
    newer = write_csv(tmp_path / "b.csv", HEADER + "CC-THUE,KT04,2020-09,8.1,\n")
    with pytest.raises(KeyboardInterrupt):
        submit_file(plan, newer, data, now=NOW, replace=True)
    monkeypatch.undo()
    assert len(list((data / "_history").rglob("*.csv"))) in (0, 1)
    assert unlogged_files(data, read_log(data)) == {}


# ---------------------------------------------------------------- the round-trip law

# Any text a cell can hold, weighted towards what breaks CSV writers and readers.
_NASTY = ["\r", "\n", "\r\n", '"', ",", ";", "\t", "\x00", "\x1b", "\x7f", "\ufeff", "'"]
_NASTY += ["=", "+", "-", "@", " ", "\x85", "\u2028", "\x0b", "\x0c", "\x1c"]
cell_text = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.lists(st.sampled_from(_NASTY) | st.text(max_size=3), max_size=12).map("".join),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "1,", "\r", '"', "é"]), st.integers(1, 5000)
    ),
)

# (unit, indicator, a value inside the indicator's range) the plan asks for
_UNIT_ROWS = [("CC-THUE", "KT04", "7.4"), ("BHXH", "XH02", "90.9"), ("BHXH", "XH03", "32.2")]


@contextmanager
def temp_store():
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        root.mkdir()
        yield Path(tmp), root


@given(
    notes=st.lists(cell_text, min_size=1, max_size=3),
    value=st.one_of(st.none(), cell_text),
    delimiter=st.sampled_from([",", ";", "\t"]),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
)
def test_round_trip_law_for_submit(plan, notes, value, delimiter, line_end, bom):
    def cell(text: str) -> str:
        # Quoted as a careful writer would (csv.writer leaves a lone CR bare).
        if any(c in text for c in (delimiter, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(HEADER.strip().split(","))]
    for (unit, ind, good), note in zip(_UNIT_ROWS, notes, strict=False):
        cells = [unit, ind, "2020-09", good if value is None else value, note]
        lines.append(delimiter.join(map(cell, cells)))
    body = line_end.join(lines) + line_end
    raw = ("\ufeff" if bom else "") + body
    with temp_store() as (tmp, root):
        src = tmp / "in.csv"
        src.write_bytes(raw.encode("utf-8"))
        before = snapshot(root)
        outcome = submit_file(plan, src, root, now=NOW)
        assert_round_trip(plan, src, root, outcome, before)
        if value is None and "\x00" not in raw:
            assert outcome.ok  # good values with any notes are accepted, and kept exactly


_PLAN_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40) | st.sampled_from(
    ["=cmd|' /C calc'!A0", "a\rb", 'x"y;z', "\x00", "@x", "-", "\ufeff"]
)


@given(name=_PLAN_TEXT, uom=_PLAN_TEXT, lang=st.sampled_from(["vi", "en"]))
def test_round_trip_law_for_template(plan, name, uom, lang):
    # The form read back holds exactly the rows it was written with, whatever the plan's
    # names say (they are read past), and passes the reader without an error.
    unit, month = plan.unit_index["BAC-HONG"], 9
    indicators = [
        ind.model_copy(
            update={
                "name_vi": name,
                "name_en": name,
                "unit_of_measure_vi": uom,
                "unit_of_measure_en": uom,
            }
        )
        for ind in plan.indicators
    ]
    odd = plan.model_copy(update={"indicators": indicators})
    body = template_csv(odd, unit, month, lang)
    with temp_store() as (tmp, _):
        form = tmp / "form.csv"
        form.write_bytes(body)
        rows: list[tuple] = []
        result = read_file(form, CheckContext(odd), collect=rows)
    assert result.ok, [i.to_dict("en") for i in result.errors]
    due = due_indicators(plan, unit, month)
    assert rows == [(unit, i, month, None, "", None, False) for i in due]
    assert result.rows == len(due)


def test_template_output_file_reads_back(run, plan, tmp_path):
    out = tmp_path / "form.csv"
    assert run("template", "BAC-HONG", "--month", "2020-09", "-o", out).exit_code == 0
    rows: list[tuple] = []
    result = read_file(out, CheckContext(plan), collect=rows)
    assert result.ok
    unit = plan.unit_index["BAC-HONG"]
    assert rows == [(unit, i, 9, None, "", None, False) for i in due_indicators(plan, unit, 9)]


def test_stored_values_keep_their_exact_decimals(plan, tmp_path, data):
    src = write_csv(tmp_path / "in.csv", HEADER + "CC-THUE,KT04,2020-09,7.40,=x\n")
    assert submit_file(plan, src, data, now=NOW).ok
    (row,) = stored_rows(plan, data / "2020-09" / "CC-THUE.csv")
    assert row[3] == Decimal("7.4") and row[4] == "=x"
