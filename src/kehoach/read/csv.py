"""Reading a CSV file: bytes → text → rows of cells for the one row loop (:mod:`kehoach.read.rows`).

It copes with what Excel on a Vietnamese office machine writes (BOM, ``;`` or ``,``, CRLF,
header names with or without diacritics, title rows above the header) and refuses what it
cannot read honestly (not UTF-8, a binary file): the whole file is checked, not its first
bytes.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gc
import hashlib
import io
import re
from collections.abc import Iterator
from typing import Any

from kehoach.core.issues import Issue
from kehoach.read.checks import CheckContext
from kehoach.read.rows import (
    CHUNK_ROWS,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    INFORMATIONAL,
    FileResult,
    normalise_header,
    read_rows,
)

# How much of a file is looked at first: most submissions are shorter, and are then
# decoded once, from memory.
SNIFF_BYTES = 64 * 1024


def _has_nul(raw) -> bool:
    """Whether the open file holds a NUL byte anywhere (read in blocks, from its start)."""
    raw.seek(0)
    while block := raw.read(1 << 20):
        if b"\x00" in block:
            return True
    return False


class _BinaryInput(Exception):
    """A NUL byte past the sniffed head: the file is binary, whatever its start said."""


class _Guard(io.RawIOBase):
    """The file's bytes for the text decoder, each block checked for NUL on its way and,
    on the first pass, added to the file's digest. Never closes the file under it."""

    def __init__(self, inner, result: FileResult | None) -> None:
        super().__init__()
        self._inner = inner
        self._hash = hashlib.sha256() if result is not None else None
        self._result = result

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read1(len(buffer))
        if b"\x00" in data:
            raise _BinaryInput
        n = len(data)
        buffer[:n] = data
        if self._hash is not None:
            if n:
                self._hash.update(data)
            else:  # the end of the file: the digest is whole
                self._result.sha256 = self._hash.hexdigest()
                self._hash = None
        return n


def _sniff_delimiter(head: bytes) -> str:
    """The delimiter that makes the most of the header row's names known; `,` on a tie."""
    # Lines, whatever ends them (LF, CRLF, or a lone CR from Excel for Mac): the header
    # is the first with two known names (title rows may stand above it), else line 1.
    first = _FIRST_LINE.match(head).group()  # always matches (maybe empty)
    delim, known = _delimiter_of(first)
    if known >= 2:
        return delim  # the usual case: the header is line 1
    lines = re.split(rb"\r\n|\r|\n", head, maxsplit=HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    for line in lines[1:]:
        delim, known = _delimiter_of(line)
        if known >= 2:
            return delim
    return delim  # line 1's best, as when it is the header


_FIRST_LINE = re.compile(rb"[^\r\n]*")


@functools.lru_cache(maxsize=256)  # a data folder's files share a handful of header lines
def _delimiter_of(first_line: bytes) -> tuple[str, int]:
    first = first_line.decode("utf-8", "ignore").lstrip("\ufeff")
    best, best_score = ",", (-1, -1)
    for delim in (",", ";", "\t"):
        cells = next(csv.reader([first], delimiter=delim), [])
        names = [normalise_header(c) for c in cells]
        known = sum(1 for n in names if n in HEADER_ALIASES or n in INFORMATIONAL)
        score = (known, len(cells))
        if score > best_score:
            best, best_score = delim, score
    return best, best_score[0]


def read_csv(
    raw,
    head: bytes,
    ctx: CheckContext,
    result: FileResult,
    files: contextlib.ExitStack,
    *,
    fast: bool = True,
    collect: list | None = None,
    chunk_rows: int = CHUNK_ROWS,
    model_rows: int = 0,
    digest: bool = False,
) -> None:
    """Read the open file ``raw`` (positioned past ``head``, its first bytes) as CSV into
    ``result``: every row through the row loop, every problem an issue. The caller has
    looked at the head already (:func:`kehoach.read.files.read_file`): it is UTF-8 so
    far, and when it is the whole file, it is decoded here, once."""
    label = result.path
    in_head = len(head) < SNIFF_BYTES  # the whole file: most submissions
    whole = None
    if in_head:
        # The whole file is in the head: most submissions, and every file of a data
        # folder, are decoded once, from memory (strict: this is the check).
        try:
            whole = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.issues.append(Issue("not-utf8", label))
            return
    delimiter = _sniff_delimiter(head)
    if whole is not None and digest:
        result.sha256 = hashlib.sha256(head).hexdigest()
    elif whole is None and not digest and _has_nul(raw):
        # Past the head, a NUL anywhere makes the file binary, whatever its start
        # said (csv would take it as a character of a cell).
        result.issues.append(Issue("not-a-csv", label, None, None, {"kind": "binary"}))
        return

    def open_rows() -> Iterator[list[str]]:
        """A csv reader from the file's first byte (again, after a misplaced quote:
        see read_rows). Strict: a quote mark out of place is an error, never a
        cell that silently swallows the rows after it."""
        if whole is not None:
            text: Any = io.StringIO(whole, newline="")
        elif digest:
            # One pass over the bytes, so that the digest is of the very bytes
            # read: each block is checked for NUL on its way (bytes that are not
            # UTF-8 fail the strict decoder) and, the first time, hashed.
            raw.seek(0)
            first = result.sha256 is None
            guard = _Guard(raw, result if first else None)
            buffered = io.BufferedReader(guard, 1 << 16)
            text = io.TextIOWrapper(buffered, "utf-8-sig", errors="strict", newline="")
        else:
            # NUL was looked for above. A reader of its own over the same file
            # (closing it leaves the file open): TextIOWrapper over the plain
            # file object is ~15 % faster a line than over a Python-level filter,
            # whose `closed` it would ask on every line.
            source = files.enter_context(open(raw.fileno(), "rb", closefd=False))  # noqa: SIM115
            source.seek(0)
            text = io.TextIOWrapper(source, "utf-8-sig", errors="strict", newline="")
        return csv.reader(text, delimiter=delimiter, strict=True)

    try:
        # The row loop makes no reference cycles, only a million short-lived lists:
        # the cycle collector would keep walking the whole heap (the plan, the
        # values) for nothing, so it waits until the file is read.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            read_rows(open_rows, ctx, result, fast, collect, chunk_rows, model_rows)
        finally:
            if gc_was_on:
                gc.enable()
    except UnicodeDecodeError:
        result.issues.append(Issue("not-utf8", label))
    except _BinaryInput:
        result.issues.append(Issue("not-a-csv", label, None, None, {"kind": "binary"}))
    except csv.Error as exc:
        result.issues.append(Issue("not-a-csv", label, None, None, {"kind": f"CSV: {exc}"}))
