"""What every command shares at the edge: consoles, clean failures, loading the plan and
data, reading the ``--month`` / ``--unit`` options, JSON output and progress bars.

Command modules call these so that no command re-implements reading, and every failure a
user can cause ends in a message and an exit code (docs/contract.md §5), never a
traceback: :class:`CommandError` carries the message and the code, and
:func:`store_failures` turns what the store raises into one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from kehoach.core.i18n import Localized
from kehoach.render.safe import console
from kehoach.store.errors import StoreError

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

COMMON_MESSAGES = {
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
        "Chỉ định thư mục dữ liệu theo một trong ba cách: tệp kehoach.toml trong thư mục làm "
        "việc (kehoach init tạo sẵn), biến môi trường KEHOACH_DATA, hoặc tùy chọn --data "
        "THƯ_MỤC.",
        "Point kehoach at the data folder in one of three ways: a kehoach.toml in the "
        "working folder (kehoach init writes one), the KEHOACH_DATA environment variable, "
        "or --data FOLDER.",
    ),
    "reading": Localized("Đang đọc", "Reading"),
}


def stdout_console(width: int | None = None):
    # Users' text (paths, codes, cells) is printed, never read as markup or obeyed as a
    # terminal control: see render/safe.py.
    return console(width=width, soft_wrap=False)


def stderr_console():
    return console(stderr=True)


def install_wait_notice(lang: str) -> None:
    """A writing command that waits for the data folder's lock says so once, on stderr."""
    from kehoach.store import folder_lock

    def say(seconds: float) -> None:
        sys.stderr.write(folder_lock.WAITING(lang).format(seconds=seconds) + "\n")
        sys.stderr.flush()

    folder_lock.WAIT_NOTICE = say


OPEN_ELSEWHERE = Localized(
    "Tệp có thể đang mở trong Word hoặc Excel: đóng tệp đó rồi chạy lại lệnh, hoặc ghi ra "
    "tên khác với -o.",
    "The file may be open in Word or Excel: close it and run the command again, or write "
    "to another name with -o.",
)


def write_hint(exc: OSError, lang: str) -> str | None:
    """What to do when writing a file the user named failed: a file held open by Word or
    Excel is refused on Windows as a sharing violation (WinError 32/33) or access denied."""
    import errno

    if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (5, 32, 33):
        return OPEN_ELSEWHERE(lang)
    if exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY):
        return OPEN_ELSEWHERE(lang)
    return None


def fail(message: str, hint: str | None = None, code: int = EXIT_CANNOT_RUN) -> NoReturn:
    raise CommandError(message, hint, code)


@contextmanager
def store_failures(lang: str) -> Iterator[None]:
    """What the store raises (a busy folder, a damaged lock file, a link in the way) as the
    command's failure: its message and hint, exit 2."""
    try:
        yield
    except StoreError as err:
        fail(err.message(lang), err.hint(lang))


def print_error(err: CommandError) -> None:
    from rich.text import Text

    console = stderr_console()
    console.print(Text(err.message, style="bold red"))
    if err.hint:
        console.print(Text(err.hint, style="dim"))


