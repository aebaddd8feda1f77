"""``kehoach plan [--check]``: the plan's indicators, or whether the plan file is valid."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import EXIT_OK, load_plan_or_fail, print_json, stdout_console


def run_plan(plan_path: Path, lang: str, check: bool, json_out: bool) -> int:
    from kehoach.render.terminal import PLAN_LABELS, render_plan_table

    plan = load_plan_or_fail(plan_path, lang)
    if json_out:
        print_json(plan.model_dump(mode="json"))
    elif check:
        stdout_console().print(
            "✔ "
            + PLAN_LABELS["ok"](lang).format(
                path=plan_path, indicators=len(plan.indicators), units=len(plan.units)
            ),
            style="bold green",
        )
    else:
        render_plan_table(plan, lang, stdout_console())
    return EXIT_OK
