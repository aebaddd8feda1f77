"""What every command shares at the edge: consoles, clean failures, loading the plan and
data, reading the ``--month`` / ``--unit`` options, JSON output and progress bars.

Command modules call these so that no command re-implements reading, and every failure a
user can cause ends in a message and an exit code (CONTRACT.md), never a traceback.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from kehoach.i18n import Localized

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_CANNOT_RUN = 2


class CommandError(Exception):
    """A command cannot run: printed as a message on stderr, exit 2."""

    def __init__(self, message: str, hint: str | None = None, code: int = EXIT_CANNOT_RUN):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code


# Said by every command that writes a file the user names (-o) over a different one.
KEPT_OLD = Localized("Bản cũ được giữ lại: {path}.", "The previous file was kept as {path}.")

M = {
    "plan_invalid": Localized(
        "Tệp kế hoạch {path} không hợp lệ:", "The plan file {path} is not valid:"
    ),
    "bad_month": Localized(
        "Tháng “{value}” không hợp lệ; ghi dạng {year}-09, 9/{year} hoặc T9/{year}.",
        "Month “{value}” is not valid; write it as {year}-09, 9/{year} or T9/{year}.",
    ),
    "bad_date": Localized(
        "Ngày “{value}” không hợp lệ; ghi dạng {year}-09-28 hoặc 28/09/{year}.",
        "Date “{value}” is not valid; write it as {year}-09-28 or 28/09/{year}.",
    ),
    "month_year": Localized(
        "Tháng {value} không thuộc năm kế hoạch {year}.",
        "Month {value} is not in the plan year {year}.",
    ),
    "bad_unit": Localized(
        "Không có đơn vị “{value}” trong kế hoạch.", "There is no unit “{value}” in the plan."
    ),
    "units_hint": Localized("Các mã đơn vị: {codes}", "Unit codes: {codes}"),
    "no_data_dir": Localized(
        "Không tìm thấy thư mục dữ liệu {path}.", "Data folder {path} not found."
    ),
    "no_data_dir_hint": Localized(
        "Chỉ định thư mục với --data hoặc biến môi trường KEHOACH_DATA.",
        "Give the folder with --data or the KEHOACH_DATA environment variable.",
    ),
    "reading": Localized("Đang đọc", "Reading"),
}


def stdout_console(width: int | None = None):
    # Users' text (paths, codes, cells) is printed, never read as markup or obeyed as a
    # terminal control: see render/safe.py.
    from kehoach.render.safe import console

    return console(width=width, soft_wrap=False)


def stderr_console():
    from kehoach.render.safe import console

    return console(stderr=True)


def fail(message: str, hint: str | None = None, code: int = EXIT_CANNOT_RUN) -> NoReturn:
    raise CommandError(message, hint, code)


def print_error(err: CommandError) -> None:
    from rich.text import Text

    console = stderr_console()
    console.print(Text(err.message, style="bold red"))
    if err.hint:
        console.print(Text(err.hint, style="dim"))


MISSING_FILE = Localized("Không tìm thấy tệp {path}.", "File {path} not found.")
NOT_A_FILE = Localized(
    "{path} là thư mục, không phải tệp CSV.", "{path} is a folder, not a CSV file."
)


def require_file(path: Path, lang: str) -> None:
    """A submission file named on the command line must exist and be a file (exit 2)."""
    if not path.exists():
        fail(MISSING_FILE(lang).format(path=path))
    if path.is_dir():
        fail(NOT_A_FILE(lang).format(path=path))


def load_plan_or_fail(path: Path, lang: str):
    from kehoach.planfile import PlanError, load_plan

    try:
        return load_plan(path)
    except PlanError as exc:
        lines = [M["plan_invalid"](lang).format(path=path)]
        lines += [f"  {p.render(lang)}" for p in exc.problems]
        fail("\n".join(lines))


def month_option(text: str | None, plan, lang: str) -> int | None:
    """``--month`` as a month (1–12) of the plan year; accepts the same forms as files."""
    if text is None:
        return None
    from kehoach.numbers import MonthError, format_month, parse_month

    try:
        year, month = parse_month(text)
    except MonthError:
        fail(M["bad_month"](lang).format(value=text, year=plan.year))
    if year != plan.year:
        fail(M["month_year"](lang).format(value=format_month(year, month), year=plan.year))
    return month


def parse_day(text: str) -> date | None:
    """A day as every date option takes it: ``2020-09-28`` or, as Vietnamese offices
    write it, ``28/09/2020`` (``28/9/2020`` too); None when it is not a real day."""
    value = text.strip()
    parts = value.split("-") if "-" in value else value.split("/")[::-1]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    year, month, day = parts
    if len(year) != 4 or not (1 <= len(month) <= 2 and 1 <= len(day) <= 2):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_option(text: str | None, lang: str, year: int) -> date | None:
    """A date option (``report --date``, ``missing --as-of``); None when not given."""
    if text is None:
        return None
    day = parse_day(text)
    if day is None:
        fail(M["bad_date"](lang).format(value=text, year=year))
    return day


def unit_option(text: str | None, plan, lang: str) -> int | None:
    """``--unit`` (or a UNIT argument) as a unit index; unknown codes list the valid ones."""
    if text is None:
        return None
    idx = plan.unit_index.get(text.strip().upper())
    if idx is None:
        codes = ", ".join(u.code for u in plan.units)
        fail(M["bad_unit"](lang).format(value=text), M["units_hint"](lang).format(codes=codes))
    return idx


def require_data_dir(path: Path, lang: str) -> None:
    if not path.is_dir():
        fail(M["no_data_dir"](lang).format(path=path), M["no_data_dir_hint"](lang))


def print_json(doc: Any) -> None:
    import json  # only --json needs it: ~2 ms off every other start

    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


class Progress:
    """A rich progress bar on stderr, only when stderr is a terminal and not for JSON."""

    def __init__(self, lang: str, enabled: bool = True):
        self._bar = None
        self._task = None
        self._lang = lang
        self._enabled = enabled and sys.stderr.isatty()

    def __enter__(self):
        if self._enabled:
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(console=stderr_console(), transient=True)
            self._bar.__enter__()
        return self

    def update(self, done: int, total: int) -> None:
        if self._bar is None or total < 50:
            return
        if self._task is None:
            self._task = self._bar.add_task(M["reading"](self._lang), total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def load_data_or_fail(plan, data: Path, lang: str, *, progress: bool = True, skip=()):
    from kehoach.store import load_data

    require_data_dir(data, lang)
    with Progress(lang, progress) as bar:
        return load_data(plan, data, skip=skip, progress=bar.update)
