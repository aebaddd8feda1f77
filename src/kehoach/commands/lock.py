"""``kehoach lock YYYY-MM`` / ``kehoach unlock YYYY-MM --reason``: close a month once its
report is issued, reopen it with a reason (the command edge; the lock file is
:mod:`kehoach.store.month_locks`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kehoach.commands.common import (
    EXIT_OK,
    fail,
    load_plan_or_fail,
    month_option,
    require_data_dir,
    stderr_console,
    stdout_console,
    store_failures,
)
from kehoach.core.numbers import format_month
from kehoach.core.records import shown_time
from kehoach.store.month_locks import (
    LOCK_MESSAGES,
    current_user,
    locks_path,
    month_param,
    one_line,
    set_month_lock,
)
from kehoach.store.snapshots import SNAPSHOT_MESSAGES, lock_snapshot


def run_lock(
    month: str,
    note: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    *,
    unlock: bool = False,
    now: datetime | None = None,
) -> int:
    """``kehoach lock MONTH [--note]`` and ``kehoach unlock MONTH --reason``."""
    from rich.text import Text

    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    month_text = format_month(plan.year, month_num)
    text = one_line(note or "")
    if unlock and not text:
        fail(LOCK_MESSAGES["empty_reason"](lang).format(option="reason"))
    require_data_dir(data, lang)
    console = stdout_console()
    label = month_param(month_text)(lang)
    try:
        with store_failures(lang):
            change = set_month_lock(
                data,
                month_text,
                unlock=unlock,
                note=text,
                now=now or datetime.now(UTC),
                user=current_user(),
                # taken under the data folder's lock, one transaction with the line
                snapshot=lambda: lock_snapshot(plan, data, month_num, now),
            )
    except OSError as exc:
        fail(
            LOCK_MESSAGES["write_failed"](lang).format(
                path=locks_path(data), error=exc.strerror or exc
            )
        )
    if change.entry is None and change.snapshot is not None:
        said = SNAPSHOT_MESSAGES["recorded_lock"](lang).format(path=change.snapshot)
        stderr_console().print(Text(said, style="dim"), soft_wrap=True)
    if change.entry is None:
        current = change.current
        if unlock:
            said = LOCK_MESSAGES["not_locked"](lang).format(month=label)
        else:
            assert current is not None
            said = LOCK_MESSAGES["already_locked"](lang).format(
                month=label, time=shown_time(current.time)(lang), user=current.user
            )
        console.print(Text(said), soft_wrap=True)
        return EXIT_OK
    done = LOCK_MESSAGES["unlocked" if unlock else "locked"](lang).format(
        month=label[0].lower() + label[1:] if lang == "vi" else label, path=locks_path(data)
    )
    console.print(Text(done, style="bold green"), soft_wrap=True)
    if change.snapshot is not None:
        # The figures of the closing month, for "changed since the report" (store.snapshots).
        said = SNAPSHOT_MESSAGES["recorded_lock"](lang).format(path=change.snapshot)
        stderr_console().print(Text(said, style="dim"), soft_wrap=True)
    return EXIT_OK
