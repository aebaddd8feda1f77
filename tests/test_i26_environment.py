"""Issue 26: no internal error for an environment problem.

A data folder that cannot be written (read-only, no permission: simulated by refusing
every open for writing under it, since the tests run as root), a pseudo-filesystem as the
data folder, a name too long: a clear message naming the path, exit 2, nothing changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, write_csv

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2020-09", root / "2020-09")
    return root


@pytest.fixture
def read_only(monkeypatch, data):
    """Every open for writing (and every mkstemp) below ``data`` is refused, as on a
    read-only share or a folder the user may not write."""
    real_open = os.open
    root = str(data)

    def guarded(path, flags, *args, **kwargs):
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and str(path).startswith(root):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    return data


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ("lock", "2020-09"),
        ("unlock", "2020-09", "--reason", "x"),
        ("submit", "SENT"),
    ],
)
def test_a_folder_that_cannot_be_written(run, tmp_path, read_only, args):
    sent = write_csv(tmp_path / "in.csv", HEADER + "BHXH,XH02,2020-10,90.9,\n")
    before = _tree(read_only)
    argv = [str(sent) if a == "SENT" else a for a in args]
    result = run(*argv, "--data", read_only, "--lang", "en")
    assert result.exit_code == 2, result.stdout
    said = " ".join(result.stderr.split())
    assert "Permission denied" in said and str(read_only) in said
    assert "Traceback" not in said and "internal error" not in said.lower()
    assert _tree(read_only) == before


def test_reading_commands_run_on_a_read_only_folder(run, read_only):
    for args in (("status", "--month", "2020-09"), ("check-store",), ("missing",)):
        result = run(*args, "--data", read_only, "--lang", "en")
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert "internal error" not in result.stderr.lower()


def test_report_o_of_a_locked_month_says_the_snapshot_could_not_be_recorded(
    run, tmp_path, data, monkeypatch
):
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    (data / "_reports" / "2020-09.json").unlink()
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and str(path).startswith(str(data)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    out = tmp_path / "bc.txt"
    result = run("report", "--month", "2020-09", "-o", out, "--data", data, "--lang", "en")
    assert result.exit_code == 0  # the report itself was written (docs/contract.md §12)
    assert out.exists()
    assert "Permission denied" in " ".join(result.stderr.split())


@pytest.mark.parametrize("cmd", ["lock", "unlock"])
def test_a_pseudo_filesystem_as_the_data_folder(run, cmd):
    extra = ("--reason", "x") if cmd == "unlock" else ()
    result = run(cmd, "2020-09", *extra, "--data", "/proc/self", "--lang", "en")
    assert result.exit_code == 2
    assert "/proc/self" in result.stderr and "internal error" not in result.stderr.lower()
