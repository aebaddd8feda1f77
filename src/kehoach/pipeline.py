"""One check pipeline for a new submission file, shared by ``validate`` and ``submit``.

:func:`check_file` reads a file through the row checks (:func:`kehoach.read.files.read_file`)
and then runs every check that needs more than one row, in one place, so a new check is
added once and both commands give the same verdict on the same file:

1. the file alone: its rows (codes, months, numbers, ranges, the value model);
2. across the file's rows: a form sent back with no figure at all (``no-values``), a file
   spread over several months that submit would split into incomplete submissions
   (``several-months``, unless ``--month`` says which), a row of another month than the
   rest (``other-month``);
3. across months: a year to date that falls, a month's figure that looks like a year to
   date (:func:`kehoach.read.series.series_issues`), with the stored months beside it; a
   figure far from the unit's own history, last year's same month or its latest earlier
   month (:func:`kehoach.read.series.plausibility_issues`, a warning);
4. against the data folder: a value that would replace a stored one, or conflicts with one
   stored elsewhere (:func:`compare_with_stored`).

Issues come back in row order, then check order, as every command prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kehoach.core.dataset import Dataset, to_decimal
from kehoach.core.issues import Issue
from kehoach.core.layout import calendar_month, submission_path
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month
from kehoach.read.checks import COL_VALUE, CheckContext
from kehoach.read.files import read_file
from kehoach.read.month_spread import other_month_issues, several_months_issue
from kehoach.read.rows import CLERK_ROWS, ClerkRows, FileResult
from kehoach.read.series import history_issues


def compare_with_stored(result: FileResult, stored: Dataset, root: Path, plan: Plan) -> None:
    """Add to ``result`` what its values would do to the data folder.

    A stored value in the very file that ``submit --replace`` would replace
    (``DIR/YYYY-MM/UNIT.csv``) is a warning when it differs; a different value stored
    anywhere else is a conflict error; the same value elsewhere is a warning.
    """
    own = result.values
    if own is None or not stored.files:
        return
    pairs = list(own.overlap(stored))
    if own.has_previous() and stored.has_previous():
        pairs += [
            (u, i, m - 12, v, r, o, oi, orow)
            for u, i, m, v, r, o, oi, orow in own.previous.overlap(stored.previous)
        ]
    for unit, ind, month, value, row, other, other_index, other_row in pairs:
        data, in_year = stored.year_of(month)
        own_data = own.year_of(month)[0]
        key = (unit, ind, in_year)
        if (key in own_data.estimates) != (key in data.estimates):
            continue  # an estimate and the official figure: the official one counts
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
                    "month": format_month(*calendar_month(plan.year, month)),
                    "value": to_decimal(value),
                    "other_value": to_decimal(other),
                    "other_file": other_file,
                    "other_row": other_row,
                },
            )
        )


@dataclass
class CheckedFile:
    """A file through every check: its result (issues in row order, values dropped) and
    the rows without an error, as submit stores them (``None`` when not kept: a machine
    export read by ``validate``)."""

    result: FileResult
    rows: list | None = field(default=None)


def check_file(
    plan: Plan,
    path: Path,
    ctx: CheckContext,
    stored: Dataset | None,
    root: Path,
    *,
    keep_rows: bool = False,
    digest: bool = False,
) -> CheckedFile:
    """Every check of a new submission file, in the order of the module docstring.

    ``stored`` is the data folder's values (None without a data folder), read by the
    caller without this file; ``root`` is the folder they came from. ``keep_rows``
    (``submit``) keeps every accepted row of any size of file; otherwise the rows are
    kept for a clerk's file only, for the checks over all its rows. ``digest``: the
    SHA-256 of the bytes read, which submit logs.
    """
    rows: list = [] if keep_rows else ClerkRows()
    result = read_file(
        path, ctx, collect=rows, label=str(path), model_rows=CLERK_ROWS, digest=digest
    )
    label = result.path
    whole = not getattr(rows, "overflow", False)
    if whole and result.ok and rows and all(row[3] is None for row in rows):
        # A form sent back unfilled: storing it would only make the real one need
        # --replace. An empty cell means "not reported", so there is nothing to store.
        result.issues.append(Issue("no-values", label, None, None, {"rows": result.rows}))
    if whole and ctx.month is None:
        # A file of several months is split into one submission per (unit, month): only
        # when each is complete, or a stray row would become a submission of its own.
        spread = several_months_issue(plan, rows, label)
        if spread is not None:
            result.issues.append(spread)
    # Compared even when the file has other errors: every problem in one run.
    if result.values is not None:
        result.issues += history_issues(plan, result.values, stored, label)
        result.issues += other_month_issues(plan, result.values, label)
    if stored is not None:
        compare_with_stored(result, stored, root, plan)
    result.issues.sort(key=lambda i: i.row or 0)  # stable: row order, then check order
    result.values = None
    return CheckedFile(result, rows if whole else None)


# ------------------------------------------------------------------ narrative reports


def is_narrative_file(path: Path) -> bool:
    """Whether ``validate``/``submit`` take ``path`` as a narrative report (by its name:
    ``.docx``, ``.md``, and the document formats refused with what to do, ``.doc``, PDF…)."""
    from kehoach.read.narrative_form import is_narrative_name

    return is_narrative_name(path)


def check_narrative(
    plan: Plan, path: Path, unit: int | None, month: int | None, root: Path | None = None
):
    """Every check of a narrative report file (:mod:`kehoach.read.narrative_form`):
    the same for ``validate`` and ``submit``. Returns a ``NarrativeForm``. With ``root``
    (the data folder), a report already stored for its unit and month is a warning
    (``narrative-replaces-stored``): what ``submit`` would refuse without ``--replace``."""
    from kehoach.core.i18n import Localized, month_label
    from kehoach.core.layout import HISTORY_DIR, narrative_path
    from kehoach.read.narrative_form import read_narrative_form

    form = read_narrative_form(path, plan, unit=unit, month=month, label=str(path))
    if root is None or not form.ok or form.unit is None or form.month is None:
        return form
    target = narrative_path(root, plan, form.unit, form.month)
    try:
        same_file = target.exists() and target.resolve() == path.resolve()
    except OSError:
        same_file = False
    if target.exists() and not same_file:
        form.issues.append(
            Issue(
                "narrative-replaces-stored",
                form.path,
                None,
                None,
                {
                    "unit": plan.units[form.unit].code,
                    "month": Localized(
                        month_label(plan.year, form.month, "vi"),
                        month_label(plan.year, form.month, "en"),
                    ),
                    "path": str(target),
                    "history": HISTORY_DIR,
                },
            )
        )
    return form
