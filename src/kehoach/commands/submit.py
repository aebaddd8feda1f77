"""``kehoach submit FILE|FOLDER…``: check submissions, then file them in the data folder
(the command edge; the store is :mod:`kehoach.store.submit`).

Several files and folders are taken at once, as the office files a month's inbox: each
file goes through :func:`submit_one` on its own — checked, then stored or refused whole,
under the data folder's lock — so one bad file never blocks the others nor is half
stored; one summary row per file (:class:`FileIntake`) says what became of it, and the
exit code is 1 if any was refused (docs/contract.md §10). Another kind of submission (a
narrative report) is one more branch of :func:`submit_one` giving the same row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    load_plan_or_fail,
    month_option,
    print_json,
    require_file,
    stdout_console,
    store_failures,
    unit_option,
)
from kehoach.core.i18n import Localized
from kehoach.render.submit import render_intake_summary, render_outcome
from kehoach.store.month_locks import LOCK_MESSAGES
from kehoach.store.submit import SubmitOutcome, submit_file

SUBMIT_MESSAGES = {
    "no_data_dir": Localized(
        "Không tìm thấy thư mục dữ liệu {path}; chưa lưu gì.",
        "Data folder {path} not found; nothing was stored.",
    ),
    "no_data_dir_hint": Localized(
        "Kiểm tra --data (hoặc KEHOACH_DATA). Nếu đây là lần nộp đầu tiên, tạo thư mục trước: "
        "mkdir -p {path}",
        "Check --data (or KEHOACH_DATA). If this is the very first submission, create the "
        "folder first: mkdir -p {path}",
    ),
    "write_failed": Localized(
        "Không ghi được vào thư mục dữ liệu {path}: {error}",
        "Could not write to the data folder {path}: {error}",
    ),
    "write_failed_hint": Localized(
        "Không tệp nào đã lưu bị thay đổi. Khắc phục lỗi rồi nộp lại.",
        "No stored file was changed. Fix the problem and submit again.",
    ),
    "file_heading": Localized("── {path}", "── {path}"),
    "summary_stored": Localized("đã lưu {n} giá trị", "stored {n} value(s)"),
    "summary_narrative": Localized("đã lưu báo cáo bằng lời", "narrative report stored"),
    "summary_more": Localized("(và {n} lỗi khác)", "(and {n} more error(s))"),
    "no_files": Localized(
        "Không có tệp số liệu nào trong {paths}.", "No submission files in {paths}."
    ),
    "no_files_hint": Localized(
        "Thư mục được đọc tìm các tệp .xlsx, .csv và báo cáo bằng lời .docx, .md (bỏ qua tên "
        "bắt đầu bằng . hoặc _).",
        "A folder is searched for .xlsx and .csv files and .docx and .md narrative reports "
        "(names starting with . or _ are skipped).",
    ),
    "write_partial_hint": Localized(
        "Đã lưu trước khi lỗi: {done}. Các phần còn lại chưa lưu: khắc phục lỗi rồi nộp lại "
        "với --replace.",
        "Stored before the failure: {done}. The rest was not stored: fix the problem and "
        "submit again with --replace.",
    ),
    "write_unfinished_hint": Localized(
        "Thay đổi đã được ghi vào nhật ký giao dịch {journal} trước khi lỗi: lệnh submit, "
        "lock hoặc unlock tiếp theo sẽ ghi nốt ({done}). Khắc phục lỗi rồi chạy "
        "kehoach check-store.",
        "The change was recorded in the transaction journal {journal} before the failure: "
        "the next submit, lock or unlock finishes it ({done}). Fix the problem, then run "
        "kehoach check-store.",
    ),
}


# What a folder given to submit or validate yields: the files a unit sends (figures; the
# reader refuses .xls/.ods itself, with how to save them), below it at any depth, names
# starting with "." or "_" skipped as in the data folder (docs/contract.md §1).
INTAKE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".md", ".markdown")


def expand_inputs(paths: list[Path], lang: str, exclude: Path | None = None) -> list[Path]:
    """The files named, and those in the folders named, in order (a folder's sorted by
    path); each file once. A name that does not exist is a usage error (exit 2). Files of
    a folder below ``exclude`` (the data folder, for submit) are left out: they are the
    stored submissions themselves."""
    out: list[Path] = []
    seen: set[Path] = set()
    skip = exclude.resolve() if exclude is not None and exclude.is_dir() else None
    for path in paths:
        if str(path) == "-":
            found = [path]
        elif not path.exists():
            require_file(path, lang)  # fails: not found
            found = []
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in INTAKE_SUFFIXES
                and p.is_file()
                and not any(part[:1] in "._" for part in p.relative_to(path).parts)
                and (skip is None or not p.resolve().is_relative_to(skip))
            )
        else:
            found = [path]
        for f in found:
            key = f.resolve() if str(f) != "-" else f
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


@dataclass
class FileIntake:
    """One file of an intake: what it held and what became of it (the summary row)."""

    path: Path
    units: list[str]
    months: list[str]
    stored: bool
    reason_code: str | None  # why it was refused: an issue code
    reason: str  # … in the reader's language, or what was stored
    # SubmitOutcome, or a NarrativeOutcome for a narrative report; None when the store
    # could not be written
    outcome: Any = None

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "units": self.units,
            "months": self.months,
            "stored": self.stored,
            "reason_code": self.reason_code,
            "reason": self.reason,
        }


def _labels(plan, outcome: SubmitOutcome) -> tuple[list[str], list[str]]:
    """The units and months a file holds (as far as its rows could be read)."""
    from kehoach.core.layout import calendar_month
    from kehoach.core.numbers import format_month

    pairs = outcome.result.units_months
    if outcome.stored:
        pairs_text = {(s.unit, s.month) for s in outcome.stored}
    else:
        pairs_text = {
            (plan.units[u].code, format_month(*calendar_month(plan.year, m))) for u, m in pairs
        }
    units = sorted({u for u, _ in pairs_text})
    months = sorted({m for _, m in pairs_text})
    return units, months


def _narrative_labels(plan, outcome) -> tuple[list[str], list[str]]:
    """The unit and month a narrative report is for (as far as they could be told)."""
    from kehoach.core.layout import calendar_month
    from kehoach.core.numbers import format_month

    if outcome.stored:
        return sorted({s.unit for s in outcome.stored}), sorted({s.month for s in outcome.stored})
    form = outcome.form
    unit = getattr(form, "unit", None)
    month = getattr(form, "month", None)
    units = [plan.units[unit].code] if isinstance(unit, int) else []
    months = [format_month(*calendar_month(plan.year, month))] if isinstance(month, int) else []
    return units, months


def _intake_of(plan, path: Path, outcome: Any, lang: str) -> FileIntake:
    narrative = not isinstance(outcome, SubmitOutcome)
    units, months = _narrative_labels(plan, outcome) if narrative else _labels(plan, outcome)
    if outcome.ok:
        if narrative:
            reason = SUBMIT_MESSAGES["summary_narrative"](lang)
        else:
            n = sum(s.values for s in outcome.stored)
            reason = SUBMIT_MESSAGES["summary_stored"](lang).format(n=n)
        return FileIntake(path, units, months, True, None, reason, outcome)
    doc = outcome.to_dict(lang)
    first = doc["errors"][0] if doc["errors"] else {"code": None, "message": ""}
    more = len(doc["errors"]) - 1
    reason = first["message"]
    if more > 0:
        reason += " " + SUBMIT_MESSAGES["summary_more"](lang).format(n=more)
    return FileIntake(path, units, months, False, first["code"], reason, outcome)


def submit_one(
    plan,
    path: Path,
    data: Path,
    *,
    unit: int | None,
    month: int | None,
    replace: bool,
    reopen_reason: str | None,
    lang: str,
    alone: bool,
) -> FileIntake:
    """Check and store (or refuse) one file; its summary row.

    A store that cannot be written is the command's failure when the file is the only
    one (exit 2, as ever); among several it refuses that file, and the others go on. The
    data folder's lock and a damaged lock file stop the command (StoreError, exit 2)."""
    from kehoach.pipeline import is_narrative_file

    store = submit_file
    if is_narrative_file(path):
        # a unit's narrative report (.docx, .md): DATA/YYYY-MM/UNIT.md under the figures'
        # rules (kehoach.store.narratives)
        from kehoach.store.narratives import submit_narrative as store
    try:
        with store_failures(lang):
            outcome = store(
                plan,
                path,
                data,
                unit=unit,
                month=month,
                replace=replace,
                reopen_reason=reopen_reason,
            )
    except OSError as exc:
        done = getattr(exc, "stored", [])
        cause = getattr(exc, "cause", exc)
        error = cause.strerror or str(cause) if isinstance(cause, OSError) else str(cause)
        if getattr(exc, "unfinished", False):
            # the change is recorded in the journal: the next command finishes it
            hint = SUBMIT_MESSAGES["write_unfinished_hint"](lang).format(
                journal=data / "_journal.json", done=", ".join(str(s.path) for s in done)
            )
        elif done:
            hint = SUBMIT_MESSAGES["write_partial_hint"](lang).format(
                done=", ".join(str(s.path) for s in done)
            )
        else:
            hint = SUBMIT_MESSAGES["write_failed_hint"](lang)
        message = SUBMIT_MESSAGES["write_failed"](lang).format(path=data, error=error)
        if alone:
            fail(message, hint)
        return FileIntake(path, [], [], False, "write-failed", f"{message} {hint}")
    return _intake_of(plan, path, outcome, lang)


