"""``kehoach template UNIT``: the form a unit fills in for one month (the command edge).

Options, the default month (the one after the status's, docs/plan.md §11), the output
checks, and writing the form (CSV for Excel, or a workbook) to ``-o`` or stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kehoach.commands.common import (
    EXIT_OK,
    KEPT_OLD,
    fail,
    load_plan_or_fail,
    month_option,
    stderr_console,
    unit_option,
    write_hint,
)
from kehoach.commands.outputs import guard_output
from kehoach.core.attainment import default_month
from kehoach.core.i18n import Localized, month_label
from kehoach.core.template import due_indicators, form_month, unit_due_months
from kehoach.read.datafolder import load_data
from kehoach.render.form import template_csv
from kehoach.store.atomic import write_keeping_old

TEMPLATE_MESSAGES = {
    "written": Localized(
        "Đã ghi mẫu {path}: {unit}, {month}, {n} chỉ tiêu cần điền.",
        "Wrote the form {path}: {unit}, {month}, {n} indicator(s) to fill in.",
    ),
    "nothing_due": Localized(
        "{unit} không có chỉ tiêu nào đến kỳ báo cáo trong {month}; mẫu chỉ có dòng tiêu đề. "
        "Các tháng {unit} có chỉ tiêu đến kỳ: {months}.",
        "{unit} has no indicator due in {month}; the form has only the header row. "
        "Months in which {unit} has something due: {months}.",
    ),
    "default_month": Localized(
        "Mẫu cho {month}: tháng sau tháng có số liệu gần nhất; chọn tháng khác với --month.",
        "Form for {month}: the month after the latest month with data; "
        "choose another with --month.",
    ),
    "no_data": Localized(
        "Chưa có số liệu trong {path}; mẫu cho {month}. Chọn tháng khác với --month.",
        "No data in {path} yet; form for {month}. Choose another month with --month.",
    ),
    "bad_output": Localized(
        "Không ghi được tệp {path}: {error}", "Could not write the file {path}: {error}"
    ),
    "is_dir": Localized("{path} là một thư mục.", "{path} is a folder."),
    "xlsx_to_terminal": Localized(
        "Bảng tính không in ra màn hình được; ghi ra tệp với -o TÊN.xlsx.",
        "A workbook cannot be shown on the terminal; write it to a file with -o NAME.xlsx.",
    ),
    "no_parent": Localized("Thư mục {path} không tồn tại.", "Folder {path} does not exist."),
    "narrative_written": Localized(
        "Đã ghi mẫu báo cáo {path}: {unit}, {month}.",
        "Wrote the report form {path}: {unit}, {month}.",
    ),
    "docx_to_terminal": Localized(
        "Tệp Word không in ra màn hình được; ghi ra tệp với -o TÊN.docx (hoặc -o TÊN.md).",
        "A Word file cannot be shown on the terminal; write it to a file with -o NAME.docx "
        "(or -o NAME.md).",
    ),
    "narrative_format": Localized(
        "Mẫu báo cáo là tệp .docx hoặc .md; --format csv|xlsx chỉ dùng cho mẫu số liệu.",
        "The report form is a .docx or .md file; --format csv|xlsx is for the figures' form.",
    ),
    "no_narrative": Localized(
        "Theo kế hoạch, {unit} không gửi báo cáo bằng lời (narrative: false).",
        "According to the plan, {unit} sends no narrative report (narrative: false).",
    ),
    "no_figures": Localized(
        "{unit} chỉ gửi báo cáo bằng lời, không có mẫu số liệu; dùng --narrative.",
        "{unit} sends a narrative report only, no figures; use --narrative.",
    ),
}


def form_format(fmt: str | None, output: Path | None) -> str:
    """'csv' or 'xlsx': as asked, else by the output's suffix, else CSV."""
    if fmt:
        return fmt.lower()
    if output is not None and output.suffix.lower() == ".xlsx":
        return "xlsx"
    return "csv"


