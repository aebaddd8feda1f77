"""Benchmark kehoach: start-up, validating a 1 M-row file, status over a ministry-size folder.

Run from the repository root of a fresh clone, with the package installed in this Python:

    python bench/run.py                    # full sizes, 5 runs; first time generates the data
    python bench/run.py --quick --runs 1   # small sizes, well under a minute
    pip install -e '.[bench]'              # optional: adds frictionless to the comparison

The synthetic plan keeps the real plan's 31 indicators and replicates its 19 units k times
(``P-TCKH-0001`` …); every unit reports every indicator, so 10,600 units × 12 months carry the
≈ 4 M values of a ministry roll-up (level indicators monthly, cumulative ones when due).
Generated data is cached in ``bench/work/<sizes>/`` and reused. kehoach is timed as a user
runs it: installed (not editable) by ``pip install .`` into ``bench/work/user-venv`` (made
once with its dependencies; kehoach itself reinstalled from this checkout on every run) and
started through its ``kehoach`` script. Every measurement is a whole child process: wall
time, and peak memory from GNU ``time -f %M`` (``os.wait4``'s rusage without it, which also
counts this script's RSS). Measurements are interleaved within each run and summarised as
medians with their spread (min–max; for a ratio, the ratios of each run's pair); a child
past ``--timeout`` is killed and reported as a lower bound. The table is printed and
written to ``bench/results.md``, stamped with the commit.
Uses the standard library and the project (with its yaml) only.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import importlib.metadata
import importlib.util
import itertools
import json
import math
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # a dependency of kehoach itself

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
PY = sys.executable
GENERATOR_VERSION = 2  # bump when the generated data changes shape
ERROR_SHARE = 0.001  # share of rows in the big file carrying a deliberate error
COMMA_SHARE = 0.15  # share of decimals written the Vietnamese way (5,8)
# frictionless: collect every error; --trusted lets it read an absolute path
FL_OPTS = ["--limit-errors", "1000000000", "--json", "--trusted"]
CSV_FLOOR = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    for _ in csv.reader(f):\n"
    "        pass\n"
)
XLSX_ROWS = 100_000  # rows of the workbook validated (the big file's first ones)
# openpyxl's own read-only iteration of the workbook: what any reader of it pays at least
XLSX_FLOOR = (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
    "for ws in wb.worksheets:\n"
    "    for _ in ws.iter_rows(values_only=True):\n"
    "        pass\n"
)
# Children keep kehoach's plan cache here, not in the user's ~/.cache; timed runs use it warm.
CHILD_ENV = {**os.environ, "KEHOACH_CACHE_DIR": str(WORK / "cache")}
GIT = {"capture_output": True, "text": True, "check": False}
# status's output cache (kehoach.commands.outcache) would answer repeated runs over an unchanged
# folder; measurements of the work itself turn it off (the plan cache stays warm).
NO_OUTPUT_CACHE = {"KEHOACH_NO_OUTPUT_CACHE": "1"}
HEADER = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]
# Units of measure whose values carry a decimal; the others are counts, areas, tonnes.
DECIMAL_UOMS = ("%", "đồng", "/", "điểm")
UNIT_PATTERN = "[A-Z]+(-[A-Z]+)*-[0-9]{4}"  # the synthetic unit codes, e.g. P-TCKH-0001


# --------------------------------------------------------------------------- data


def due_months(ind: dict) -> set[int]:
    freq = ind["frequency"]
    named = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "half-yearly": (6, 12)}
    return set(named.get(freq, (12,)) if isinstance(freq, str) else freq)


def sent_in(ind: dict, month: int) -> bool:
    """Level values may come any month (early estimates are welcome); amounts when due."""
    return ind["measure"] == "level" or month in due_months(ind)


def value_text(ind: dict, rng: random.Random, month: int = 12) -> str:
    """A plausible value inside the indicator's usual range, as a clerk would type it; a
    figure sent as the year to date grows with the month, a month's amount stays steady."""
    usual = ind.get("usual") or ind["range"]
    lo, hi = float(usual.get("min", 0)), float(usual.get("max", 100))
    if ind.get("sent_as") == "ytd":
        x = lo + (hi - lo) * month / 12
    elif ind["measure"] == "cumulative":
        # A month's own amount: about the same from month to month, as real ones are (a
        # uniform draw over the whole usual range would make one month many times the
        # last, which the series checks rightly warn about as a likely year to date).
        x = lo + (hi - lo) * 0.3 * rng.uniform(0.8, 1.2)
    else:
        x = rng.uniform(lo, hi)
    if not any(mark in ind["unit_of_measure_vi"] for mark in DECIMAL_UOMS):
        return str(round(x))
    text = f"{x:.1f}"
    return text.replace(".", ",") if rng.random() < COMMA_SHARE else text


