"""The by-unit tables as strings: what ``status --by-unit`` shows on a terminal and the
report's ward tables, from the same :class:`~kehoach.core.breakdown.Breakdown` rows.

:func:`ward_grid` gives the header and rows as strings for any format (Markdown and Word
tables as they are; the text report through :func:`kehoach.render.plaintable.plain_table`),
and :func:`ward_caption` the line above each table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kehoach.core.attainment import StatusResult
from kehoach.core.breakdown import Breakdown, breakdowns
from kehoach.core.i18n import EN_MONTHS, Localized, status_label
from kehoach.core.models import Plan
from kehoach.core.textfmt import figure_text, percent

ZERO = Decimal(0)

# The report's ward tables: the five indicators the wards contribute to.
REPORT_CODES = ("KT05", "KT06", "XH04", "XH08", "XH09")


WARD_LABELS = {
    "unit": Localized("Đơn vị", "Unit"),
    "value": Localized("Số liệu", "Figure"),
    "value_ytd": Localized("Lũy kế", "Year to date"),
    "share": Localized("Tỷ trọng", "Share"),
    "month": Localized("Gửi đến", "Sent up to"),
    "complete": Localized("Đủ kỳ", "Due sent"),
    "target": Localized("KH đơn vị", "Unit target"),
    "attainment": Localized("Đạt", "Attained"),
    "status": Localized("Trạng thái", "Status"),
    "total": Localized("Cộng các đơn vị", "Units' total"),
    "owner": Localized("{unit} (tổng hợp)", "{unit} (town figure)"),
    "est": Localized("ước", "est."),
    "caption": Localized(
        "{code} — {name} ({uom}): thị xã {value}, {status}",
        "{code} — {name} ({uom}): town {value}, {status}",
    ),
}


def ward_caption(b: Breakdown, lang: str) -> str:
    """The line above a ward table: 'KT05 — Tổng diện tích gieo trồng cả năm (ha): thị xã
    2.478, Đã đạt'."""
    r = b.result
    return WARD_LABELS["caption"](lang).format(
        code=r.code,
        name=r.name(lang),
        uom=r.uom(lang),
        value=cell_value(r.value, r.estimate, lang),
        status=status_label(r.status, lang),
    )


def cell_value(value: Decimal | None, estimate: bool, lang: str) -> str:
    text = figure_text(value, lang)
    if value is not None and estimate:
        text += f" ({WARD_LABELS['est'](lang)})"
    return text


def ward_grid(
    b: Breakdown, lang: str, narrow: bool = False
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], frozenset[int]]:
    """(headers, rows, right-aligned column indices) as strings, for a report table in
    any format (text grid, Markdown, Word): the same columns as ``status --by-unit``.

    ``narrow`` (the terminal at 80 columns): headings on two lines, months as "T9"."""
    year = b.result.year
    value_head = (
        WARD_LABELS["value_ytd"] if b.result.measure == "cumulative" else WARD_LABELS["value"]
    )
    keys = ["share", "month", "complete"]
    if b.has_targets:
        keys += ["target", "attainment", "status"]
    heads = [WARD_LABELS["unit"](lang), value_head(lang)] + [WARD_LABELS[k](lang) for k in keys]
    if narrow:
        heads = [
            h.replace(" ", "\n", 1) if k not in ("unit", "status") else h
            for h, k in zip(heads, ["unit", "value", *keys], strict=True)
        ]
    rows = []
    for u in b.rows:
        owner = u.role == "owner"
        label = WARD_LABELS["owner"](lang).format(unit=u.unit) if owner else u.unit
        if not u.month:
            month = "—"
        elif narrow:
            month = EN_MONTHS[u.month - 1][:3] if lang == "en" else f"T{u.month}"
        else:
            month = f"{u.month:02d}/{year}"
        row = [
            label,
            cell_value(u.value, u.estimate, lang),
            percent(u.share, lang, 0) if u.share is not None else "",
            month,
            "" if owner else (f"{u.due_sent}/{u.due_total}" if u.due_total else "—"),
        ]
        if b.has_targets:
            row += (
                ["", "", ""]
                if owner
                else [
                    figure_text(u.target, lang),
                    percent(u.attainment, lang, 0) if u.attainment is not None else "—",
                    status_label(u.status, lang) if u.status else "—",
                ]
            )
        rows.append(tuple(row))
    total = [
        WARD_LABELS["total"](lang),
        figure_text(b.total, lang),
        "100%" if b.total else "",
        "",
        "",
    ]
    if b.has_targets:
        targets = [u.target for u in b.contributors if u.target is not None]
        total += [figure_text(sum(targets, ZERO), lang) if targets else "", "", ""]
    rows.append(tuple(total))
    right = frozenset({1, 2, 4} | ({5, 6} if b.has_targets else set()))
    return tuple(heads), tuple(rows), right


@dataclass(frozen=True)
class WardTable:
    """One ward table of the report, as strings: a caption line and a grid."""

    code: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int]


def report_ward_tables(plan: Plan, status: StatusResult, lang: str) -> list[WardTable]:
    """The report's ward tables (KT05, KT06, XH04, XH08, XH09 when the plan has them with
    contributors), in the plan's order. Markdown and Word take ``headers``/``rows`` as a
    table; the text report lays them out with ``plain_table(t.headers, t.rows, t.right)``."""
    out = []
    for b in breakdowns(plan, status, REPORT_CODES):
        headers, rows, right = ward_grid(b, lang)
        out.append(WardTable(b.result.code, ward_caption(b, lang), headers, rows, right))
    return out
