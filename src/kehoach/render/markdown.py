"""The report (:class:`kehoach.report.model.Report`) as Markdown that renders on a forge.

The header and the signature are two-column tables (as the printed document sets them
side by side), the sections are headings, the units' notes are block quotes and the
summary table is a pipe table with its figures right-aligned. Text that came from users
(notes, tasks) has the characters that would change its meaning escaped.
"""

from __future__ import annotations

import re

from kehoach.report.model import Figure, Heading, Items, Para, Quotes, Report, SummaryTable, Table

_SPECIAL = re.compile(r"([\\`*_<>\[\]|#])")


def esc(text: str) -> str:
    """Plain text, inert in Markdown: quoted notes never become emphasis or links."""
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return esc(text) or " "


def _header(report: Report) -> list[str]:
    h = report.header
    left = [f"**{esc(x)}**" for x in h.issuer] + [esc(h.number)]
    right = [f"**{esc(x)}**" for x in h.motto] + [f"*{esc(h.place_date)}*"]
    return [
        "| " + "<br>".join(left) + " | " + "<br>".join(right) + " |",
        "|:---:|:---:|",
        "",
        f"# {esc(h.kind)}",
        "",
        f"**{esc(h.title)}**",
    ]


def _signature(report: Report) -> list[str]:
    s = report.signature
    left = [f"***{esc(s.recipients_label)}***"] + [esc(r) for r in s.recipients]
    right = [f"**{esc(t)}**" for t in s.titles] + ["<br><br>"]
    if s.name:
        right.append(f"**{esc(s.name)}**")
    return [
        "| " + "<br>".join(left) + " | " + "<br>".join(right) + " |",
        "|:---|:---:|",
    ]


def _table(table: SummaryTable) -> list[str]:
    n = len(table.headers)
    out = [
        f"## {esc(table.title)}",
        "",
        f"*{esc(table.subtitle)}*",
        "",
        "| " + " | ".join(_cell(h) for h in table.headers) + " |",
        "|" + "|".join("---:" if i in table.numeric else "---" for i in range(n)) + "|",
    ]
    for row in table.rows:
        if row.is_group:
            out.append(f"| **{esc(row.cells[0])}** |" + " |" * (n - 1))
        else:
            out.append("| " + " | ".join(_cell(c) for c in row.cells) + " |")
    if table.notes:
        out.append("")
        out += [f"- {esc(note)}" for note in table.notes]
    return out


def _annex(annex) -> list[str]:
    """The annex (kehoach.report.annex.Annex) as a pipe table with one header row: the
    spanning "So sánh (%)" is named in each of its columns' headers."""
    cols = annex.columns
    align = {"stt": ":---:", "uom": ":---:"}
    out = [
        f"## {esc(annex.label)}",
        "",
        f"**{esc(annex.title)}**",
        "",
        f"*{esc(annex.subtitle)}*",
        "",
        "| " + " | ".join(_cell(h) for h in annex.flat_headers()) + " |",
        "|" + "|".join(align.get(c.key, "---:" if c.numeric else "---") for c in cols) + "|",
    ]
    for row in annex.rows:
        if row.group:
            out.append(
                f"| **{esc(row.cells[0].text)}** | **{esc(row.cells[1].text)}** |"
                + " |" * (len(cols) - 2)
            )
        else:
            out.append("| " + " | ".join(_cell(c.text) for c in row.cells) + " |")
    if annex.notes:
        out.append("")
        out += [f"*{esc(note)}*" for note in annex.notes]
    return out


def render_markdown(report: Report) -> str:
    out = _header(report)
    out += ["", esc(report.opening)]
    for block in report.body:
        out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {esc(block.text)}")
        elif isinstance(block, Para):
            out.append(esc(block.text))
        elif isinstance(block, Items):
            out += [f"- {esc(item)}" for item in block.items]
        elif isinstance(block, Quotes):
            out.append("\n>\n".join(f"> {esc(item)}" for item in block.items))
        elif isinstance(block, Table):
            if block.caption:  # a unit's own table in the draft comes without one
                out.append(f"*{esc(block.caption)}*")
                out.append("")
            out.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.headers)))
                + "|"
            )
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        elif isinstance(block, Figure):
            out.pop()  # pictures are in the Word report; Markdown stays text
    out += ["", esc(report.closing), ""]
    if not report.worksheet:  # the worksheet is not signed
        out += _signature(report)
    out += ["", "---", ""]
    out += _annex(report.annex) if report.annex is not None else _table(report.table)
    return "\n".join(out) + "\n"