def run_submit(
    files: list[Path] | Path,
    unit: str | None,
    month: str | None,
    replace: bool,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    reopen_reason: str | None = None,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    if reopen_reason is not None and not reopen_reason.strip():
        fail(LOCK_MESSAGES["empty_reason"](lang).format(option="reopen-reason"))
    unit_idx = unit_option(unit, plan, lang)
    month_num = month_option(month, plan, lang)
    named = [files] if isinstance(files, Path) else list(files)
    # One file named: the command as it always was (its output, its JSON document).
    single = len(named) == 1 and (str(named[0]) == "-" or not named[0].is_dir())
    if single:
        require_file(named[0], lang)
        paths = named
    else:
        paths = expand_inputs(named, lang, exclude=data)
        if not paths:
            fail(
                SUBMIT_MESSAGES["no_files"](lang).format(paths=", ".join(str(p) for p in named)),
                SUBMIT_MESSAGES["no_files_hint"](lang),
            )
    if not data.is_dir():
        fail(
            SUBMIT_MESSAGES["no_data_dir"](lang).format(path=data),
            SUBMIT_MESSAGES["no_data_dir_hint"](lang).format(path=data),
        )
    options = {
        "unit": unit_idx,
        "month": month_num,
        "replace": replace,
        "reopen_reason": reopen_reason,
        "lang": lang,
    }
    if single:
        intake = submit_one(plan, paths[0], data, alone=True, **options)
        outcome = intake.outcome
        assert outcome is not None  # a write failure of a lone file has failed above
        if json_out:
            print_json(outcome.to_dict(lang))
        else:
            _render(plan, outcome, lang, stdout_console())
        return EXIT_OK if outcome.ok else EXIT_ERRORS
    console = None if json_out else stdout_console()
    rows: list[FileIntake] = []
    for path in paths:
        intake = submit_one(plan, path, data, alone=False, **options)
        rows.append(intake)
        if console is not None:
            from rich.text import Text

            heading = SUBMIT_MESSAGES["file_heading"](lang).format(path=path)
            console.print(Text(heading, style="bold"), soft_wrap=True)
            if intake.outcome is not None:
                _render(plan, intake.outcome, lang, console)
            else:
                console.print(Text("✘ " + intake.reason, style="bold red"), soft_wrap=True)
    if json_out:
        print_json(intake_document(rows, lang))
    else:
        render_intake_summary(rows, lang, console)
    return EXIT_ERRORS if any(not r.stored for r in rows) else EXIT_OK


def _render(plan, outcome: Any, lang: str, console) -> None:
    """A file's outcome as the command prints it: figures or a narrative report."""
    if isinstance(outcome, SubmitOutcome):
        render_outcome(outcome, lang, console)
    else:
        from kehoach.render.narrative import render_narrative_outcome

        render_narrative_outcome(outcome, plan, lang, console)


def intake_document(rows: list[FileIntake], lang: str) -> dict:
    """``submit FILE… --json`` of several files: one summary row per file, and the
    single-file document's keys over all of them (each error and warning names its
    file)."""
    stored, errors, warnings = [], [], []
    for r in rows:
        if r.outcome is None:
            errors.append(
                {
                    "row": None,
                    "column": None,
                    "code": r.reason_code,
                    "message": r.reason,
                    "file": str(r.path),
                }
            )
            continue
        doc = r.outcome.to_dict(lang)
        stored += doc["stored"]
        errors += [dict(e, file=e.get("file") or str(r.path)) for e in doc["errors"]]
        warnings += [dict(w, file=w.get("file") or str(r.path)) for w in doc["warnings"]]
    return {
        "files": [r.to_dict() for r in rows],
        "stored": stored,
        "errors": errors,
        "warnings": warnings,
        "summary": {
            "files": len(rows),
            "stored": sum(r.stored for r in rows),
            "refused": sum(not r.stored for r in rows),
        },
    }
