"""``kehoach show CODE``: one indicator's path through the year, as a picture or JSON.

The command edge only: options, the unknown-code message with the nearest codes (exit 2),
and the choice of renderer. The series come from :mod:`kehoach.trajectory`.
"""

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
)
from kehoach.i18n import Localized

UNKNOWN = Localized(
    "Không có chỉ tiêu “{value}” trong kế hoạch.", "There is no indicator “{value}” in the plan."
)
NEAREST = Localized("Mã gần nhất: {codes}.", "Nearest codes: {codes}.")
ALL_CODES = Localized("Các mã chỉ tiêu: {codes}.", "Indicator codes: {codes}.")


def indicator_option(text: str, plan, lang: str) -> int:
    """CODE as an indicator index; an unknown one names the nearest codes (exit 2)."""
    from kehoach.trajectory import find_indicator, nearest_codes

    index = find_indicator(plan, text)
    if index is None:
        near = nearest_codes(plan, text)
        if near:
            hint = NEAREST(lang).format(codes=", ".join(near))
        else:
            hint = ALL_CODES(lang).format(codes=", ".join(i.code for i in plan.indicators))
        fail(UNKNOWN(lang).format(value=text), hint)
    return index


def run_show(
    code: str, month: str | None, plan_path: Path, data: Path, lang: str, json_out: bool
) -> int:
    from kehoach.attainment import default_month
    from kehoach.trajectory import trajectory

    plan = load_plan_or_fail(plan_path, lang)
    index = indicator_option(code, plan, lang)
    month_num = month_option(month, plan, lang)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    if month_num is None:
        month_num, _ = default_month(plan, load.dataset)
    traj = trajectory(plan, load.dataset, index, month_num)
    if json_out:
        print_json(traj.to_dict())
    else:
        from kehoach.render.pathchart import render_show
        from kehoach.status import print_data_issues

        console = stdout_console()
        render_show(traj, plan, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
