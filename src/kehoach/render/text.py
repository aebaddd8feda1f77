"""The report (:class:`kehoach.report.model.Report`) as plain text, 80 columns.

The layout follows the printed document: the issuing body and the national motto side by
side, the number under the body and the place and date under the motto, the centred
title, the sections, the closing, then "Nơi nhận" beside the signature block, and the
summary table last, one indicator per block (ten columns do not fit 80 characters).
No colour, no trailing spaces, no no-break spaces in what is printed.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from kehoach.report.model import Heading, Items, Para, Quotes, Report, SummaryTable, Table

WIDTH = 80
HALF = 38  # each column of the two-column blocks; 38 + 4 + 38 = 80
TITLE_WIDTH = 72  # titles are set narrower than the text block

# Spaces that must not become line breaks: "trên 13%", "3,8 tỷ", "0,5 điểm %".
_GLUE = "\u00a0"
_KEEP = re.compile(r"(?<=[\d…]) (?=\S)| (?=%)|(?<=trên) |(?<=dưới) |(?<=Số:) ")


def width(text: str) -> int:
    """Columns on screen: combining marks (a decomposed "ễ") take none."""
    return sum(1 for ch in text if not unicodedata.combining(ch))


def center(text: str, size: int) -> str:
    pad = max(size - width(text), 0)
    left = pad // 2
    return " " * left + text + " " * (pad - left)


def rule(length: int) -> str:
    return "-" * max(length, 3)


def wrap(text: str, first: str = "", rest: str = "", size: int = WIDTH) -> list[str]:
    # textwrap breaks only at ASCII whitespace, so a no-break space holds words together
    # while wrapping; it is turned back into a plain space in what is printed.
    lines = textwrap.wrap(
        _KEEP.sub(_GLUE, text),
        width=size,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines] or [first.rstrip()]


def columns(left: list[str], right: list[str], *, center_left: bool = True) -> list[str]:
    """Two 38-column blocks side by side (left block centred or flush left)."""
    out = []
    for i in range(max(len(left), len(right))):
        lt = left[i] if i < len(left) else ""
        cell_l = center(lt, HALF) if center_left else lt + " " * max(HALF - width(lt), 0)
        cell_r = center(right[i], HALF) if i < len(right) else ""
        out.append((cell_l + " " * (WIDTH - 2 * HALF) + cell_r).rstrip())
    return out


def _header(report: Report) -> list[str]:
    h = report.header
    left = [line for text in h.issuer for line in wrap(text, size=HALF)]
    left.append(rule(width(max(left, key=width)) // 3) if left else "")
    right = [line for text in h.motto for line in wrap(text, size=HALF)]
    if right:
        right.append(rule(width(right[-1])))
    lines = columns(left, right)
    lines += columns([h.number], wrap(h.place_date, size=HALF))
    lines.append("")
    lines.append(center(h.kind, WIDTH).rstrip())
    lines += [center(t, WIDTH).rstrip() for t in wrap(h.title, size=TITLE_WIDTH)]
    lines.append(center(rule(8), WIDTH).rstrip())
    return lines


def _signature(report: Report) -> list[str]:
    s = report.signature
    left = [s.recipients_label] + [
        line for r in s.recipients for line in wrap(r, rest="  ", size=HALF)
    ]
    right = list(s.titles)
    right += ["", "", ""]
    if s.name:
        right.append(s.name)
    return columns(left, right, center_left=False)


def _table(table: SummaryTable) -> list[str]:
    out = [""]
    out += [center(t, WIDTH).rstrip() for t in wrap(table.title, size=TITLE_WIDTH)]
    out += [center(t, WIDTH).rstrip() for t in wrap(table.subtitle, size=TITLE_WIDTH)]
    heads = table.headers
    for row in table.rows:
        out.append("")
        if row.is_group:
            out += wrap(row.cells[0].upper())
            continue
        out += wrap(row.cells[0], rest="    ")
        fields = [f"{heads[i]}: {cell}" for i, cell in enumerate(row.cells) if i and cell]
        out += wrap("; ".join(fields) + ".", "    ", "    ")
    if table.notes:
        out.append("")
        out += [line for note in table.notes for line in wrap(note)]
    return out


def _annex(annex) -> list[str]:
    """The annex (kehoach.report.annex.Annex): its heading centred, then each group and
    each target as a block, the columns named ("KH năm 2020: trên 13; …")."""
    out = ["", center(annex.label, WIDTH).rstrip()]
    for text in (annex.title, annex.subtitle):
        out += [center(t, WIDTH).rstrip() for t in wrap(text, size=TITLE_WIDTH)]
    heads = annex.flat_headers()
    for row in annex.rows:
        out.append("")
        if row.group:
            out += wrap(f"{row.cells[0].text}. {row.cells[1].text.upper()}", rest="    ")
            continue
        out += wrap(f"{row.cells[0].text}. {row.cells[1].text}", rest="    ")
        fields = [f"{heads[i]}: {c.text}" for i, c in enumerate(row.cells) if i > 1 and c.text]
        out += wrap("; ".join(fields) + ".", "    ", "    ")
    if annex.notes:
        out.append("")
        out += [line for note in annex.notes for line in wrap(note)]
    return out


def render_text(report: Report) -> str:
    out = _header(report)
    out.append("")
    out += wrap(report.opening, first="    ")
    for block in report.body:
        if isinstance(block, Heading):
            out.append("")
            out += wrap(block.text, rest="   ")
        elif isinstance(block, Para):
            out.append("")
            out += wrap(block.text, first="    ")
        elif isinstance(block, Items):
            out.append("")
            for item in block.items:
                out += wrap(item, "- ", "  ")
        elif isinstance(block, Quotes):
            for item in block.items:
                out += wrap(item, "    ", "    ")
        elif isinstance(block, Table):
            from kehoach.render.plaintable import plain_table

            out.append("")
            out += wrap(block.caption)
            out += plain_table(block.headers, block.rows, block.right)
        # a Figure is for the Word report: the text report stays text
    out.append("")
    out += wrap(report.closing, first="    ")
    if not report.worksheet:  # the worksheet is not signed
        out.append("")
        out += _signature(report)
    out.append("")
    out.append(center(rule(20), WIDTH).rstrip())
    out += _annex(report.annex) if report.annex is not None else _table(report.table)
    return "\n".join(line.rstrip() for line in out) + "\n"
