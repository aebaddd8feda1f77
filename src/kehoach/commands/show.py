"""``kehoach show CODE``: one indicator's path through the year, as a picture or JSON.

The command edge only: options, the unknown-code message with the nearest codes (exit 2),
and the choice of renderer. The series come from :mod:`kehoach.core.trajectory`.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    indicator_option,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)


def run_show(
    code: str, month: str | None, plan_path: Path, data: Path, lang: str, json_out: bool
) -> int:
    from kehoach.core.attainment import default_month
    from kehoach.core.trajectory import trajectory

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
        from kehoach.render.issues import print_data_issues
        from kehoach.render.pathchart import render_show

        console = stdout_console()
        render_show(traj, plan, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
