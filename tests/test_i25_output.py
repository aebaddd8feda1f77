"""Output that never crashes on encoding, and exit codes that are the action's
(docs/contract.md §12; commands/stdio.py).

Every command runs as a real process (``python -m kehoach``) with stdout and stderr in a
code page that has no Vietnamese (cp1252), the Vietnamese Windows code page (cp1258, which
lacks the precomposed letters kehoach prints: "ỗ", "ự"), the C locale with Python's UTF-8
defaults turned off (ASCII), through a pipe and on a pseudo-terminal. Each must exit as it
does under UTF-8 and print the same bytes: UTF-8, with the Vietnamese as written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN_PATH, SAMPLE_DATA

KEHOACH = [sys.executable, "-m", "kehoach"]

ENCODINGS = {
    "utf-8": {"PYTHONIOENCODING": "utf-8"},
    "cp1258": {"PYTHONIOENCODING": "cp1258"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    # Without PEP 538/540's rescue, the C locale is ASCII.
    "LANG=C": {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEHOACH_", "PYTHONIO"))}
    for name in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONUTF8", "PYTHONCOERCECLOCALE"):
        env.pop(name, None)
    env.update(
        KEHOACH_CACHE_DIR=str(tmp_path / "cache"),
        KEHOACH_NO_OUTPUT_CACHE="1",
        COLUMNS="100",
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def kehoach(args, tmp_path: Path, encoding: str = "utf-8", **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*KEHOACH, *map(str, args)],
        capture_output=True,
        env=_env(tmp_path, **ENCODINGS[encoding]),
        cwd=tmp_path,
        timeout=120,
        **kw,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A copy of the sample (the matrix's writers need their own) and a form to check."""
    root = tmp_path_factory.mktemp("matrix")
    shutil.copytree(SAMPLE_DATA, root / "data")
    (root / "thue.csv").write_text(
        "ma_chi_tieu,gia_tri,ghi_chu\nKT04,60,ước thực hiện\nKT99,1,\n", encoding="utf-8"
    )
    return root


def read_only_commands(root: Path) -> dict[str, list]:
    common = ["--plan", PLAN_PATH, "--data", root / "data"]
    return {
        "help": ["--help"],
        "status-help": ["status", "--help"],
        "status": ["status", *common],
        "status-json": ["status", "--json", *common],
        "missing": ["missing", "--month", "2020-09", *common],
        "report": ["report", "--month", "2020-09", *common],
        "validate": [
            "validate",
            root / "thue.csv",
            "--unit",
            "CC-THUE",
            "--month",
            "10/2020",
            *common,
        ],
        "plan": ["plan", *common],
        "show": ["show", "KT04", *common],
        "explain": ["explain", "KT04", "--month", "2020-06", *common],
        "check-store": ["check-store", *common],
        "revisions": ["revisions", *common],
        "template": ["template", "CC-THUE", "--month", "2020-10", *common],
        "missing-plan": ["status", "--plan", root / "khong-co.yaml", "--data", root / "data"],
    }


# What each command's output must hold, as written, in each language.
VIETNAMESE = {
    "help": "Theo dõi thực hiện chỉ tiêu",
    "status": "Tình hình thực hiện chỉ tiêu",
    "report": "BÁO CÁO",
    "validate": "không",
    "plan": "chỉ tiêu",
}


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory) -> dict:
    """Every read-only command's output under UTF-8, in both languages."""
    cache = tmp_path_factory.mktemp("ref")
    out = {}
    for lang in ("vi", "en"):
        for name, args in read_only_commands(folder).items():
            out[name, lang] = kehoach([*args, "--lang", lang], cache)
    return out


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252", "LANG=C"])
def test_every_command_prints_the_same_utf8_bytes_in_any_code_page(
    encoding, folder, reference, tmp_path
):
    langs = ("vi", "en") if encoding == "cp1258" else ("vi",)
    for lang in langs:
        for name, args in read_only_commands(folder).items():
            ref = reference[name, lang]
            got = kehoach([*args, "--lang", lang], tmp_path, encoding)
            assert b"internal error" not in got.stderr, (name, lang, got.stderr)
            assert (got.returncode, got.stdout, got.stderr) == (
                ref.returncode,
                ref.stdout,
                ref.stderr,
            ), (name, lang)
            got.stdout.decode("utf-8")  # strictly UTF-8
            got.stderr.decode("utf-8")
    for name, words in VIETNAMESE.items():
        assert words.encode("utf-8") in reference[name, "vi"].stdout, name


