"""``kehoach missing``: who has not sent the values due, for a month or (``--all``) every
month up to it. Options in, :mod:`kehoach.core.missing` computes, :mod:`kehoach.render.missing`
prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    date_option,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)
from kehoach.core.attainment import default_month
from kehoach.core.missing import compute_missing, compute_owed
from kehoach.render.issues import print_data_issues
from kehoach.render.missing import render_missing, render_owed
from kehoach.store.log import read_log


def parse_as_of(text: str | None, lang: str, year: int | None = None) -> date:
    """``--as-of``: ``2020-10-25`` or ``25/10/2020`` (numbers.parse_day); today when not given."""
    day = date_option(text, lang, year or date.today().year)
    return date.today() if day is None else day


def run_missing(
    month: str | None,
    as_of: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    *,
    all_months: bool = False,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    as_of_day = parse_as_of(as_of, lang, plan.year)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    defaulted = month_num is None
    if month_num is None:
        month_num, _ = default_month(plan, load.dataset)
    if all_months:
        return _run_owed(plan, load, month_num, as_of_day, defaulted, lang, json_out)
    result = compute_missing(
        plan, load.dataset, month_num, read_log(data), as_of_day, month_defaulted=defaulted
    )
    issues = load.issues
    result.narratives = _narratives_due(plan, data, month_num, as_of_day, issues)
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in issues]
        print_json(doc)
    else:
        console = stdout_console()
        render_missing(result, lang, console)
        print_data_issues(issues, lang, console)
    # Missing figures are the state of the collection, not an error of any input; only
    # errors in the stored files (a conflict) make the exit code 1, as for `status`.
    return EXIT_ERRORS if load.has_errors else EXIT_OK


def _run_owed(plan, load, up_to: int, as_of: date, defaulted: bool, lang: str, json_out: bool):
    """``missing --all``: every month from January to ``up_to``."""
    result = compute_owed(plan, load.dataset, up_to, as_of, month_defaulted=defaulted)
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in load.issues]
        print_json(doc)
    else:
        console = stdout_console()
        render_owed(result, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK


def _narratives_due(plan, data: Path, month: int, as_of: date, issues: list):
    """The narrative reports due for ``month``: stored ``UNIT.md`` files and the
    narrative lines of the log (a stored report that cannot be read joins ``issues``)."""
    from kehoach.core.missing import compute_narratives_due
    from kehoach.read.narratives import load_narratives

    if not data.is_dir():
        return compute_narratives_due(plan, month, set(), [], as_of)
    stored = load_narratives(data, plan, month, issues)
    return compute_narratives_due(plan, month, set(stored), read_log(data, narratives=True), as_of)
