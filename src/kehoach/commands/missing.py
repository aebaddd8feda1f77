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
    fail,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)
from kehoach.core.attainment import default_month
from kehoach.core.i18n import Localized
from kehoach.core.missing import compute_missing, compute_owed
from kehoach.render.issues import print_data_issues
from kehoach.render.missing import render_missing, render_owed
from kehoach.store.log import read_log

LETTER_MESSAGES = {
    "needs_output": Localized(
        "--letter ghi công văn ra tệp Word: thêm -o TỆP.docx.",
        "--letter writes the letter as a Word file: add -o FILE.docx.",
    ),
    "not_docx": Localized(
        "Công văn là tệp Word: tên tệp phải kết thúc bằng .docx ({path}).",
        "The letter is a Word file: the name must end in .docx ({path}).",
    ),
    "output_without_letter": Localized(
        "-o chỉ dùng với --letter (ghi công văn đôn đốc).",
        "-o goes with --letter (the reminder letter).",
    ),
    "to_all_without_letter": Localized(
        "--to-all chỉ dùng với --letter.", "--to-all goes with --letter."
    ),
    "no_folder": Localized(
        "Không ghi được {path}: thư mục {folder} không tồn tại.",
        "Cannot write {path}: folder {folder} does not exist.",
    ),
    "cannot_write": Localized("Không ghi được {path}: {reason}", "Cannot write {path}: {reason}"),
    "written": Localized(
        "Đã ghi {n} công văn đôn đốc vào {path}.", "Wrote {n} reminder letter(s) to {path}."
    ),
    "nobody": Localized(
        "Không đơn vị nào còn nợ số liệu: không có công văn nào để ghi.",
        "No unit owes any figure: there is no letter to write.",
    ),
}


def check_letter_options(letter: bool, output: Path | None, to_all: bool, data: Path, lang):
    """The letter's options, before any data is read (usage errors, exit 2)."""
    if not letter:
        if output is not None:
            fail(LETTER_MESSAGES["output_without_letter"](lang))
        if to_all:
            fail(LETTER_MESSAGES["to_all_without_letter"](lang))
        return
    if output is None:
        fail(LETTER_MESSAGES["needs_output"](lang))
    from kehoach.commands.outputs import guard_output

    # a regular file or a new name outside the data folder: no device, FIFO or link (§13)
    guard_output(output, data, lang)
    if output.suffix.lower() != ".docx" or output.is_dir():
        fail(LETTER_MESSAGES["not_docx"](lang).format(path=output))
    if not output.parent.is_dir():
        fail(LETTER_MESSAGES["no_folder"](lang).format(path=output, folder=output.parent))


def write_letter(plan, owed, lang: str, day: date, output: Path, to_all: bool) -> None:
    """The reminder letters to the units of ``owed`` into ``output`` (said on stderr)."""
    import sys

    from kehoach.core.safetext import visible
    from kehoach.render.letter import build_letters, render_letters
    from kehoach.store.atomic import write_keeping_old

    if not owed.units:
        sys.stderr.write(LETTER_MESSAGES["nobody"](lang) + "\n")
        return
    letters = build_letters(plan, owed, lang, day, one=to_all)
    try:
        kept = write_keeping_old(output, render_letters(letters))
    except OSError as exc:
        fail(LETTER_MESSAGES["cannot_write"](lang).format(path=output, reason=exc.strerror or exc))
    said = LETTER_MESSAGES["written"](lang).format(n=len(letters.letters), path=output)
    sys.stderr.write(visible(said) + "\n")
    if kept is not None:
        from kehoach.commands.common import KEPT_OLD

        sys.stderr.write(visible(KEPT_OLD(lang).format(path=kept)) + "\n")


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
    letter: bool = False,
    output: Path | None = None,
    to_all: bool = False,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    as_of_day = parse_as_of(as_of, lang, plan.year)
    check_letter_options(letter, output, to_all, data, lang)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    defaulted = month_num is None
    if month_num is None:
        month_num, _ = default_month(plan, load.dataset)
    if all_months:
        code = _run_owed(plan, load, month_num, as_of_day, defaulted, lang, json_out)
        if letter:
            owed = compute_owed(plan, load.dataset, month_num, as_of_day)
            write_letter(plan, owed, lang, as_of_day, output, to_all)
        return code
    result = compute_missing(
        plan, load.dataset, month_num, read_log(data), as_of_day, month_defaulted=defaulted
    )
    if letter:
        # The units late for the month, each letter listing everything it still owes.
        late = {u.code for u in result.units if u.missing}
        owed = compute_owed(plan, load.dataset, month_num, as_of_day)
        owed.units = [u for u in owed.units if u.code in late]
        write_letter(plan, owed, lang, as_of_day, output, to_all)
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
