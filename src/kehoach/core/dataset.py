"""The values read from submissions, keyed by (unit, indicator, month): pure data, no I/O.

A town's plan has 19 units × 31 indicators × 12 months; a ministry roll-up has ~10,600
units. Values are therefore kept column-wise, in one block of ``array('d')`` per (unit,
month) that holds anything (a value and its row per indicator, and its file once
several files meet), instead of one Python object per value: 16 bytes a slot, and nothing
at all for months a unit has not sent.

Values are stored as binary floats and turned back into exact decimals with
``Decimal(repr(x))``: for any figure with at most 15 significant digits (every figure in
these reports; more is refused on reading) the shortest repr of the float is the decimal
that was written, so sums and comparisons on the way out are exact.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal

_NAN = float("nan")


def to_decimal(x: float) -> Decimal:
    return Decimal(repr(x))


def block_key(unit: int, month: int) -> int:
    """The key of the (unit, month) block: an int, so the hot loop builds no tuple."""
    return unit * 12 + month - 1


@dataclass(frozen=True, slots=True)
class Clash:
    """A key given twice: where it was first seen, and the value there."""

    same_value: bool
    file_index: int
    row: int
    value: float


@dataclass(frozen=True, slots=True)
class Conflict:
    unit: int
    indicator: int
    month: int
    places: tuple[tuple[int, int, float], ...]  # (file index, row, value)


@dataclass
class Dataset:
    """Accepted values of one or more files, for one plan shape.

    A block is one ``array('d')`` per (unit, month): the values (NaN = empty slot), then
    the row each came from, then — only once a second file has been added — the file it
    came from: ``[values × n | rows × n | files × n]`` for n indicators. One array rather
    than three columns keeps a value, its row and its file in one piece of memory, which
    is what storing rows of a file in any order spends its time reaching. Rows and file
    indices are small whole numbers, exact as floats; rows count from 1, so an empty
    slot's row, 0, tells it apart without reading its value.
    """

    n_indicators: int
    files: list[str] = field(default_factory=list)
    _blocks: dict[int, array] = field(default_factory=dict)  # block_key → block
    # slot keys (unit, indicator, month) whose files disagree: never summed, never picked
    _conflicts: dict[tuple[int, int, int], list[tuple[int, int, float]]] = field(
        default_factory=dict
    )
    # Sparse facts about a key (unit, indicator, month), kept only where a row gave them:
    # how a cumulative figure was sent when the row said so (ky_so_lieu: "ytd"/"month"),
    # whether it is an estimate (uoc_tinh), and the unit's note (ghi_chu).
    kinds: dict[tuple[int, int, int], str] = field(default_factory=dict)
    estimates: set[tuple[int, int, int]] = field(default_factory=set)
    notes: dict[tuple[int, int, int], str] = field(default_factory=dict)
    # An estimate the official figure replaced, or an estimate that came after the official
    # figure and was set aside: key → (estimate, its file index, its row). Not a conflict.
    superseded: dict[tuple[int, int, int], tuple[float, int, int]] = field(default_factory=dict)
    # A second row of one key in the same file, sent the other way (the year to date where
    # the first gave the month's amount, or the reverse): key → (value, kind, row); the
    # series checks hold it against the first (ytd-month-mismatch), it is not a clash.
    alternates: dict[tuple[int, int, int], tuple[float, str, int]] = field(default_factory=dict)
    # Last year's submissions (the plan's year - 1): comparison data of the same shape.
    _previous: Dataset | None = field(default=None, repr=False)
    # (number of conflicts, their (unit, indicator) pairs), remade when a conflict is added
    _series_in_conflict: tuple[int, set[tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        n = self.n_indicators
        # What a new block starts as, copied (a memcpy) for every new block.
        self._empty = array("d", [_NAN]) * n + array("d", [0.0]) * n
        self._file_column = array("d", [0.0]) * n

    @property
    def files_at(self) -> int | None:
        """Where a block's file column starts, or None while there is one file."""
        return 2 * self.n_indicators if len(self.files) > 1 else None

    @property
    def previous(self) -> Dataset:
        """Last year's values, in a dataset of the same shape that shares the file list."""
        if self._previous is None:
            prev = Dataset(self.n_indicators, self.files)
            if len(self.files) > 1:
                prev._empty = prev._empty + prev._file_column
            self._previous = prev
        return self._previous

    def year_of(self, month: int) -> tuple[Dataset, int]:
        """The dataset holding month number ``month`` and its month in that year: a month
        ≤ 0 (as the readers number last year's months) is month ``month + 12`` of
        :attr:`previous`."""
        return (self, month) if month >= 1 else (self.previous, month + 12)

    def has_previous(self) -> bool:
        return self._previous is not None and bool(self._previous._blocks)

    def add_file(self, path: str) -> int:
        self.files.append(path)
        if self._previous is not None and len(self.files) == 2:
            self._previous._widen()
        if len(self.files) == 2:
            # From now on values of several files meet: give every block its file column,
            # and new blocks start with one.
            self._widen()
        return len(self.files) - 1

    def _widen(self) -> None:
        """Give every block its file column (a second file is being read)."""
        for block in self._blocks.values():
            block.extend(self._file_column)
        self._empty = self._empty + self._file_column

    def _block(self, key: int) -> array:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = self._empty * 1
        return block

    def _source(self, block: array, slot: int) -> tuple[int, int]:
        """(file index, row) of the value in a block's slot."""
        n = self.n_indicators
        file_index = int(block[2 * n + slot]) if len(block) > 2 * n else 0
        return file_index, int(block[n + slot])

    def put(
        self,
        unit: int,
        indicator: int,
        month: int,
        value: float,
        file_index: int,
        row: int,
        estimate: bool = False,
    ):
        """Store a value. Returns None when the key is new, else the :class:`Clash`.

        An estimate and an official figure for one key are no clash: the official figure
        counts and the estimate is kept in ``superseded`` (docs/plan.md §4).
        """
        block = self._block(block_key(unit, month))
        old = block[indicator]
        n = self.n_indicators
        key = (unit, indicator, month)
        if old != old:  # NaN: the slot is empty
            block[indicator] = value
            block[n + indicator] = row
            if len(block) > 2 * n:
                block[2 * n + indicator] = file_index
            if estimate:
                self.estimates.add(key)
            return None
        first_file, first_row = self._source(block, indicator)
        old_estimate = key in self.estimates
        if old_estimate and not estimate and key not in self._conflicts:
            self.superseded[key] = (old, first_file, first_row)
            self.estimates.discard(key)
            block[indicator] = value
            block[n + indicator] = row
            if len(block) > 2 * n:
                block[2 * n + indicator] = file_index
            return None
        if estimate and not old_estimate:
            self.superseded[key] = (value, file_index, row)
            return None
        clash = Clash(old == value, first_file, first_row, old)
        if not clash.same_value:
            key = (unit, indicator, month)
            first = (first_file, first_row, old)
            self._conflicts.setdefault(key, [first]).append((file_index, row, value))
        return clash

    def raw(self, unit: int, indicator: int, month: int) -> float | None:
        """The first value stored for the key, conflicts included."""
        block = self._blocks.get(block_key(unit, month))
        if block is None:
            return None
        v = block[indicator]
        return None if v != v else v

    def get(self, unit: int, indicator: int, month: int) -> float | None:
        """The value, or None when missing or in conflict."""
        v = self.raw(unit, indicator, month)
        if v is None or (unit, indicator, month) in self._conflicts:
            return None
        return v

    def source(self, unit: int, indicator: int, month: int) -> tuple[str, int] | None:
        block = self._blocks.get(block_key(unit, month))
        if block is None or block[indicator] != block[indicator]:
            return None
        file_index, row = self._source(block, indicator)
        return self.files[file_index], row

    def is_estimate(self, unit: int, indicator: int, month: int) -> bool:
        return (unit, indicator, month) in self.estimates

    def kind(self, unit: int, indicator: int, month: int) -> str | None:
        """How the row said the figure was sent ("ytd"/"month"), or None (the plan's)."""
        return self.kinds.get((unit, indicator, month))

    def months_of(self, unit: int) -> list[array | None] | None:
        """The unit's twelve month blocks (None where nothing was sent); None if none."""
        blocks = self._blocks
        base = unit * 12
        found = [blocks.get(base + m) for m in range(12)]
        return found if any(b is not None for b in found) else None

    def series(
        self, unit: int, indicator: int, months: list[array | None] | None = None
    ) -> array | None:
        """Twelve monthly values as floats, NaN where missing or in conflict; None if the
        unit sent nothing at all. ``months`` (from :meth:`months_of`) saves the lookups
        when one unit's series are read for every indicator."""
        if months is None:
            months = self.months_of(unit)
            if months is None:
                return None
        out = array("d", [_NAN if block is None else block[indicator] for block in months])
        if self._conflicts and (unit, indicator) in self._conflicted_series():
            for m in range(12):
                if (unit, indicator, m + 1) in self._conflicts:
                    out[m] = _NAN
        return out

    def _conflicted_series(self) -> set[tuple[int, int]]:
        """The (unit, indicator) pairs with a key in conflict; remade only when a conflict
        was added since (conflicts are only ever added)."""
        seen = self._series_in_conflict
        if seen is None or seen[0] != len(self._conflicts):
            seen = self._series_in_conflict = (
                len(self._conflicts),
                {(u, i) for (u, i, _m) in self._conflicts},
            )
        return seen[1]

    def units(self) -> list[int]:
        return sorted({key // 12 for key in self._blocks})

    def filled(self):
        """Every stored (unit, indicator, month, value, file index, row), conflicts included,
        ordered by unit, indicator, month."""
        for unit in self.units():
            months = self.months_of(unit) or []
            for ind in range(self.n_indicators):
                for m, block in enumerate(months):
                    if block is not None:
                        v = block[ind]
                        if v == v:
                            yield unit, ind, m + 1, v, *self._source(block, ind)

    def overlap(self, other: Dataset):
        """Every key holding a value in both datasets, as (unit, indicator, month, value,
        row, other value, other file index, other row); only blocks both hold are read,
        so a big file against a data folder of other months costs nothing per value."""
        for key in sorted(self._blocks.keys() & other._blocks.keys()):
            mine, theirs = self._blocks[key], other._blocks[key]
            unit, month0 = divmod(key, 12)
            for ind in range(self.n_indicators):
                value, there = mine[ind], theirs[ind]
                if value == value and there == there:  # neither slot empty (NaN)
                    _, row = self._source(mine, ind)
                    other_file, other_row = other._source(theirs, ind)
                    yield unit, ind, month0 + 1, value, row, there, other_file, other_row

    @property
    def conflicts(self) -> list[Conflict]:
        return [Conflict(u, i, m, tuple(p)) for (u, i, m), p in sorted(self._conflicts.items())]

    def conflicted_indicators(self) -> set[int]:
        return {i for (_, i, _) in self._conflicts}

    def conflict_months(self, indicator: int) -> list[int]:
        return sorted({m for (_, i, m) in self._conflicts if i == indicator})

    def latest_month(self) -> int | None:
        """The latest month (1–12) holding any value, or None when empty."""
        # A block exists only once a value was put in it.
        return max((key % 12 + 1 for key in self._blocks), default=None)
