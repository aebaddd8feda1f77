"""Issue 26: outputs only where they belong, and every string is data.

The writers (``report -o``, ``template -o``, ``status --xlsx``) write a regular file or a
new path only, never a device, FIFO, folder or through a link, never inside the data
folder; the workbooks and trail files kehoach writes hold no live formula and no raw
control character; the terminal shows bidi controls and ESC as signs.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, write_csv

from kehoach.core.safetext import looks_like_formula, neutralise, unneutralise, visible
from kehoach.store.atomic import write_keeping_old
from kehoach.store.check import check_store
from kehoach.store.log import read_log
from kehoach.store.outputs import OutputRefused, check_output
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
NOW = datetime(2020, 10, 12, 8, 15, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, root)
    return root


WRITERS = {
    "report": lambda out, data: ("report", "--month", "2020-09", "-o", out, "--format", "text",
                                 "--data", data),
    "template": lambda out, data: ("template", "CC-THUE", "--month", "2020-10", "-o", out,
                                   "--data", data),
    "status": lambda out, data: ("status", "--month", "2020-09", "--xlsx", out, "--data", data),
    "letter": lambda out, data: ("missing", "--month", "2020-09", "--letter", "-o", out,
                                 "--data", data),
    "narrative-form": lambda out, data: ("template", "P-KT", "--narrative", "--month",
                                         "2020-10", "-o", out, "--data", data),
    "worksheet": lambda out, data: ("report", "--month", "2020-09", "--worksheet", "-o", out,
                                    "--data", data),
}  # fmt: skip
SUFFIX = {"report": ".txt", "template": ".csv", "status": ".xlsx", "letter": ".docx",
          "narrative-form": ".docx", "worksheet": ".md"}  # fmt: skip


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_fifo_is_refused_before_anything_is_opened(run, tmp_path, data, writer):
    fifo = tmp_path / f"out{SUFFIX[writer]}"
    os.mkfifo(fifo)  # with no reader, opening it for writing would block for ever
    result = run(*WRITERS[writer](fifo, data), "--lang", "en")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"Not writing {fifo}: it is not a regular file (a FIFO). Nothing was written." in said
    assert fifo.is_fifo()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_device_is_refused(run, tmp_path, data, writer):
    result = run(*WRITERS[writer](Path("/dev/null"), data), "--lang", "en")
    assert result.exit_code == 2
    assert "it is not a regular file (a device)" in " ".join(result.stderr.split())
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_link_is_refused_and_its_target_untouched(run, tmp_path, data, writer):
    target = tmp_path / "elsewhere.txt"
    target.write_text("precious")
    link = tmp_path / f"out{SUFFIX[writer]}"
    link.symlink_to(target)
    result = run(*WRITERS[writer](link, data), "--lang", "en")
    assert result.exit_code == 2
    assert f"it is a symbolic link to {target}" in " ".join(result.stderr.split())
    assert link.is_symlink() and target.read_text() == "precious"


@pytest.mark.parametrize(
    ("writer", "inside"),
    [
        ("template", "2020-09/CC-THUE.csv"),  # would replace September's real figures
        ("report", "_log.csv"),  # would replace the trail
        ("report", "2020-09/bao-cao.txt"),
        ("status", "tong-hop.xlsx"),
        ("template", "2020-11/new.csv"),  # a new file, read as a submission next time
    ],
)
def test_nothing_is_written_inside_the_data_folder(run, tmp_path, data, writer, inside):
    out = data / inside
    out.parent.mkdir(exist_ok=True)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = run(*WRITERS[writer](out, data), "--lang", "en")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"it is inside the data folder {data}, which only submit, lock and unlock write" in said
    after = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before


def test_the_data_folder_is_found_through_dot_dot_and_links(tmp_path, data):
    (tmp_path / "work").mkdir()
    sneaky = tmp_path / "work" / ".." / "data" / "2020-09" / "CC-THUE.csv"
    with pytest.raises(OutputRefused) as err:
        check_output(sneaky, data)
    assert err.value.why == "data"
    (tmp_path / "alias").symlink_to(data / "2020-09")  # a linked folder on the way
    with pytest.raises(OutputRefused):
        check_output(tmp_path / "alias" / "x.csv", data)
    check_output(tmp_path / "work" / "x.csv", data)  # outside: fine


def test_a_name_too_long_is_a_clear_message(run, tmp_path, data):
    out = tmp_path / ("b" * 300 + ".txt")
    result = run("report", "--month", "2020-09", "-o", out, "--data", data, "--lang", "en")
    assert result.exit_code == 2
    assert "the file name is 304 bytes long, over the 255 bytes" in " ".join(result.stderr.split())


def test_keeping_the_old_file_reads_no_more_than_the_new_one(tmp_path):
    big = tmp_path / "report.txt"
    with open(big, "wb") as f:
        f.truncate(4 << 30)  # a 4 GiB sparse "old report": never read
    reads = []
    real_open = open

    def spy(path, mode="r", *args, **kw):
        if Path(path) == big and "r" in mode:
            reads.append(path)
        return real_open(path, mode, *args, **kw)

    import builtins

    builtins.open, saved = spy, builtins.open
    try:
        kept = write_keeping_old(big, b"new report\n")
    finally:
        builtins.open = saved
    assert reads == []
    assert big.read_bytes() == b"new report\n"
    assert kept is not None and kept.stat().st_size == 4 << 30


# ------------------------------------------------------------------ every string is data


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=1+1", True),
        ("  =HYPERLINK(1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("+1", True),
        ("-1", True),
        ("@SUM(A1)", True),
        ("\u00a0=1", True),
        ("Báo cáo", False),
        ("1=1", False),
        ("", False),
    ],
)
def test_what_a_spreadsheet_takes_for_a_formula(text, formula):
    assert looks_like_formula(text) is formula
    assert unneutralise(neutralise(text)) == text
    assert neutralise(text).startswith("'") is formula


def test_status_workbook_holds_no_live_formula_nor_raw_control(run, tmp_path, plan):
    from openpyxl import load_workbook

    data = tmp_path / "data"
    data.mkdir()
    notes = ['=HYPERLINK("http://x/"&A1,"Xem")', " =cmd|' /C calc'!A0", "ESC\x1b[2J BEL\x07"]
    rows = "".join(
        f'{u},{i},2020-09,{v},"{n.replace(chr(34), chr(34) * 2)}"\n'
        for (u, i, v), n in zip(
            [("CC-THUE", "KT04", "52"), ("BHXH", "XH02", "90.9"), ("BHXH", "XH03", "32.2")],
            notes,
            strict=True,
        )
    )
    src = write_csv(tmp_path / "in.csv", HEADER + rows)
    assert submit_file(plan, src, data, now=NOW).ok
    out = tmp_path / "tong-hop.xlsx"
    result = run("status", "--month", "2020-09", "--xlsx", out, "--data", data)
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert all(c >= " " or c in "\n\t" for c in cell.value), cell.value
                    texts.append(cell)
    shown = [c for c in texts if "HYPERLINK" in c.value or "calc" in c.value]
    assert shown and all(c.quotePrefix for c in shown)
    assert any("␛[2J" in c.value and "␇" in c.value for c in texts)


def test_file_names_that_look_like_formulas_or_hold_line_ends_stay_one_log_field(plan, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    names = ["=1+1.csv", "@x.csv", "a\rb.csv", "c\nd.csv", "\tt.csv"]
    for n, name in enumerate(names):
        src = write_csv(tmp_path / f"in{n}" / name, HEADER + f"CC-THUE,KT04,2020-0{n + 1},7,\n")
        assert submit_file(plan, src, data, now=NOW).ok
    text = (data / "_log.csv").read_text(encoding="utf-8")
    assert len(text.splitlines()) == 1 + len(names)  # the header and one line each
    fields = [line.split(",")[3] for line in text.splitlines()[1:]]
    assert fields == ["'=1+1.csv", "'@x.csv", "a␍b.csv", "c␊d.csv", "␉t.csv"]
    # read back as sent (a line end shown as its sign)
    assert [e.source for e in read_log(data)] == ["=1+1.csv", "@x.csv", "a␍b.csv", "c␊d.csv",
                                                  "␉t.csv"]  # fmt: skip
    assert check_store(data).problems == []


def test_bidi_controls_and_escape_are_shown_on_the_terminal():
    assert visible("txt\u202eexe.sh") == "txt<U+202E>exe.sh"
    assert visible("\u2067a\u2069") == "<U+2067>a<U+2069>"
    assert visible("\x1b[2J") == "␛[2J"


def test_a_usage_error_never_echoes_a_raw_escape():
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "kehoach", "status", "--mont\x1b[2J\u202e"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "␛[2J" in result.stderr
