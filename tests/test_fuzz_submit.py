"""A seeded fuzz run of ``kehoach submit``.

Valid submissions are broken at random — bytes inserted (NUL, CR, LF, quotes, separators,
bytes that are not UTF-8, BOMs, terminal escapes, formula signs), lines cut, duplicated or
truncated, cells made very long, separators and line ends swapped — and each result is
submitted with ``--replace`` into one temporary data folder through the CLI. Every run
must end in exit 0 or 1 with no traceback, and obey the round-trip law: a refused file
changes nothing in the folder; an accepted one is read back, file by file, as exactly the
rows the reader accepted. The seed is fixed: the same few hundred files on every run.
"""

from __future__ import annotations

import random
from pathlib import Path

from conftest import PLAN_PATH
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.core.layout import submission_path
from kehoach.read.checks import CheckContext
from kehoach.read.datafolder import load_data
from kehoach.read.files import read_file
from kehoach.store.canonical import group_rows

SEED = 17
FILES = 160

BASES = [
    "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
    "CC-THUE,KT04,2020-09,7.4,ước tính\n"
    "BHXH,XH02,2020-09,90.9,\n"
    'BHXH,XH03,2020-09,"32,2","dấu phẩy, trong ghi chú"\n',
    "\ufeffĐơn vị;Mã chỉ tiêu;Tháng;Giá trị;Ghi chú\r\n"
    "BAC-HONG;KT05;T9/2020;0,5;=1+1\r\n"
    "BAC-HONG;KT06;09/2020;1.080;@cmd\r\n"
    "BAC-HONG;XH04;2020-09;16;-\r\n",
    "ma_chi_tieu\tgia_tri\tghi_chu\tdon_vi\tthang\n"
    "XH02\t91\t'=x\tBHXH\t2020-08\n"
    'XH03\t33\t"nhiều\rdòng\nghi chú"\tBHXH\t2020-08\n',
]

INSERTS = [
    b"\x00",
    b"\r",
    b"\n",
    b"\r\n",
    b'"',
    b",",
    b";",
    b"\t",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x1b[2J",
    b"\x1b]0;x\x07",
    b"=",
    b"'",
    b"+",
    b"[/]",
    "ữ".encode(),
    b"(s)",
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        at = rng.randint(0, len(data))
        if kind <= 2:
            data = data[:at] + rng.choice(INSERTS) + data[at:]
        elif kind == 3:
            data = data[:at] + data[at + rng.randint(1, 12) :]
        elif kind == 4:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif kind == 5:
            data = data[: rng.randint(0, len(data))]
        elif kind == 6:
            long = rng.choice([b"x", b"1,234", b"\xc3\xa9", b'"']) * rng.choice([10, 5000, 70000])
            data = data[:at] + long + data[at:]
        else:
            old, new = rng.choice([(b",", b";"), (b";", b","), (b"\n", b"\r"), (b"\r\n", b"\n")])
            data = data.replace(old, new)
    return data


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_fuzzed_submissions_obey_the_round_trip_law(plan, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    for var in ("KEHOACH_PLAN", "KEHOACH_DATA", "KEHOACH_LANG"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    rng = random.Random(SEED)
    root = tmp_path / "data"
    root.mkdir()
    outcomes = {0: 0, 1: 0}
    for n in range(FILES):
        source = tmp_path / f"f{n}.csv"
        source.write_bytes(mutate(rng, rng.choice(BASES).encode("utf-8")))
        before = snapshot(root)
        lang = rng.choice(["vi", "en"])
        args = ["submit", str(source), "--data", str(root), "--replace", "--lang", lang]
        result = runner.invoke(app, [*args, "--plan", str(PLAN_PATH)], catch_exceptions=False)
        assert result.exit_code in (0, 1), (n, result.exit_code, result.stdout, result.stderr)
        assert "internal error" not in result.stderr and "lỗi nội bộ" not in result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        outcomes[result.exit_code] += 1
        if result.exit_code == 1:
            assert snapshot(root) == before, n  # refused: nothing written, not even the log
            continue
        rows: list[tuple] = []
        read_file(source, CheckContext(plan), collect=rows)
        for (month, unit), group in group_rows(rows).items():
            back: list[tuple] = []
            stored = read_file(
                submission_path(root, plan, unit, month), CheckContext(plan), collect=back
            )
            assert stored.ok, (n, [i.to_dict("en") for i in stored.errors])
            assert back == group, n
    load = load_data(plan, root)
    assert not load.has_errors, [i.to_dict("en") for i in load.issues]
    # the fuzzing reaches both ends: some files stored, many refused
    assert outcomes[0] >= 10 and outcomes[1] >= 50, outcomes
