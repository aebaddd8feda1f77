"""The ``kehoach`` command line: options, exit codes and nothing else.

Each command is a few lines over the shared pipeline (load plan → read submissions →
check → compute → render). Heavy modules are imported inside the command that uses them,
so ``kehoach --help`` and a plain ``kehoach status`` start fast.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cliutil import (
    EXIT_CANNOT_RUN,
    EXIT_ERRORS,
    EXIT_OK,
    CommandError,
    print_error,
)


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"


PlanOpt = Annotated[
    Path,
    typer.Option(
        "--plan",
        envvar="KEHOACH_PLAN",
        help="Tệp kế hoạch YAML / the plan file.",
        show_default=True,
    ),
]
DataOpt = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="KEHOACH_DATA",
        help="Thư mục số liệu / the data folder.",
        show_default=True,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="KEHOACH_LANG",
        case_sensitive=False,
        help="Ngôn ngữ / language: vi | en.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="In một tài liệu JSON / print JSON.")]
MonthOpt = Annotated[
    str | None, typer.Option("--month", help="Tháng báo cáo / month, YYYY-MM.", show_default=False)
]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", help="Mã đơn vị / unit code.", show_default=False)
]

DEFAULT_PLAN = Path("plan2020.yaml")
DEFAULT_DATA = Path("data/monthly")

app = typer.Typer(
    name="kehoach",
    help=(
        "Theo dõi thực hiện chỉ tiêu kế hoạch phát triển kinh tế - xã hội. "
        "Track a local government's annual socio-economic plan."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global_options(
    plan: Annotated[
        Path | None, typer.Option("--plan", help="Như --plan của mỗi lệnh / as each command's.")
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="Như --data của mỗi lệnh / as each command's.")
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", case_sensitive=False, help="vi | en, cho mọi lệnh / for any."),
    ] = None,
) -> None:
    """Also take --plan, --data and --lang before the command (kehoach --lang en status).

    They become the defaults the command reads through its environment variables, so an
    option given after the command still wins.
    """
    for name, value in (("KEHOACH_PLAN", plan), ("KEHOACH_DATA", data), ("KEHOACH_LANG", lang)):
        if value is not None:
            os.environ[name] = str(value.value if isinstance(value, Lang) else value)


def _run(body) -> None:
    """Run a command body; turn CommandError into its message and exit code."""
    try:
        code = body()
    except CommandError as err:
        print_error(err)
        raise typer.Exit(err.code) from None
    raise typer.Exit(code or EXIT_OK)


@app.command("plan")
def plan_cmd(
    check: Annotated[
        bool, typer.Option("--check", help="Chỉ kiểm tra tệp kế hoạch / validate only.")
    ] = False,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Liệt kê các chỉ tiêu của kế hoạch / list the plan's indicators."""

    def body() -> int:
        from kehoach.cliutil import load_plan_or_fail, print_json, stdout_console
        from kehoach.render.terminal import P, render_plan_table

        p = load_plan_or_fail(plan, lang.value)
        if json_out:
            print_json(p.model_dump(mode="json"))
        elif check:
            stdout_console().print(
                "✔ "
                + P["ok"](lang.value).format(
                    path=plan, indicators=len(p.indicators), units=len(p.units)
                ),
                style="bold green",
            )
        else:
            render_plan_table(p, lang.value, stdout_console())
        return EXIT_OK

    _run(body)


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help="Tệp CSV cần kiểm tra / CSV files.")],
    unit: UnitOpt = None,
    month: MonthOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Kiểm tra tệp số liệu của đơn vị / check submission files against the plan."""

    def body() -> int:
        from kehoach.validate import run_validate

        return run_validate(files, unit, month, plan, data, lang.value, json_out)

    _run(body)


@app.command("status")
def status_cmd(
    month: MonthOpt = None,
    group: Annotated[
        str | None,
        typer.Option("--group", help="Nhóm chỉ tiêu / plan section: KT, DT, XH, QP."),
    ] = None,
    unit: UnitOpt = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Tình hình thực hiện các chỉ tiêu / where each target stands."""

    def body() -> int:
        from kehoach.status import run_status

        return run_status(month, group, unit, plan, data, lang.value, json_out)

    _run(body)


@app.command("report")
def report_cmd(
    month: MonthOpt = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", case_sensitive=False, help="text | markdown")
    ] = ReportFormat.text,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Ghi ra tệp / write to a file.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Ngày ghi trên báo cáo / date on the report, YYYY-MM-DD."),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Báo cáo cho cuộc họp giao ban tháng / the monthly meeting report."""

    def body() -> int:
        from kehoach.report import run_report

        return run_report(month, fmt.value, output, date, plan, data, lang.value)

    _run(body)


