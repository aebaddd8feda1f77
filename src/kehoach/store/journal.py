"""The intent record that makes a change to the data folder one transaction.

A change that writes more than one file of the data folder — a submit (the workbook as
sent, the replaced version kept in ``_history``, the stored CSV, its log line, its
revisions) or a lock (the line in ``_locks.csv`` and the month's snapshot) — first writes
``DATA/_journal.json``: every step it is about to take, with the bytes each step writes.
Only then are the steps taken, in order; the journal is removed when the last one is done.

A crash at any point therefore leaves either no journal (nothing was started, or every
step is done) or a journal naming what was meant. The next command that takes the data
folder's lock (``submit``, ``lock``, ``unlock``) first finishes it (:func:`recover`): each
step is redone only where its result is not already there, so redoing a step that was
done, or half done, gives the same files. ``check-store`` names an unfinished journal
(``unfinished-change``) instead of the damage it explains.

Steps (paths are relative to the data folder):

- ``copy``: keep ``src`` at ``dest`` (the replaced version); redone when ``dest`` does not
  hold the bytes with SHA-256 ``sha``, from ``src`` while ``src`` still holds them;
- ``write``: ``path`` holds ``data`` (atomic rename); redone when its SHA-256 differs;
- ``append``: the file at ``path`` is its first ``offset`` bytes followed by ``data``; redone
  by cutting whatever a crash left after ``offset`` and writing ``data`` again.

The journal's own name starts with ``_``, so the readers never take it for a submission,
and it is written with :func:`kehoach.store.atomic.write_atomic`: whole or absent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized
from kehoach.core.layout import HISTORY_DIR, MONTH_DIR, ORIGINALS_DIR, REPORTS_DIR
from kehoach.store.atomic import fsync_dir, keep_copy, write_atomic
from kehoach.store.errors import StoreError

JOURNAL_NAME = "_journal.json"
VERSION = 1

DAMAGED = Localized(
    "Tệp nhật ký giao dịch {path} bị hỏng ({error}): một thay đổi trước đã bị ngắt và "
    "không biết nó định ghi gì. Không thay đổi gì.",
    "The transaction journal {path} is damaged ({error}): an earlier change was cut off "
    "and what it meant to write cannot be told. Nothing was changed.",
)
DAMAGED_HINT = Localized(
    "Chạy kehoach check-store để xem tình trạng thư mục dữ liệu, chép {path} ra chỗ khác "
    "rồi xóa nó và chạy lại.",
    "Run kehoach check-store to see the state of the data folder, copy {path} aside, "
    "then delete it and run again.",
)


LINK = Localized(
    "{path} là liên kết tượng trưng (symlink); kehoach không ghi qua liên kết trong thư "
    "mục dữ liệu. Không thay đổi gì.",
    "{path} is a symbolic link; kehoach does not write through links inside the data "
    "folder. Nothing was changed.",
)
LINK_HINT = Localized(
    "Thay liên kết bằng tệp hoặc thư mục thật rồi chạy lại.",
    "Replace the link with a real file or folder and run again.",
)


class LinkInTheWay(StoreError):
    """A symbolic link where a trail file or folder would be written."""

    def __init__(self, path: Path):
        super().__init__(LINK, LINK_HINT, path=path)


def symlink_in_way(root: Path, target: Path) -> Path | None:
    """The first symbolic link between ``root`` and ``target`` (both included below
    ``root``), or None; a path outside ``root`` is itself in the way."""
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return target
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def refuse_links(root: Path, paths: list[Path]) -> None:
    """Raise :class:`LinkInTheWay` for the first path reached through a link."""
    for path in paths:
        link = symlink_in_way(root, path)
        if link is not None:
            raise LinkInTheWay(link)


class JournalDamaged(StoreError):
    """``_journal.json`` cannot be read: the interrupted change cannot be finished."""

    def __init__(self, path: Path, error: str):
        super().__init__(DAMAGED, DAMAGED_HINT, path=path, error=error)


# A test hook: called with a step's name before and after each write of a transaction,
# so that a crash can be injected at every point (tests/test_i26_journal.py).
crash_point: Callable[[str], None] = lambda name: None  # noqa: E731


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha_of(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            digest = hashlib.sha256()
            for chunk in iter(lambda: f.read(1 << 16), b""):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None


@dataclass
class Transaction:
    """The steps of one change, built before anything is written."""

    kind: str  # "submit", "lock", "unlock"
    about: dict[str, Any] = field(default_factory=dict)  # what to name (unit, month, file)
    steps: list[dict[str, Any]] = field(default_factory=list)

    def copy(self, root: Path, src: Path, dest: Path) -> None:
        data = src.read_bytes()
        self.steps.append(
            {"op": "copy", "src": _rel(root, src), "dest": _rel(root, dest), "sha": _sha(data)}
        )

    def write(self, root: Path, path: Path, data: bytes) -> None:
        self.steps.append(
            {"op": "write", "path": _rel(root, path), "sha": _sha(data), "data": _b64(data)}
        )

    def append(self, root: Path, path: Path, offset: int, data: bytes) -> None:
        self.steps.append(
            {"op": "append", "path": _rel(root, path), "offset": offset, "data": _b64(data)}
        )

    def paths(self) -> list[str]:
        out = []
        for step in self.steps:
            out.append(step.get("dest") or step["path"])
        return out

    def to_json(self) -> bytes:
        doc = {"version": VERSION, "kind": self.kind, "about": self.about, "steps": self.steps}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def journal_path(root: Path) -> Path:
    return root / JOURNAL_NAME


def run(root: Path, tx: Transaction) -> None:
    """Record ``tx``, take its steps, then forget it. Called under the data folder's lock."""
    path = journal_path(root)
    refuse_links(root, [path] + [root / p for p in tx.paths()])
    crash_point("journal")
    write_atomic(path, tx.to_json())
    crash_point("journal-written")
    _apply(root, tx)
    _forget(path)


