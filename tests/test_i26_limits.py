"""Issue 26: bounded resources on any input.

Plan, tasks and submissions have a size limit checked before they are read; devices are
never opened; a FIFO nobody writes to never blocks; a pipe is spooled only up to the
limit; the tasks parser is linear (no backtracking pattern on the office's text).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.core.limits import MAX_PLAN_BYTES, MAX_SUBMISSION_BYTES, MAX_TASKS_BYTES
from kehoach.read import bounded
from kehoach.read.bounded import NotRegular, TooLarge, open_bounded
from kehoach.report.model import Heading, Items, Para, Tasks
from kehoach.report.tasks import parse_tasks

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "monthly"


@pytest.fixture(autouse=True)
def _short_idle(monkeypatch):
    # A FIFO nobody writes to is given up on after the idle time: short, for the tests.
    monkeypatch.setattr("kehoach.core.limits.PIPE_IDLE_SECONDS", 0.3)


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # no block written: reading it would be the only cost
    return path


# ------------------------------------------------------------------ the tasks parser

# The parser as it was (regular expressions), the oracle for the linear one on short texts.
_OLD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_OLD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")


def _old_parse(text: str) -> Tasks:
    blocks, para, items = [], [], []

    def flush_para():
        if para:
            blocks.append(Para(" ".join(para)))
            para.clear()

    def flush_items():
        if items:
            blocks.append(Items(tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_para()
            flush_items()
            continue
        heading, bullet = _OLD_HEADING.match(raw), _OLD_BULLET.match(raw)
        if heading:
            flush_para()
            flush_items()
            if heading.group(1):
                blocks.append(Heading(heading.group(1), 2))
        elif bullet:
            flush_para()
            items.append(bullet.group(1).strip())
        elif items and raw[:1].isspace():
            items[-1] += " " + line
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return Tasks(tuple(b for b in blocks if not isinstance(b, Para) or b.text))


_PIECES = ["#", "##", "#######", " ", "\t", "-", "*", "+", "•", "1", "12", "1234", ".", ")",
           "a", "Nhiệm vụ", "\n", "\n\n", "\r\n", "\u00a0", "x y"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=40).map("".join))
def test_the_linear_parser_reads_what_the_patterns_read(text):
    assert parse_tasks(text) == _old_parse(text)


def test_a_long_run_of_spaces_in_a_heading():
    # 21.7 s with the backtracking pattern; a few milliseconds now
    text = "# a" + " " * 200_000 + "x"
    assert parse_tasks(text).blocks == (Heading("a" + " " * 200_000 + "x", 2),)
    assert parse_tasks("## Nhiệm vụ tháng 10 ##  ").blocks == (Heading("Nhiệm vụ tháng 10", 2),)


def test_an_item_with_many_continuation_lines_is_joined_once():
    text = "- Đôn đốc thu ngân sách\n" + "  tiếp tục\n" * 200_000
    (items,) = parse_tasks(text).blocks
    assert isinstance(items, Items) and len(items.items) == 1
    assert items.items[0] == "Đôn đốc thu ngân sách" + " tiếp tục" * 200_000


# ------------------------------------------------------------------ opening an input


def test_a_file_past_its_limit_is_refused_before_it_is_read(tmp_path):
    big = _sparse(tmp_path / "big.csv", 2 << 30)
    with pytest.raises(TooLarge) as err:
        open_bounded(big, MAX_SUBMISSION_BYTES)
    assert (err.value.size, err.value.limit) == (2 << 30, MAX_SUBMISSION_BYTES)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_never_opened(device):
    with pytest.raises(NotRegular) as err:
        open_bounded(device, MAX_SUBMISSION_BYTES)
    assert err.value.kind == "device"


def test_a_fifo_nobody_writes_to_reads_as_empty_after_the_idle_time(tmp_path):
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    with open_bounded(fifo, MAX_SUBMISSION_BYTES) as f:
        assert f.read() == b""


def test_a_fifo_whose_writer_comes_later_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr("kehoach.core.limits.PIPE_IDLE_SECONDS", 5.0)
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)

    def late_writer():
        import time

        time.sleep(0.3)  # the reader is already waiting
        fifo.write_bytes(b"don_vi,ma_chi_tieu\n")

    thread = threading.Thread(target=late_writer)
    thread.start()
    with open_bounded(fifo, MAX_SUBMISSION_BYTES) as f:
        assert f.read() == b"don_vi,ma_chi_tieu\n"
    thread.join()


def test_a_pipe_is_spooled_up_to_the_limit_only(tmp_path, monkeypatch):
    read_end, write_end = os.pipe()

    def writer():
        try:
            with os.fdopen(write_end, "wb") as out:
                for _ in range(64):
                    out.write(b"x" * 65536)  # 4 MiB, past a 1 MiB limit
        except BrokenPipeError:
            pass  # the reader stopped at the limit, as it should

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with pytest.raises(TooLarge) as err:
            open_bounded(f"/proc/self/fd/{read_end}", 1 << 20)
        assert err.value.size is None and err.value.limit == 1 << 20
    finally:
        os.close(read_end)
        thread.join()


def test_a_pipe_within_the_limit_is_read_whole(tmp_path):
    read_end, write_end = os.pipe()
    os.write(write_end, b"don_vi,ma_chi_tieu\n")
    os.close(write_end)
    with open_bounded(f"/proc/self/fd/{read_end}", 1 << 20) as f:
        assert f.read() == b"don_vi,ma_chi_tieu\n"
    os.close(read_end)


def test_a_pipe_that_goes_quiet_is_given_up_on(monkeypatch):
    monkeypatch.setattr("kehoach.core.limits.PIPE_IDLE_SECONDS", 0.2)
    read_end, write_end = os.pipe()
    os.write(write_end, b"abc")  # and then nothing, the writer never closing
    try:
        with open_bounded(f"/proc/self/fd/{read_end}", 1 << 20) as f:
            assert f.read() == b"abc"
    finally:
        os.close(read_end)
        os.close(write_end)
    assert bounded  # the module under test


# ------------------------------------------------------------------ at the commands


def test_validate_refuses_a_device_and_a_huge_file(run, tmp_path):
    big = _sparse(tmp_path / "big.csv", MAX_SUBMISSION_BYTES + 1)
    result = run("validate", "/dev/zero", big, "--json", "--lang", "en")
    assert result.exit_code == 1
    import json

    files = json.loads(result.stdout)["files"]
    assert [f["errors"][0]["code"] for f in files] == ["not-a-regular-file", "file-too-large"]
    assert files[0]["errors"][0]["message"] == (
        "This is not a regular file (a device); kehoach does not open it."
    )
    assert "the limit is 50.0 MiB" in files[1]["errors"][0]["message"]


def test_validate_a_fifo_with_no_writer_does_not_hang(run, tmp_path):
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    result = run("validate", fifo, "--json")
    assert result.exit_code == 1
    assert '"empty-file"' in result.stdout


@pytest.mark.parametrize("plan", ["/dev/zero", "/dev/urandom", "sparse", "fifo"])
def test_a_plan_that_is_no_plan_file_is_refused_quickly(run, tmp_path, plan):
    if plan == "sparse":
        plan = _sparse(tmp_path / "plan.yaml", 2 << 30)
        said = "the plan file is too large (2048.0 MiB; the limit is 16 MiB)"
    elif plan == "fifo":
        plan = tmp_path / "plan.yaml"
        os.mkfifo(plan)
        said = "not valid"
    else:
        said = "the plan must be a regular file, this is a device; it is not opened"
    result = run("plan", "--check", "--plan", plan, "--lang", "en")
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split())
    assert MAX_PLAN_BYTES == 16 << 20


@pytest.mark.parametrize("tasks", ["/dev/zero", "sparse", "fifo"])
def test_a_tasks_file_that_is_none_is_refused(run, tmp_path, tasks):
    if tasks == "sparse":
        tasks = _sparse(tmp_path / "t.md", MAX_TASKS_BYTES + 1)
        said = "is too large (the limit is 4 MiB)"
        code = 2
    elif tasks == "fifo":
        tasks = tmp_path / "t.md"
        os.mkfifo(tasks)
        said = "is empty"
        code = 0
    else:
        said = "is not a regular file (a device)"
        code = 2
    result = run("report", "--month", "2020-09", "--tasks", tasks, "--data", SAMPLE, "--lang", "en")
    assert result.exit_code == code, result.stderr
    assert said in " ".join(result.stderr.split())


# ------------------------------------------------------------------ the round-trip law


@pytest.mark.parametrize(
    ("note", "stored"),
    [
        ("x" * (4 * 1024 * 1024), True),  # at the limit: stored and read back whole
        ("=" + "x" * (4 * 1024 * 1024 - 2), True),  # one under, with its apostrophe: at it
        ("=" + "x" * (4 * 1024 * 1024 - 1), False),  # at the limit typed, one over stored
    ],
)
def test_a_note_at_the_cell_limit_is_stored_only_if_it_reads_back(plan, tmp_path, note, stored):
    from kehoach.read.datafolder import load_data
    from kehoach.read.rows import MAX_CELL
    from kehoach.store.check import check_store
    from kehoach.store.submit import submit_file

    assert MAX_CELL == 4 * 1024 * 1024
    data = tmp_path / "data"
    data.mkdir()
    src = tmp_path / "in.csv"
    src.write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nCC-THUE,KT04,2020-09,52," + note + "\n",
        encoding="utf-8",
    )
    outcome = submit_file(plan, src, data)
    assert outcome.ok is stored
    if not stored:
        assert [i.code for i in outcome.result.errors] == ["note-too-long"]
        assert not (data / "2020-09").exists()
        return
    load = load_data(plan, data)
    assert load.issues == [] and not load.has_errors
    (file,) = load.files
    assert file.ok
    assert check_store(data).problems == []
    text = (data / "2020-09" / "CC-THUE.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1].endswith(("'" if note[0] == "=" else "") + note)