def spoil(row: list[str], rng: random.Random) -> None:
    """One deliberate error: the kinds a clerk makes, one per spoiled row."""
    kind = rng.randrange(6)
    if kind == 0:
        row[0] += "X"  # unknown unit
    elif kind == 1:
        row[1] = row[1][:2] + "9" + row[1][2:]  # unknown indicator
    elif kind == 2:
        row[2] = "2020-13"  # not a month
    else:
        row[3] = ("12a", "1,080", "-999")[kind - 3]  # not a number, ambiguous, out of range


def generate(folder: Path, n_units: int, n_rows: int, seed: int) -> dict:
    """Write the synthetic plan, the big file, the data folder and the frictionless schema."""
    rng = random.Random(seed)
    plan = yaml.safe_load((ROOT / "plan2020.yaml").read_text(encoding="utf-8"))
    base = plan["units"]
    k = math.ceil(n_units / len(base))
    plan["id"] = f"bench-{len(base) * k}"
    plan["units"] = [
        dict(u, code=f"{u['code']}-{i:04d}", name_vi=f"{u['name_vi']} {i}")
        for u in base
        for i in range(1, k + 1)
    ]
    codes = [u["code"] for u in plan["units"]]
    for area in plan.get("outline", []):
        for entry in area["fields"]:
            entry["units"] = []  # renamed units feed the fields of the figures they send
    indicators = plan["indicators"]
    for ind in indicators:
        # Every unit reports every indicator and the town's figure is their sum (a v1-style
        # reporter list, no owner): the heaviest case for status.
        for key in ("owner", "owner_reports", "contributors", "targets_by_unit"):
            ind.pop(key, None)
        ind["reported_by"] = codes  # one shared list: the YAML writes it once, as an anchor
    folder.mkdir(parents=True)
    with open(folder / "plan.yaml", "w", encoding="utf-8") as out:
        yaml.safe_dump(plan, out, allow_unicode=True, sort_keys=False, width=100)
    sent = {m: [ind for ind in indicators if sent_in(ind, m)] for m in range(1, 13)}

    # The big file: month by month, unit by unit, until n_rows.
    keys = ((c, ind, m) for m in range(1, 13) for c in codes for ind in sent[m])
    rows = errors = 0
    with open(folder / "big.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for code, ind, month in itertools.islice(keys, n_rows):
            row = [code, ind["code"], f"2020-{month:02d}", value_text(ind, rng, month), ""]
            if rng.random() < ERROR_SHARE:
                spoil(row, rng)
                errors += 1
            writer.writerow(row)
            rows += 1
    if rows < n_rows:
        raise SystemExit(f"{n_units} units hold only {rows} values; use fewer --rows")

    # The data folder: DIR/2020-MM/UNIT.csv for every unit and month, no errors.
    values = files = 0
    for month in range(1, 13):
        month_dir = folder / "monthly" / f"2020-{month:02d}"
        month_dir.mkdir(parents=True)
        for code in codes:
            with open(month_dir / f"{code}.csv", "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(HEADER)
                thang = f"2020-{month:02d}"
                for ind in sent[month]:
                    writer.writerow([code, ind["code"], thang, value_text(ind, rng, month), ""])
            files += 1
            values += len(sent[month])

    # Table Schemas saying what kehoach checks that a schema can say (no ranges per code).
    # frictionless checks an enum by scanning a list, which with 10,600 unit codes is most of
    # its time; the second schema gives the unit column a pattern instead.
    def text_field(name: str, **constraints) -> dict:
        return {"name": name, "type": "string", "constraints": constraints}

    for name, unit_rule in (("enum", {"enum": codes}), ("pattern", {"pattern": UNIT_PATTERN})):
        schema = [
            text_field("don_vi", required=True, **unit_rule),
            text_field("ma_chi_tieu", required=True, enum=[i["code"] for i in indicators]),
            text_field("thang", required=True, pattern="2020-(0[1-9]|1[0-2])"),
            text_field("gia_tri", pattern=r"-?[0-9]+([.,][0-9]+)?%?"),
            text_field("ghi_chu"),
        ]
        text = json.dumps({"fields": schema})
        (folder / f"schema-{name}.json").write_text(text, encoding="utf-8")
    return {
        "units": len(codes),
        "rows": rows,
        "errors": errors,
        "big_mb": round((folder / "big.csv").stat().st_size / 2**20, 1),
        "files": files,
        "values": values,
    }


def check_plan(plan: Path) -> None:
    """``kehoach plan --check`` must accept it (and so fills the plan cache)."""
    argv = [PY, "-m", "kehoach", "plan", "--check", "--plan", str(plan)]
    check = subprocess.run(argv, capture_output=True, text=True, env=CHILD_ENV)
    if check.returncode != 0:
        raise SystemExit(f"{plan} is not a valid plan:\n{check.stdout}{check.stderr}")


def shuffled(folder: Path, seed: int) -> Path:
    """The big file with its data rows in random order (written once, beside it).

    Exports and templates keep the rows of one unit and month together, which the reader
    stores a run at a time; this copy has no such runs, to show what that is worth.
    """
    path = folder / "big-shuffled.csv"
    if not path.is_file():
        header, *body = (folder / "big.csv").read_text(encoding="utf-8").splitlines(True)
        random.Random(seed).shuffle(body)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(header + "".join(body), encoding="utf-8", newline="")
        tmp.replace(path)
    return path


def workbook(folder: Path) -> Path:
    """The big file's first XLSX_ROWS rows as a clerk's workbook (written once, beside it):
    figures Excel keeps as numbers are number cells, the rest (codes, months, a figure
    typed with a thousands dot or a comma) text cells."""
    path = folder / "big.xlsx"
    if not path.is_file():
        from openpyxl import Workbook

        from kehoach.read.xlsx import number_text

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Số liệu")
        with open(folder / "big.csv", encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.reader(f)):
                if i > XLSX_ROWS:
                    break
                if i:
                    text = row[3]
                    try:
                        number = float(text)
                    except ValueError:
                        number = None
                    if number is not None and number_text(repr(number)) == text:
                        row[3] = int(number) if "." not in text else number
                ws.append([c if c != "" else None for c in row])
        tmp = path.with_suffix(".tmp")
        wb.save(tmp)
        tmp.replace(path)
    return path


def long_cell(folder: Path) -> Path:
    """One row whose value is a 1 MB cell of digit groups ("1,2341,234…"): messages echo
    it, and were once built in time quadratic in it (the English plural rule)."""
    path = folder / "long-cell.csv"
    if not path.is_file():
        cell = "1,234" * 200_000
        text = ",".join(HEADER) + f'\nCC-THUE,KT04,2020-09,"{cell} (s)",\n'
        path.write_text(text, encoding="utf-8")
    return path


def workset(n_units: int, n_rows: int, seed: int) -> tuple[Path, dict]:
    """The folder of data for these sizes and what it holds; generated when missing."""
    params = {"units": n_units, "rows": n_rows, "seed": seed, "version": GENERATOR_VERSION}
    folder = WORK / f"u{n_units}-r{n_rows}-s{seed}-v{GENERATOR_VERSION}"
    marker = folder / "complete.json"
    if marker.is_file():
        meta = json.loads(marker.read_text(encoding="utf-8"))
        if meta.get("params") == params:
            log(f"reusing generated data in {folder}")
            return folder, meta
    if folder.exists():
        shutil.rmtree(folder)  # an interrupted generation
    log(f"generating {n_units} units, {n_rows:,} rows in {folder} …")
    start = time.perf_counter()
    meta = {"params": params, **generate(folder, n_units, n_rows, seed)}
    check_plan(folder / "plan.yaml")
    (folder / "empty").mkdir()
    log(f"generated in {time.perf_counter() - start:.0f} s: {meta}")
    marker.write_text(json.dumps(meta), encoding="utf-8")
    return folder, meta


# --------------------------------------------------------------------------- the install

USER_VENV = WORK / "user-venv"


def user_install() -> tuple[str, list[str]]:
    """(python, kehoach command) of a regular, non-editable install of this checkout.

    As the README's first command does (``pip install .``), in a venv of its own; the
    dependencies are installed the first time only, kehoach on every run (--no-deps
    --force-reinstall), so the code measured is the checkout's. pip byte-compiles it.
    """
    py = USER_VENV / "bin" / "python"
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    if not py.exists():
        log(f"creating {USER_VENV} and installing kehoach with its dependencies …")
        subprocess.run([PY, "-m", "venv", str(USER_VENV)], **quiet)
        subprocess.run([*pip, str(ROOT)], **quiet)
    else:
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(ROOT)], **quiet)
    return str(py), [str(USER_VENV / "bin" / "kehoach")]


