"""A table as plain monospaced lines, for the text report (no rich, no colour).

``plain_table(headers, rows, right)`` takes the same (headers, rows, right-aligned columns)
as the report's Markdown grid and :func:`kehoach.report.wards.ward_grid`, and lays them out in
columns separated by two spaces, with a rule under the header: what a text report printed
on A4 or pasted into an e-mail can show.
"""

from __future__ import annotations

import unicodedata


def cell_width(text: str) -> int:
    """Columns a cell takes: combining marks take none (NFD diacritics), wide characters
    two."""
    width = 0
    for ch in unicodedata.normalize("NFC", text):
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def plain_table(
    headers: tuple[str, ...] | list[str],
    rows,
    right=frozenset(),
    gap: int = 2,
) -> list[str]:
    """Header, a rule of ``─`` and one line per row; trailing spaces stripped."""
    table = [list(headers), *[list(r) for r in rows]]
    widths = [max(cell_width(r[i]) for r in table) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - cell_width(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return (" " * gap).join(parts).rstrip()

    out = [line(table[0]), "─" * (sum(widths) + gap * (len(widths) - 1))]
    out += [line(r) for r in table[1:]]
    return out
