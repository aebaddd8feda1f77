"""``kehoach explain CODE``: how an indicator's figure was made (the command edge).

Options, the unknown-code and not-a-reporter messages (exit 2), and the choice between the
terminal and ``--json``; the explanation itself is :func:`kehoach.core.explain.explain`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from kehoach.commands.common import (
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
from kehoach.core.attainment import default_month
from kehoach.core.explain import explain
from kehoach.core.i18n import Localized
from kehoach.read.checks import Suggester
from kehoach.render.explain import render_explanation
from kehoach.render.issues import print_data_issues
from kehoach.store.log import read_log
from kehoach.store.revisions import read_revisions

EXPLAIN_MESSAGES = {
    "unknown": Localized(
        "Không có chỉ tiêu “{value}” trong kế hoạch.",
        "There is no indicator “{value}” in the plan.",
    ),
    "nearest": Localized("Mã gần nhất: {codes}", "Nearest codes: {codes}"),
    "not_reporter": Localized(
        "Đơn vị {unit} không báo cáo chỉ tiêu {code}.", "Unit {unit} does not report {code}."
    ),
    "reporters": Localized("Đơn vị báo cáo: {codes}", "Reported by: {codes}"),
}


def file_digest(path: str) -> str | None:
    """SHA-256 of a file as it is now; None when it cannot be read."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def run_explain(
    code: str,
    month: str | None,
    unit: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    index = plan.indicator_index.get(code.strip().upper())
    if index is None:
        nearest = Suggester([i.code for i in plan.indicators])(code.strip())
        fail(
            EXPLAIN_MESSAGES["unknown"](lang).format(value=code),
            EXPLAIN_MESSAGES["nearest"](lang).format(codes=nearest),
        )
    ind = plan.indicators[index]
    month_num = month_option(month, plan, lang)
    unit_idx = unit_option(unit, plan, lang)
    unit_code = plan.units[unit_idx].code if unit_idx is not None else None
    if unit_code is not None:
        codes = ([ind.owner] if ind.owner else []) + list(ind.contributors or ind.reported_by)
        if unit_code.upper() not in {c.upper() for c in codes}:
            fail(
                EXPLAIN_MESSAGES["not_reporter"](lang).format(unit=unit_code, code=ind.code),
                EXPLAIN_MESSAGES["reporters"](lang).format(codes=", ".join(dict.fromkeys(codes))),
            )
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    if month_num is None:
        month_num, _ = default_month(plan, load.dataset)
    ex = explain(
        plan,
        load.dataset,
        index,
        month_num,
        unit=unit_code,
        log=read_log(data),
        revisions=read_revisions(data),
        digest=functools.lru_cache(maxsize=None)(file_digest),
    )
    from kehoach.read.series import stored_plausibility

    # The indicator's figures accepted with a warning against their history (issue 24).
    issues = load.issues + stored_plausibility(plan, load.dataset, index)
    if json_out:
        doc = ex.to_dict(lang)
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in issues]
        print_json(doc)
    else:
        console = stdout_console()
        render_explanation(ex, plan, lang, console, root=data)
        print_data_issues(issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