def _forget(path: Path) -> None:
    crash_point("done")
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def read_journal(root: Path) -> Transaction | None:
    """The unfinished transaction, None when there is none; JournalDamaged when it cannot
    be read."""
    path = journal_path(root)
    if path.is_symlink():
        raise JournalDamaged(path, "symbolic link")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalDamaged(path, exc.strerror or str(exc)) from None
    try:
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("version") != VERSION:
            raise ValueError(f"version {doc.get('version')!r}")
        tx = Transaction(str(doc["kind"]), dict(doc.get("about") or {}), list(doc["steps"]))
        for step in tx.steps:
            _check_step(step)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise JournalDamaged(path, str(exc) or type(exc).__name__) from None
    return tx


def _check_step(step: dict[str, Any]) -> None:
    op = step["op"]
    names = [step["dest"], step["src"]] if op == "copy" else [step["path"]]
    for name in names:
        parts = Path(name).parts
        if not parts or Path(name).is_absolute() or ".." in parts:
            raise ValueError(f"path {name!r}")
    if op == "copy":
        str(step["sha"])
    elif op == "write":
        base64.b64decode(step["data"], validate=True)
    elif op == "append":
        if int(step["offset"]) < 0:
            raise ValueError("offset")
        base64.b64decode(step["data"], validate=True)
    else:
        raise ValueError(f"op {op!r}")


def recover(root: Path) -> Transaction | None:
    """Finish the transaction a crash left, if any; returns it (None when there was none).

    Called under the data folder's lock before a command changes anything. Raises
    :class:`JournalDamaged` when the journal cannot be read, OSError when a step cannot
    be written (the journal stays, for the next try).
    """
    tx = read_journal(root)
    if tx is None:
        return None
    refuse_links(root, [root / p for p in tx.paths()])
    _apply(root, tx)
    _forget(journal_path(root))
    return tx


def _apply(root: Path, tx: Transaction) -> None:
    for n, step in enumerate(tx.steps):
        crash_point(f"step-{n}-{step['op']}")
        _redo(root, step)
        crash_point(f"step-{n}-{step['op']}-done")


def _redo(root: Path, step: dict[str, Any]) -> None:
    op = step["op"]
    if op == "copy":
        src, dest = root / step["src"], root / step["dest"]
        if _sha_of(dest) == step["sha"]:
            return
        if _sha_of(src) != step["sha"]:
            return  # the version to keep is gone; check-store reports the missing copy
        dest.unlink(missing_ok=True)  # a copy cut short (no hard links)
        keep_copy(src, dest)
    elif op == "write":
        path = root / step["path"]
        if _sha_of(path) == step["sha"]:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, base64.b64decode(step["data"]))
    elif op == "append":
        _redo_append(root / step["path"], int(step["offset"]), base64.b64decode(step["data"]))


def _redo_append(path: Path, offset: int, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size >= offset:
            os.lseek(fd, offset, os.SEEK_SET)
            if size == offset + len(data) and _read_all(fd, len(data)) == data:
                return
            os.ftruncate(fd, offset)  # what a crash left after the old end
        os.lseek(fd, 0, os.SEEK_END)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_all(fd: int, n: int) -> bytes:
    chunks = []
    while n > 0:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def lines_before(root: Path, tx: Transaction, name: str) -> int | None:
    """How many lines of the trail file ``name`` were there before ``tx`` appended to it
    (None when ``tx`` does not append to it): the lines after are the transaction's."""
    for step in tx.steps:
        if step["op"] == "append" and step["path"] == name:
            try:
                with open(root / name, "rb") as f:
                    return f.read(int(step["offset"])).count(b"\n")
            except OSError:
                return 0
    return None


def remove_leftovers(root: Path) -> list[Path]:
    """Remove the temporary files interrupted writes left in the data folder (called
    under its lock: no live command owns one); returns those removed."""
    removed = []
    for path in leftover_temp_files(root):
        try:
            path.unlink()
        except OSError:
            continue  # left for the next command, or for whoever can remove it
        removed.append(path)
    return removed


# write_atomic's temporary name for any NAME: ".NAME.<random>.tmp"
_TEMP_ANY = re.compile(r"\.[^/]+\.[^./]+\.tmp")


def leftover_temp_files(root: Path) -> list[Path]:
    """Temporary files of interrupted writes anywhere a writing command writes: the month
    folders (submit), the data folder itself (the lock file, the journal, the trail),
    ``_reports`` (snapshots), ``_history`` and ``_originals`` (kept versions). Only the
    data folder's lock holder writes there, so one found under the lock is nobody's."""
    folders = [root, root / REPORTS_DIR]
    with suppress(OSError):
        folders += sorted(p for p in root.iterdir() if MONTH_DIR.fullmatch(p.name) and p.is_dir())
    for top in (HISTORY_DIR, ORIGINALS_DIR):
        folders.append(root / top)
        with suppress(OSError):
            folders += sorted(p for p in (root / top).iterdir() if p.is_dir())
    found: list[Path] = []
    for folder in folders:
        if folder.is_symlink():
            continue
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        found += [folder / n for n in names if _TEMP_ANY.fullmatch(n)]
    return found
