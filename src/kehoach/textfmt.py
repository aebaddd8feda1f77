"""How figures are written for people, shared by the rich tables and the text report.

Vietnamese style under ``vi`` (74,4; 1.080; 98,5 %), English style under ``en``. Display
rounds (at most two decimals by default); JSON never does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from kehoach.numbers import format_month, format_number

_HUNDRED = Decimal(100)


def show(value: Decimal | None, lang: str, max_decimals: int = 2) -> str:
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
    """'74,4 tỷ đồng'; a percent sign is spaced in Vietnamese ('98,5 %'), not in English;
    '1 school' in English when the unit of measure knows its singular."""
    if not uom:
        return number
    if isinstance(uom, Uom) and number in ("1", "-1"):
        uom = uom.one
    if uom == "%" and lang == "en":
        return number + "%"
    return f"{number} {uom}"


def with_unit(value: Decimal | None, uom: str, lang: str) -> str:
    if value is None:
        return "—"
    return attach_unit(show(value, lang), uom, lang)


def percent(share: Decimal | None, lang: str, decimals: int = 1) -> str:
    """0.539 → '53,9 %' (vi) / '53.9%' (en)."""
    if share is None:
        return "—"
    text = format_number(share * _HUNDRED, lang, decimals)
    return f"{text} %" if lang != "en" else f"{text}%"


def target_text(direction: str, target: Decimal, uom: str, lang: str) -> str:
    """The target as the plan states it: '≥ 74,4 tỷ đồng', '≤ 2 %'."""
    sign = "≥" if direction == "higher" else "≤"
    return f"{sign} " + attach_unit(show(target, lang, 4), uom, lang)


def month_short(year: int, month: int | None) -> str:
    """'09/2020' — as Vietnamese offices write a month."""
    if not month:
        return "—"
    return f"{month:02d}/{year}"


def month_iso(year: int, month: int) -> str:
    return format_month(year, month)
