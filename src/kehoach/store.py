"""The data folder: finding stored submissions, reading them all, comparing a new file.

Layout (CONTRACT.md): every ``*.csv`` below the folder, recursively; folders and files
whose name starts with ``.`` or ``_`` are skipped (kept history, temporary files);
symbolic links below the folder are never followed, and are reported (``symlink``), as are
folders that cannot be listed (``cannot-read``).
Accepted submissions live at ``DIR/YYYY-MM/UNIT.csv``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.checks import COL_VALUE, CheckContext
from kehoach.dataset import Dataset, to_decimal
from kehoach.issues import Issue
from kehoach.models import Plan
from kehoach.numbers import format_month
from kehoach.read.csv import FileResult, read_file


def data_files(root: Path, problems: list[Issue] | None = None) -> list[Path]:
    """Every submission file under ``root``, in a stable order.

    Symbolic links below ``root`` are never followed (``root`` itself may be one): a
    linked month folder or file is left out and, like a folder that cannot be listed,
    reported in ``problems`` (``symlink``, ``cannot-read``) — never skipped silently.
    ``submit`` refuses to write through one (:func:`symlink_in_way`), so what it stores
    is always what ``status`` reads.
    """
    found: list[Path] = []
    report = problems.append if problems is not None else (lambda issue: None)

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(root)
        reason = exc.strerror or type(exc).__name__
        report(Issue("cannot-read", str(where), None, None, {"reason": reason}))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith((".", "_")):
                continue
            if (here / d).is_symlink():
                report(Issue("symlink", str(here / d)))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith((".", "_")) or not name.lower().endswith(".csv"):
                continue
            path = here / name
            if path.is_symlink():
                report(Issue("symlink", str(path)))
                continue
            found.append(path)
    return found


def symlink_in_way(root: Path, target: Path) -> Path | None:
    """The first symbolic link between ``root`` and ``target`` (both included below
    ``root``), or None: a submit never writes through one."""
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


@dataclass
class DataLoad:
    """Everything read from a data folder: the values and each file's issues."""

    dataset: Dataset
    files: list[FileResult] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        return [i for f in self.files for i in f.issues]

    @property
    def has_errors(self) -> bool:
        return any(not f.ok for f in self.files)


def load_data(
    plan: Plan,
    root: Path,
    *,
    skip: Iterable[Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> DataLoad:
    """Read every stored file through the same checks as ``validate``.

    A broken stored file is reported (its issues), never skipped silently; its rows
    without errors still count. Values meeting across files are compared by the dataset:
    different values are a ``conflict`` in the later file, equal ones a warning.
    """
    skipped = {p.resolve() for p in skip}
    dataset = Dataset(len(plan.indicators))
    load = DataLoad(dataset)
    ctx = CheckContext(plan)
    problems: list[Issue] = []
    paths = data_files(root, problems) if root.is_dir() else []
    if skipped:
        paths = [p for p in paths if p.resolve() not in skipped]
    for issue in problems:
        load.files.append(FileResult(issue.file or str(root), issues=[issue]))
    for n, path in enumerate(paths, 1):
        result = read_file(path, ctx, dataset, label=str(path))
        result.values = None  # the dataset is shared; do not hold it per file
        load.files.append(result)
        if progress:
            progress(n, len(paths))
    return load


def submission_path(root: Path, plan: Plan, unit: int, month: int) -> Path:
    return root / format_month(plan.year, month) / f"{plan.units[unit].code}.csv"


def compare_with_stored(result: FileResult, stored: Dataset, root: Path, plan: Plan) -> None:
    """Add to ``result`` what its values would do to the data folder.

    A stored value in the very file that ``submit --replace`` would replace
    (``DIR/YYYY-MM/UNIT.csv``) is a warning when it differs; a different value stored
    anywhere else is a conflict error; the same value elsewhere is a warning.
    """
    own = result.values
    if own is None or not stored.files:
        return
    for unit, ind, month, value, row, other, other_index, other_row in own.overlap(stored):
        other_file = stored.files[other_index]
        same = other == value
        target = submission_path(root, plan, unit, month)
        replaced = Path(other_file).resolve() == target.resolve()
        if replaced and same:
            continue
        code = "replaces-stored" if replaced else ("duplicate-value" if same else "conflict")
        result.issues.append(
            Issue(
                code,
                result.path,
                row,
                COL_VALUE,
                {
                    "unit": plan.units[unit].code,
                    "indicator": plan.indicators[ind].code,
                    "month": format_month(plan.year, month),
                    "value": to_decimal(value),
                    "other_value": to_decimal(other),
                    "other_file": other_file,
                    "other_row": other_row,
                },
            )
        )
