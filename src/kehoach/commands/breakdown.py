"""``kehoach status --by-unit [CODE...]`` (and ``kehoach breakdown``): the command edge.

Options, the messages for a code that is unknown or has no contributing units (exit 2),
and the choice between the rich tables and JSON. The rows come from
:mod:`kehoach.core.breakdown`, over the very ``status`` result.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    group_option,
    indicator_option,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)
from kehoach.core.i18n import Localized

NO_BREAKDOWN = Localized(
    "Chỉ tiêu {code} không có đơn vị đóng góp.", "Indicator {code} has no contributing units."
)
WITH_BREAKDOWN = Localized(
    "Các chỉ tiêu có đơn vị đóng góp: {codes}.", "Indicators with contributing units: {codes}."
)


def run_by_unit(
    codes: list[str] | None,
    month: str | None,
    group: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
) -> int:
    from kehoach.core.attainment import compute_status
    from kehoach.core.breakdown import breakdowns, has_breakdown
    from kehoach.render.issues import print_data_issues

    plan = load_plan_or_fail(plan_path, lang)
    wanted = []
    with_units = [i.code for i in plan.indicators if has_breakdown(i)]
    for text in codes or ():
        ind = plan.indicators[indicator_option(text, plan, lang)]
        if not has_breakdown(ind):
            fail(
                NO_BREAKDOWN(lang).format(code=ind.code),
                WITH_BREAKDOWN(lang).format(codes=", ".join(with_units)),
            )
        wanted.append(ind.code)
    month_num = month_option(month, plan, lang)
    group_code = group_option(group, plan, lang)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    status = compute_status(plan, load.dataset, month_num, group=group_code)
    items = breakdowns(plan, status, wanted or None)
    if json_out:
        from kehoach.core.numbers import format_month

        print_json(
            {
                "plan": plan.id,
                "month": format_month(plan.year, status.month),
                "indicators": [b.to_dict() for b in items],
                "issues": [dict(i.to_dict(lang), file=i.file) for i in load.issues],
            }
        )
    else:
        from kehoach.render.breakdown import render_breakdowns

        console = stdout_console()
        render_breakdowns(items, plan, lang, console, plan.year, status.month)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
