"""``kehoach template``: the CSV form a unit fills in for one month.

One row per indicator the unit reports that is due that month, with the indicator's name
and unit of measure beside the code (informational columns the reader ignores), and what
the plan asks for (INDICATORS.md, Reading v2): ``ky_so_lieu`` filled with "lũy kế" (the
year to date) or "tháng" (the month's own amount) for an amount, ``uoc_tinh`` left for an
"x" when the figure is an estimate, and for a milestone the stages to choose from. Written
for Excel on a Vietnamese office machine: UTF-8 with BOM (so Excel does not read it as
Windows-1258), ``;`` as delimiter (Excel's list separator where `,` is the decimal mark)
and CRLF line ends. A filled form passes ``validate`` and ``submit`` as it is.

``--format xlsx`` (or ``-o`` ending in ``.xlsx``) writes the same form as a workbook instead
(``render/xlsx.py``): locked codes, Excel's own checks on the value cells.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from kehoach.cliutil import (
    EXIT_OK,
    KEPT_OLD,
    fail,
    load_plan_or_fail,
    month_option,
    stderr_console,
    unit_option,
)
from kehoach.i18n import Localized, month_label
from kehoach.models import Plan
from kehoach.notes import protect_note
from kehoach.render.safe import visible

TEMPLATE_HEADER = (
    "don_vi",
    "ma_chi_tieu",
    "ten_chi_tieu",
    "don_vi_tinh",
    "thang",
    "gia_tri",
    "ky_so_lieu",
    "uoc_tinh",
    "ghi_chu",
)
# What the reader takes in ky_so_lieu (checks.check_kind), in the form's language.
KIND_WORDS = {"vi": {"ytd": "lũy kế", "month": "tháng"}, "en": {"ytd": "ytd", "month": "month"}}
BOM = b"\xef\xbb\xbf"

M = {
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
}


def due_indicators(plan: Plan, unit: int, month: int) -> list[int]:
    """Indices of the indicators ``unit`` reports that are due in ``month``, in plan order."""
    return [
        i
        for i, ind in enumerate(plan.indicators)
        if plan.reports(unit, i) and month in ind.due_months
    ]


def unit_due_months(plan: Plan, unit: int) -> list[int]:
    """Every month in which ``unit`` has at least one indicator due."""
    months: set[int] = set()
    for i, ind in enumerate(plan.indicators):
        if plan.reports(unit, i):
            months.update(ind.due_months)
    return sorted(months)


def template_rows(plan: Plan, unit: int, month: int, lang: str) -> list[tuple[str, ...]]:
    code = plan.units[unit].code
    # 'T10/2020', not '2020-10': Excel turns '2020-10' into a date and saves it back in
    # the machine's date format; 'T10/2020' stays text and the reader accepts it.
    month_text = f"T{month}/{plan.year}"
    rows = []
    for i in due_indicators(plan, unit, month):
        ind = plan.indicators[i]
        name = ind.name(lang)
        if ind.measure == "milestone" and ind.stages:
            stages = " / ".join(st.code for st in ind.stages)
            word = "ghi mốc đạt được" if lang != "en" else "write the stage reached"
            name += f" — {word}: {stages}"
        words = KIND_WORDS["en" if lang == "en" else "vi"]
        kind = words[ind.sent_as or "month"] if ind.measure == "cumulative" else ""
        rows.append(
            (
                code,
                ind.code,
                # Read past by the reader, shown by Excel: plan text with no control
                # character (a NUL would make the form binary), never taken for a formula.
                protect_note(visible(name)),
                protect_note(visible(ind.uom(lang))),
                month_text,
                "",
                kind,
                "",
                "",
            )
        )
    return rows


def template_csv(plan: Plan, unit: int, month: int, lang: str = "vi") -> bytes:
    """The form's bytes: UTF-8 with BOM, ``;``, CRLF; header only if nothing is due."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerows(template_rows(plan, unit, month, lang))
    return BOM + buf.getvalue().encode("utf-8")


def default_month(latest: int | None) -> int:
    """The month after ``latest`` (the status's default month, Reading v2 point 11);
    January without data."""
    if latest is None:
        return 1
    return min(latest + 1, 12)


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
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    unit_idx = unit_option(unit, plan, lang)
    assert unit_idx is not None  # a required argument
    month_num = month_option(month, plan, lang)
    if output is not None:
        _check_output(output, lang)
    elif form_format(fmt, output) == "xlsx" and sys.stdout.isatty():
        fail(M["xlsx_to_terminal"](lang))
    err = stderr_console()
    if month_num is None:
        latest = None
        if data.is_dir():
            from kehoach.attainment import default_month as current_month
            from kehoach.store import load_data

            dataset = load_data(plan, data).dataset
            now, empty = current_month(plan, dataset)
            latest = None if empty else now
        month_num = default_month(latest)
        shown = month_label(plan.year, month_num, lang)
        if latest is None:
            err.print(M["no_data"](lang).format(path=data, month=shown), style="yellow")
        else:
            err.print(M["default_month"](lang).format(month=shown), style="dim")

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
        from kehoach.atomic import write_keeping_old

        try:
            kept = write_keeping_old(output, body)
        except OSError as exc:
            fail(M["bad_output"](lang).format(path=output, error=exc.strerror or exc))
        err.print(M["written"](lang).format(path=output, unit=code, month=shown, n=n))
        if kept is not None:
            err.print(KEPT_OLD(lang).format(path=kept), style="yellow")
    if n == 0:
        months = ", ".join(str(m) for m in unit_due_months(plan, unit_idx))
        err.print(
            M["nothing_due"](lang).format(unit=code, month=shown, months=months), style="yellow"
        )
    return EXIT_OK


def _check_output(output: Path, lang: str) -> None:
    if output.is_dir():
        fail(M["bad_output"](lang).format(path=output, error=M["is_dir"](lang).format(path=output)))
    parent = output.parent
    if not parent.is_dir():
        fail(
            M["bad_output"](lang).format(
                path=output, error=M["no_parent"](lang).format(path=parent)
            )
        )
