"""``kehoach check-store``: is the data folder what its log says it is? (the command edge;
the checks are :mod:`kehoach.store.check`)."""

from __future__ import annotations

from contextlib import ExitStack, suppress
from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    print_json,
    require_data_dir,
    stdout_console,
    store_failures,
)
from kehoach.core.layout import HISTORY_DIR
from kehoach.store.check import STORE_TEXT, check_store
from kehoach.store.folder_lock import DataLock

SHOWN_PER_CODE = 20  # problems of one code printed in full; --json has them all


def _stream_json(doc) -> None:
    """print_json's very bytes, written as they are made."""
    import json
    import sys

    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc):
        sys.stdout.write(chunk)
    sys.stdout.write("\n")


def run_check_store(data: Path, lang: str, json_out: bool) -> int:
    from rich.text import Text

    require_data_dir(data, lang)
    with store_failures(lang), ExitStack() as stack:
        # A read-only copy of the data folder cannot be locked, nor written into.
        with suppress(OSError):
            stack.enter_context(DataLock(data))
        report = check_store(data)
    if json_out:
        if len(report.problems) > SHOWN_PER_CODE:
            _stream_json(report.to_dict(lang))  # 100,000 problems: not one 54 MB string
        else:
            print_json(report.to_dict(lang))
        return EXIT_OK if report.ok else EXIT_ERRORS
    console = stdout_console()
    shown: dict[str, int] = {}
    for problem in report.problems:
        # A folder of 100,000 copied files is one problem 100,000 times: the first few of
        # each kind are shown, the rest counted (took 56 s to print, now under a second).
        shown[problem.code] = shown.get(problem.code, 0) + 1
        if shown[problem.code] > SHOWN_PER_CODE:
            continue
        console.print(Text("✘ " + problem.message(lang), style="bold red"), soft_wrap=True)
        console.print(Text("  " + problem.hint(lang), style="dim"), soft_wrap=True)
    for code, n in shown.items():
        if n > SHOWN_PER_CODE:
            more = STORE_TEXT["more"](lang).format(n=n - SHOWN_PER_CODE, code=code)
            console.print(Text(more, style="bold red"), soft_wrap=True)
    if report.problems:
        said = STORE_TEXT["problems"](lang).format(n=len(report.problems), root=data)
        console.print(Text(said, style="bold red"), soft_wrap=True)
        return EXIT_ERRORS
    said = STORE_TEXT["ok"](lang).format(
        root=data,
        files=report.files,
        verified=report.verified,
        history=report.history,
        history_dir=HISTORY_DIR,
        lines=report.log_lines,
    )
    console.print(Text(said, style="bold green"), soft_wrap=True)
    if report.unverified:
        note = STORE_TEXT["unverified"](lang).format(
            n=len(report.unverified), files=", ".join(report.unverified)
        )
        console.print(Text(note, style="yellow"), soft_wrap=True)
    return EXIT_OK
