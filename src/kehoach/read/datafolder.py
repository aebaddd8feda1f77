"""Reading the data folder: finding the stored submissions and reading them all.

Layout (docs/contract.md §1; the names in :mod:`kehoach.core.layout`): every ``*.csv``
below the folder, recursively; folders and files whose name starts with ``.`` or ``_`` are
skipped (kept history, temporary files); symbolic links below the folder are never
followed, and are reported (``symlink``), as are folders that cannot be listed
(``cannot-read``). Accepted submissions live at ``DIR/YYYY-MM/UNIT.csv``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.core.dataset import Dataset
from kehoach.core.issues import Issue
from kehoach.core.layout import MONTH_DIR
from kehoach.core.models import Plan
from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file
from kehoach.read.rows import FileResult


def data_files(
    root: Path,
    problems: list[Issue] | None = None,
    years: Iterable[int] | None = None,
    skipped: dict[int, int] | None = None,
) -> list[Path]:
    """Every submission file under ``root``, in a stable order.

    Symbolic links below ``root`` are never followed (``root`` itself may be one): a
    linked month folder or file is left out and, like a folder that cannot be listed,
    reported in ``problems`` (``symlink``, ``cannot-read``) — never skipped silently.
    ``submit`` refuses to write through one (:func:`symlink_in_way`), so what it stores
    is always what ``status`` reads.

    With ``years``, month folders (``YYYY-MM``) of other years are left out (their files
    counted in ``skipped`` by year): a data folder keeps older years' submissions, which
    are neither this plan's figures nor last year's comparison data (docs/plan.md §7).
    """
    keep = set(years) if years is not None else None
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
            m = MONTH_DIR.fullmatch(d) if keep is not None and here == root else None
            if m and int(m[1]) not in keep:
                if skipped is not None:
                    n = sum(len(f) for _, _, f in os.walk(root / d))
                    skipped[int(m[1])] = skipped.get(int(m[1]), 0) + n
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


@dataclass
class DataLoad:
    """Everything read from a data folder: the values and each file's issues."""

    dataset: Dataset
    files: list[FileResult] = field(default_factory=list)
    skipped_years: dict[int, int] = field(default_factory=dict)  # year → files not read

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
    paths = (
        data_files(root, problems, (plan.year, plan.year - 1), load.skipped_years)
        if root.is_dir()
        else []
    )
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
