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
from pathlib import Path

from kehoach.core.dataset import Dataset
from kehoach.core.issues import Issue
from kehoach.core.limits import MAX_SUBMISSION_BYTES, MIB
from kehoach.read.bounded import NotRegular, TooLarge, open_bounded
from kehoach.read.checks import CheckContext
from kehoach.read.csv import SNIFF_BYTES, read_csv
from kehoach.read.rows import CHUNK_ROWS, FileResult
from kehoach.read.xlsx import read_workbook


def _mib(n: int) -> str:
    return f"{n / MIB:.1f} MiB"


# What _sniff_bytes says of a ZIP or OLE file: read_workbook decides what it is.
WORKBOOK = "workbook"


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
            # A pipe (`validate <(cat f.csv)`, /dev/stdin) can be read only once: it is
            # copied to a temporary file first (up to the size limit), then read like any
            # file; a device is never opened, a file past the limit never read.
            raw = files.enter_context(open_bounded(path, MAX_SUBMISSION_BYTES))
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
    except TooLarge as exc:
        params = {"limit": _mib(exc.limit), "size": _mib(exc.size) if exc.size else "?"}
        result.issues.append(Issue("file-too-large", label, None, None, params))
    except NotRegular as exc:
        result.issues.append(Issue("not-a-regular-file", label, None, None, {"kind": exc.kind}))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        result.issues.append(Issue("cannot-read", label, None, None, {"reason": reason}))
    return result