def run_template(
    unit: str,
    month: str | None,
    output: Path | None,
    plan_path: Path,
    data: Path,
    lang: str,
    fmt: str | None = None,
    narrative: bool = False,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    unit_idx = unit_option(unit, plan, lang)
    assert unit_idx is not None  # a required argument
    month_num = month_option(month, plan, lang)
    if narrative:
        return run_narrative_template(plan, unit_idx, month_num, output, data, lang, fmt)
    if plan.units[unit_idx].narrative_only:
        fail(TEMPLATE_MESSAGES["no_figures"](lang).format(unit=plan.units[unit_idx].code))
    if output is not None:
        guard_output(output, data, lang)  # a regular file outside the data folder (§13)
        _check_output(output, lang)
    elif form_format(fmt, output) == "xlsx" and sys.stdout.isatty():
        fail(TEMPLATE_MESSAGES["xlsx_to_terminal"](lang))
    err = stderr_console()
    if month_num is None:
        month_num = _default_form_month(plan, data, lang, err)

    if form_format(fmt, output) == "xlsx":
        from kehoach.render.xlsx import template_workbook

        body = template_workbook(plan, unit_idx, month_num, lang)
    else:
        body = template_csv(plan, unit_idx, month_num, lang)
    code = plan.units[unit_idx].code
    shown = month_label(plan.year, month_num, lang)
    n = len(due_indicators(plan, unit_idx, month_num))
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        try:
            kept = write_keeping_old(output, body)
        except OSError as exc:
            fail(
                TEMPLATE_MESSAGES["bad_output"](lang).format(
                    path=output, error=exc.strerror or exc
                ),
                write_hint(exc, lang),
            )
        err.print(
            TEMPLATE_MESSAGES["written"](lang).format(path=output, unit=code, month=shown, n=n)
        )
        if kept is not None:
            err.print(KEPT_OLD(lang).format(path=kept), style="yellow")
    if n == 0:
        months = ", ".join(str(m) for m in unit_due_months(plan, unit_idx))
        err.print(
            TEMPLATE_MESSAGES["nothing_due"](lang).format(unit=code, month=shown, months=months),
            style="yellow",
        )
    return EXIT_OK


def _default_form_month(plan, data: Path, lang: str, err) -> int:
    """The month a form is for when none is given: the month after the latest with data
    (said on stderr), or January when the data folder has none."""
    latest = None
    if data.is_dir():
        dataset = load_data(plan, data).dataset
        now, empty = default_month(plan, dataset)
        latest = None if empty else now
    month_num = form_month(latest)
    shown = month_label(plan.year, month_num, lang)
    if latest is None:
        err.print(TEMPLATE_MESSAGES["no_data"](lang).format(path=data, month=shown), style="yellow")
    else:
        err.print(TEMPLATE_MESSAGES["default_month"](lang).format(month=shown), style="dim")
    return month_num


def _check_output(output: Path, lang: str) -> None:
    if output.is_dir():
        fail(
            TEMPLATE_MESSAGES["bad_output"](lang).format(
                path=output, error=TEMPLATE_MESSAGES["is_dir"](lang).format(path=output)
            )
        )
    parent = output.parent
    if not parent.is_dir():
        fail(
            TEMPLATE_MESSAGES["bad_output"](lang).format(
                path=output, error=TEMPLATE_MESSAGES["no_parent"](lang).format(path=parent)
            )
        )


def narrative_form_kind(output: Path | None) -> str:
    """'md' for an ``-o`` ending in .md (or .markdown), else 'docx'."""
    if output is not None and output.suffix.lower() in (".md", ".markdown"):
        return "md"
    return "docx"


def run_narrative_template(
    plan,
    unit_idx: int,
    month_num: int | None,
    output: Path | None,
    data: Path,
    lang: str,
    fmt: str | None,
) -> int:
    """``template UNIT --narrative``: the form of the unit's monthly narrative report, a
    Word file (or Markdown with ``-o NAME.md``); the month as for the figures' form."""
    from kehoach.render.narrative_form import narrative_form_docx, narrative_form_markdown

    if fmt:
        fail(TEMPLATE_MESSAGES["narrative_format"](lang))
    code = plan.units[unit_idx].code
    if not plan.units[unit_idx].sends_narrative:
        fail(TEMPLATE_MESSAGES["no_narrative"](lang).format(unit=code))
    kind = narrative_form_kind(output)
    if output is not None:
        guard_output(output, data, lang)  # a regular file outside the data folder (§13)
        _check_output(output, lang)
    elif kind == "docx" and sys.stdout.isatty():
        fail(TEMPLATE_MESSAGES["docx_to_terminal"](lang))
    err = stderr_console()
    if month_num is None:
        month_num = _default_form_month(plan, data, lang, err)
    if kind == "md":
        body = narrative_form_markdown(plan, unit_idx, month_num, lang)
    else:
        body = narrative_form_docx(plan, unit_idx, month_num, lang)
    shown = month_label(plan.year, month_num, lang)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        kept = write_keeping_old(output, body)
    except OSError as exc:
        fail(TEMPLATE_MESSAGES["bad_output"](lang).format(path=output, error=exc.strerror or exc))
    err.print(
        TEMPLATE_MESSAGES["narrative_written"](lang).format(path=output, unit=code, month=shown)
    )
    if kept is not None:
        err.print(KEPT_OLD(lang).format(path=kept), style="yellow")
    return EXIT_OK
