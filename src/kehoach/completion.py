"""Shell completion: the codes a user may type, read from the plan, and the shell scripts.

Click's completion protocol does the work: the shell calls ``kehoach`` again with
``_KEHOACH_COMPLETE=complete_bash`` (or zsh, fish, powershell) and the words typed so far,
and kehoach prints the candidates. The functions here give the candidates that depend on
the plan (unit codes, indicator codes, plan sections); ``script`` gives the snippet that
``kehoach completion SHELL`` prints for the user's shell start-up file.
"""

from __future__ import annotations

import os
from pathlib import Path

COMPLETE_VAR = "_KEHOACH_COMPLETE"


def _plan(ctx):
    """The plan the command line names so far (--plan, KEHOACH_PLAN, or the default)."""
    from kehoach.read.planfile import PlanError, load_plan

    path = None
    while ctx is not None and path is None:
        path = ctx.params.get("plan")
        ctx = ctx.parent
    path = path or os.environ.get("KEHOACH_PLAN") or "plan2020.yaml"
    try:
        return load_plan(Path(path))
    except (PlanError, OSError):
        return None


def _lang() -> str:
    from kehoach.clitext import current_lang

    return current_lang()


def _as_typed(code: str, incomplete: str) -> str:
    # Codes match case-insensitively, and shells filter candidates by the typed prefix:
    # "cc-" must be offered "cc-thue", not "CC-THUE".
    return code.lower() if incomplete and incomplete == incomplete.lower() else code


def _coded(ctx, incomplete, items_of):
    """(code, name) candidates of the plan's units or indicators starting as typed."""
    plan = _plan(ctx)
    if plan is None:
        return []
    en = _lang() == "en"
    typed = incomplete.upper()
    return [
        (_as_typed(x.code, incomplete), x.name_en if en else x.name_vi)
        for x in items_of(plan)
        if x.code.startswith(typed)
    ]


def complete_units(ctx, incomplete):
    return _coded(ctx, incomplete, lambda plan: plan.units)


def complete_indicators(ctx, incomplete):
    return _coded(ctx, incomplete, lambda plan: plan.indicators)


def complete_groups(ctx, incomplete):
    plan = _plan(ctx)
    if plan is None:
        return []
    typed = incomplete.upper()
    groups = dict.fromkeys(i.group for i in plan.indicators)
    return [_as_typed(g, incomplete) for g in groups if g.startswith(typed)]


def script(shell: str, prog_name: str = "kehoach") -> str:
    """The completion snippet for ``shell`` (typer's own scripts, for our program name)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=prog_name, complete_var=COMPLETE_VAR, shell=shell)
