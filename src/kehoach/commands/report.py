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

from kehoach.core.i18n import Localized
from kehoach.core.layout import tasks_path as tasks_file
from kehoach.core.numbers import parse_day
from kehoach.report.document import build_document
from kehoach.report.model import Report, Tasks, revisions_since
from kehoach.report.tasks import parse_tasks
from kehoach.store.atomic import write_keeping_old

FORMATS = ("text", "markdown", "docx")
SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
# Formats people might expect but the report is not written in: text under such a name
# would open as garbage (as a .docx once did), so the name is refused unless --format says.
OTHER_DOCUMENTS = frozenset(
    {".doc", ".odt", ".rtf", ".pdf", ".html", ".htm", ".xls", ".xlsx", ".ods", ".csv"}
)

REPORT_MESSAGES = {
    "bad_date": Localized(
        "Ngày “{value}” không hợp lệ; ghi dạng {year}-09-28 hoặc 28/09/{year}.",
        "Date “{value}” is not valid; write it as {year}-09-28 or 28/09/{year}.",
    ),
    "bad_signer": Localized(
        "Tên người ký “{value}” không hợp lệ: chỉ ghi một dòng họ tên, ví dụ "
        '--signer "Nguyễn Văn A".',
        "Signer “{value}” is not valid: one line with the name, for example "
        '--signer "Nguyễn Văn A".',
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
    "slots": Localized(
        "Dự thảo còn {n} chỗ trống cần điền (đơn vị chưa gửi báo cáo):",
        "The draft has {n} slot(s) to fill (units that have sent no report):",
    ),
    "final_refused": Localized(
        "Không ghi bản trình ký (--final): còn {what}. Nhận đủ báo cáo của các đơn vị "
        "(kehoach submit) hoặc bỏ --final để ghi dự thảo.",
        "The version for signature (--final) was not written: {what} remain. Receive the "
        "units' reports (kehoach submit) or drop --final to write the draft.",
    ),
    "final_slots": Localized("{n} chỗ trống ({names})", "{n} slot(s) ({names})"),
    "final_estimates": Localized(
        "{n} số ước chưa ghi “ước” ({codes})", "{n} estimate(s) not marked as such ({codes})"
    ),
    "worksheet_final": Localized(
        "--final chỉ dùng cho dự thảo trình ký, không dùng với --worksheet.",
        "--final is for the draft for signature, not for --worksheet.",
    ),
    "has_errors": Localized(
        "Số liệu đã lưu có lỗi; chạy kehoach validate để xem chi tiết.",
        "The stored data has errors; run kehoach validate for the details.",
    ),
}


TASKS_MESSAGES = {
    "missing": Localized(
        "Không tìm thấy tệp nhiệm vụ {path}.", "The tasks file {path} does not exist."
    ),
    "is_dir": Localized(
        "{path} là một thư mục, không phải tệp nhiệm vụ.", "{path} is a folder, not a tasks file."
    ),
    "unreadable": Localized(
        "Không đọc được tệp nhiệm vụ {path}: {reason}.",
        "Could not read the tasks file {path}: {reason}.",
    ),
    "not_utf8": Localized(
        "Tệp nhiệm vụ {path} không phải văn bản UTF-8 (byte lạ ở vị trí {pos}). "
        "Hãy lưu lại tệp với bảng mã UTF-8.",
        "The tasks file {path} is not UTF-8 text (unexpected byte at position {pos}). "
        "Save it again as UTF-8.",
    ),
    "too_large": Localized(
        "Tệp nhiệm vụ {path} quá lớn (giới hạn {limit}): nhiệm vụ tháng tới chỉ vài trang.",
        "The tasks file {path} is too large (the limit is {limit}): next month's tasks are "
        "a page or two.",
    ),
    "not_regular": Localized(
        "{path} không phải tệp thường ({kind}); kehoach không mở.",
        "{path} is not a regular file (a {kind}); kehoach does not open it.",
    ),
    "empty": Localized(
        "Tệp nhiệm vụ {path} trống; mục III liệt kê các chỉ tiêu cần tập trung chỉ đạo.",
        "The tasks file {path} is empty; part III lists the targets that need action.",
    ),
}


class TasksError(Exception):
    """The tasks file cannot be used; ``str(exc)`` is the message for the user."""


def read_tasks(path: Path, lang: str) -> tuple[Tasks | None, str | None]:
    """The parsed tasks file, or (None, a note) when it is empty.

    Raises :class:`TasksError` when the file is missing, a folder, unreadable or not UTF-8.
    """
    if path.is_dir():
        raise TasksError(TASKS_MESSAGES["is_dir"](lang).format(path=path))
    from kehoach.core.limits import MAX_TASKS_BYTES, MIB
    from kehoach.read.bounded import NotRegular, TooLarge, read_bounded

    try:
        data = read_bounded(path, MAX_TASKS_BYTES)  # never past its limit, never a device
    except FileNotFoundError:
        raise TasksError(TASKS_MESSAGES["missing"](lang).format(path=path)) from None
    except TooLarge as exc:
        limit = f"{exc.limit // MIB} MiB"
        raise TasksError(TASKS_MESSAGES["too_large"](lang).format(path=path, limit=limit)) from None
    except NotRegular as exc:
        raise TasksError(
            TASKS_MESSAGES["not_regular"](lang).format(path=path, kind=exc.kind)
        ) from None
    except OSError as exc:
        raise TasksError(
            TASKS_MESSAGES["unreadable"](lang).format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TasksError(
            TASKS_MESSAGES["not_utf8"](lang).format(path=path, pos=exc.start)
        ) from None
    tasks = parse_tasks(text)
    if not tasks.blocks:
        return None, TASKS_MESSAGES["empty"](lang).format(path=path)
    return tasks, None


def parse_report_date(text: str) -> date | None:
    """``2020-10-20`` or ``20/10/2020`` as a date (the forms of every date option), or
    None when it is not one (``2020-02-30`` included)."""
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
        from kehoach.render.docx import render_docx

        return render_docx(report)
    if fmt == "markdown":
        from kehoach.render.markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    from kehoach.render.text import render_text

    return render_text(report).encode("utf-8")


def unmarked_estimates(report: Report) -> list[str]:
    """The indicators whose sentences rest on an estimate but do not say so."""
    mark = "estimate" if report.lang == "en" else "ước"
    return list(dict.fromkeys(code for code, text in report.estimates if mark not in text.lower()))


def final_problems(report: Report, lang: str) -> str:
    """Why the draft cannot be the version for signature, in words ('' when it can)."""
    parts = []
    if report.slots:
        names = "; ".join(text.strip("[]") for _, text in report.slots)
        parts.append(REPORT_MESSAGES["final_slots"](lang).format(n=len(report.slots), names=names))
    unmarked = unmarked_estimates(report)
    if unmarked:
        parts.append(
            REPORT_MESSAGES["final_estimates"](lang).format(
                n=len(unmarked), codes=", ".join(unmarked)
            )
        )
    return "; ".join(parts)


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
    worksheet: bool = False,
    final: bool = False,
    signer: str | None = None,
) -> int:
    from kehoach.commands.common import (
        EXIT_ERRORS,
        EXIT_OK,
        KEPT_OLD,
        fail,
        load_data_or_fail,
        load_plan_or_fail,
        month_option,
        write_hint,
    )
    from kehoach.commands.outputs import guard_output
    from kehoach.core.attainment import compute_status
    from kehoach.core.safetext import visible
    from kehoach.store.revisions import read_revisions

    if worksheet and final:
        fail(REPORT_MESSAGES["worksheet_final"](lang))
    fmt, clash = resolve_format(fmt, output)
    if clash == "format_clash":
        assert output is not None
        fail(
            REPORT_MESSAGES[clash](lang).format(
                path=output, suffix=output.suffix, implied=SUFFIXES[output.suffix.lower()], fmt=fmt
            )
        )
    elif clash == "other_suffix":
        assert output is not None
        fail(REPORT_MESSAGES[clash](lang).format(path=output, suffix=output.suffix))
    elif clash:
        fail(REPORT_MESSAGES[clash](lang))
    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    report_date = None
    if date is not None:
        report_date = parse_report_date(date)
        if report_date is None:
            fail(REPORT_MESSAGES["bad_date"](lang).format(value=date, year=plan.year))
    if number is not None and (
        "\n" in number or "\r" in number or len(number) > 60 or not number.isprintable()
    ):
        fail(REPORT_MESSAGES["bad_number"](lang).format(value=number))
    if signer is not None and (not signer.strip() or len(signer) > 80 or not signer.isprintable()):
        shown = signer.replace("\r", "\\r").replace("\n", "\\n")
        fail(REPORT_MESSAGES["bad_signer"](lang).format(value=visible(shown)))
    if output is not None:
        guard_output(output, data, lang)  # a regular file outside the data folder (§13)
        if output.is_dir():
            fail(REPORT_MESSAGES["output_is_dir"](lang).format(path=output))
        folder = output.parent
        if not folder.is_dir():
            fail(REPORT_MESSAGES["no_folder"](lang).format(path=output, folder=folder))
    load = load_data_or_fail(plan, data, lang, progress=False)
    status = compute_status(plan, load.dataset, month_num)
    if report_date is None:
        report_date = plan.report_date(status.month)

    tasks: Tasks | None = None
    explicit = tasks_path is not None
    if tasks_path is None:
        default = tasks_file(data, status.year, status.month)
        tasks_path = default if default.exists() else None
    if tasks_path is not None:
        try:
            tasks, note = read_tasks(tasks_path, lang)
        except TasksError as exc:
            fail(str(exc))
        if note and (explicit or tasks is None):
            sys.stderr.write(visible(note) + "\n")

    revisions = revisions_since(read_revisions(data), plan, status.month)
    from kehoach.report.wards import report_ward_tables
    from kehoach.store.snapshots import adjustment_notice, record_report

    # Figures that differ from the month's issued report (store.snapshots).
    notice = adjustment_notice(plan, data, status, lang)
    from kehoach.read.narratives import load_narratives

    narratives = load_narratives(data, plan, status.month)
    charts = []
    if fmt == "docx" and worksheet:
        # Pictures are for the Word report only; drawing them needs matplotlib, imported
        # here and nowhere else. Without it (or a font with Vietnamese letters) the report
        # is written without charts and says why.
        from kehoach.render.charts import report_charts

        chart_set = report_charts(plan, status, load.dataset, lang)
        charts = chart_set.images
        if chart_set.reason:
            sys.stderr.write(visible(chart_set.reason) + "\n")
    if worksheet:
        from kehoach.core.missing import compute_missing
        from kehoach.read.series import stored_plausibility
        from kehoach.report.worksheet import build_worksheet
        from kehoach.store.log import read_log

        # Lateness as of the report's date: who had sent by then, and how late.
        chase = compute_missing(plan, load.dataset, status.month, read_log(data), report_date)
        report = build_worksheet(
            plan,
            status,
            load,
            lang,
            report_date,
            narratives=narratives,
            chase=chase,
            number=number,
            revisions=revisions,
            ward_tables=report_ward_tables(plan, status, lang),
            charts=charts,
            adjustments=(notice.title, notice.lines) if notice is not None else None,
            implausible=stored_plausibility(plan, load.dataset),
        )
    else:
        report = build_document(
            plan,
            status,
            load,
            lang,
            report_date,
            number=number,
            signer=signer,
            tasks=tasks,
            revisions=revisions,
            narratives=narratives,
        )
        refused = final_problems(report, lang)
        if final and refused:
            fail(REPORT_MESSAGES["final_refused"](lang).format(what=refused), code=EXIT_ERRORS)
        if report.slots:
            # The office's to-do list: the draft's bracketed slots, one per line.
            lines = [REPORT_MESSAGES["slots"](lang).format(n=len(report.slots))]
            lines += [f"  {text}" for _, text in report.slots]
            sys.stderr.write(visible("\n".join(lines)) + "\n")
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
            fail(
                REPORT_MESSAGES["cannot_write"](lang).format(
                    path=output, reason=exc.strerror or exc
                ),
                write_hint(exc, lang),
            )
        sys.stderr.write(visible(REPORT_MESSAGES["written"](lang).format(path=output)) + "\n")
        if kept is not None:
            sys.stderr.write(visible(KEPT_OLD(lang).format(path=kept)) + "\n")
        said = (
            None
            if worksheet  # the worksheet is not the issued report
            else record_report(plan, data, status, report_date, output, fmt, lang)
        )
        if said:
            sys.stderr.write(visible(said) + "\n")
    if notice is not None and notice.warning:
        sys.stderr.write(visible(notice.warning) + "\n")
    if load.has_errors:
        sys.stderr.write(REPORT_MESSAGES["has_errors"](lang) + "\n")
        return EXIT_ERRORS
    return EXIT_OK
