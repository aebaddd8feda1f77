"""``kehoach revisions``: every value revised after it was stored, and the status under
each value (the command edge)."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)
from kehoach.core.numbers import format_month
from kehoach.core.revisions import assess
from kehoach.render.issues import print_data_issues
from kehoach.render.revisions import render_revisions
from kehoach.store.revisions import read_revisions


def run_revisions(month: str | None, plan_path: Path, data: Path, lang: str, json_out: bool) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    month_text = format_month(plan.year, month_num) if month_num else None
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    items = assess(plan, load.dataset, read_revisions(data), month_text)
    if json_out:
        print_json(
            {
                "plan": plan.id,
                "month": month_text,
                "revisions": [i.to_dict() for i in items],
            }
        )
    else:
        console = stdout_console()
        render_revisions(items, plan, month_text, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
