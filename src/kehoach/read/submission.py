"""Submission rows and stored files as pydantic models: the rules a clerk's figures meet.

:class:`SubmissionRow` is one row of a monthly submission, read from its raw cells (keyed
by the canonical column names of ``checks.py``). Its validators *are* the checks of
``checks.py``, run in the order the reader has always reported them: unit, indicator,
month, how the figure was sent, estimate, then the value (assignment, due month, percent
sign, stage or number, range). The plan and the ``--unit`` / ``--month`` overrides come
in through pydantic's validation context (:func:`validation_context`)::

    row = SubmissionRow.model_validate(cells, context=validation_context(ctx))

A row with an error raises a :class:`pydantic.ValidationError` whose line errors are
catalogue problems (type = issue code, loc = column, ctx = the message parameters,
warnings of the row included, in check order); :func:`row_issues` turns it into the
:class:`~kehoach.core.issues.Issue` records every command shows, so no pydantic text reaches a
user. A row without an error validates; its warnings are left in the context's
``problems``.

:class:`Submission` is one stored file (``data/monthly/2020-03/CC-THUE.csv``): the unit
and month its place names, and its rows, each validated with those as the overrides.

The reader (``read/csv.py``) validates every row it checks one by one through this model;
its columnar fast path, for big files, reaches the same verdicts faster, and
``tests/test_fast_slow.py`` holds the two equal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kehoach.core.issues import CATALOGUE, Issue
from kehoach.core.layout import calendar_month
from kehoach.core.notes import read_note
from kehoach.core.numbers import fast_exact as exact
from kehoach.core.numbers import fast_float as fast_number
from kehoach.read.checks import (
    COL_ESTIMATE,
    COL_INDICATOR,
    COL_KIND,
    COL_MONTH,
    COL_NOTE,
    COL_UNIT,
    COL_VALUE,
    CheckContext,
    Problem,
    check_assignment,
    check_due,
    check_estimate,
    check_indicator,
    check_kind,
    check_month,
    check_number,
    check_percent_sign,
    check_stage,
    check_unit,
    check_value_range,
    check_whole,
)


class NoCache(dict):
    """A cache that keeps nothing: every check runs afresh on every row."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return default


class RowContext:
    """Pydantic's validation context for :class:`SubmissionRow`: the plan and overrides
    (a :class:`~kehoach.read.checks.CheckContext`), and the row's problems once validated.

    With ``tables`` (the reader's fast-path tables for this plan), checks of a cell seen
    before are answered from their cache, and assignment, due month and range use the
    tables' answers where those say "no problem" (exactly where the check would find
    none); without, every check runs afresh on every row.
    """

    __slots__ = (
        "assigned",
        "caches",
        "check",
        "fast",
        "indicators",
        "inside",
        "n_ind",
        "problems",
        "quiet_months",
    )

    def __init__(self, check: CheckContext, tables: Any = None) -> None:
        self.check = check
        self.indicators = check.plan.indicators
        self.n_ind = len(self.indicators)
        self.fast = tables is not None
        if tables is not None:
            self.caches = tables.caches
            self.assigned = tables.assigned
            self.quiet_months = tables.quiet_months
            self.inside = tables.inside
        else:
            self.caches = (NoCache(), NoCache(), NoCache())
            self.assigned = None
            self.quiet_months = None
            self.inside = None
        self.problems: list[Problem] = []


def validation_context(ctx: CheckContext) -> RowContext:
    """The context to validate rows against ``ctx``'s plan and overrides with."""
    return RowContext(ctx)


def _text(raw: Any) -> str:
    """A cell as text: the readers give strings; None (a missing cell) is empty."""
    if type(raw) is str:
        return raw
    return "" if raw is None else str(raw)


def _cached(cache: dict, check, raw: str, ctx: CheckContext):
    return cache.get(raw) or cache.setdefault(raw, check(raw, ctx))