def stdin_path(path: Path | None) -> Path | None:
    """``-`` as a file name is standard input (docs/contract.md §11): ``/dev/stdin`` where
    there is one (the readers copy a pipe before reading it), else standard input's bytes
    copied to a temporary file named ``stdin``, removed when the process ends."""
    if path is None or str(path) != "-":
        return path
    if os.path.exists("/dev/stdin"):
        return Path("/dev/stdin")
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kehoach-stdin-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / "stdin"
    with open(copy, "wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out)
    return copy


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


# ------------------------------------------------------------------ where things are
# docs/contract.md §11: the plan and the data folder come from kehoach.toml (found in the
# working folder or a parent), then KEHOACH_PLAN / KEHOACH_DATA, then --plan / --data; a
# later source wins. The config's values are handed to the options as the environment
# variables they stand for, set only where the environment has none, so typer's own
# precedence (flag over environment) does the rest. SOURCES remembers who set a variable,
# for the messages that say where kehoach looked.

SOURCES: dict[str, tuple] = {}  # env name → ("config", file, line) or ("flag",)
CONFIG_ERROR: list = []  # a kehoach.toml that cannot be used, said when a command runs
_CONFIG_SET: dict[str, str] = {}  # env name → the value apply_config gave it


def apply_config(cwd: Path | None = None) -> None:
    """Find ``kehoach.toml`` and make its values the options' defaults (see above)."""
    from kehoach.read.config import KEYS, ConfigError, find_config, read_config

    CONFIG_ERROR.clear()
    # What a previous run in this process set from a config is undone first (tests, and
    # anything that runs the app twice), so it is not taken for the user's environment.
    for name, value in list(_CONFIG_SET.items()):
        if os.environ.get(name) == value:
            del os.environ[name]
        del _CONFIG_SET[name]
    for name in [n for n, src in SOURCES.items() if src[0] == "config"]:
        del SOURCES[name]
    found = find_config(cwd)
    if found is None:
        return
    try:
        config = read_config(found)
    except ConfigError as err:
        CONFIG_ERROR.append(err)
        return
    try:
        here = Path.cwd()
    except OSError:
        here = None
    for key, value in config.values.items():
        env = KEYS[key]
        if key in ("plan", "data") and here is not None and Path(value).is_relative_to(here):
            # Said as the user sees it from here (data/monthly/_locks.csv), not as /home/…
            value = str(Path(value).relative_to(here)) if Path(value) != here else "."
        if not os.environ.get(env):
            os.environ[env] = value
            _CONFIG_SET[env] = value
            SOURCES[env] = ("config", config.path, config.lines[key])


def note_flag(env: str) -> None:
    """``kehoach --plan X status``: the global flag set ``env`` (cli._global_options)."""
    SOURCES[env] = ("flag",)


def raise_config_error(lang: str) -> None:
    """A broken kehoach.toml stops every command that reads plan or data (exit 2)."""
    if CONFIG_ERROR:
        err = CONFIG_ERROR[0]
        fail(err.message(lang), err.hint(lang))


WHERE = {
    "default": Localized(
        "{path} (mặc định, tính từ thư mục đang làm việc {cwd}); không có tệp kehoach.toml "
        "trong thư mục đó hay các thư mục cha.",
        "{path} (the default, in the working folder {cwd}); there is no kehoach.toml in "
        "it or its parents.",
    ),
    "config": Localized("{path} (theo {file}, dòng {line}).", "{path} (from {file}, line {line})."),
    "env": Localized(
        "{path} (theo biến môi trường {env}).", "{path} (from the environment variable {env})."
    ),
    "flag": Localized("{path} (theo tùy chọn {flag}).", "{path} (from the {flag} option)."),
}
NO_PLAN = Localized("Không tìm thấy tệp kế hoạch.", "The plan file was not found.")
LOOKED = Localized("Đã tìm: {where}", "Looked for: {where}")
THREE_WAYS = Localized(
    "Chỉ định tệp kế hoạch theo một trong ba cách: tệp kehoach.toml trong thư mục làm việc "
    "(kehoach init tạo sẵn), biến môi trường KEHOACH_PLAN, hoặc tùy chọn --plan TỆP.",
    "Point kehoach at a plan in one of three ways: a kehoach.toml in the working folder "
    "(kehoach init writes one), the KEHOACH_PLAN environment variable, or --plan FILE.",
)
NAMED_IN_CONFIG = Localized(
    "Tệp kế hoạch này do {file}, dòng {line} chỉ định.",
    "This plan file is named in {file}, line {line}.",
)


def path_source(env: str, path: Path, default: Path) -> tuple:
    """Where ``path`` came from: ("config", file, line), ("env",), ("flag",), ("default",)."""
    given = os.environ.get(env)
    if given and Path(given) == path:
        return SOURCES.get(env, ("env",))
    if path == default:
        return ("default",)
    return ("flag",)


def where_text(env: str, flag: str, path: Path, default: Path, lang: str) -> str:
    source = path_source(env, path, default)
    words = WHERE[source[0]](lang)
    if source[0] == "config":
        return words.format(path=path, file=source[1], line=source[2])
    if source[0] == "default":
        try:
            cwd = os.getcwd()
        except OSError:
            cwd = "."
        return words.format(path=path, cwd=cwd)
    return words.format(path=path, env=env, flag=flag)


DEFAULT_PLAN_PATH = Path("plan2020.yaml")
DEFAULT_DATA_PATH = Path("data/monthly")


def load_plan_or_fail(path: Path, lang: str):
    # Imported here: pydantic and the plan's models are the bulk of start-up, and a
    # command that ends before it needs the plan (--help, a cached status) never pays.
    from kehoach.read.planfile import PlanError, load_plan, plan_problem_text

    raise_config_error(lang)
    try:
        return load_plan(path)
    except PlanError as exc:
        if [p.code for p in exc.problems] == ["plan-not-found"]:
            where = where_text("KEHOACH_PLAN", "--plan", path, DEFAULT_PLAN_PATH, lang)
            fail(NO_PLAN(lang) + "\n" + LOOKED(lang).format(where=where), THREE_WAYS(lang))
        lines = [COMMON_MESSAGES["plan_invalid"](lang).format(path=path)]
        lines += [f"  {plan_problem_text(p, lang)}" for p in exc.problems]
        source = path_source("KEHOACH_PLAN", path, DEFAULT_PLAN_PATH)
        if source[0] == "config":
            lines.append(NAMED_IN_CONFIG(lang).format(file=source[1], line=source[2]))
        fail("\n".join(lines))


def month_option(text: str | None, plan, lang: str) -> int | None:
    """``--month`` as a month (1–12) of the plan year; accepts the same forms as files."""
    # Deferred: a status replayed from the output cache never parses a month.
    from kehoach.core.numbers import MonthError, format_month, parse_month

    if text is None:
        return None
    try:
        year, month = parse_month(text)
    except MonthError:
        fail(COMMON_MESSAGES["bad_month"](lang).format(value=text, year=plan.year))
    if year != plan.year:
        fail(
            COMMON_MESSAGES["month_year"](lang).format(
                value=format_month(year, month), year=plan.year
            )
        )
    return month


def date_option(text: str | None, lang: str, year: int) -> date | None:
    """A date option (``report --date``, ``missing --as-of``); None when not given."""
    from kehoach.core.numbers import parse_day

    if text is None:
        return None
    day = parse_day(text)
    if day is None:
        fail(COMMON_MESSAGES["bad_date"](lang).format(value=text, year=year))
    return day


def unit_option(text: str | None, plan, lang: str) -> int | None:
    """``--unit`` (or a UNIT argument) as a unit index; unknown codes list the valid ones."""
    if text is None:
        return None
    idx = plan.unit_index.get(text.strip().upper())
    if idx is None:
        codes = ", ".join(u.code for u in plan.units)
        fail(
            COMMON_MESSAGES["bad_unit"](lang).format(value=text),
            COMMON_MESSAGES["units_hint"](lang).format(codes=codes),
        )
    return idx


def require_data_dir(path: Path, lang: str) -> None:
    raise_config_error(lang)
    if not path.is_dir():
        where = where_text("KEHOACH_DATA", "--data", path, DEFAULT_DATA_PATH, lang)
        fail(
            COMMON_MESSAGES["no_data_dir"](lang).format(path=path)
            + "\n"
            + LOOKED(lang).format(where=where),
            COMMON_MESSAGES["no_data_dir_hint"](lang),
        )


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
            self._task = self._bar.add_task(COMMON_MESSAGES["reading"](self._lang), total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def load_data_or_fail(plan, data: Path, lang: str, *, progress: bool = True, skip=()):
    from kehoach.read.datafolder import load_data

    require_data_dir(data, lang)
    with Progress(lang, progress) as bar:
        return load_data(plan, data, skip=skip, progress=bar.update)


BAD_GROUP = Localized("Không có nhóm chỉ tiêu “{value}”.", "There is no group “{value}”.")
GROUPS_HINT = Localized("Các nhóm: {codes}", "Groups: {codes}")


def group_option(text: str | None, plan, lang: str) -> str | None:
    if text is None:
        return None
    code = text.strip().upper()
    if code not in plan.group_by_code:
        codes = ", ".join(g.code for g in plan.groups)
        fail(BAD_GROUP(lang).format(value=text), GROUPS_HINT(lang).format(codes=codes))
    return code


UNKNOWN = Localized(
    "Không có chỉ tiêu “{value}” trong kế hoạch.", "There is no indicator “{value}” in the plan."
)
NEAREST = Localized("Mã gần nhất: {codes}.", "Nearest codes: {codes}.")
ALL_CODES = Localized("Các mã chỉ tiêu: {codes}.", "Indicator codes: {codes}.")


def indicator_option(text: str, plan, lang: str) -> int:
    """CODE as an indicator index; an unknown one names the nearest codes (exit 2)."""
    from kehoach.core.trajectory import find_indicator, nearest_codes

    index = find_indicator(plan, text)
    if index is None:
        near = nearest_codes(plan, text)
        if near:
            hint = NEAREST(lang).format(codes=", ".join(near))
        else:
            hint = ALL_CODES(lang).format(codes=", ".join(i.code for i in plan.indicators))
        fail(UNKNOWN(lang).format(value=text), hint)
    return index
