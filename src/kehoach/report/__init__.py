"""``kehoach report``: the committee's monthly report, as text, Markdown or Word.

The report is built once as data (:mod:`kehoach.report.model`) and laid out by one of the
renderers in :mod:`kehoach.render` (``text``, ``markdown``, ``docx``). This module is the
edge: it reads the options, loads the plan, the data, the tasks file and the revisions,
computes the status, builds the model, renders it and prints it or writes ``-o FILE``
atomically, keeping a previous file that differs.

``-o FILE`` picks the format from the suffix (``.docx``, ``.md``, ``.txt``) unless
``--format`` says otherwise; a suffix that contradicts ``--format`` is a usage error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kehoach.atomic import write_keeping_old
from kehoach.i18n import Localized
from kehoach.report.model import (
    Report,
    Tasks,
    build_report,
    date_line,
    missing_submissions,
    period_words,
    revisions_since,
)

__all__ = [
    "FORMATS",
    "Report",
    "build_report",
    "date_line",
    "missing_submissions",
    "parse_report_date",
    "period_words",
    "render",
    "resolve_format",
    "run_report",
]

FORMATS = ("text", "markdown", "docx")
SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
# Formats people might expect but the report is not written in: text under such a name
# would open as garbage (as a .docx once did), so the name is refused unless --format says.
OTHER_DOCUMENTS = frozenset(
    {".doc", ".odt", ".rtf", ".pdf", ".html", ".htm", ".xls", ".xlsx", ".ods", ".csv"}
)

M = {
    "bad_date": Localized(
        "Ngày “{value}” không hợp lệ; ghi dạng {year}-09-28 hoặc 28/09/{year}.",
        "Date “{value}” is not valid; write it as {year}-09-28 or 28/09/{year}.",
    ),
    "bad_number": Localized(
        "Số văn bản “{value}” không hợp lệ: chỉ ghi một dòng, ví dụ --number 125.",
        "Document number “{value}” is not valid: one line, for example --number 125.",
    ),
    "format_clash": Localized(
        "Tệp {path} có đuôi {suffix} ({implied}) nhưng --format là {fmt}; "
        "hãy bỏ --format hoặc đổi tên tệp.",
        "The file {path} ends in {suffix} ({implied}) but --format is {fmt}; "
        "drop --format or rename the file.",
    ),
    "other_suffix": Localized(
        "Báo cáo không ghi được dạng {suffix} ({path}); hãy dùng đuôi .docx (Word), .md "
        "hoặc .txt, hoặc ghi rõ --format.",
        "The report cannot be written as {suffix} ({path}); use .docx (Word), .md or .txt, "
        "or say --format.",
    ),
    "docx_needs_file": Localized(
        "Báo cáo Word cần ghi ra tệp: thêm -o bao-cao.docx.",
        "A Word report must be written to a file: add -o report.docx.",
    ),
    "cannot_write": Localized(
        "Không ghi được tệp {path}: {reason}.", "Could not write the file {path}: {reason}."
    ),
    "no_folder": Localized(
        "Không ghi được tệp {path}: thư mục {folder} không tồn tại.",
        "Could not write the file {path}: the folder {folder} does not exist.",
    ),
    "output_is_dir": Localized(
        "{path} là một thư mục; hãy ghi tên tệp, ví dụ -o bao-cao.docx.",
        "{path} is a folder; give a file name, for example -o report.docx.",
    ),
    "written": Localized("Đã ghi báo cáo vào {path}.", "The report was written to {path}."),
    "has_errors": Localized(
        "Số liệu đã lưu có lỗi; chạy kehoach validate để xem chi tiết.",
        "The stored data has errors; run kehoach validate for the details.",
    ),
}


def parse_report_date(text: str) -> date | None:
    """``2020-10-20`` or ``20/10/2020`` as a date (the forms of every date option), or
    None when it is not one (``2020-02-30`` included)."""
    from kehoach.cliutil import parse_day

    return parse_day(text)


def resolve_format(fmt: str | None, output: Path | None) -> tuple[str, str | None]:
    """The format to write, and an error key when the options contradict each other.

    Without ``--format``: the suffix of ``-o`` (text for an unknown one or stdout).
    """
    suffix = output.suffix.lower() if output is not None else ""
    implied = SUFFIXES.get(suffix)
    if fmt is None:
        if suffix in OTHER_DOCUMENTS:
            return "text", "other_suffix"
        return implied or "text", None
    if implied is not None and implied != fmt:
        return fmt, "format_clash"
    if fmt == "docx" and output is None:
        return fmt, "docx_needs_file"
    return fmt, None


def render(report: Report, fmt: str) -> bytes:
    """The report laid out in ``fmt``: UTF-8 text, or the bytes of a .docx file."""
    if fmt == "docx":
        from kehoach.render.docx import render_docx  # python-docx only when asked for

        return render_docx(report)
    if fmt == "markdown":
        from kehoach.render.markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    from kehoach.render.text import render_text

    return render_text(report).encode("utf-8")


def run_report(
    month: str | None,
    fmt: str | None,
    output: Path | None,
    date: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    number: str | None = None,
    tasks_path: Path | None = None,
) -> int:
    from kehoach.attainment import compute_status
    from kehoach.cliutil import (
        EXIT_ERRORS,
        EXIT_OK,
        KEPT_OLD,
        fail,
        load_data_or_fail,
        load_plan_or_fail,
        month_option,
    )
    from kehoach.render.safe import visible
    from kehoach.report.tasks import TASKS_NAME, TasksError, read_tasks
    from kehoach.submit import read_revisions

    fmt, clash = resolve_format(fmt, output)
    if clash == "format_clash":
        assert output is not None
        fail(
            M[clash](lang).format(
                path=output, suffix=output.suffix, implied=SUFFIXES[output.suffix.lower()], fmt=fmt
            )
        )
    elif clash == "other_suffix":
        assert output is not None
        fail(M[clash](lang).format(path=output, suffix=output.suffix))
    elif clash:
        fail(M[clash](lang))
    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    report_date = None
    if date is not None:
        report_date = parse_report_date(date)
        if report_date is None:
            fail(M["bad_date"](lang).format(value=date, year=plan.year))
    if number is not None and (
        "\n" in number or "\r" in number or len(number) > 60 or not number.isprintable()
    ):
        fail(M["bad_number"](lang).format(value=number))
    if output is not None:
        if output.is_dir():
            fail(M["output_is_dir"](lang).format(path=output))
        folder = output.parent
        if not folder.is_dir():
            fail(M["no_folder"](lang).format(path=output, folder=folder))
    load = load_data_or_fail(plan, data, lang, progress=False)
    status = compute_status(plan, load.dataset, month_num)
    if report_date is None:
        report_date = plan.report_date(status.month)

    tasks: Tasks | None = None
    explicit = tasks_path is not None
    if tasks_path is None:
        default = data / f"{status.year}-{status.month:02d}" / TASKS_NAME
        tasks_path = default if default.exists() else None
    if tasks_path is not None:
        try:
            tasks, note = read_tasks(tasks_path, lang)
        except TasksError as exc:
            fail(str(exc))
        if note and (explicit or tasks is None):
            sys.stderr.write(visible(note) + "\n")

    revisions = revisions_since(read_revisions(data), plan, status.month)
    report = build_report(
        plan,
        status,
        load,
        lang,
        report_date,
        number=number,
        tasks=tasks,
        revisions=revisions,
    )
    body = render(report, fmt)
    if output is None:
        text = body.decode("utf-8")
        # A report is a document, kept as it is in a file or a pipe; on a terminal, the
        # control characters a note or the plan may hold are shown, never obeyed.
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
    else:
        try:
            kept = write_keeping_old(output, body)
        except OSError as exc:
            fail(M["cannot_write"](lang).format(path=output, reason=exc.strerror or exc))
        sys.stderr.write(visible(M["written"](lang).format(path=output)) + "\n")
        if kept is not None:
            sys.stderr.write(visible(KEPT_OLD(lang).format(path=kept)) + "\n")
    if load.has_errors:
        sys.stderr.write(M["has_errors"](lang) + "\n")
        return EXIT_ERRORS
    return EXIT_OK
