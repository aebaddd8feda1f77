"""Problems on a terminal: one file's issues as a table with a verdict (``validate``,
``submit``), and the problems of the stored data under any command's output."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.core.i18n import Localized
from kehoach.core.safetext import visible
from kehoach.read.rows import FileResult

DATA_PROBLEMS = Localized("Vấn đề trong số liệu đã lưu:", "Problems in the stored data:")

ISSUE_LABELS = {
    "row": Localized("Dòng", "Row"),
    "column": Localized("Cột", "Column"),
    "problem": Localized("Vấn đề", "Problem"),
    "hint": Localized("Cách sửa", "How to fix"),
    "ok": Localized("{path}: {rows} dòng, hợp lệ.", "{path}: {rows} row(s), valid."),
    "ok_warn": Localized(
        "{path}: {rows} dòng, hợp lệ, {warnings} cảnh báo.",
        "{path}: {rows} row(s), valid, {warnings} warning(s).",
    ),
    "bad": Localized(
        "{path}: {rows} dòng, {errors} lỗi, {warnings} cảnh báo — chưa thể nộp.",
        "{path}: {rows} row(s), {errors} error(s), {warnings} warning(s) — cannot be submitted.",
    ),
    "more": Localized(
        "… và {n} vấn đề nữa (xem đầy đủ với --json).",
        "… and {n} more (see them all with --json).",
    ),
}

MAX_ROWS_SHOWN = 200


def render_file_issues(result: FileResult, lang: str, console: Console) -> None:
    """One file's problems as a table (errors red, warnings yellow) and a verdict line."""
    # By row; within a row in the order the checks ran (unit, indicator, month, value).
    issues = sorted(result.issues, key=lambda i: i.row or 0)
    if issues:
        table = Table(show_lines=False, pad_edge=False, expand=console.width >= 100)
        table.add_column(ISSUE_LABELS["row"](lang), justify="right", no_wrap=True)
        table.add_column(ISSUE_LABELS["column"](lang), no_wrap=True)
        table.add_column(ISSUE_LABELS["problem"](lang), ratio=3, overflow="fold")
        table.add_column(ISSUE_LABELS["hint"](lang), ratio=2, overflow="fold", style="dim")
        for issue in issues[:MAX_ROWS_SHOWN]:
            style = "red" if issue.is_error else "yellow"
            # Made visible here too (render/safe.py), so the table is laid out with the
            # signs that will be shown.
            table.add_row(
                str(issue.row) if issue.row is not None else "—",
                issue.column or "",
                Text(visible(issue.message(lang)), style=style),
                visible(issue.hint(lang) or ""),
            )
        console.print(table)
        if len(issues) > MAX_ROWS_SHOWN:
            console.print(
                ISSUE_LABELS["more"](lang).format(n=len(issues) - MAX_ROWS_SHOWN), style="dim"
            )
    console.print(verdict(result, lang))


def verdict(result: FileResult, lang: str) -> Text:
    errors, warnings = len(result.errors), len(result.warnings)
    params = {
        "path": visible(result.path),
        "rows": result.rows,
        "errors": errors,
        "warnings": warnings,
    }
    if errors:
        return Text("✘ " + ISSUE_LABELS["bad"](lang).format(**params), style="bold red")
    if warnings:
        return Text("✔ " + ISSUE_LABELS["ok_warn"](lang).format(**params), style="yellow")
    return Text("✔ " + ISSUE_LABELS["ok"](lang).format(**params), style="bold green")


def print_data_issues(issues, lang: str, console) -> None:
    """Problems of stored files, one line each, ``file:row [column]: message``."""
    if not issues:
        return
    console.print()
    console.print(DATA_PROBLEMS(lang), style="bold")
    for issue in issues:
        style = "red" if issue.is_error else "yellow"
        line = Text(visible(f"{issue.location()}: "), style="dim")
        line.append(visible(issue.message(lang)), style=style)
        console.print(line)
