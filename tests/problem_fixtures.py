"""Fixtures for the catalogue's codes that are not about a submission file: the plan file,
the lock file and the data folder as a whole. Each producer makes the problem happen the
way a user would (a plan edited by hand, a lock file saved from Excel, a data folder a
crash or a hand left behind) and returns the issue records kehoach reports.

The submission-file codes have their fixtures in tests/data/codes (test_checks.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml

from kehoach.core.issues import Issue
from kehoach.read.planfile import PlanError, load_plan, parse_plan
from kehoach.store.check import check_store
from kehoach.store.month_locks import parse_locks, read_locks
from kehoach.store.submit import submit_file

ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = ROOT / "plan2020.yaml"
BASE = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))


def _indicator(data: dict, code: str) -> dict:
    return next(i for i in data["indicators"] if i["code"] == code)


def _set(which: str, **fields):
    def mutate(data: dict) -> None:
        _indicator(data, which).update(fields)

    return mutate


def _drop(which: str, *keys: str):
    def mutate(data: dict) -> None:
        for key in keys:
            _indicator(data, which).pop(key, None)

    return mutate


def _twice(section: str):
    def mutate(data: dict) -> None:
        data[section].append(copy.deepcopy(data[section][0]))

    return mutate


def _stages(code: str, change: Callable[[list], None]):
    def mutate(data: dict) -> None:
        change(_indicator(data, code)["stages"])

    return mutate


# A hand edit of the shipped plan for each of the plan's own problems and each pydantic
# error type a hand-edited file produces.
PLAN_EDITS: dict[str, Callable[[dict], None]] = {
    "plan-duplicate-code": _twice("units"),
    "plan-unknown-group": _set("KT04", group="KX"),
    "plan-unknown-unit": _set("KT04", owner="CC-THUE2"),
    "plan-narrative-only-reports": _set("KT04", owner="P-NV"),
    "plan-phasing-missing": _drop("KT04", "phasing", "fallback"),
    "plan-weights-count": _set("KT05", weights=[0.5, 0.5]),
    "plan-weights-negative": _set(
        "KT05", weights=[-0.1, 0.45, 0.15, 0, 0, 0.4, 0, 0, 0, 0.05, 0.05, 0]
    ),
    "plan-weights-sum": _set("KT05", weights=[0, 0.35, 0.15, 0, 0, 0.30, 0, 0, 0, 0.05, 0.05, 0]),
    "plan-weights-unused": _set("KT04", weights=[0.25, 0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25, 0, 0]),
    "plan-frequency-months": _set("KT04", frequency=[3, 13]),
    "plan-target-outside-range": _set("DT01", target=60),
    "plan-phasing-unused": _set("KT07", phasing="linear"),
    "plan-fallback-missing": _drop("KT04", "fallback"),
    "plan-fallback-unused": _set("KT05", fallback="linear"),
    "plan-sent-as-unused": _set("KT07", sent_as="ytd"),
    "plan-band-cumulative": _set("KT04", band=1),
    "plan-band-missing": _drop("KT07", "band"),
    "plan-stages-missing": _drop("DT05", "stages"),
    "plan-stages-order": _stages("DT05", lambda s: s.reverse()),
    "plan-stages-duplicate": _stages("DT05", lambda s: s[1].update(code=s[0]["code"])),
    "plan-stages-final": _stages("DT05", lambda s: s[2].pop("final")),
    "plan-stages-unused": _set(
        "KT07", stages=[{"code": "a", "name_vi": "A", "name_en": "A", "month": 3, "final": True}]
    ),
    "plan-reported-by-and-owner": _set("KT04", reported_by=["BHXH"]),
    "plan-owner-contributor": _set("XH04", contributors=["P-LDTBXH", "BAC-HONG"]),
    "plan-unit-twice": _set("XH04", contributors=["BAC-HONG", "NAM-HONG", "BAC-HONG"]),
    "plan-no-reporter": _set("KT04", owner_reports=False),
    "plan-baseline": _set("DT01", baseline=50),
    "plan-unit-target-unknown": _set("XH04", targets_by_unit={"CC-THUE": 10}),
    "plan-outline-unknown": lambda data: data["outline"][0]["fields"][0]["indicators"].append(
        "KT99"
    ),
    "plan-outline-twice": lambda data: data["outline"][0]["fields"][1]["indicators"].append("KT01"),
    "plan-outline-unplaced": lambda data: data["outline"][0]["fields"][0]["indicators"].remove(
        "KT01"
    ),
    "plan-code": _set("KT04", code="KT 04"),
    "plan-number": _set("KT04", target=1e16),
    "plan-missing-key": _drop("KT04", "measure"),
    "plan-unknown-key": _set("KT04", targte=1),
    "plan-not-one-of": _set("KT04", measure="sum"),
    "plan-not-a-number": _set("KT04", target="nhiều"),
    "plan-not-whole": lambda data: data.update(year="năm nay"),
    "plan-not-text": _set("KT04", name_vi=["Thu", "ngân sách"]),
    "plan-not-a-list": lambda data: data.update(units="CC-THUE"),
    "plan-not-a-mapping": lambda data: data.update(issuer="UBND"),
    "plan-empty": lambda data: data.update(units=[]),
    "plan-not-greater": _set("KT05", thresholds={"at_risk_share": 0}),
    "plan-below-minimum": lambda data: data.update(year=1800),
    "plan-above-maximum": lambda data: data.update(due_day=32),
    "plan-invalid": _set("KT04", target=float("nan")),
}
# Files that never get as far as the model.
PLAN_TEXTS: dict[str, bytes | None] = {
    "plan-not-found": None,
    "plan-not-utf8": "id: kê-hoạch\n".encode("cp1258", "replace"),
    "plan-yaml-syntax": b"id: [hong-linh\nyear: 2020\n",
    "plan-not-mapping": b"- hong-linh-2020\n",
    "plan-unreadable-value": b"id: a\nyear: 2020-13-45\n",
    "plan-number-too-long": b"id: a\nyear: " + b"9" * 5000 + b"\n",
}


def plan_problems(code: str, tmp: Path) -> list[Issue]:
    """The problems kehoach reports for the fixture of plan ``code``."""
    if code in PLAN_TEXTS:
        path = tmp / "plan.yaml"
        if PLAN_TEXTS[code] is not None:
            path.write_bytes(PLAN_TEXTS[code])
        try:
            load_plan(path)
        except PlanError as exc:
            return exc.problems
        return []
    if code in ("plan-too-large", "plan-not-a-file"):
        path = Path("/dev/null")  # a device node: never opened
        if code == "plan-too-large":
            from kehoach.core.limits import MAX_PLAN_BYTES

            path = tmp / "huge.yaml"
            with open(path, "wb") as f:
                f.truncate(MAX_PLAN_BYTES + 1)  # sparse: never read
        try:
            load_plan(path)
        except PlanError as exc:
            return exc.problems
        return []
    if code == "plan-unreadable":
        path = tmp / "folder.yaml"
        path.mkdir()
        try:
            load_plan(path)
        except PlanError as exc:
            return exc.problems
        return []
    data = copy.deepcopy(BASE)
    PLAN_EDITS[code](data)
    try:
        parse_plan(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "plan.yaml")
    except PlanError as exc:
        return exc.problems
    return []


# ------------------------------------------------------------------ the lock file

LOCK_HEADER = "time,month,state,user,note\n"
LOCK_TEXTS = {
    "lock-bad-header": "thang,trang_thai\n",
    "lock-bad-cells": LOCK_HEADER + "2020-10-22,2020-09,locked\n",
    "lock-bad-time": LOCK_HEADER + "hôm qua,2020-09,locked,a,\n",
    "lock-bad-month": LOCK_HEADER + "2020-10-22T01:00:00Z,9/2020,locked,a,\n",
    "lock-bad-state": LOCK_HEADER + "2020-10-22T01:00:00Z,2020-09,đã khóa,a,\n",
}


def lock_problems(code: str, tmp: Path) -> list[Issue]:
    """The problems kehoach reports for the lock-file fixture of ``code``."""
    if code in LOCK_TEXTS:
        return parse_locks(LOCK_TEXTS[code]).problems
    root = tmp / "data"
    root.mkdir()
    if code == "lock-not-utf8":
        (root / "_locks.csv").write_bytes("time,month\n2020-09,khóa\n".encode("cp1258"))
    elif code == "lock-unreadable":
        (root / "_locks.csv").mkdir()  # a folder where the file should be
    return read_locks(root).problems


# ------------------------------------------------------------------ the data folder

NOW = datetime(2020, 10, 12, 8, 15, tzinfo=UTC)
LATER = datetime(2020, 10, 15, 10, 15, tzinfo=UTC)
CSV_HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def _submit(plan, inbox: Path, root: Path, rows: str, when: datetime, replace=False) -> None:
    src = inbox / f"in-{len(list(inbox.iterdir()))}.csv"
    src.write_text(CSV_HEADER + rows, encoding="utf-8")
    assert submit_file(plan, src, root, now=when, replace=replace).ok


def store_problems(tmp: Path) -> list[Issue]:
    """Every problem check-store reports, from three data folders a crash or a hand left
    behind: one with a log and every kind of damage, one without a log, one whose log is
    not UTF-8."""
    plan = load_plan(PLAN_PATH)
    inbox = tmp / "inbox"
    inbox.mkdir()
    root = tmp / "data"
    root.mkdir()
    _submit(plan, inbox, root, "CC-THUE,KT04,2020-09,7.4,\n", NOW)
    _submit(plan, inbox, root, "BHXH,XH02,2020-09,91.5,\n", NOW)
    _submit(plan, inbox, root, "P-TNMT,KT07,2020-09,98,\n", NOW)
    _submit(plan, inbox, root, "CA,QP02,2020-09,6,\n", NOW)
    _submit(plan, inbox, root, "CA,QP02,2020-09,5,\n", LATER, replace=True)
    _submit(plan, inbox, root, "P-TNMT,KT07,2020-09,98.5,\n", LATER, replace=True)
    # changed-by-hand: a stored file edited in Excel
    (root / "2020-09" / "CC-THUE.csv").write_text(CSV_HEADER + "CC-THUE,KT04,2020-09,9,\n")
    # file-missing: a stored file deleted
    (root / "2020-09" / "BHXH.csv").unlink()
    # history-missing: the old version of CA's replaced file deleted
    for old in (root / "_history" / "2020-09").glob("CA.*.csv"):
        old.unlink()
    # unlogged-file: a submit that stored P-TNMT's file and kept the old one, then died
    # before its log line
    history = root / "_history" / "2020-09"
    (history / "P-TNMT.20201016T000000Z.csv").write_bytes(
        (root / "2020-09" / "P-TNMT.csv").read_bytes()
    )
    (root / "2020-09" / "P-TNMT.csv").write_text(CSV_HEADER + "P-TNMT,KT07,2020-09,99,\n")
    # not-logged: a file copied in by hand
    (root / "2020-09" / "P-YT.csv").write_text(CSV_HEADER + "P-YT,XH05,2020-09,0.8,\n")
    # bad-log-line: a line garbled by hand
    with open(root / "_log.csv", "a", encoding="utf-8") as log:
        log.write("hôm qua,CC-THUE\n")
    # bad-lock-file: a lock file saved wrongly
    (root / "_locks.csv").write_text(LOCK_TEXTS["lock-bad-state"], encoding="utf-8")
    # temp-file: left by an interrupted write
    (root / "2020-09" / ".CC-THUE.csv.abc123.tmp").write_text("x")
    problems = check_store(root).problems

    # no-log: a folder filled by copying files in
    copied = tmp / "copied"
    (copied / "2020-09").mkdir(parents=True)
    (copied / "2020-09" / "CA.csv").write_text(CSV_HEADER + "CA,QP02,2020-09,6,\n")
    problems += check_store(copied).problems

    # log-unreadable: a log saved in another encoding
    other = tmp / "other"
    other.mkdir()
    (other / "_log.csv").write_bytes("time,unit\nhôm qua,Chi cục\n".encode("cp1258", "replace"))
    problems += check_store(other).problems

    # unfinished-change: a submit killed after its journal was written (store.journal)
    from kehoach.store import journal

    cut = tmp / "cut"
    cut.mkdir()

    def killed(name: str) -> None:
        if name == "step-0-write":
            raise KeyboardInterrupt

    journal.crash_point, before = killed, journal.crash_point
    try:
        _submit(plan, inbox, cut, "CA,QP02,2020-09,6,\n", NOW)
    except KeyboardInterrupt:
        pass
    finally:
        journal.crash_point = before
    problems += check_store(cut).problems

    # journal-damaged: a journal edited by hand
    damaged = tmp / "damaged"
    damaged.mkdir()
    (damaged / "_journal.json").write_text("{not json", encoding="utf-8")
    problems += check_store(damaged).problems
    return problems
