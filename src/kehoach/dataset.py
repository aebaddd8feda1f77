"""The values read from submissions, keyed by (unit, indicator, month): pure data, no I/O.

A town's plan has 19 units × 31 indicators × 12 months; a ministry roll-up has ~10,600
units. Values are therefore kept column-wise in per-unit blocks of ``array('d')`` (one slot
per indicator × month) instead of one Python object per value: about 16 bytes a slot.

Values are stored as binary floats and turned back into exact decimals with
``Decimal(repr(x))``: for any figure with at most 15 significant digits (every figure in
these reports) the shortest repr of the float is the decimal that was written, so sums and
comparisons on the way out are exact.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal

_NAN = float("nan")


def to_decimal(x: float) -> Decimal:
    return Decimal(repr(x))


@dataclass(frozen=True, slots=True)
class Clash:
    """A key given twice: where it was first seen, and the value there."""

    same_value: bool
    file_index: int
    row: int
    value: float


@dataclass(slots=True)
class _Block:
    """One unit's slots (indicator × 12 + month − 1); NaN marks an empty slot.

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
    _blocks: dict[int, _Block] = field(default_factory=dict)
    # slot keys (unit, indicator, month) whose files disagree: never summed, never picked
    _conflicts: dict[tuple[int, int, int], list[tuple[int, int, float]]] = field(
        default_factory=dict
    )

    def add_file(self, path: str) -> int:
        self.files.append(path)
        if len(self.files) == 2:
            # From now on values of several files meet: give every block its file column.
            for block in self._blocks.values():
                block.files = array("i", [0]) * len(block.values)
        return len(self.files) - 1

    def _block(self, unit: int) -> _Block:
        block = self._blocks.get(unit)
        if block is None:
            size = self.n_indicators * 12
            block = _Block(
                array("d", [_NAN]) * size, array("i", [0]) * size, array("i", [-1]) * size
            )
            self._blocks[unit] = block
        return block

    def put(self, unit: int, indicator: int, month: int, value: float, file_index: int, row: int):
        """Store a value. Returns None when the key is new, else the :class:`Clash`."""
        block = self._block(unit)
        slot = indicator * 12 + month - 1
        old = block.values[slot]
        if old != old:  # NaN: the slot is empty
            block.values[slot] = value
            block.rows[slot] = row
            if block.files is not None:
                block.files[slot] = file_index
            return None
        clash = Clash(old == value, block.file_of(slot), block.rows[slot], old)
        if not clash.same_value:
            key = (unit, indicator, month)
            places = self._conflicts.setdefault(key, [(block.file_of(slot), block.rows[slot], old)])
            places.append((file_index, row, value))
        return clash

    def get(self, unit: int, indicator: int, month: int) -> float | None:
        """The value, or None when missing or in conflict."""
        block = self._blocks.get(unit)
        if block is None:
            return None
        v = block.values[indicator * 12 + month - 1]
        if v != v or (unit, indicator, month) in self._conflicts:
            return None
        return v

    def raw(self, unit: int, indicator: int, month: int) -> float | None:
        """The first value stored for the key, conflicts included."""
        block = self._blocks.get(unit)
        if block is None:
            return None
        v = block.values[indicator * 12 + month - 1]
        return None if v != v else v

    def source(self, unit: int, indicator: int, month: int) -> tuple[str, int] | None:
        block = self._blocks.get(unit)
        if block is None:
            return None
        slot = indicator * 12 + month - 1
        v = block.values[slot]
        if v != v:
            return None
        return self.files[block.file_of(slot)], block.rows[slot]

    def series(self, unit: int, indicator: int) -> array | None:
        """Twelve monthly values as floats, NaN where missing or in conflict; None if the
        unit sent nothing at all. (A copy: the caller may not change the dataset.)"""
        block = self._blocks.get(unit)
        if block is None:
            return None
        start = indicator * 12
        out = block.values[start : start + 12]
        if self._conflicts:
            for m in range(12):
                if (unit, indicator, m + 1) in self._conflicts:
                    out[m] = _NAN
        return out

    def units(self) -> list[int]:
        return sorted(self._blocks)

    def filled(self):
        """Every stored (unit, indicator, month, value, file index, row), conflicts included."""
        for unit in sorted(self._blocks):
            block = self._blocks[unit]
            for slot, v in enumerate(block.values):
                if v == v:
                    yield unit, slot // 12, slot % 12 + 1, v, block.file_of(slot), block.rows[slot]

    @property
    def conflicts(self) -> list[Conflict]:
        return [Conflict(u, i, m, tuple(p)) for (u, i, m), p in sorted(self._conflicts.items())]

    def conflicted_indicators(self) -> set[int]:
        return {i for (_, i, _) in self._conflicts}

    def conflict_months(self, indicator: int) -> list[int]:
        return sorted({m for (_, i, m) in self._conflicts if i == indicator})

    def latest_month(self) -> int | None:
        """The latest month (1–12) holding any value, or None when empty."""
        for month in range(12, 0, -1):
            for block in self._blocks.values():
                # One month's slots across the block's indicators, read in C by a slice.
                if any(v == v for v in block.values[month - 1 :: 12]):
                    return month
        return None
