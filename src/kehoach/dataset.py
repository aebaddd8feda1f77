"""The values read from submissions, keyed by (unit, indicator, month): pure data, no I/O.

A town's plan has 19 units × 31 indicators × 12 months; a ministry roll-up has ~10,600
units. Values are therefore kept column-wise, in one block of ``array('d')`` per (unit,
month) that holds anything (one slot per indicator), instead of one Python object per
value: about 12 bytes a slot, and nothing at all for months a unit has not sent.

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


@dataclass(slots=True)
class _Block:
    """One (unit, month)'s slots, one per indicator; NaN marks an empty slot.

    ``files`` (which file each value came from) exists only once a second file has been
    added: validating one big file needs no such column, a data folder does.
    """

    values: array
    rows: array
    files: array | None

    def file_of(self, slot: int) -> int:
        return self.files[slot] if self.files is not None else 0


@dataclass(frozen=True, slots=True)
class Conflict:
    unit: int
    indicator: int
    month: int
    places: tuple[tuple[int, int, float], ...]  # (file index, row, value)


@dataclass
class Dataset:
    """Accepted values of one or more files, for one plan shape."""

    n_indicators: int
    files: list[str] = field(default_factory=list)
    _blocks: dict[int, _Block] = field(default_factory=dict)  # block_key → block
    # slot keys (unit, indicator, month) whose files disagree: never summed, never picked
    _conflicts: dict[tuple[int, int, int], list[tuple[int, int, float]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        # What a new block's columns start as, copied (a memcpy) for every new block.
        self._empty = array("d", [_NAN]) * self.n_indicators
        self._zeros = array("i", [0]) * self.n_indicators

    def add_file(self, path: str) -> int:
        self.files.append(path)
        if len(self.files) == 2:
            # From now on values of several files meet: give every block its file column.
            for block in self._blocks.values():
                block.files = self._zeros * 1
        return len(self.files) - 1

    def _block(self, key: int) -> _Block:
        block = self._blocks.get(key)
        if block is None:
            zeros = self._zeros
            files = zeros * 1 if len(self.files) > 1 else None
            block = _Block(self._empty * 1, zeros * 1, files)
            self._blocks[key] = block
        return block

    def put(self, unit: int, indicator: int, month: int, value: float, file_index: int, row: int):
        """Store a value. Returns None when the key is new, else the :class:`Clash`."""
        block = self._block(block_key(unit, month))
        old = block.values[indicator]
        if old != old:  # NaN: the slot is empty
            block.values[indicator] = value
            block.rows[indicator] = row
            if block.files is not None:
                block.files[indicator] = file_index
            return None
        clash = Clash(old == value, block.file_of(indicator), block.rows[indicator], old)
        if not clash.same_value:
            key = (unit, indicator, month)
            first = (block.file_of(indicator), block.rows[indicator], old)
            self._conflicts.setdefault(key, [first]).append((file_index, row, value))
        return clash

    def raw(self, unit: int, indicator: int, month: int) -> float | None:
        """The first value stored for the key, conflicts included."""
        block = self._blocks.get(block_key(unit, month))
        if block is None:
            return None
        v = block.values[indicator]
        return None if v != v else v

    def get(self, unit: int, indicator: int, month: int) -> float | None:
        """The value, or None when missing or in conflict."""
        v = self.raw(unit, indicator, month)
        if v is None or (unit, indicator, month) in self._conflicts:
            return None
        return v

    def source(self, unit: int, indicator: int, month: int) -> tuple[str, int] | None:
        block = self._blocks.get(block_key(unit, month))
        if block is None or block.values[indicator] != block.values[indicator]:
            return None
        return self.files[block.file_of(indicator)], block.rows[indicator]

    def months_of(self, unit: int) -> list[_Block | None] | None:
        """The unit's twelve month blocks (None where nothing was sent); None if none."""
        blocks = self._blocks
        base = unit * 12
        found = [blocks.get(base + m) for m in range(12)]
        return found if any(b is not None for b in found) else None

    def series(
        self, unit: int, indicator: int, months: list[_Block | None] | None = None
    ) -> array | None:
        """Twelve monthly values as floats, NaN where missing or in conflict; None if the
        unit sent nothing at all. ``months`` (from :meth:`months_of`) saves the lookups
        when one unit's series are read for every indicator."""
        if months is None:
            months = self.months_of(unit)
            if months is None:
                return None
        out = array("d", [_NAN]) * 12
        for m, block in enumerate(months):
            if block is not None:
                out[m] = block.values[indicator]
        if self._conflicts:
            for m in range(12):
                if (unit, indicator, m + 1) in self._conflicts:
                    out[m] = _NAN
        return out

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
                        v = block.values[ind]
                        if v == v:
                            yield unit, ind, m + 1, v, block.file_of(ind), block.rows[ind]

    def overlap(self, other: Dataset):
        """Every key holding a value in both datasets, as (unit, indicator, month, value,
        row, other value, other file index, other row); only blocks both hold are read,
        so a big file against a data folder of other months costs nothing per value."""
        for key in sorted(self._blocks.keys() & other._blocks.keys()):
            mine, theirs = self._blocks[key], other._blocks[key]
            unit, month0 = divmod(key, 12)
            for ind, (value, there) in enumerate(zip(mine.values, theirs.values, strict=True)):
                if value == value and there == there:  # neither slot empty (NaN)
                    row, other_row = mine.rows[ind], theirs.rows[ind]
                    yield unit, ind, month0 + 1, value, row, there, theirs.file_of(ind), other_row

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
