"""The ``kehoach`` command line: options, exit codes and nothing else.

Each command is a few lines over the shared pipeline (load plan → read submissions →
check → compute → render). Heavy modules are imported inside the command that uses them,
so ``kehoach --help`` and a plain ``kehoach status`` start fast.
"""

# No ``from __future__ import annotations`` here: typer reads every command's signature
# with typing.get_type_hints, and string annotations cost an eval() each (building the
# app: 7 ms with them, 4 ms without).
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.clitext import KhCommand, KhGroup
from kehoach.commands.common import (
    EXIT_CANNOT_RUN,
    EXIT_ERRORS,
    EXIT_OK,
    CommandError,
    note_flag,
    print_error,
)
from kehoach.completion import complete_groups, complete_indicators, complete_units


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    docx = "docx"


# Help texts and metavars live in kehoach.clitext (one table per language, looked up by
# the parameter's name), so that what a user reads is in one language only. A new option
# adds its words there; one without any shows its ``help=`` as written.
PlanOpt = Annotated[Path, typer.Option("--plan", envvar="KEHOACH_PLAN", show_default=False)]
DataOpt = Annotated[Path, typer.Option("--data", envvar="KEHOACH_DATA", show_default=False)]


class FormFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="KEHOACH_LANG", case_sensitive=False, show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json")]
MonthOpt = Annotated[str | None, typer.Option("--month", show_default=False)]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", show_default=False, autocompletion=complete_units)
]

DEFAULT_PLAN = Path("plan2020.yaml")
DEFAULT_DATA = Path("data/monthly")

app = typer.Typer(
    name="kehoach",
    cls=KhGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # -h as well as --help (docs/contract.md §4, §11); subcommands inherit it.
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str):
    """``@app.command`` with kehoach's help pages and usage errors (clitext.KhCommand)."""
    return app.command(name, cls=KhCommand)