# --------------------------------------------------------------------------- timing


@dataclass
class Measure:
    key: str
    label: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    env: dict[str, str] = field(default_factory=dict)  # added to CHILD_ENV
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    exit_code: int | None = None
    timed_out: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def gnu_time() -> list[str]:
    """``/usr/bin/time -f %M -o`` if it works here, else [] (then os.wait4's rusage)."""
    exe = shutil.which("time") or "/usr/bin/time"
    out = WORK / "time-probe.txt"
    try:
        WORK.mkdir(exist_ok=True)
        subprocess.run([exe, "-f", "%M", "-o", str(out), PY, "-c", "pass"], check=True)
        int(out.read_text().split()[-1])
    except (OSError, ValueError, IndexError, subprocess.CalledProcessError):
        return []
    return [exe, "-f", "%M", "-o"]


def run_child(m: Measure, errlog: Path, timeout: float, timer: list[str]) -> None:
    """Run one child: wall time around it, and its peak memory.

    The peak comes from GNU time when there is one: a child's own rusage (os.wait4) also
    counts the RSS of the process it was forked from, i.e. this script's.
    """
    peak_file = errlog.with_name("peak.txt")
    argv = [*timer, str(peak_file), *m.argv] if timer else m.argv
    with open(errlog, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env={**CHILD_ENV, **m.env},
            start_new_session=True,
        )  # fmt: skip
        # The whole session (time and the command under it), which this script started.
        killer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        killer.cancel()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if elapsed >= timeout:
        m.timed_out = True
        log(f"{m.label}: killed after {timeout:g} s (--timeout)")
    elif code not in m.ok_codes:
        tail = errlog.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"{m.label}: exit {code}, expected {m.ok_codes}\n{tail}")
    try:
        kib = int(peak_file.read_text().split()[-1]) if timer else usage.ru_maxrss
    except (OSError, ValueError, IndexError):  # time itself was killed
        kib = math.nan
    m.exit_code = code
    m.seconds.append(elapsed)
    m.peak_mb.append(kib / 1024)


