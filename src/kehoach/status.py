"""``kehoach status``: where each target stands at a month, as a table or JSON."""

from __future__ import annotations

from pathlib import Path

from kehoach.cliutil import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
    unit_option,
)
from kehoach.i18n import Localized

BAD_GROUP = Localized("Không có nhóm chỉ tiêu “{value}”.", "There is no group “{value}”.")
GROUPS_HINT = Localized("Các nhóm: {codes}", "Groups: {codes}")
DATA_PROBLEMS = Localized("Vấn đề trong số liệu đã lưu:", "Problems in the stored data:")


def group_option(text: str | None, plan, lang: str) -> str | None:
    if text is None:
        return None
    code = text.strip().upper()
    if code not in plan.group_by_code:
        codes = ", ".join(g.code for g in plan.groups)
        fail(BAD_GROUP(lang).format(value=text), GROUPS_HINT(lang).format(codes=codes))
    return code


def run_status(
    month: str | None,
    group: str | None,
    unit: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
) -> int:
    from kehoach.attainment import compute_status

    plan = load_plan_or_fail(plan_path, lang)
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
    issues = load.issues
    # Issue 15: figures that differ from the month's issued report (kehoach.snapshot).
    from kehoach.snapshot import adjustment_notice, print_notice

    notice = adjustment_notice(plan, data, result, lang)
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in issues]
        if notice is not None:
            doc["adjustments"] = notice.to_dict()
        print_json(doc)
    else:
        from kehoach.render.terminal import render_status_table

        console = stdout_console()
        render_status_table(result, plan, lang, console)
        print_notice(notice, console)
        print_data_issues(issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK


def print_data_issues(issues, lang: str, console) -> None:
    """Problems of stored files, one line each, ``file:row [column]: message``."""
    if not issues:
        return
    from rich.text import Text

    from kehoach.render.safe import visible

    console.print()
    console.print(DATA_PROBLEMS(lang), style="bold")
    for issue in issues:
        style = "red" if issue.is_error else "yellow"
        line = Text(visible(f"{issue.location()}: "), style="dim")
        line.append(visible(issue.message(lang)), style=style)
        console.print(line)
