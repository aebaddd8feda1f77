"""How figures are written for people, shared by the rich tables and the text report.

Vietnamese style under ``vi`` (74,4; 1.080; 98,5 %), English style under ``en``. Display
rounds (at most two decimals by default); JSON never does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from kehoach.core.numbers import format_month, format_number

_HUNDRED = Decimal(100)


def figure_text(value: Decimal | None, lang: str, max_decimals: int = 2) -> str:
    """A figure rounded to at most ``max_decimals`` places, without trailing zeros."""
    if value is None:
        return "—"
    q = Decimal(1).scaleb(-max_decimals)
    rounded = value.quantize(q, rounding=ROUND_HALF_UP).normalize()
    return format_number(rounded, lang)


class Uom(str):
    """An English unit of measure that knows its singular: '1 school', '4 schools'.

    Anywhere else it is the plain (plural) text, as in a column heading '(schools)'.
    """

    one: str

    def __new__(cls, plural: str, one: str | None = None) -> Uom:
        uom = super().__new__(cls, plural)
        uom.one = one or plural
        return uom


def attach_unit(number: str, uom: str, lang: str) -> str:
    """'74,4 tỷ đồng'; a percent sign stands right after the number ('98,5%'), as
    Vietnamese administrative documents write it; '1 school' in English when the unit of
    measure knows its singular."""
    if not uom:
        return number
    if isinstance(uom, Uom) and number in ("1", "-1"):
        uom = uom.one
    if uom == "%":
        return number + "%"
    return f"{number} {uom}"


def with_unit(value: Decimal | None, uom: str, lang: str) -> str:
    if value is None:
        return "—"
    return attach_unit(figure_text(value, lang), uom, lang)


def percent(share: Decimal | None, lang: str, decimals: int = 1) -> str:
    """0.539 → '53,9%' (vi) / '53.9%' (en): no space before the sign in either."""
    if share is None:
        return "—"
    return format_number(share * _HUNDRED, lang, decimals) + "%"


_COMPARISON_WORDS = {
    ">": ("trên", "above"),
    ">=": ("", ""),
    "<": ("dưới", "below"),
    "<=": ("tối đa", "at most"),
}


def target_text(comparison: str, target: Decimal, uom: str, lang: str) -> str:
    """The target in words when the plan file gives none: 'trên 74,4 tỷ đồng', '2%'.

    Never a '≥' the plan did not write (docs/plan.md §1)."""
    vi, en = _COMPARISON_WORDS.get(comparison, ("", ""))
    word = en if lang == "en" else vi
    figure = attach_unit(figure_text(target, lang, 4), uom, lang)
    return f"{word} {figure}" if word else figure


def gap_points_text(points: Decimal, lang: str) -> str:
    """A rate's distance to its target in percentage points: 'thấp hơn kế hoạch 0,5 điểm %'."""
    size = figure_text(abs(points), lang)
    if lang == "en":
        if points < 0:
            return f"{size} percentage points below target"
        return f"{size} percentage points above target" if points else "on target"
    if points < 0:
        return f"thấp hơn kế hoạch {size} điểm %"
    return f"cao hơn kế hoạch {size} điểm %" if points else "bằng kế hoạch"


def month_short(year: int, month: int | None) -> str:
    """'09/2020' — as Vietnamese offices write a month."""
    if not month:
        return "—"
    return f"{month:02d}/{year}"


def month_iso(year: int, month: int) -> str:
    return format_month(year, month)
