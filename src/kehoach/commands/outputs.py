"""The output guard at the command edge: every writer of a file the user names calls
:func:`guard_output` before it reads the data or writes anything (store.outputs)."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import store_failures
from kehoach.store.outputs import check_output


def guard_output(path: Path, data: Path | None, lang: str) -> None:
    """Refuse (exit 2, with the reason) an output that is not a regular file or a new
    path, a link, or inside the data folder ``data`` (docs/contract.md §13)."""
    with store_failures(lang):
        check_output(path, data)