def test_the_reference_runs_are_what_each_command_does(reference):
    """The matrix compares with real outputs, not with a shared failure."""
    codes = {name: reference[name, "vi"].returncode for name, _ in reference}
    assert codes["status"] == 0 and codes["report"] == 0 and codes["help"] == 0
    assert codes["validate"] == 1  # KT99 is not an indicator
    assert codes["missing-plan"] == 2
    assert "Không tìm thấy tệp kế hoạch".encode() in reference["missing-plan", "vi"].stderr
    assert "─".encode() in reference["status", "en"].stdout  # box drawing, not ASCII


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252", "LANG=C"])
def test_writers_do_their_action_and_say_so_in_any_code_page(encoding, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    form = tmp_path / "thue.csv"
    form.write_text("ma_chi_tieu,gia_tri,ghi_chu\nKT04,60,ước thực hiện\n", encoding="utf-8")
    common = ["--plan", PLAN_PATH, "--data", data]
    sub = kehoach(["submit", form, "--unit", "CC-THUE", "--month", "2020-10", *common],
                  tmp_path, encoding)  # fmt: skip
    assert sub.returncode == 0, sub.stderr
    assert "Đã lưu".encode() in sub.stdout
    assert (data / "2020-10" / "CC-THUE.csv").read_text(encoding="utf-8").count("ước thực hiện")
    lock = kehoach(["lock", "2020-09", *common], tmp_path, encoding)
    assert lock.returncode == 0 and "Đã khóa sổ tháng 9/2020".encode() in lock.stdout
    unlock = kehoach(["unlock", "2020-09", "--reason", "sửa số thuế", *common], tmp_path, encoding)
    assert unlock.returncode == 0, unlock.stderr
    locks = (data / "_locks.csv").read_text(encoding="utf-8-sig")
    assert "locked" in locks and "sửa số thuế" in locks
    out = tmp_path / "tong-hop.xlsx"
    xlsx = kehoach(["status", "--xlsx", out, *common], tmp_path, encoding)
    assert xlsx.returncode == 0 and out.stat().st_size > 0


def _to_full(args, tmp_path) -> subprocess.CompletedProcess:
    with open("/dev/full", "wb") as full:
        return subprocess.run(
            [*KEHOACH, *map(str, args)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env(tmp_path, PYTHONIOENCODING="cp1258"),
            timeout=120,
        )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_action_keeps_its_exit_code_when_its_printing_fails(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    form = tmp_path / "thue.csv"
    form.write_text("ma_chi_tieu,gia_tri\nKT04,60\n", encoding="utf-8")
    common = ["--plan", PLAN_PATH, "--data", data]
    sub = _to_full(["submit", form, "--unit", "CC-THUE", "--month", "2020-10", *common], tmp_path)
    assert sub.returncode == 0, sub.stderr
    assert (data / "2020-10" / "CC-THUE.csv").exists()
    assert sub.stderr == b""
    # Submitted twice, the second is refused (1: already stored), not a crash (2).
    again = _to_full(["submit", form, "--unit", "CC-THUE", "--month", "2020-10", *common], tmp_path)
    assert again.returncode == 1
    lock = _to_full(["lock", "2020-09", *common], tmp_path)
    assert lock.returncode == 0
    assert "2020-09,locked" in (data / "_locks.csv").read_text(encoding="utf-8-sig")
    # A read-only command that could not print says so: its output is not all there.
    status = _to_full(["status", *common], tmp_path)
    assert status.returncode == 2
    assert status.stderr.decode("utf-8").startswith("kehoach: không ghi được kết quả")


def test_a_closed_pipe_ends_quietly_with_141(tmp_path):
    rows = "".join(f"KT{90 + i % 9},{i}\n" for i in range(3000))  # 3,000 unknown codes
    forms = []
    for n in range(4):  # four tables of ~40 KB, printed one by one: past the pipe's 64 KiB
        forms.append(tmp_path / f"big-{n}.csv")
        forms[-1].write_text("ma_chi_tieu,gia_tri\n" + rows, encoding="utf-8")
    proc = subprocess.Popen(
        [*KEHOACH, "validate", *map(str, forms), "--unit", "CC-THUE", "--month", "2020-10",
         "--plan", str(PLAN_PATH), "--data", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path, PYTHONIOENCODING="cp1258"),
    )  # fmt: skip
    first = proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert first.decode("utf-8").strip()
    assert err == b""  # no "Exception ignored", no traceback


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell closes the descriptor")
def test_closed_stdout_is_a_clear_failure_for_a_reader(tmp_path):
    command = " ".join([*KEHOACH, "plan", "--plan", str(PLAN_PATH)])
    proc = subprocess.run(
        ["sh", "-c", f"exec {command} >&-"],
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8").startswith("kehoach: không ghi được kết quả")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
@pytest.mark.parametrize("encoding", ["cp1258", "LANG=C"])
def test_on_a_terminal_vietnamese_is_written_as_utf8(encoding, tmp_path):
    pty = pytest.importorskip("pty")
    results = {}
    for args in (["status", "--month", "2020-06"], ["--help"]):
        master, slave = pty.openpty()
        env = _env(tmp_path, **ENCODINGS[encoding])
        proc = subprocess.Popen(
            [*KEHOACH, *args, "--plan", str(PLAN_PATH), "--data", str(SAMPLE_DATA)]
            if args[0] != "--help"
            else [*KEHOACH, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        results[args[0]] = (proc.wait(timeout=120), b"".join(chunks))
    code, out = results["status"]
    assert code == 0
    text = out.decode("utf-8")
    assert "Tình hình thực hiện chỉ tiêu kế hoạch năm 2020 — tháng 6/2020" in text
    assert "Tổng thu ngân sách" in text or "ngân sách" in text
    code, out = results["--help"]
    assert code == 0 and "Theo dõi thực hiện chỉ tiêu" in out.decode("utf-8")