def check_frictionless(argv: list[str]) -> None:
    """Make sure frictionless reads the file and the schema (it can fail 'validly', exit 1)."""
    done = subprocess.run([*argv, "--limit-rows", "1000"], capture_output=True, text=True)
    report = json.loads(done.stdout or "{}")
    task = (report.get("tasks") or [{}])[0]
    if task.get("stats", {}).get("rows") != 1000:
        raise SystemExit(f"frictionless did not validate the file:\n{done.stdout[:2000]}")


def measures(
    folder: Path, meta: dict, frictionless: bool, seed: int, user: tuple[str, list[str]]
) -> list[Measure]:
    upy, kh = user
    sample = ["--plan", str(ROOT / "plan2020.yaml"), "--data", str(ROOT / "data" / "monthly")]
    names = ("big.csv", "plan.yaml", "empty", "monthly")
    big, plan, empty, monthly = (str(folder / name) for name in names)
    mixed = str(shuffled(folder, seed))
    book = str(workbook(folder))
    rows = f"{meta['rows']:,} rows"
    book_rows = f"{min(meta['rows'], XLSX_ROWS):,} rows"
    out = [
        Measure("pass", "python -c pass", [upy, "-c", "pass"]),
        Measure("help", "kehoach --help", [*kh, "--help"]),
        Measure("status_sample", "kehoach status (sample)", [*kh, "status", *sample]),
        # The same without the output cache (outcache.py): what a changed folder costs.
        Measure(
            "status_cold",
            "kehoach status (sample, output not cached)",
            [*kh, "status", *sample],
            env=NO_OUTPUT_CACHE,
        ),
        Measure("show_sample", "kehoach show KT04 (sample)", [*kh, "show", "KT04", *sample]),
        Measure("floor", f"csv.reader floor ({rows})", [upy, "-c", CSV_FLOOR, big]),
        Measure(
            "validate",
            f"kehoach validate --json ({rows})",
            [*kh, "validate", big, "--plan", plan, "--data", empty, "--json"],
            ok_codes=(1,),
        ),
        Measure(
            "validate_shuffled",
            f"kehoach validate --json ({rows}, shuffled)",
            [*kh, "validate", mixed, "--plan", plan, "--data", empty, "--json"],
            ok_codes=(1,),
        ),
        Measure(
            "xlsx_floor",
            f"openpyxl read-only floor ({book_rows} .xlsx)",
            [PY, "-c", XLSX_FLOOR, book],
        ),
        Measure(
            "validate_xlsx",
            f"kehoach validate --json ({book_rows} .xlsx)",
            [*kh, "validate", book, "--plan", plan, "--data", empty, "--json"],
            ok_codes=(0, 1),
        ),
    ]
    cell = [*kh, "validate", str(long_cell(folder)), "--plan", str(ROOT / "plan2020.yaml")]
    for lang in ("vi", "en"):
        label = f"kehoach validate --lang {lang} (a 1 MB cell)"
        out.append(Measure(f"long_cell_{lang}", label, [*cell, "--lang", lang], ok_codes=(1,)))
    for kind in ("enum", "pattern") if frictionless else ():
        schema = str(folder / f"schema-{kind}.json")
        fl = [PY, "-m", "frictionless", "validate", big, "--schema", schema, *FL_OPTS]
        label = f"frictionless validate, unit {kind} ({rows})"
        out.append(Measure(f"fl_{kind}", label, fl, ok_codes=(1,)))
    if importlib.util.find_spec("matplotlib") is not None:
        # The report's charts (overview + each lagging cumulative target), drawn and written
        # as PNG: what `report --format docx` adds to the report's own time.
        charts = [PY, "-m", "kehoach.render.charts", str(WORK / "charts"), *sample]
        out.append(Measure("charts_sample", "report charts as PNG (sample)", charts))
    big_status = f"kehoach status ({meta['units']:,} units × 12 months)"
    big = [*kh, "status", "--plan", plan, "--data", monthly]
    out.append(Measure("status_big", big_status, big, env=NO_OUTPUT_CACHE))
    return out