def _print_version(value: bool) -> None:
    if value:
        from kehoach import __version__

        sys.stdout.write(f"kehoach {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _global_options(
    plan: Annotated[Path | None, typer.Option("--plan", show_default=False)] = None,
    data: Annotated[Path | None, typer.Option("--data", show_default=False)] = None,
    lang: Annotated[
        Lang | None, typer.Option("--lang", case_sensitive=False, show_default=False)
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """Also take --plan, --data and --lang before the command (kehoach --lang en status).

    They become the defaults the command reads through its environment variables, so an
    option given after the command still wins.
    """
    for name, value in (("KEHOACH_PLAN", plan), ("KEHOACH_DATA", data), ("KEHOACH_LANG", lang)):
        if value is not None:
            os.environ[name] = str(value.value if isinstance(value, Lang) else value)
            note_flag(name)


def _run(body, acts: bool = False) -> None:
    """Run a command body; turn CommandError into its message and exit code.

    ``acts``: the command stores, locks or writes a file, so its exit code stands whatever
    happens to its printing afterwards (docs/contract.md §12, commands/stdio.py).
    """
    if acts:
        from kehoach.clitext import current_lang
        from kehoach.commands.common import install_wait_notice
        from kehoach.commands.stdio import mark_acted

        mark_acted()
        install_wait_notice(current_lang())
    try:
        code = body()
    except CommandError as err:
        print_error(err)
        raise typer.Exit(err.code) from None
    raise typer.Exit(code or EXIT_OK)


@command("plan")
def plan_cmd(
    check: Annotated[bool, typer.Option("--check")] = False,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """List the plan's indicators."""

    def body() -> int:
        from kehoach.commands.plan import run_plan

        return run_plan(plan, lang.value, check, json_out)

    _run(body)


@command("validate")
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(show_default=False)],
    unit: UnitOpt = None,
    month: MonthOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Check submission files against the plan."""

    def body() -> int:
        from kehoach.commands.common import stdin_path
        from kehoach.commands.validate import run_validate

        paths = [stdin_path(f) for f in files]  # "-": standard input
        return run_validate(paths, unit, month, plan, data, lang.value, json_out)

    _run(body)


CodesArg = Annotated[list[str] | None, typer.Argument(show_default=False)]
GroupOpt = Annotated[
    str | None, typer.Option("--group", show_default=False, autocompletion=complete_groups)
]
ByUnitOpt = Annotated[bool, typer.Option("--by-unit")]
CODES_WITHOUT_BY_UNIT = (
    "Mã chỉ tiêu chỉ dùng cùng --by-unit (kehoach status --by-unit {code}); "
    "xem một chỉ tiêu: kehoach show {code}.",
    "Indicator codes go with --by-unit (kehoach status --by-unit {code}); "
    "one indicator: kehoach show {code}.",
)

BY_UNIT_WITH_UNIT = (
    "--by-unit đã liệt kê từng đơn vị; bỏ --unit, hoặc bỏ --by-unit để xem các chỉ tiêu "
    "của một đơn vị.",
    "--by-unit already lists every unit; drop --unit, or drop --by-unit for one unit's indicators.",
)


@command("status")
def status_cmd(
    codes: CodesArg = None,
    by_unit: ByUnitOpt = False,
    month: MonthOpt = None,
    group: GroupOpt = None,
    unit: UnitOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", show_default=False)] = None,
) -> None:
    """Where each target stands."""

    def body() -> int:
        if by_unit and unit:
            vi, en = BY_UNIT_WITH_UNIT
            raise CommandError(en if lang.value == "en" else vi)
        if by_unit:
            from kehoach.commands.breakdown import run_by_unit

            return run_by_unit(codes, month, group, plan, data, lang.value, json_out)
        if codes:
            vi, en = CODES_WITHOUT_BY_UNIT
            raise CommandError((en if lang.value == "en" else vi).format(code=codes[0]))
        # The same folder, plan and options as a previous run: its output, without
        # importing pydantic or rich (outcache.py says what the key holds).
        from kehoach.commands.outcache import cached_output

        def compute() -> int:
            from kehoach.commands.status import run_status

            return run_status(month, group, unit, plan, data, lang.value, json_out, xlsx)

        if xlsx is not None:
            return compute()  # writes a workbook: nothing for the output cache to replay
        options = [str(month), str(group), str(unit), lang.value, str(json_out)]
        return cached_output("status", options, plan, data, compute)

    _run(body, acts=xlsx is not None)


@command("show")
def show_cmd(
    code: Annotated[str, typer.Argument(show_default=False, autocompletion=complete_indicators)],
    month: MonthOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """One indicator's path through the year (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.show import run_show

        return run_show(code, month, plan, data, lang.value, json_out)

    _run(body)


@command("breakdown")
def breakdown_cmd(
    codes: CodesArg = None,
    month: MonthOpt = None,
    group: GroupOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Same as status --by-unit (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.breakdown import run_by_unit

        return run_by_unit(codes, month, group, plan, data, lang.value, json_out)

    _run(body)


@command("report")
def report_cmd(
    month: MonthOpt = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", case_sensitive=False, show_default=False),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", show_default=False)] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", show_default=False),
    ] = None,
    number: Annotated[str | None, typer.Option("--number", show_default=False)] = None,
    signer: Annotated[str | None, typer.Option("--signer", show_default=False)] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks", show_default=False)] = None,
    worksheet: Annotated[bool, typer.Option("--worksheet")] = False,
    final: Annotated[bool, typer.Option("--final")] = False,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """The monthly report the committee signs."""

    def body() -> int:
        from kehoach.commands.common import stdin_path
        from kehoach.commands.report import run_report

        return run_report(
            month,
            fmt.value if fmt is not None else None,
            output,
            date,
            plan,
            data,
            lang.value,
            number=number,
            tasks_path=stdin_path(tasks),  # "-": standard input
            worksheet=worksheet,
            final=final,
            signer=signer,
        )

    _run(body, acts=output is not None)


@command("submit")
def submit_cmd(
    files: Annotated[list[Path], typer.Argument(show_default=False)],
    unit: UnitOpt = None,
    month: MonthOpt = None,
    replace: Annotated[bool, typer.Option("--replace")] = False,
    reopen_reason: Annotated[str | None, typer.Option("--reopen-reason", "--reason")] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Validate, then store a submission."""

    def body() -> int:
        from kehoach.commands.common import stdin_path
        from kehoach.commands.submit import run_submit

        paths = [stdin_path(f) for f in files]  # "-": standard input
        return run_submit(
            paths, unit, month, replace, plan, data, lang.value, json_out, reopen_reason
        )

    _run(body, acts=True)


MonthArg = Annotated[str, typer.Argument(show_default=False)]


@command("lock")
def lock_cmd(
    month: MonthArg,
    note: Annotated[str | None, typer.Option("--note", show_default=False)] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Close a month once its report is issued (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.lock import run_lock

        return run_lock(month, note, plan, data, lang.value)

    _run(body, acts=True)


@command("unlock")
def unlock_cmd(
    month: MonthArg,
    reason: Annotated[str, typer.Option("--reason", show_default=False)],
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Reopen a locked month (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.lock import run_lock

        return run_lock(month, reason, plan, data, lang.value, unlock=True)

    _run(body, acts=True)


@command("check-store")
def check_store_cmd(
    plan: PlanOpt = DEFAULT_PLAN,  # taken like every command's; the checks need no plan
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Verify the data folder against its log (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.check_store import run_check_store

        return run_check_store(data, lang.value, json_out)

    _run(body)


@command("revisions")
def revisions_cmd(
    month: MonthOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Values revised after they were reported (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.revisions import run_revisions

        return run_revisions(month, plan, data, lang.value, json_out)

    _run(body)


@command("explain")
def explain_cmd(
    code: Annotated[str, typer.Argument(show_default=False, autocompletion=complete_indicators)],
    month: MonthOpt = None,
    unit: UnitOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """How an indicator's figure was made (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.explain import run_explain

        return run_explain(code, month, unit, plan, data, lang.value, json_out)

    _run(body)


@command("template")
def template_cmd(
    unit: Annotated[str, typer.Argument(show_default=False, autocompletion=complete_units)],
    month: MonthOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", show_default=False)] = None,
    form_format: Annotated[
        FormFormat | None, typer.Option("--format", case_sensitive=False, show_default=False)
    ] = None,
    narrative: Annotated[bool, typer.Option("--narrative")] = False,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """A CSV or .xlsx form for a unit to fill in."""

    def body() -> int:
        from kehoach.commands.template import run_template

        return run_template(
            unit,
            month,
            output,
            plan,
            data,
            lang.value,
            form_format.value if form_format else None,
            narrative=narrative,
        )

    _run(body, acts=output is not None)


@command("missing")
def missing_cmd(
    month: MonthOpt = None,
    all_months: Annotated[bool, typer.Option("--all")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", show_default=False)] = None,
    letter: Annotated[bool, typer.Option("--letter")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", show_default=False)] = None,
    to_all: Annotated[bool, typer.Option("--to-all")] = False,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Who has not reported (one month, or with --all every month up to it)."""

    def body() -> int:
        from kehoach.commands.missing import run_missing

        return run_missing(
            month,
            as_of,
            plan,
            data,
            lang.value,
            json_out,
            all_months=all_months,
            letter=letter,
            output=output,
            to_all=to_all,
        )

    _run(body)


@command("init")
def init_cmd(
    folder: Annotated[Path, typer.Argument(show_default=False)] = Path("."),
    sample: Annotated[bool, typer.Option("--sample")] = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Write a plan and a data folder (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.init import run_init

        return run_init(folder, sample, lang.value)

    _run(body, acts=True)


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


@command("completion")
def completion_cmd(
    shell: Annotated[Shell, typer.Argument(show_default=False)],
    lang: LangOpt = Lang.vi,
) -> None:
    """Print the shell completion script (bash, zsh, fish, PowerShell)."""
    from kehoach.completion import script

    sys.stdout.write(script(shell.value).strip("\n") + "\n")


@command("schema")
def schema_cmd(
    name: Annotated[str | None, typer.Argument(show_default=False)] = None,
    plan: PlanOpt = DEFAULT_PLAN,  # taken like every command's; a schema needs no plan
    lang: LangOpt = Lang.vi,
) -> None:
    """Print a --json document's JSON Schema (help text: clitext.COMMANDS)."""

    def body() -> int:
        from kehoach.commands.schema import run_schema

        return run_schema(name, lang.value)

    _run(body)


def _argument(arg: str) -> str:
    """An argument as typed. Under a locale Python does not read as UTF-8 (``LANG=C``
    without its UTF-8 mode), a POSIX argument's non-ASCII bytes come as lone surrogates
    ("sửa số" unreadable, and unwritable to a trail file); terminals send UTF-8, so such
    an argument is read as UTF-8 when it is valid UTF-8."""
    if os.name != "posix" or arg.isascii():
        return arg
    try:
        return os.fsencode(arg).decode("utf-8")
    except (UnicodeError, ValueError):
        return arg


def main() -> None:
    """Console-script entry point: UTF-8 output, and a last guard so no traceback reaches a
    user. The exit code is the command's own, whatever happened to its printing
    (commands/stdio.py)."""
    # kehoach uses no pydantic plugins; don't look for them on every start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from kehoach.commands import stdio

    stdio.install()
    sys.argv = [_argument(arg) for arg in sys.argv]
    try:
        app()
        code = EXIT_OK
    except KeyboardInterrupt:
        code = 130
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else 1)
    except Exception as exc:  # pragma: no cover - only for bugs, reported cleanly
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        sys.stderr.write(
            f"kehoach: lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
            "Đặt KEHOACH_DEBUG=1 để xem chi tiết / set KEHOACH_DEBUG=1 for details.\n"
        )
        code = EXIT_CANNOT_RUN
    from kehoach.clitext import detect_lang

    sys.exit(stdio.exit_code(code, detect_lang()))


__all__ = ["EXIT_ERRORS", "app", "main"]
