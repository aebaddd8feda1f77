"""Peak memory and time of kehoach on hostile inputs (issue 26): each case is made in a
temporary folder and run as its own process, measured from outside (wall time, the
child's peak resident memory). Run from the repository root:

    .venv/bin/python scripts/measure_hostile.py [CASE ...]

Prints one line per case: name, exit code, seconds, peak MB, and the first line kehoach
said. The aim: every case under 300 MB and 10 s, with a clear message.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEHOACH = [sys.executable, "-m", "kehoach"]
HEADER = b"don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def _base_sheet_zip() -> dict[str, bytes]:
    from openpyxl import Workbook

    from kehoach.render.xlsx import workbook_bytes

    wb = Workbook()
    ws = wb.active
    ws.append(["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"])
    ws.append(["CC-THUE", "KT04", "2020-09", 52, ""])
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(wb))) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _workbook(path: Path, replace: dict[str, object]) -> Path:
    """The base workbook with parts replaced: bytes, or a callable writing to a stream
    (for parts too large to hold)."""
    parts = _base_sheet_zip()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            new = replace.get(name, data)
            if callable(new):
                with z.open(name, "w", force_zip64=True) as out:
                    new(out)
            else:
                z.writestr(name, new)
        for name, new in replace.items():
            if name not in parts:
                with z.open(name, "w", force_zip64=True) as out:
                    new(out) if callable(new) else out.write(new)
    return path


SHEET_HEAD = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>don_vi</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>ma_chi_tieu</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>thang</t></is></c>'
    b'<c r="D1" t="inlineStr"><is><t>gia_tri</t></is></c>'
    b'<c r="E1" t="inlineStr"><is><t>ghi_chu</t></is></c></row>'
)
SHEET = "xl/worksheets/sheet1.xml"


def case_merged(tmp: Path) -> list:
    body = (
        SHEET_HEAD + b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b'</sheetData><mergeCells count="1"><mergeCell ref="A2:E1048575"/></mergeCells>'
        b"</worksheet>"
    )
    return ["validate", _workbook(tmp / "merged.xlsx", {SHEET: body})]


def _big(n: int, head: bytes, fill: bytes, tail: bytes):
    def write(out):
        out.write(head)
        chunk = fill * (1 << 20)
        for _ in range(n // len(chunk)):
            out.write(chunk)
        out.write(tail)

    return write


def case_huge_attribute(tmp: Path) -> list:
    body = _big(1_200_000_000, SHEET_HEAD + b'<row r="2" x="', b"a", b'"/></sheetData></worksheet>')
    return ["validate", _workbook(tmp / "attribute.xlsx", {SHEET: body})]


def case_huge_comment(tmp: Path) -> list:
    body = _big(1_200_000_000, SHEET_HEAD + b"<!--", b" ", b"--></sheetData></worksheet>")
    return ["validate", _workbook(tmp / "comment.xlsx", {SHEET: body})]


def case_shared_strings(tmp: Path) -> list:
    def strings(out):
        out.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        chunk = b"<si><t>a</t></si>" * 100_000
        for _ in range(120):  # 12 million strings
            out.write(chunk)
        out.write(b"</sst>")

    return ["validate", _workbook(tmp / "strings.xlsx", {"xl/sharedStrings.xml": strings})]


def case_million_rows(tmp: Path) -> list:
    def rows(out):
        out.write(SHEET_HEAD)
        for r in range(2, 1_048_577):
            out.write(
                b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>CC-THUE</t></is></c>'
                b'<c r="B%d" t="inlineStr"><is><t>KT04</t></is></c>'
                b'<c r="C%d" t="inlineStr"><is><t>2020-09</t></is></c>'
                b'<c r="D%d"><v>1</v></c></row>' % (r, r, r, r, r)
            )
        out.write(b"</sheetData></worksheet>")

    return ["validate", _workbook(tmp / "rows.xlsx", {SHEET: rows})]


def case_rows_small_part(tmp: Path) -> list:
    """Rows past the row cap in a part under the size cap: caught while streaming."""

    def rows(out):
        out.write(SHEET_HEAD)
        for r in range(2, 300_000):
            out.write(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r))
        out.write(b"</sheetData></worksheet>")

    return ["validate", _workbook(tmp / "rows-small.xlsx", {SHEET: rows})]


def case_dev_zero_plan(tmp: Path) -> list:
    return ["plan", "--check", "--plan", "/dev/zero"]


def case_dev_urandom_tasks(tmp: Path) -> list:
    return ["report", "--month", "2020-09", "--tasks", "/dev/urandom"]


def case_sparse_plan(tmp: Path) -> list:
    path = tmp / "plan.yaml"
    with open(path, "wb") as f:
        f.truncate(2 << 30)
    return ["plan", "--check", "--plan", path]


def case_validate_dev_zero(tmp: Path) -> list:
    return ["validate", "/dev/zero"]


def case_fifo_no_writer(tmp: Path) -> list:
    fifo = tmp / "in.csv"
    os.mkfifo(fifo)
    return ["validate", fifo]


def case_yes_pipe(tmp: Path) -> list:
    return ["validate", "/dev/stdin", {"stdin": "yes"}]


def case_tasks_spaces(tmp: Path) -> list:
    path = tmp / "t.md"
    path.write_text("# a" + " " * 3000 + "x\n", encoding="utf-8")
    return ["report", "--month", "2020-09", "--tasks", path]


def case_tasks_continuations(tmp: Path) -> list:
    path = tmp / "t.md"
    path.write_text("- việc\n" + "  tiếp\n" * 200_000, encoding="utf-8")
    return ["report", "--month", "2020-09", "--tasks", path]


def case_check_store_100k(tmp: Path) -> list:
    data = tmp / "data"
    (data / "2020-09").mkdir(parents=True)
    (data / "_log.csv").write_text(
        "time,unit,month,source,sha256,rows,action,stored_sha256,reason\n", encoding="utf-8"
    )
    for n in range(100_000):
        (data / "2020-09" / f"U{n}.csv").write_bytes(b"")
    return ["check-store", "--data", data, "--json"]


CASES = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


def run(name: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        made = time.monotonic()
        args = CASES[name](Path(tmp))
        made = time.monotonic() - made
        extra = args.pop() if args and isinstance(args[-1], dict) else {}
        if args[0] == "validate":
            args.append("--json")  # the code said, rather than the table
        argv = [*KEHOACH, *map(str, args)]
        if "--data" not in argv:
            argv += ["--data", str(ROOT / "data" / "monthly")]
        argv += ["--plan", str(ROOT / "plan2020.yaml")] if "--plan" not in argv else []
        stdin = None
        feeder = None
        if extra.get("stdin") == "yes":
            feeder = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
            stdin = feeder.stdout
        # A fresh process between this one and kehoach, so that the peak measured
        # (RUSAGE_CHILDREN: the largest child waited for) is this case's alone.
        meter = [sys.executable, "-c", _METER, *argv]
        start = time.monotonic()
        proc = subprocess.run(
            meter, stdin=stdin, capture_output=True, timeout=180, check=False, cwd=ROOT
        )
        took = time.monotonic() - start
        if feeder is not None:
            feeder.kill()
            feeder.wait()
        out = proc.stdout.decode("utf-8", "replace").strip().splitlines()
        code, peak = (int(x) for x in out[-1].split())
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines() or out[:-1]
        text = "\n".join(said)
        codes = sorted(set(re.findall(r'"code": "([a-z0-9-]+)"', text)))
        if codes:
            said = ["codes: " + ", ".join(codes)]
        first = " ".join(" ".join(said[:3]).split())[:120] if said else ""
        return (
            f"{name:22} exit {code}  {took:6.2f} s  {peak / 1024:7.1f} MB"
            f"  (input made in {made:.0f} s)  {first}"
        )


_METER = """
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
sys.stderr.buffer.write(p.stdout[:2000])
print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    for name in sys.argv[1:] or CASES:
        print(run(name), flush=True)