class SubmissionRow(BaseModel):
    """One row of a submission, validated by the checks of ``checks.py``.

    Validated from a mapping of canonical column names to raw cells; a column left out
    reads as an empty cell (the unit and month then come from ``--unit`` / ``--month``).
    The fields hold what the row says in the plan's terms: indexes of the plan's unit and
    indicator, the month of the plan year (≤ 0: last year's month − 12, comparison data),
    the exact value (None: not reported this month), the note, how a cumulative figure
    was sent (None: as the plan says) and whether it is an estimate.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    # Field order is check order: each validator sees the fields before it (info.data).
    unit: int | None = Field(None, validation_alias=COL_UNIT, validate_default=True)
    indicator: int | None = Field(None, validation_alias=COL_INDICATOR, validate_default=True)
    month: int | None = Field(None, validation_alias=COL_MONTH, validate_default=True)
    kind: str | None = Field(None, validation_alias=COL_KIND, validate_default=True)
    estimate: bool = Field(None, validation_alias=COL_ESTIMATE, validate_default=True)
    value: Decimal | None = Field(None, validation_alias=COL_VALUE, validate_default=True)
    note: str = Field(None, validation_alias=COL_NOTE, validate_default=True)

    @model_validator(mode="wrap")
    @classmethod
    def _checked(cls, data: Any, handler, info: ValidationInfo) -> SubmissionRow:
        # Every field validator records its problems and goes on, so that the row's
        # later checks run even after an early error, as the reader always reported.
        c = info.context
        if not isinstance(c, RowContext):
            raise TypeError("SubmissionRow needs context=validation_context(ctx)")
        problems = c.problems = []
        row = handler(data)
        if problems and any(CATALOGUE[code].severity == "error" for code, _, _ in problems):
            raise ValidationError.from_exception_data(
                cls.__name__,
                [
                    {
                        "type": PydanticCustomError(code, CATALOGUE[code].message_en, params),
                        "loc": (column,) if column else (),
                        "input": data.get(column) if column and isinstance(data, dict) else "",
                    }
                    for code, column, params in problems
                ],
            )
        return row

    @field_validator("unit", mode="plain")
    @classmethod
    def _unit(cls, raw: Any, info: ValidationInfo) -> int | None:
        c = info.context
        unit, problems = _cached(c.caches[0], check_unit, _text(raw), c.check)
        if problems:
            c.problems.extend(problems)
        return unit

    @field_validator("indicator", mode="plain")
    @classmethod
    def _indicator(cls, raw: Any, info: ValidationInfo) -> int | None:
        c = info.context
        ind, problems = _cached(c.caches[1], check_indicator, _text(raw), c.check)
        if problems:
            c.problems.extend(problems)
        return ind

    @field_validator("month", mode="plain")
    @classmethod
    def _month(cls, raw: Any, info: ValidationInfo) -> int | None:
        c = info.context
        month, problems = _cached(c.caches[2], check_month, _text(raw), c.check)
        if problems:
            c.problems.extend(problems)
        return month

    @field_validator("kind", mode="plain")
    @classmethod
    def _kind(cls, raw: Any, info: ValidationInfo) -> str | None:
        c = info.context
        kind, problems = check_kind(_text(raw))
        if problems:
            c.problems.extend(problems)
        ind = info.data.get("indicator")
        if ind is not None:
            indicator = c.indicators[ind]
            if indicator.measure != "cumulative" or kind == (indicator.sent_as or "month"):
                # How a figure was sent matters for amounts only, and is kept only where
                # it differs from what the plan asks (the template fills the plan's word in).
                return None
        return kind

    @field_validator("estimate", mode="plain")
    @classmethod
    def _estimate(cls, raw: Any, info: ValidationInfo) -> bool:
        estimate, problems = check_estimate(_text(raw))
        if problems:
            info.context.problems.extend(problems)
        return estimate

    @field_validator("value", mode="plain")
    @classmethod
    def _value(cls, raw: Any, info: ValidationInfo) -> Decimal | None:
        c = info.context
        data = info.data
        unit, ind, month = data.get("unit"), data.get("indicator"), data.get("month")
        add = c.problems.extend
        if (
            unit is not None
            and ind is not None
            and not (c.assigned is not None and c.assigned[unit * c.n_ind + ind])
        ):
            add(check_assignment(unit, ind, c.check))
        raw = _text(raw)
        if not raw or raw.isspace():
            return None  # not reported this month: nothing more to check
        indicator = c.indicators[ind] if ind is not None else None
        if (
            indicator is not None
            and month is not None
            and month > 0  # last year's months are comparison data: never off-cycle
            and not (c.quiet_months is not None and month in c.quiet_months[ind])
        ):
            add(check_due(ind, month, c.check))
        if indicator is not None:
            add(check_percent_sign(raw, indicator))
        milestone = indicator is not None and indicator.measure == "milestone"
        # A milestone's figure written as a whole number ("2", "2.0", "2,0") is a number,
        # anything else names a stage: the same reading with or without the fast tables.
        number = fast_number(raw) if indicator is not None and (c.fast or milestone) else None
        if milestone and (number is None or not number.is_integer()):
            # A stage by its code, name or number (checked against the plan's stages).
            value, problems = check_stage(raw, indicator)
            add(problems)
            return value
        whole = indicator is not None and indicator.takes_whole
        if number is not None and c.inside is not None and (not whole or number.is_integer()):
            lo, hi = c.inside[ind]
            if lo <= number <= hi:
                return exact(raw)  # inside both ranges: a plain figure, nothing to say
        value, problems = check_number(raw, c.fast)
        if problems:
            if whole and value is not None:
                # '1.080' on a count: grouping is the only reading, nothing to warn about.
                problems = tuple(p for p in problems if p[0] != "thousands-dot")
            add(problems)
            if value is None:
                return None
        if indicator is not None:
            add(check_value_range(value, indicator))
            if whole:
                add(check_whole(raw, value, indicator))
        return value

    @field_validator("note", mode="plain")
    @classmethod
    def _note(cls, raw: Any, info: ValidationInfo) -> str:
        return read_note(_text(raw))


def row_issues(exc: ValidationError, file: str | None, row: int | None) -> list[Issue]:
    """The catalogue issues a :class:`SubmissionRow` (or :class:`Submission`) error holds.

    A line error under ``rows[i]`` of a :class:`Submission` is on spreadsheet row
    ``i + 2`` (the header is row 1). An error that is not a catalogue problem can only
    come from calling the model wrongly (not a mapping of cells): that is a bug, raised.
    """
    issues = []
    for err in exc.errors(include_url=False, include_input=False):
        code = err["type"]
        if code not in CATALOGUE:
            raise TypeError(f"not a catalogue problem: {err}")
        loc = err["loc"]
        at = row
        if len(loc) >= 2 and loc[0] == "rows" and isinstance(loc[1], int):
            at, loc = loc[1] + 2, loc[2:]
        column = loc[0] if loc and isinstance(loc[0], str) else None
        issues.append(Issue(code, file, at, column, dict(err.get("ctx") or {})))
    return issues


class Submission(BaseModel):
    """One stored file: the unit and month its place in the data folder names
    (``data/monthly/2020-03/CC-THUE.csv``), and its rows.

    Validated with ``context=validation_context(ctx)`` for the plan: the unit must be a
    plan unit, the month ``YYYY-MM`` of the plan year or of last year (comparison data),
    and each row (a mapping of cells) is a :class:`SubmissionRow` of that unit and month:
    the file's unit and month are the rows' ``--unit`` / ``--month``. An error anywhere
    raises one :class:`ValidationError`, rows' errors located under ``rows[i]`` (see
    :func:`row_issues`). Rows' warnings are the reader's to report, not kept here.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)  # built when first used

    unit: str
    month: str
    rows: list[SubmissionRow]

    @model_validator(mode="wrap")
    @classmethod
    def _rows_of_the_file(cls, data: Any, handler, info: ValidationInfo) -> Submission:
        # The rows are validated here, not by the handler: they need a context of their
        # own (the file's unit and month as overrides), which pydantic does not nest.
        c = info.context
        if not isinstance(c, RowContext) or not isinstance(data, dict):
            raise TypeError("Submission needs a mapping and context=validation_context(ctx)")
        plan = c.check.plan
        unit_text, month_text = _text(data.get("unit")), _text(data.get("month"))
        unit, p_unit = check_unit(unit_text, CheckContext(plan))
        month, p_month = check_month(month_text, CheckContext(plan))
        errors = [(("unit",), p) for p in p_unit] + [(("month",), p) for p in p_month]
        if unit is not None and month is not None:
            # Last year's file (month <= 0) holds last year's months, which an override
            # cannot stand for: its rows' months are compared with the file's below.
            overrides = CheckContext(plan, unit=unit, month=month if month > 0 else None)
            rows_ctx = RowContext(overrides)
            rows = []
            for i, cells in enumerate(data.get("rows") or ()):
                try:
                    row = SubmissionRow.model_validate(cells, context=rows_ctx)
                except ValidationError as exc:
                    errors += [(("rows", i), p) for p in _problems(exc)]
                    continue
                if month <= 0 and row.month != month:
                    year, in_year = calendar_month(plan.year, month)
                    expected = f"{year}-{in_year:02d}"
                    errors.append(
                        (
                            ("rows", i),
                            (
                                "month-mismatch",
                                COL_MONTH,
                                {
                                    "value": _text(cells.get(COL_MONTH)).strip(),
                                    "expected": expected,
                                },
                            ),
                        )
                    )
                rows.append(row)
        if errors:
            raise ValidationError.from_exception_data(
                cls.__name__,
                [
                    {
                        "type": PydanticCustomError(code, CATALOGUE[code].message_en, params),
                        "loc": (*where, column) if where[0] == "rows" and column else where,
                        "input": "",
                    }
                    for where, (code, column, params) in errors
                ],
            )
        return cls.model_construct(unit=plan.units[unit].code, month=month_text, rows=rows)


def _problems(exc: ValidationError) -> list[Problem]:
    """A row's catalogue problems back from its error, in order."""
    return [
        (e["type"], e["loc"][0] if e["loc"] else None, dict(e.get("ctx") or {}))
        for e in exc.errors(include_url=False, include_input=False)
    ]
