"""Breakdown by unit: which ward is behind (pure).

For an indicator whose figure is built from contributors (the wards' sown area, harvest,
new jobs, cultural villages), one row per contributor in the plan's order: its own figure
(the year to date for cumulative targets, its latest value for levels), its share of the
contributors' total, the last month it sent, how many due months it has sent, and, where
the plan gives per-unit targets (``targets_by_unit``), its attainment and status against
its own target. The figures are the ``contributions`` of ``status --json`` (the same
:class:`~kehoach.attainment.Contribution` records); a contributor that sent nothing keeps
its row, empty.

Used by ``kehoach status --by-unit`` and by the report's ward tables: :func:`ward_grid`
gives the header and rows as strings for any format (Markdown and Word tables as they are;
the text report through :func:`kehoach.render.plaintable.plain_table`), and
:func:`ward_caption` the line above each table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.attainment import IndicatorResult, StatusResult, _num
from kehoach.i18n import EN_MONTHS, Localized, status_label
from kehoach.models import Indicator, Plan
from kehoach.numbers import format_month
from kehoach.textfmt import percent, show

ZERO = Decimal(0)
# The report's ward tables (issue 14): the five indicators the wards contribute to.
REPORT_CODES = ("KT05", "KT06", "XH04", "XH08", "XH09")


@dataclass(frozen=True)
class UnitRow:
    unit: str
    name_vi: str
    name_en: str
    role: str  # "owner" | "contributor"
    value: Decimal | None  # cumulative: its year to date; level: its latest figure
    share: Decimal | None  # of the contributors' total (owner rows: None)
    month: int | None  # the latest month it sent
    estimate: bool
    due_sent: int
    due_total: int
    target: Decimal | None = None
    attainment: Decimal | None = None
    status: str | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass(frozen=True)
class Breakdown:
    result: IndicatorResult
    rows: tuple[UnitRow, ...]  # the owner first when it sends a figure, then contributors
    total: Decimal | None  # the contributors' sum
    has_targets: bool  # the plan gives per-unit targets

    @property
    def contributors(self) -> tuple[UnitRow, ...]:
        return tuple(r for r in self.rows if r.role == "contributor")

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        y = r.year
        return {
            "code": r.code,
            "name": r.name_vi,
            "name_en": r.name_en,
            "unit_of_measure": r.unit_of_measure,
            "measure": r.measure,
            "value": _num(r.value),
            "status": r.status,
            "owner": r.owner,
            "owner_value": _num(r.owner_value),
            "contributors_sum": _num(self.total),
            "source": r.source,
            "units": [
                {
                    "unit": u.unit,
                    "role": u.role,
                    "value": _num(u.value),
                    "share": _num(u.share),
                    "month": format_month(y, u.month) if u.month else None,
                    "estimate": u.estimate,
                    "due_sent": u.due_sent,
                    "due_total": u.due_total,
                    "target": _num(u.target),
                    "attainment": _num(u.attainment),
                    "status": u.status,
                }
                for u in self.rows
            ],
        }


def contributors_of(ind: Indicator) -> list[str]:
    """The units that make up the figure: a v2 plan's contributors, or a v1 plan's
    reporters when there are several (they are summed)."""
    if ind.owner is not None:
        return list(ind.contributors)
    return list(ind.reported_by) if len(ind.reported_by) > 1 else []


def has_breakdown(ind: Indicator) -> bool:
    return bool(contributors_of(ind))


def breakdown(plan: Plan, result: IndicatorResult, month: int) -> Breakdown:
    """The per-unit rows of one indicator's result at ``month``."""
    ind = plan.indicator(result.code)
    by_code = {u.code: u for u in plan.units}
    sent = {c.unit: c for c in result.contributions}
    due_total = sum(1 for m in ind.due_months if m <= month)
    targets = ind.targets_by_unit or {}
    codes = contributors_of(ind)
    values = [sent[c].value for c in codes if c in sent and sent[c].value is not None]
    total = sum(values, ZERO) if values else None
    rows: list[UnitRow] = []
    owner = sent.get(ind.owner) if ind.owner else None
    if owner is not None and owner.role == "owner":
        unit = by_code[owner.unit]
        rows.append(_row(unit, owner, "owner", None, due_total))
    for code in codes:
        unit = by_code[code]
        c = sent.get(code)
        share = None
        if c is not None and c.value is not None and total:
            share = c.value / total
        if c is None:
            target = targets.get(code)
            status = None
            if target is not None:
                status = "no_data" if due_total else "not_due"
            rows.append(
                UnitRow(
                    unit.code,
                    unit.name_vi,
                    unit.name_en,
                    "contributor",
                    None,
                    None,
                    None,
                    False,
                    0,
                    due_total,
                    target,
                    None,
                    status,
                )
            )
        else:
            rows.append(_row(unit, c, "contributor", share, due_total))
    return Breakdown(result, tuple(rows), total, bool(targets))