# --------------------------------------------------------------------------- report


def peak_of(m: Measure) -> float:
    return max((x for x in m.peak_mb if x == x), default=math.nan)


REFS = {"help": "pass", "status_sample": "pass", "status_cold": "pass", "validate": "floor"}
REFS["show_sample"] = "pass"
REFS["validate_shuffled"] = "floor"  # no goal: shown to keep row order's cost in sight
REFS |= {"fl_enum": "validate", "fl_pattern": "validate", "validate_xlsx": "xlsx_floor"}


def pair_ratios(a: Measure, b: Measure) -> list[float]:
    """a / b run by run: the runs are interleaved, so each pair saw the same machine."""
    return [x / y for x, y in zip(a.seconds, b.seconds, strict=False) if y > 0]


def spread(values: list[float], fmt: str) -> str:
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}" if values else "?"


def ratio_text(by: dict[str, Measure], key: str) -> str:
    if key not in REFS:
        return "1.0 (baseline)" if key in ("pass", "floor", "xlsx_floor") else "—"
    ref = by[REFS[key]]
    bound = "≥ " if by[key].timed_out else ""  # a killed child's time is a lower bound
    pairs = spread(pair_ratios(by[key], ref), "{:.1f}")
    return f"{bound}{by[key].median / ref.median:.1f}× ({pairs}) {ref.label.split(' (')[0]}"


