"""``kehoach check-store``: is the data folder what its log says it is?

Owns the checks of the data folder as a whole, against the submission log
(``DATA/_log.csv``, written by :mod:`kehoach.store.submit`) and the lock file
(:mod:`kehoach.store.month_locks`):

- every stored file ``DATA/YYYY-MM/UNIT.csv`` matches the SHA-256 of its latest log line
  (``changed-by-hand`` otherwise, or ``unlogged-file`` when it has more stored versions
  than log lines: a submit stopped between storing it and logging it);
- every ``*.csv`` the commands read has a log line (``not-logged``): a file copied in by
  hand counts in every figure with no trail of who sent it (``no-log`` once, when there
  is no log at all);
- every latest log line still has its file (``file-missing``);
- every ``replaced`` line has its old version in ``DATA/_history/`` (``history-missing``);
- every log line reads (``bad-log-line``: cut short by a crash, or edited), and so does the
  lock file (``bad-lock-file``);
- no temporary file of an interrupted write is left behind (``temp-file``);
  :func:`orphan_temp_files` finds those of interrupted submits, which the next submit
  removes (submits write them only under the data-folder lock, so one found by a submit
  holding the lock belongs to no live submit).

:func:`check_store` reads and returns records, nothing else; ``kehoach check-store``
(:mod:`kehoach.commands.check_store`) prints them. The checks run under the data folder's
lock, so a submit in progress is never caught half way and reported as damage.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized
from kehoach.core.issues import Issue
from kehoach.core.layout import (
    HISTORY_DIR,
    LOG_NAME,
    MONTH_DIR,
    MONTH_TEXT,
    NARRATIVE_SUFFIX,
    TEMP_FILE,
    history_stamp,
    is_history_of,
)
from kehoach.core.records import (
    ACTIONS,
    LOCKS_HEADER,
    LOG_HEADER,
    LOG_OLD_COLUMNS,
    NARRATIVE_REPLACING_ACTIONS,
    REPLACING_ACTIONS,
    LogEntry,
    is_narrative_action,
    shown_time,
)
from kehoach.read.datafolder import data_files
from kehoach.store.journal import JournalDamaged, journal_path, lines_before, read_journal
from kehoach.store.journal import leftover_temp_files as _leftovers
from kehoach.store.log import parse_log_cells
from kehoach.store.month_locks import locks_path, read_locks

_HEX64 = re.compile(r"[0-9a-f]{64}")
_SHOWN_CHARS = 100
_SHORT_HASH = 12

WHY = {
    "cut": Localized(
        "dòng cuối bị cắt giữa chừng (không có dấu xuống dòng)",
        "the last line is cut short (no line end)",
    ),
    "cells": Localized(
        "có {cells} ô, cần {expected}", "{cells} cell(s) where {expected} are needed"
    ),
    "header": Localized("dòng tiêu đề phải là {expected}", "the header must be {expected}"),
    "value": Localized("ô {column} không hợp lệ", "cell {column} is not valid"),
}

STORE_TEXT = {
    "ok": Localized(
        "✔ Kho số liệu {root} khớp nhật ký: {files} tệp số liệu ({verified} đúng SHA-256), "
        "{history} bản cũ trong {history_dir}, {lines} dòng nhật ký.",
        "✔ The data folder {root} matches its log: {files} data file(s) ({verified} with "
        "the logged SHA-256), {history} old version(s) in {history_dir}, {lines} log "
        "line(s).",
    ),
    "unverified": Localized(
        "  {n} tệp có dòng nhật ký ghi trước khi có cột stored_sha256: chưa kiểm được nội "
        "dung ({files}). Nộp lại với --replace để ghi SHA-256.",
        "  {n} file(s) were logged before the stored_sha256 column: their content could not "
        "be checked ({files}). Submit them again with --replace to log a SHA-256.",
    ),
    "problems": Localized(
        "✘ {n} vấn đề trong kho số liệu {root}.", "✘ {n} problem(s) in the data folder {root}."
    ),
    "earlier": Localized("; trùng với bản ghi lúc {time}", "; it matches the version of {time}"),
    "more": Localized(
        "  … và {n} vấn đề {code} khác (kehoach check-store --json liệt kê đủ).",
        "  … and {n} more {code} problem(s) (kehoach check-store --json lists them all).",
    ),
    "move": Localized(
        ", rồi chuyển bản này ra khỏi thư mục số liệu",
        ", then move this copy out of the data folder",
    ),
}


# ------------------------------------------------------------------ records


def store_problem(
    code: str,
    path: str | None = None,
    line: int | None = None,
    params: dict[str, Any] | None = None,
    files: tuple[str, ...] = (),
) -> Issue:
    """One thing wrong with the data folder, as the issue record every problem is: ``path``
    is the file (``Issue.file``), ``line`` a line of the log or lock file (``Issue.row``),
    both also message parameters; ``files`` the files concerned, where there are many."""
    shown = {"path": path, "line": line, **(params or {})}
    if files:
        shown["files"] = list(files)
    return Issue(code, path, line, None, shown)


def problem_dict(problem: Issue, lang: str) -> dict[str, Any]:
    """A problem as ``check-store --json`` lists it."""
    out = {
        "code": problem.code,
        "path": problem.file,
        "line": problem.row,
        "message": problem.message(lang),
        "hint": problem.hint(lang) or "",
    }
    if problem.params.get("files"):
        out["files"] = problem.params["files"]
    return out


@dataclass
class StoreCheck:
    """What :func:`check_store` found: the problems and what was checked."""

    root: Path
    problems: list[Issue] = field(default_factory=list)
    files: int = 0  # data files read by the commands
    verified: int = 0  # stored files whose bytes have the logged SHA-256
    unverified: list[str] = field(default_factory=list)  # logged before stored_sha256
    history: int = 0  # old versions accounted for by `replaced` lines
    log_lines: int = 0  # log lines that read

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "data": str(self.root),
            "ok": self.ok,
            "summary": {
                "files": self.files,
                "verified": self.verified,
                "unverified": self.unverified,
                "history": self.history,
                "log_lines": self.log_lines,
                "problems": len(self.problems),
            },
            "problems": [problem_dict(p, lang) for p in self.problems],
        }


# ------------------------------------------------------------------ the log, strictly


@dataclass(frozen=True)
class LogLine:
    line: int
    entry: LogEntry


def parse_log(text: str, log: str = LOG_NAME) -> tuple[list[LogLine], list[Issue]]:
    """The log's lines that read, and a ``bad-log-line`` for each one that does not.

    Stricter than :func:`kehoach.store.log.read_log`, which skips such lines: a line cut
    short by a crash (the last one, without its line end) is reported even when its cells
    happen to read, since its last cell may be cut.
    """
    text = text.removeprefix("\ufeff")
    physical = text.splitlines()
    cut_last = bool(text) and not text.endswith("\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    lines: list[LogLine] = []
    problems: list[Issue] = []
    end = 0
    first = True

    def bad(start: int, stop: int, why: Localized, **params: Any) -> None:
        raw = "\n".join(physical[start - 1 : stop])
        shown = raw if len(raw) <= _SHOWN_CHARS else raw[:_SHOWN_CHARS] + "…"
        why_params = {lang: why(lang).format(**params) for lang in ("vi", "en")}
        problems.append(
            store_problem(
                "bad-log-line",
                None,
                start,
                {"log": log, "why": Localized(**why_params), "text": repr(shown)},
            )
        )

    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            end = reader.line_num
            bad(start, end, WHY["cells"], cells="?", expected=len(LOG_HEADER))
            continue
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if first:
            first = False
            n = len(cells)
            if n < LOG_OLD_COLUMNS or tuple(cells) != LOG_HEADER[:n]:
                bad(start, end, WHY["header"], expected=",".join(LOG_HEADER))
            continue
        if cut_last and end >= len(physical):
            bad(start, end, WHY["cut"])
            continue
        entry, why = _strict_entry(cells)
        if entry is None:
            bad(start, end, why[0], **why[1])
            continue
        lines.append(LogLine(start, entry))
    return lines, problems


def _strict_entry(cells: list[str]) -> tuple[LogEntry | None, tuple[Localized, dict]]:
    if len(cells) not in (LOG_OLD_COLUMNS, len(LOG_HEADER)):
        return None, (WHY["cells"], {"cells": len(cells), "expected": len(LOG_HEADER)})
    try:
        entry = parse_log_cells(cells)
    except ValueError:
        column = "rows" if _parses_time(cells[0]) else "time"
        return None, (WHY["value"], {"column": column})
    checks = (
        ("unit", bool(entry.unit.strip())),
        ("month", bool(MONTH_TEXT.fullmatch(entry.month))),
        ("sha256", bool(_HEX64.fullmatch(entry.sha256))),
        ("rows", entry.rows >= 0),
        ("action", entry.action in ACTIONS),
        ("stored_sha256", entry.stored_sha256 == "" or bool(_HEX64.fullmatch(entry.stored_sha256))),
    )
    for column, ok in checks:
        if not ok:
            return None, (WHY["value"], {"column": column})
    return entry, (WHY["value"], {})


def _parses_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ the checks


def _month_dirs(root: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in root.iterdir()
            if MONTH_DIR.fullmatch(p.name) and p.is_dir() and not p.is_symlink()
        )
    except OSError:
        return []


def orphan_temp_files(root: Path) -> list[Path]:
    """Temporary files of interrupted writes in the month folders, oldest name first."""
    found: list[Path] = []
    for folder in _month_dirs(root):
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        found += [folder / n for n in names if TEMP_FILE.fullmatch(n)]
    return found


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def unlogged_files(root: Path, log: Iterable) -> dict[Path, tuple[int, int]]:
    """Stored ``YYYY-MM/UNIT.csv`` files with fewer log lines than stored versions, with
    (versions, log lines) of each.

    Every version a submit stores gets one line in ``_log.csv`` (unit, month) and every
    version it replaces is kept in ``_history/YYYY-MM/UNIT.<time>.csv``; so a (unit, month)
    should have as many log lines as versions (the current file plus its history). Fewer
    means a submit was stopped between the rename and the log line, or a file was put there
    by hand. ``log`` is the submission log's entries (anything with ``unit`` and ``month``).
    A history copy that is the very file still in place (a submit stopped after keeping the
    old version but before the rename) is not counted: that version was logged when it was
    stored.
    """
    logged = Counter((entry.unit, entry.month) for entry in log)
    found: dict[Path, tuple[int, int]] = {}
    for folder in _month_dirs(root):
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
        except OSError:
            continue
        for path in files:
            if path.name.startswith((".", "_")) or not path.is_file():
                continue
            unit = path.stem
            versions = 1 + _history_versions(root, folder.name, unit, path)
            lines = logged[(unit, folder.name)]
            if lines < versions:
                found[path] = (versions, lines)
    return found


def _history_versions(root: Path, month: str, unit: str, current: Path) -> int:
    folder = root / HISTORY_DIR / month
    try:
        kept = [p for p in folder.iterdir() if is_history_of(p.name, unit)]
    except OSError:
        return 0
    return sum(1 for p in kept if not _same_file(p, current))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.samefile(b):
            return True
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def check_store(root: Path) -> StoreCheck:
    """Every check of the module docstring, over the data folder ``root``."""
    out = StoreCheck(root)
    log_path = root / LOG_NAME
    lines: list[LogLine] = []
    no_log = False
    try:
        text = log_path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        text, no_log = "", True
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or str(exc)
        out.problems.append(
            store_problem("log-unreadable", str(log_path), None, {"log": LOG_NAME, "error": error})
        )
        text = None
    if text is not None:
        lines, bad = parse_log(text)
        out.problems += bad
    out.log_lines = len(lines)

    # The latest line decides what a stored file must be; earlier ones name old versions.
    by_key: dict[tuple[str, str], list[LogLine]] = {}
    for ll in lines:
        if is_narrative_action(ll.entry.action):
            continue  # a narrative report's line: checked against UNIT.md below
        by_key.setdefault((ll.entry.month, ll.entry.unit), []).append(ll)

    files = data_files(root) if root.is_dir() else []
    narratives = narrative_files(root) if root.is_dir() else []
    out.files = len(files) + len(narratives)
    unlogged: dict[Path, tuple[int, int]] | None = None  # looked for on a mismatch only
    if no_log and (files or narratives):
        # A folder filled by copying files in: one problem, not one per file.
        copied = files + narratives
        out.problems.append(
            store_problem(
                "no-log",
                str(log_path),
                None,
                {"n": len(copied), "first": str(copied[0])},
                tuple(str(p) for p in copied),
            )
        )
        files = []
        narratives = []
    prefix = len(str(root)) + 1
    for path in files:
        # The path below the root as text: Path.relative_to costs 20 µs a file, 2 s over
        # a folder of 100,000 (data_files gives paths under root, joined with "/").
        parts = str(path)[prefix:].split(os.sep)
        canonical = len(parts) == 2 and bool(MONTH_TEXT.fullmatch(parts[0]))
        history = by_key.get((parts[0], path.stem)) if canonical else None
        if not history:
            move = "" if canonical else STORE_TEXT["move"]
            out.problems.append(
                store_problem("not-logged", str(path), None, {"log": LOG_NAME, "move": move})
            )
            continue
        latest = history[-1]
        try:
            found = sha256_file(path)
        except OSError:
            continue  # unreadable: the reading commands report it with the file's issues
        logged = latest.entry.stored_sha256
        if not logged:
            if found == latest.entry.sha256:  # the file was sent in canonical form
                out.verified += 1
            else:
                out.unverified.append(str(path))
            continue
        if found == logged:
            out.verified += 1
            continue
        if unlogged is None:
            unlogged = unlogged_files(
                root, [ll.entry for ll in lines if not is_narrative_action(ll.entry.action)]
            )
        if path in unlogged:
            # Not changed by hand: stored by a submit that never wrote its log line.
            versions, logged_lines = unlogged[path]
            out.problems.append(
                store_problem(
                    "unlogged-file", str(path), None, {"versions": versions, "lines": logged_lines}
                )
            )
            continue
        earlier = next(
            (ll for ll in reversed(history[:-1]) if ll.entry.stored_sha256 == found), None
        )
        out.problems.append(
            store_problem(
                "changed-by-hand",
                str(path),
                latest.line,
                {
                    "time": shown_time(latest.entry.time),
                    "found": found[:_SHORT_HASH],
                    "logged": logged[:_SHORT_HASH],
                    "earlier": _earlier(earlier),
                },
            )
        )

    for (month, unit), history in by_key.items():
        latest = history[-1]
        path = root / month / f"{unit}.csv"
        if not path.exists():
            out.problems.append(
                store_problem(
                    "file-missing",
                    str(path),
                    latest.line,
                    {
                        "time": shown_time(latest.entry.time),
                        "unit": unit,
                        "month": month,
                        "history": str(root / HISTORY_DIR / month),
                    },
                )
            )

    _check_history(root, lines, out)
    _check_narratives(root, lines, narratives, out)

    locks = read_locks(root)
    for problem in locks.problems:
        out.problems.append(
            store_problem(
                "bad-lock-file",
                str(locks_path(root)),
                problem.row,
                {
                    "problem": Localized(problem.message("vi"), problem.message("en")),
                    "columns": ",".join(LOCKS_HEADER),
                },
            )
        )

    for dirpath, _dirnames, filenames in os.walk(root):
        for name in sorted(filenames):
            if name.startswith(".") and name.endswith(".tmp"):
                out.problems.append(store_problem("temp-file", str(Path(dirpath) / name)))
    _check_journal(root, out)
    return out


_EXPLAINED = {"unlogged-file", "changed-by-hand", "not-logged", "file-missing", "history-missing"}


def _check_journal(root: Path, out: StoreCheck) -> None:
    """An unfinished transaction (store.journal) is named as what it is; the problems it
    explains (a stored file not logged yet, a log line cut short) are left out."""
    path = journal_path(root)
    try:
        tx = read_journal(root)
    except JournalDamaged as exc:
        out.problems.append(
            store_problem("journal-damaged", str(path), None, {"error": exc.params["error"]})
        )
        return
    if tx is None:
        return
    touched = {str(root / p) for p in tx.paths()}
    log_lines = lines_before(root, tx, LOG_NAME)

    def explained(problem: Issue) -> bool:
        if problem.code in _EXPLAINED:
            return problem.file in touched
        if problem.code == "bad-log-line":
            return log_lines is not None and (problem.row or 0) > log_lines
        if problem.code == "no-log":
            return log_lines is not None and set(problem.params.get("files", ())) <= touched
        return False

    out.problems = [p for p in out.problems if not explained(p)]
    about = ", ".join(
        str(v) if not isinstance(v, list) else " ".join(map(str, v)) for v in tx.about.values()
    )
    shown = sorted({str(root / p) for p in tx.paths()})
    out.problems.insert(
        0,
        store_problem(
            "unfinished-change",
            str(path),
            None,
            {"kind": tx.kind, "about": about, "files_shown": ", ".join(shown)},
            tuple(shown),
        ),
    )


def leftover_temp_files(root: Path) -> list[Path]:
    """Temporary files of interrupted writes anywhere a writing command writes
    (:func:`kehoach.store.journal.leftover_temp_files`)."""
    return _leftovers(root)


def _earlier(line: LogLine | None) -> Localized | str:
    if line is None:
        return ""
    when = shown_time(line.entry.time)
    return Localized(
        STORE_TEXT["earlier"]("vi").format(time=when("vi")),
        STORE_TEXT["earlier"]("en").format(time=when("en")),
    )


def _check_history(root: Path, lines: list[LogLine], out: StoreCheck) -> None:
    """Each replacing line needs its own old version: ``UNIT.<stamp>[-N].csv``."""
    wanted: dict[tuple[str, str, str], list[LogLine]] = {}
    for ll in lines:
        if ll.entry.action in REPLACING_ACTIONS:
            key = (ll.entry.month, ll.entry.unit, history_stamp(ll.entry.time))
            wanted.setdefault(key, []).append(ll)
    for (month, unit, stamp), needing in wanted.items():
        folder = root / HISTORY_DIR / month
        name = re.compile(re.escape(f"{unit}.{stamp}") + r"(-\d+)?\.csv")
        try:
            have = sum(1 for p in folder.iterdir() if name.fullmatch(p.name) and p.is_file())
        except OSError:
            have = 0
        out.history += min(have, len(needing))
        for ll in needing[have:]:
            out.problems.append(
                store_problem(
                    "history-missing",
                    str(folder / f"{unit}.{stamp}.csv"),
                    ll.line,
                    {
                        "unit": unit,
                        "month": month,
                        "time": shown_time(ll.entry.time),
                        "folder": str(folder),
                        "expected": f"{unit}.{stamp}.csv",
                    },
                )
            )


# ------------------------------------------------------------------ narrative reports


def narrative_files(root: Path) -> list[Path]:
    """The stored narrative reports, ``YYYY-MM/UNIT.md`` (not ``_nhiem_vu.md`` nor any
    hidden name), in a stable order; links are not followed (the readers skip them)."""
    found: list[Path] = []
    for folder in _month_dirs(root):
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        for name in names:
            path = folder / name
            if (
                name.endswith(NARRATIVE_SUFFIX)
                and not name.startswith((".", "_"))
                and not path.is_symlink()
                and path.is_file()
            ):
                found.append(path)
    return found


def _check_narratives(root: Path, lines: list[LogLine], files: list[Path], out: StoreCheck) -> None:
    """The checks of the figures, for the narrative reports (``UNIT.md``, log actions
    ``narrative-…``): each stored report has the SHA-256 of its latest line, each latest
    line its report, each replacing line its old version (``UNIT.<stamp>.md``)."""
    by_key: dict[tuple[str, str], list[LogLine]] = {}
    for ll in lines:
        if is_narrative_action(ll.entry.action):
            by_key.setdefault((ll.entry.month, ll.entry.unit), []).append(ll)
    for path in files:
        month = path.parent.name
        history = by_key.get((month, path.stem))
        if not history:
            out.problems.append(
                store_problem("not-logged", str(path), None, {"log": LOG_NAME, "move": ""})
            )
            continue
        latest = history[-1]
        try:
            found = sha256_file(path)
        except OSError:
            continue
        if found == latest.entry.stored_sha256:
            out.verified += 1
            continue
        earlier = next(
            (ll for ll in reversed(history[:-1]) if ll.entry.stored_sha256 == found), None
        )
        out.problems.append(
            store_problem(
                "changed-by-hand",
                str(path),
                latest.line,
                {
                    "time": shown_time(latest.entry.time),
                    "found": found[:_SHORT_HASH],
                    "logged": latest.entry.stored_sha256[:_SHORT_HASH],
                    "earlier": _earlier(earlier),
                },
            )
        )
    for (month, unit), history in by_key.items():
        latest = history[-1]
        path = root / month / f"{unit}{NARRATIVE_SUFFIX}"
        if not path.exists():
            out.problems.append(
                store_problem(
                    "file-missing",
                    str(path),
                    latest.line,
                    {
                        "time": shown_time(latest.entry.time),
                        "unit": unit,
                        "month": month,
                        "history": str(root / HISTORY_DIR / month),
                    },
                )
            )
    wanted: dict[tuple[str, str, str], list[LogLine]] = {}
    for ll in lines:
        if ll.entry.action in NARRATIVE_REPLACING_ACTIONS:
            key = (ll.entry.month, ll.entry.unit, history_stamp(ll.entry.time))
            wanted.setdefault(key, []).append(ll)
    for (month, unit, stamp), needing in wanted.items():
        folder = root / HISTORY_DIR / month
        name = re.compile(re.escape(f"{unit}.{stamp}") + r"(-\d+)?" + re.escape(NARRATIVE_SUFFIX))
        try:
            have = sum(1 for p in folder.iterdir() if name.fullmatch(p.name) and p.is_file())
        except OSError:
            have = 0
        out.history += min(have, len(needing))
        for ll in needing[have:]:
            expected = f"{unit}.{stamp}{NARRATIVE_SUFFIX}"
            out.problems.append(
                store_problem(
                    "history-missing",
                    str(folder / expected),
                    ll.line,
                    {
                        "unit": unit,
                        "month": month,
                        "time": shown_time(ll.entry.time),
                        "folder": str(folder),
                        "expected": expected,
                    },
                )
            )


# ------------------------------------------------------------------ the command
