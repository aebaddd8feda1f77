"""``kehoach status``: where each target stands at a month, as a table or JSON."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    group_option,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
    unit_option,
)
from kehoach.commands.outputs import guard_output
from kehoach.core.i18n import Localized

XLSX_WRITTEN = Localized(
    "Đã ghi biểu tổng hợp {path} ({n} chỉ tiêu, {month}).",
    "Wrote the summary table {path} ({n} indicator(s), {month}).",
)
NOT_A_FILE = Localized("đó là một thư mục", "it is a folder")
NO_FOLDER = Localized("thư mục {path} không tồn tại", "folder {path} does not exist")
XLSX_FAILED = Localized(
    "Không ghi được tệp {path}: {error}", "Could not write the file {path}: {error}"
)
SKIPPED_YEARS = Localized(
    "Bỏ qua {files} tệp của năm {years}: kế hoạch {year} chỉ dùng số liệu năm {year} và năm "
    "trước ({last}) để so sánh cùng kỳ.",
    "Skipped {files} file(s) of {years}: the {year} plan uses {year}'s figures and the year "
    "before ({last}) for comparison only.",
)


def skipped_years_note(load, plan, lang: str) -> str | None:
    """One line for the month folders of other years (docs/plan.md §7), or None."""
    if not load.skipped_years:
        return None
    years = ", ".join(str(y) for y in sorted(load.skipped_years))
    return SKIPPED_YEARS(lang).format(
        files=sum(load.skipped_years.values()), years=years, year=plan.year, last=plan.year - 1
    )


def run_status(
    month: str | None,
    group: str | None,
    unit: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    xlsx: Path | None = None,
) -> int:
    from kehoach.core.attainment import compute_status

    plan = load_plan_or_fail(plan_path, lang)
    if xlsx is not None:
        guard_output(xlsx, data, lang)  # a regular file outside the data folder (§13)
    if xlsx is not None and (xlsx.is_dir() or not xlsx.parent.is_dir()):
        # Said before the data is read, not after.
        why = NOT_A_FILE if xlsx.is_dir() else NO_FOLDER
        fail(XLSX_FAILED(lang).format(path=xlsx, error=why(lang).format(path=xlsx.parent)))
    month_num = month_option(month, plan, lang)
    group_code = group_option(group, plan, lang)
    unit_idx = unit_option(unit, plan, lang)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    result = compute_status(
        plan,
        load.dataset,
        month_num,
        group=group_code,
        unit=plan.units[unit_idx].code if unit_idx is not None else None,
    )
    from kehoach.read.series import stored_plausibility

    # Figures accepted with a warning against their unit's history stay marked (issue 24).
    issues = load.issues + stored_plausibility(plan, load.dataset)
    if xlsx is not None:
        _write_xlsx(xlsx, result, plan, lang)
    note = skipped_years_note(load, plan, lang)
    # Figures that differ from the month's issued report (store.snapshots).
    from kehoach.render.terminal import print_notice
    from kehoach.store.snapshots import adjustment_notice

    notice = adjustment_notice(plan, data, result, lang)
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in issues]
        doc["skipped_years"] = {str(y): n for y, n in sorted(load.skipped_years.items())}
        if notice is not None:
            doc["adjustments"] = notice.to_dict()
        print_json(doc)
    else:
        from kehoach.render.terminal import render_status_table

        console = stdout_console()
        render_status_table(result, plan, lang, console)
        if note:
            console.print(note, style="dim")
        print_notice(notice, console)
        from kehoach.render.issues import print_data_issues

        print_data_issues(issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK


def _write_xlsx(path: Path, result, plan, lang: str) -> None:
    """The summary table as a workbook; an existing file is kept beside it, never lost."""
    from kehoach.commands.common import KEPT_OLD, stderr_console, write_hint
    from kehoach.core.i18n import month_label
    from kehoach.render.xlsx import status_workbook
    from kehoach.store.atomic import write_keeping_old

    try:
        kept = write_keeping_old(path, status_workbook(result, plan, lang))
    except OSError as exc:
        fail(XLSX_FAILED(lang).format(path=path, error=exc.strerror or exc), write_hint(exc, lang))
    err = stderr_console()
    shown = month_label(result.year, result.month, lang)
    err.print(XLSX_WRITTEN(lang).format(path=path, n=len(result.indicators), month=shown))
    if kept is not None:
        err.print(KEPT_OLD(lang).format(path=kept), style="yellow")