def _row(unit, c, role: str, share, due_total: int) -> UnitRow:
    return UnitRow(
        unit=unit.code,
        name_vi=unit.name_vi,
        name_en=unit.name_en,
        role=role,
        value=c.value,
        share=share,
        month=c.month,
        estimate=c.estimate,
        due_sent=c.due_sent,
        due_total=c.due_total or due_total,
        target=c.target,
        attainment=c.attainment,
        status=c.status,
    )


def breakdowns(plan: Plan, status: StatusResult, codes=None) -> list[Breakdown]:
    """A breakdown for each indicator of ``status`` that has contributors (or for the
    given codes only, in the plan's order)."""
    wanted = {c.upper() for c in codes} if codes else None
    by_code = {ind.code: ind for ind in plan.indicators}
    out = []
    for r in status.indicators:
        if wanted is not None and r.code.upper() not in wanted:
            continue
        if has_breakdown(by_code[r.code]):
            out.append(breakdown(plan, r, status.month))
    return out


# ------------------------------------------------------------------ as strings

B = {
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
    return B["caption"](lang).format(
        code=r.code,
        name=r.name(lang),
        uom=r.uom(lang),
        value=cell_value(r.value, r.estimate, lang),
        status=status_label(r.status, lang),
    )


def cell_value(value: Decimal | None, estimate: bool, lang: str) -> str:
    text = show(value, lang)
    if value is not None and estimate:
        text += f" ({B['est'](lang)})"
    return text


def ward_grid(
    b: Breakdown, lang: str, narrow: bool = False
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], frozenset[int]]:
    """(headers, rows, right-aligned column indices) as strings, for a report table in
    any format (text grid, Markdown, Word): the same columns as ``status --by-unit``.

    ``narrow`` (the terminal at 80 columns): headings on two lines, months as "T9"."""
    year = b.result.year
    value_head = B["value_ytd"] if b.result.measure == "cumulative" else B["value"]
    keys = ["share", "month", "complete"]
    if b.has_targets:
        keys += ["target", "attainment", "status"]
    heads = [B["unit"](lang), value_head(lang)] + [B[k](lang) for k in keys]
    if narrow:
        heads = [
            h.replace(" ", "\n", 1) if k not in ("unit", "status") else h
            for h, k in zip(heads, ["unit", "value", *keys], strict=True)
        ]
    rows = []
    for u in b.rows:
        owner = u.role == "owner"
        label = B["owner"](lang).format(unit=u.unit) if owner else u.unit
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
                    show(u.target, lang),
                    percent(u.attainment, lang, 0) if u.attainment is not None else "—",
                    status_label(u.status, lang) if u.status else "—",
                ]
            )
        rows.append(tuple(row))
    total = [B["total"](lang), show(b.total, lang), "100%" if b.total else "", "", ""]
    if b.has_targets:
        targets = [u.target for u in b.contributors if u.target is not None]
        total += [show(sum(targets, ZERO), lang) if targets else "", "", ""]
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