@app.command("submit")
def submit_cmd(
    file: Annotated[Path, typer.Argument(help="Tệp CSV cần nộp / the CSV file to submit.")],
    unit: UnitOpt = None,
    month: MonthOpt = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Thay bản đã nộp (giữ bản cũ) / replace.")
    ] = False,
    reopen_reason: Annotated[
        str | None,
        typer.Option(
            "--reopen-reason",
            help="Lý do sửa số liệu của tháng đã khóa sổ / why a locked month is revised.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Kiểm tra rồi lưu tệp số liệu / validate, then store a submission."""

    def body() -> int:
        from kehoach.submit import run_submit

        return run_submit(
            file, unit, month, replace, plan, data, lang.value, json_out, reopen_reason
        )

    _run(body)


MonthArg = Annotated[str, typer.Argument(help="Tháng / month, YYYY-MM.", show_default=False)]


@app.command("lock")
def lock_cmd(
    month: MonthArg,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Ghi chú, ví dụ số báo cáo / a note.", show_default=False),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Khóa sổ một tháng sau khi đã báo cáo / close a month once its report is issued."""

    def body() -> int:
        from kehoach.locks import run_lock

        return run_lock(month, note, plan, data, lang.value)

    _run(body)


@app.command("unlock")
def unlock_cmd(
    month: MonthArg,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", help="Lý do mở khóa (bắt buộc) / why (required).", show_default=False
        ),
    ],
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Mở khóa sổ một tháng / reopen a locked month."""

    def body() -> int:
        from kehoach.locks import run_lock

        return run_lock(month, reason, plan, data, lang.value, unlock=True)

    _run(body)


@app.command("check-store")
def check_store_cmd(
    plan: PlanOpt = DEFAULT_PLAN,  # taken like every command's; the checks need no plan
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Đối chiếu kho số liệu với nhật ký nộp / verify the data folder against its log."""

    def body() -> int:
        from kehoach.storecheck import run_check_store

        return run_check_store(data, lang.value, json_out)

    _run(body)


@app.command("template")
def template_cmd(
    unit: Annotated[str, typer.Argument(help="Mã đơn vị / unit code, e.g. CC-THUE.")],
    month: MonthOpt = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Ghi ra tệp / write to a file.")
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
) -> None:
    """Mẫu CSV cho đơn vị điền số liệu / a CSV form for a unit to fill in."""

    def body() -> int:
        from kehoach.template import run_template

        return run_template(unit, month, output, plan, data, lang.value)

    _run(body)


@app.command("missing")
def missing_cmd(
    month: MonthOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Tính đến ngày / as of date, YYYY-MM-DD."),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = Lang.vi,
    json_out: JsonOpt = False,
) -> None:
    """Đơn vị chưa gửi số liệu / who has not reported."""

    def body() -> int:
        from kehoach.missing import run_missing

        return run_missing(month, as_of, plan, data, lang.value, json_out)

    _run(body)


@app.command("schema")
def schema_cmd(
    name: Annotated[
        str | None,
        typer.Argument(help="Tên tài liệu / document: status, validate, missing, check-store."),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,  # taken like every command's; a schema needs no plan
    lang: LangOpt = Lang.vi,
) -> None:
    """In JSON Schema của một tài liệu --json / print a --json document's JSON Schema."""

    def body() -> int:
        import sys

        from kehoach.i18n import Localized
        from kehoach.jsonschemas import SCHEMAS, schema_text

        if name not in SCHEMAS:
            names = ", ".join(SCHEMAS)
            unknown = Localized(
                "Không có tài liệu JSON “{name}”.", "There is no JSON document “{name}”."
            )
            hint = Localized("Các tên: {names}.", "Names: {names}.")
            if name is None:
                unknown = Localized("Cần tên một tài liệu JSON.", "Name a JSON document.")
            raise CommandError(
                unknown(lang.value).format(name=name), hint(lang.value).format(names=names)
            )
        sys.stdout.write(schema_text(name))
        return EXIT_OK

    _run(body)


def main() -> None:
    """Console-script entry point: a last guard so no traceback reaches a user."""
    import sys

    # kehoach uses no pydantic plugins; don't look for them on every start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - only for bugs, reported cleanly
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        sys.stderr.write(
            f"kehoach: lỗi nội bộ / internal error: {type(exc).__name__}: {exc}\n"
            "Đặt KEHOACH_DEBUG=1 để xem chi tiết / set KEHOACH_DEBUG=1 for details.\n"
        )
        sys.exit(EXIT_CANNOT_RUN)


__all__ = ["EXIT_ERRORS", "app", "main"]
