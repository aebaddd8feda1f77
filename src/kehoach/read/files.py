"""Reading one submission file, whatever its format: the one entry (``read_file``).

It opens the file (a pipe is copied to a temporary file first, so it can be read like any
other), looks at its first bytes, and hands a workbook (a ZIP or OLE file, whatever its
name) to :mod:`kehoach.read.xlsx` and anything else to :mod:`kehoach.read.csv`; both feed
the same row loop (:mod:`kehoach.read.rows`), so every check, message and issue code is
shared.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

from kehoach.core.dataset import Dataset
from kehoach.core.issues import Issue
from kehoach.read.checks import CheckContext
from kehoach.read.csv import SNIFF_BYTES, read_csv
from kehoach.read.rows import CHUNK_ROWS, FileResult
from kehoach.read.xlsx import read_workbook

# What _sniff_bytes says of a ZIP or OLE file: read_workbook decides what it is.
WORKBOOK = "workbook"


def _spool(pipe) -> Any:
    """A pipe's bytes in a temporary file, positioned at its start."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed by the caller
    try:
        shutil.copyfileobj(pipe, spool, 1 << 20)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool


def _sniff_bytes(head: bytes, whole: bool = False) -> tuple[str, dict] | None:
    """What the file's first bytes make it, when not a CSV file to read; ``whole`` says
    the head is the whole file, which the caller decodes (and so checks) itself."""
    if not head:
        return "empty-file", {}
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return WORKBOOK, {}  # a ZIP (.xlsx, .ods) or an OLE file (.xls, encrypted .xlsx)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "not-a-csv", {"kind": "UTF-16, Unicode Text"}
    if b"\x00" in head:
        return "not-a-csv", {"kind": "binary"}
    if whole:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(head, final=False)  # a character may go on past the head
    except UnicodeDecodeError:
        return "not-utf8", {}
    return None


def read_file(
    path: str | Path,
    ctx: CheckContext,
    dataset: Dataset | None = None,
    *,
    label: str | None = None,
    fast: bool = True,
    collect: list | None = None,
    chunk_rows: int = CHUNK_ROWS,
    model_rows: int = 0,
    digest: bool = False,
) -> FileResult:
    """Read and check one submission file.

    Accepted values go into ``dataset`` (a new one if None), which is how values of many
    files meet: a key seen before in the same file is a duplicate row, in another file a
    conflict (different value) or a repeat (same value). With ``collect``, every row
    without an error is appended to it as ``(unit, indicator, month, value or None, note)``
    (``submit`` writes them back in canonical form). A file of at most ``model_rows``
    data rows goes row by row through the SubmissionRow model, with ``fast`` or not.
    With ``digest``, ``result.sha256`` is the SHA-256 of the very bytes read (``submit``
    logs it); ``validate`` and ``status`` have no use for it and skip its cost.
    """
    label = label or str(path)
    if dataset is None:
        dataset = Dataset(len(ctx.plan.indicators))
    result = FileResult(label, values=dataset)
    result.file_index = dataset.add_file(label)
    options = {"fast": fast, "collect": collect, "chunk_rows": chunk_rows}
    try:
        with contextlib.ExitStack() as files:
            raw = files.enter_context(open(path, "rb"))
            if not stat.S_ISREG(os.fstat(raw.fileno()).st_mode):
                # A pipe (`validate <(cat f.csv)`, /dev/stdin) can be read only once: it is
                # copied to a temporary file first, then read like any file.
                raw = files.enter_context(_spool(raw))
            head = raw.read(SNIFF_BYTES)
            problem = _sniff_bytes(head, len(head) < SNIFF_BYTES)
            if problem and problem[0] == WORKBOOK:
                # The open file (or a pipe's copy), hashed if asked and read as a workbook.
                if digest:
                    raw.seek(0)
                    hashed = hashlib.sha256()
                    while block := raw.read(1 << 20):
                        hashed.update(block)
                    result.sha256 = hashed.hexdigest()
                raw.seek(0)
                read_workbook(raw, ctx, result, fast, collect, chunk_rows, model_rows)
                return result
            if problem:
                result.issues.append(Issue(problem[0], label, None, None, problem[1]))
                return result
            read_csv(raw, head, ctx, result, files, model_rows=model_rows, digest=digest, **options)
    except IsADirectoryError:
        result.issues.append(Issue("not-a-csv", label, None, None, {"kind": "folder"}))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        result.issues.append(Issue("cannot-read", label, None, None, {"reason": reason}))
    return result