def goals(by: dict[str, Measure]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, passed); passed is None when the figures cannot tell.

    A child killed at --timeout leaves lower bounds: enough to fail its own ceiling only.
    """

    def ratio(a: str, b: str) -> float:
        return by[a].median / by[b].median

    def peak(key: str) -> float:
        return peak_of(by[key])

    # goal, value, format, limit, is a ceiling, measurements it rests on (its own first)
    specs: list[tuple[str, float, str, float, bool, list[str]]] = [
        ("validate ≤ 5× csv.reader floor", ratio("validate", "floor"), "{:.1f}×", 5, True,
         ["validate", "floor"]),
        ("validate peak memory ≤ 100 MB", peak("validate"), "{:.0f} MB", 100, True, ["validate"]),
        ("validate .xlsx ≤ 2× openpyxl read-only floor", ratio("validate_xlsx", "xlsx_floor"),
         "{:.1f}×", 2, True, ["validate_xlsx", "xlsx_floor"]),
        ("validate .xlsx peak memory ≤ 150 MB", peak("validate_xlsx"), "{:.0f} MB", 150, True,
         ["validate_xlsx"]),
        ("status over the big folder ≤ 30 s", by["status_big"].median, "{:.1f} s", 30, True,
         ["status_big"]),
        ("status over the big folder ≤ 1 GB", peak("status_big"), "{:.0f} MB", 1024, True,
         ["status_big"]),
        ("status (sample) ≤ 16× python -c pass", ratio("status_sample", "pass"), "{:.1f}×", 16,
         True, ["status_sample", "pass"]),
        ("--help ≤ 8× python -c pass", ratio("help", "pass"), "{:.1f}×", 8, True,
         ["help", "pass"]),
        ("show (sample) ≤ 22× python -c pass (the status goal)", ratio("show_sample", "pass"),
         "{:.1f}×", 22, True, ["show_sample", "pass"]),
    ]  # fmt: skip
    if "charts_sample" in by:
        specs.append(("report charts (sample) ≤ 5 s", by["charts_sample"].median, "{:.2f} s", 5,
                      True, ["charts_sample"]))  # fmt: skip
    if "fl_enum" in by:  # frictionless at its faster schema
        fl = min(ratio("fl_enum", "validate"), ratio("fl_pattern", "validate"))
        keys = ["fl_enum", "fl_pattern", "validate"]
        specs.insert(1, ("validate ≥ 4× faster than frictionless", fl, "{:.1f}×", 4, False, keys))
    base = by["pass"].seconds
    busy = bool(base) and max(base) > 1.5 * min(base)  # see render(): ratios unreliable
    out: list[tuple[str, str, bool | None]] = []
    for goal, value, fmt, limit, ceiling, keys in specs:
        met: bool | None = value <= limit if ceiling else value >= limit
        if busy and "pass" in keys:
            met = None  # a start-up goal cannot be read off a busy machine
        killed = [k for k in keys if by[k].timed_out]
        if math.isnan(value):  # the peak of a killed child under GNU time
            out.append((goal, "?", None))
        elif not killed:
            text = fmt.format(value)
            if fmt.endswith("×") and len(keys) == 2:  # a ratio: show the pairs' spread
                pairs = pair_ratios(by[keys[0]], by[keys[1]])
                text += f" ({spread(pairs, '{:.1f}')})"
                if pairs and min(pairs) <= limit < max(pairs):
                    text += ", inside the noise"  # some run pairs on each side of the goal
            out.append((goal, text, met))
        else:  # a lower bound: proves a ceiling on its own figure missed, nothing else
            proven = killed == keys[:1] and ceiling and not met
            out.append((goal, "≥ " + fmt.format(value), False if proven else None))
    if "fl_enum" not in by:
        out.insert(1, ("validate ≥ 4× faster than frictionless", "not installed", None))
    if "charts_sample" not in by:
        out.append(("report charts (sample) ≤ 5 s", "matplotlib not installed", None))
    return out


def render(ms: list[Measure], meta: dict, runs: int, argv: list[str], rev: str, timer) -> str:
    by = {m.key: m for m in ms}
    now = revision()
    measured = rev if now == rev else f"{rev}, then {now} (the code changed during the run!)"
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        fl = importlib.metadata.version("frictionless")
    except importlib.metadata.PackageNotFoundError:
        fl = "not installed"
    lines = [
        "# kehoach benchmark",
        "",
        f"- date: {datetime.datetime.now().isoformat(timespec='seconds')}",
        f"- machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- python {platform.python_version()}, kehoach {importlib.metadata.version('kehoach')}"
        f", frictionless {fl}",
        f"- command: `{' '.join(['python bench/run.py', *argv])}`, at {measured}",
        "- kehoach installed non-editable (`pip install .`) in bench/work/user-venv and run "
        "through its `kehoach` script, as a user runs it",
        f"- runs: {runs} (whole processes, interleaved; medians); peak MB = max RSS (MiB) "
        + ("from GNU time" if timer else f"from os.wait4, at least this script's {own:.0f} MB"),
        f"- synthetic plan: {meta['units']:,} units × 31 indicators; big file "
        f"{meta['rows']:,} rows ({meta['big_mb']} MB, {meta['errors']:,} deliberate errors); "
        f"data folder {meta['files']:,} files, {meta['values']:,} values",
        "",
        "| measurement | median s | min–max s | ratio (min–max of the runs' pairs) | peak MB "
        "| exit | runs |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for m in ms:
        lines.append(
            f"| {m.label} | {'> ' if m.timed_out else ''}{m.median:.3f} "
            f"| {spread(m.seconds, '{:.3f}')} "
            f"| {ratio_text(by, m.key)} "
            f"| {peak_of(m):.0f} | {m.exit_code} | {len(m.seconds)} |".replace("| nan |", "| ? |")
        )
    base = by["pass"].seconds
    if base and max(base) > 1.5 * min(base):
        lines += [
            "",
            f"The machine was busy: `python -c pass` took {spread(base, '{:.3f}')} s. Ratios "
            "to it are unreliable (a busy machine slows the short baseline most); run again "
            "when it is quiet before reading a start-up goal.",
        ]
    lines += ["", "| goal | measured | result |", "|---|---:|---|"]
    for goal, value, ok in goals(by):
        verdict = "—" if ok is None else ("PASS" if ok else "FAIL")
        lines.append(f"| {goal} | {value} | {verdict} |")
    return "\n".join(lines) + "\n"


def revision() -> str:
    """The commit measured, and whether src/ had uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, **GIT).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=ROOT, **GIT).stdout
    except OSError:
        return "an unknown revision (no git)"
    return f"{head.strip() or 'no commit'}{' + uncommitted changes in src/' if dirty else ''}"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--quick", action="store_true", help="small sizes, to try it fast")
    parser.add_argument("--units", type=int, help="units in the synthetic plan (10600)")
    parser.add_argument("--rows", type=int, help="rows in the big file (1000000)")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--timeout", type=float, default=600, help="kill a child after (600 s)")
    parser.add_argument(
        "--repeat-limit", type=float, default=120, help="run once what takes longer (120 s)"
    )
    args = parser.parse_args(argv)
    n_units = args.units or (600 if args.quick else 10_600)
    n_rows = args.rows or (100_000 if args.quick else 1_000_000)
    if importlib.util.find_spec("kehoach") is None:
        raise SystemExit(f"kehoach is not installed in {PY}: pip install -e .")
    has_fl = importlib.util.find_spec("frictionless") is not None
    if not has_fl:
        log("frictionless: not installed (pip install -e '.[bench]' to compare)")
    folder, meta = workset(n_units, n_rows, args.seed)
    ms = measures(folder, meta, has_fl, args.seed, user_install())
    rev = revision()
    errlog = folder / "stderr.txt"
    timer = gnu_time()
    if has_fl:
        for m in ms:
            if m.key.startswith("fl_"):
                check_frictionless(m.argv)
    for plan in (ROOT / "plan2020.yaml", folder / "plan.yaml"):
        check_plan(plan)
    for m in ms[:4]:  # warm up: the page cache, kehoach's plan cache and output cache
        run_child(m, errlog, args.timeout, timer)
        m.seconds.clear()
        m.peak_mb.clear()
    for run in range(1, args.runs + 1):
        for m in ms:
            if m.timed_out or (m.seconds and m.seconds[0] > args.repeat_limit):
                continue  # far off its goal already; repeating it would take an hour
            run_child(m, errlog, args.timeout, timer)
            log(f"run {run}/{args.runs}  {m.label:<48} {m.seconds[-1]:8.3f} s")
    text = render(ms, meta, args.runs, sys.argv[1:] if argv is None else argv, rev, timer)
    print(text)
    (BENCH / "results.md").write_text(text, encoding="utf-8")
    log(f"written {BENCH / 'results.md'}")


if __name__ == "__main__":
    main()
