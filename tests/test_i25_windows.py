"""Windows conventions (docs/contract.md §4, §11): trail files Excel reads as UTF-8, a file
open in Word named as such with nothing left behind, hints cmd.exe can run, -h."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach.core.layout import BOM
from kehoach.store import atomic
from kehoach.store.check import check_store
from tests.conftest import PLAN_PATH, SAMPLE_DATA

UTF8_BOM = b"\xef\xbb\xbf"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_trail_files_start_with_a_bom_and_read_back(run, tmp_path, data):
    header = "ma_chi_tieu,gia_tri,uoc_tinh\n"
    first = tmp_path / "a.csv"
    first.write_text(header + "KT04,50,x\n", encoding="utf-8")
    assert (
        run("submit", first, "--unit", "CC-THUE", "--month", "2020-09", "--data", data).exit_code
        == 0
    )
    official = tmp_path / "b.csv"
    official.write_text(header + "KT04,52.7,\n", encoding="utf-8")
    assert (
        run("submit", official, "--unit", "CC-THUE", "--month", "2020-09", "--data", data).exit_code
        == 0
    )
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    for name in ("_log.csv", "_revisions.csv", "_locks.csv"):
        raw = (data / name).read_bytes()
        assert raw.startswith(UTF8_BOM) and raw.count(UTF8_BOM) == 1, name
    # every reader takes them: the store checks clean, the revision and the lock are seen
    assert check_store(data).problems == []
    revisions = run("revisions", "--json", "--data", data)
    assert revisions.exit_code == 0 and "52.7" in revisions.stdout
    assert run("unlock", "2020-09", "--reason", "sửa", "--data", data).exit_code == 0
    assert (data / "_locks.csv").read_bytes().count(UTF8_BOM) == 1
    # stored submissions stay as they were: the log's SHA-256 is of their bytes
    assert not (data / "2020-09" / "CC-THUE.csv").read_bytes().startswith(UTF8_BOM)


def test_trail_files_without_a_bom_still_read(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    assert not (data / "_log.csv").read_bytes().startswith(UTF8_BOM)
    assert check_store(data).problems == []
    assert BOM == "\ufeff"


@pytest.mark.parametrize("command", ["report", "template", "status"])
def test_a_file_open_in_word_is_named_and_nothing_is_left(run, tmp_path, monkeypatch, command):
    out = tmp_path / {"report": "bc.docx", "template": "mau.xlsx", "status": "th.xlsx"}[command]
    out.write_bytes(b"the office's edited copy")
    args = {
        "report": ["report", "--month", "2020-09", "-o", out],
        "template": ["template", "CC-THUE", "--month", "2020-10", "-o", out],
        "status": ["status", "--xlsx", out],
    }[command]

    def refused(path, data):  # what Windows says of a file Word or Excel holds open
        raise PermissionError(13, "The process cannot access the file because it is being "
                              "used by another process", str(path))  # fmt: skip

    monkeypatch.setattr(atomic, "write_atomic", refused)
    result = run(*args, "--data", SAMPLE_DATA, "--lang", "en")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "may be open in Word or Excel: close it and run the command again" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no stray .bak
    assert out.read_bytes() == b"the office's edited copy"
    vi = run(*args, "--data", SAMPLE_DATA)
    assert "đang mở trong Word hoặc Excel: đóng tệp đó rồi chạy lại lệnh" in " ".join(
        vi.stderr.split()
    )


def test_the_charts_hint_runs_in_cmd_exe():
    from kehoach.render.charts import CHART_LABELS

    for lang in ("vi", "en"):
        text = CHART_LABELS["no_library"](lang)
        assert 'pip install "kehoach[charts]"' in text and "'" not in text


def test_dash_h_is_help(run):
    for args in (["-h"], ["status", "-h"], ["report", "-h"]):
        result = run(*args)
        assert result.exit_code == 0
        assert result.stdout.startswith("Cách dùng: ")


def test_a_closed_stdout_never_crashes_a_form_written_as_bytes(tmp_path):
    command = [sys.executable, "-m", "kehoach", "template", "CC-THUE", "--month", "2020-10",
               "--plan", str(PLAN_PATH), "--data", str(SAMPLE_DATA)]  # fmt: skip
    if sys.platform == "win32":
        pytest.skip("a POSIX shell closes the descriptor")
    proc = subprocess.run(
        ["sh", "-c", " ".join(command) + " >&-"], capture_output=True, timeout=120
    )
    assert proc.returncode == 2
    assert b"internal error" not in proc.stderr


def test_dash_is_standard_input_for_validate_and_submit(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    form = b"ma_chi_tieu,gia_tri\nKT04,61\n"
    common = ["--unit", "CC-THUE", "--month", "2020-11", "--plan", str(PLAN_PATH)]
    kehoach = [sys.executable, "-m", "kehoach"]
    checked = subprocess.run(
        [*kehoach, "validate", "-", *common, "--data", str(data), "--json"],
        input=form, capture_output=True, timeout=120,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    stored = subprocess.run(
        [*kehoach, "submit", "-", *common, "--data", str(data)],
        input=form, capture_output=True, timeout=120,
    )  # fmt: skip
    assert stored.returncode == 0, stored.stderr
    assert "61" in (data / "2020-11" / "CC-THUE.csv").read_text(encoding="utf-8")


def test_dash_without_dev_stdin_is_copied_to_a_file(monkeypatch):
    """Windows has no /dev/stdin: standard input's bytes go to a temporary file first."""
    import io

    from kehoach.commands import common

    real_exists = common.os.path.exists
    monkeypatch.setattr(
        common.os.path, "exists", lambda p: False if p == "/dev/stdin" else real_exists(p)
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"PK\x03\x04 workbook")))
    path = common.stdin_path(Path("-"))
    assert path.name == "stdin" and path.read_bytes() == b"PK\x03\x04 workbook"
    assert common.stdin_path(Path("x.csv")) == Path("x.csv")
