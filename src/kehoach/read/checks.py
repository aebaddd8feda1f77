"""The checks a submission row goes through, as small functions returning problems.

Each check takes one raw cell (and what it needs of the plan) and returns its result with
a tuple of problems ``(code, column, params)``; the reader turns problems into
:class:`~kehoach.core.issues.Issue` records with the file and row. Checks are pure and depend
only on their arguments, which is what lets the reader memoise them on the few distinct
codes and months a file holds (the fast path) without changing a single message.
"""

from __future__ import annotations

import bisect
import calendar
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from kehoach.core.i18n import FREQUENCY_LABELS, Localized
from kehoach.core.models import Indicator, Plan
from kehoach.core.numbers import (
    MonthError,
    NumberError,
    ambiguous_date,
    format_month,
    format_number,
    parse_month,
    parse_number,
    parse_number_slow,
    quarter_of,
)

Problem = tuple[str, str | None, dict]
MAX_DIGITS = 15
NO_PROBLEMS: tuple[Problem, ...] = ()

# Canonical column names (the Vietnamese ones, as the template writes them).
COL_UNIT = "don_vi"
COL_INDICATOR = "ma_chi_tieu"
COL_MONTH = "thang"
COL_VALUE = "gia_tri"
COL_NOTE = "ghi_chu"
COL_KIND = "ky_so_lieu"  # how a cumulative figure is sent: the year to date or the month
COL_ESTIMATE = "uoc_tinh"  # an estimate (ước thực hiện) until the official figure comes

# Months of the previous year are comparison data (docs/plan.md §7): check_month returns
# them as month - PREVIOUS_YEAR (-11..0), so a month ≤ 0 means last year's month + 12.
PREVIOUS_YEAR = 12


@dataclass(frozen=True)
class CheckContext:
    """What the checks of one file need: the plan and the command-line overrides.

    ``memo`` holds what the reader derives from them once for every file it reads with
    this context (lookup tables, cached check results): a data folder of 127,000 files
    must not rebuild a table of units × indicators for each one.
    """

    plan: Plan
    unit: int | None = None  # --unit, as a unit index
    month: int | None = None  # --month, as a month of the plan year
    memo: dict = field(default_factory=dict, compare=False, repr=False)


# ASCII characters that are not letters or digits: what fold() drops from an ASCII code.
_ASCII_SEPARATORS = str.maketrans(dict.fromkeys(c for c in map(chr, range(128)) if not c.isalnum()))


def fold(text: str) -> str:
    """Upper-case, without diacritics or separators: for suggesting close codes."""
    if text.isascii():  # every code of a generated roll-up plan: no diacritics to strip
        return text.translate(_ASCII_SEPARATORS).upper()
    return _fold_any(text)


def _fold_any(text: str) -> str:
    """fold() for any text; for ASCII text the same as the translate table above."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.upper() if c.isalnum())


class Suggester:
    """Closest codes to a mistyped one, for the hint of an unknown code.

    Codes are folded (no case, diacritics or separators) once. A plan's 31 indicators are
    all compared; a roll-up plan's thousands of unit codes are not (difflib would take
    tens of milliseconds per typo): only those sorted next to the typed code, which share
    its longest prefixes, and those starting like it.
    """

    FULL_SCAN = 256  # up to this many codes, compare with all of them
    NEIGHBOURS = 8  # otherwise, this many on each side of where the typed code sorts

    def __init__(self, codes: list[str]):
        self.codes = codes
        self.folded: dict[str, str] = {}
        for code in codes:
            self.folded.setdefault(fold(code), code)
        self.sorted = sorted(self.folded)

    def __call__(self, raw: str, n: int = 3) -> str:
        typed = fold(raw)
        pool = self.sorted
        if len(pool) > self.FULL_SCAN:
            at = bisect.bisect_left(pool, typed)
            near = pool[max(0, at - self.NEIGHBOURS) : at + self.NEIGHBOURS]
            start = bisect.bisect_left(pool, typed[:1])
            pool = near + pool[start : start + self.NEIGHBOURS]
        close = difflib.get_close_matches(typed, pool, n=n, cutoff=0.5)
        if close:
            return ", ".join(self.folded[c] for c in dict.fromkeys(close))
        return ", ".join(self.codes[:n]) + ", …"


def _suggester(ctx: CheckContext, kind: str) -> Suggester:
    found = ctx.memo.get(kind)
    if found is None:
        items = ctx.plan.units if kind == "units" else ctx.plan.indicators
        found = ctx.memo[kind] = Suggester([x.code for x in items])
    return found


def check_unit(raw: str, ctx: CheckContext) -> tuple[int | None, tuple[Problem, ...]]:
    code = raw.strip()
    plan = ctx.plan
    if not code:
        if ctx.unit is not None:
            return ctx.unit, NO_PROBLEMS
        return None, (("missing-unit", COL_UNIT, {}),)
    idx = plan.unit_index.get(code.upper())
    if idx is None:
        hint = _suggester(ctx, "units")(code)
        return None, (("unknown-unit", COL_UNIT, {"value": code, "suggestions": hint}),)
    if ctx.unit is not None and idx != ctx.unit:
        expected = plan.units[ctx.unit].code
        return None, (("unit-mismatch", COL_UNIT, {"value": code, "expected": expected}),)
    return idx, NO_PROBLEMS


def check_indicator(raw: str, ctx: CheckContext) -> tuple[int | None, tuple[Problem, ...]]:
    code = raw.strip()
    if not code:
        return None, (("missing-indicator", COL_INDICATOR, {}),)
    idx = ctx.plan.indicator_index.get(code.upper())
    if idx is None:
        hint = _suggester(ctx, "indicators")(code)
        return None, (("unknown-indicator", COL_INDICATOR, {"value": code, "suggestions": hint}),)
    return idx, NO_PROBLEMS


def check_assignment(unit: int, indicator: int, ctx: CheckContext) -> tuple[Problem, ...]:
    """The unit must be one the plan asks to report this indicator."""
    if ctx.plan.reports(unit, indicator):
        return NO_PROBLEMS
    ind = ctx.plan.indicators[indicator]
    return (
        (
            "indicator-not-for-unit",
            COL_INDICATOR,
            {
                "unit": ctx.plan.units[unit].code,
                "indicator": ind.code,
                "reporters": ", ".join(ind.reported_by),
            },
        ),
    )


def check_month(raw: str, ctx: CheckContext) -> tuple[int | None, tuple[Problem, ...]]:
    text = raw.strip()
    if not text:
        if ctx.month is not None:
            return ctx.month, NO_PROBLEMS
        return None, (("missing-month", COL_MONTH, {}),)
    try:
        year, month = parse_month(text)
    except MonthError:
        short = _two_digit_year(text, ctx.plan.year)
        if short is not None:
            return _short_year_month(text, short, ctx)
        quarter = quarter_of(text)
        if quarter is not None:
            qy, q = quarter
            last = f"T{q * 3}/{qy}"
            return None, (("quarter-not-month", COL_MONTH, {"value": text, "last": last}),)
        return None, (("bad-month", COL_MONTH, {"value": text}),)
    warnings: tuple[Problem, ...] = NO_PROBLEMS
    doubt = ambiguous_date(text)
    if doubt is not None:
        (y1, m1), (y2, m2) = doubt
        warnings = (
            (
                "ambiguous-date",
                COL_MONTH,
                {
                    "value": text,
                    "day_first": format_month(y1, m1),
                    "month_first": format_month(y2, m2),
                    "month_num": m1,
                    "month_pad": f"{m1:02d}",
                    "year": y1,
                },
            ),
        )
    if year == ctx.plan.year - 1 and ctx.month is None:
        return month - PREVIOUS_YEAR, warnings
    if year != ctx.plan.year:
        return None, (
            (
                "month-outside-plan-year",
                COL_MONTH,
                {"month": format_month(year, month), "year": ctx.plan.year},
            ),
        )
    if ctx.month is not None and month != ctx.month:
        return None, (
            (
                "month-mismatch",
                COL_MONTH,
                {
                    "value": format_month(year, month),
                    "expected": format_month(ctx.plan.year, ctx.month),
                },
            ),
        )
    return month, warnings


# A date a spreadsheet wrote back with a two-digit year ('01/10/20', '1/10/20'), day first
# as Vietnamese spreadsheets write it, with an optional midnight time.
_SHORT_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{2})(?: 0{1,2}:00(?::00)?)?")


def _two_digit_year(text: str, plan_year: int) -> tuple[int, int] | None:
    """(year, month) of a day-first date with a two-digit year, when that year is the plan
    year or the year before (the only years a submission holds); else None."""
    m = _SHORT_DATE.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    day, month, yy = int(m[1]), int(m[2]), int(m[3])
    for year in (plan_year, plan_year - 1):
        if (
            year % 100 == yy
            and 1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1]
        ):
            return year, month
    return None


def _short_year_month(text: str, found: tuple[int, int], ctx: CheckContext):
    """check_month's answer for a two-digit-year date: the month, with a warning; the
    month's other checks (last year, --month) as for any month."""
    year, month = found
    warning = (
        "two-digit-year",
        COL_MONTH,
        {
            "value": text,
            "month": format_month(year, month),
            "month_num": month,
            "month_pad": f"{month:02d}",
            "year": year,
        },
    )
    full = f"{month:02d}/{year}"
    value, problems = check_month(full, ctx)
    return value, (warning, *problems)


def check_number(raw: str, fast: bool = True) -> tuple[Decimal | None, tuple[Problem, ...]]:
    """Parse a value cell by the Vietnamese number rule. Empty = not reported (None)."""
    text = raw.strip()
    try:
        value, warning = (parse_number if fast else parse_number_slow)(text)
    except NumberError as exc:
        return None, ((exc.code, COL_VALUE, _number_params(exc.code, text)),)
    if value and (
        len(value.normalize().as_tuple().digits) > MAX_DIGITS
        or not -MAX_DIGITS <= value.adjusted() < MAX_DIGITS
    ):
        # Stored values are exact up to 15 significant digits within ±10^15 (dataset.py);
        # no figure in these reports comes near, so more is a typing or export accident.
        shown = text if len(text) <= 40 else text[:40] + "…"  # a million digits: not all shown
        return None, (("too-many-digits", COL_VALUE, {"value": shown, "max": MAX_DIGITS}),)
    if warning:
        params = {"value": text, "read": format(value, "f"), **_decimal_reading(text, ".")}
        return value, ((warning, COL_VALUE, params),)
    return value, NO_PROBLEMS


def _decimal_reading(text: str, mark: str) -> dict:
    """How to write '1.080' (read as 1080) if it was meant as a decimal: '1,08' in
    Vietnamese, '1.08' in English, and with a fourth decimal ('1,0800') to keep three;
    a decimal left with exactly three places needs that fourth one anyway."""
    whole, _, frac = "".join(text.split()).rstrip("%").partition(mark)
    short = format(Decimal(f"{whole}.{frac}").normalize(), "f")
    fourth = f"{whole}.{frac}0"
    if "." in short and len(short.partition(".")[2]) == 3:
        short = fourth
    return {
        "decimal_vi": short.replace(".", ","),
        "decimal_en": short,
        "fourth_vi": fourth.replace(".", ","),
        "fourth_en": fourth,
    }


def _number_params(code: str, text: str) -> dict:
    if code != "ambiguous-number":
        return {"value": text}
    # "1,080": either one thousand and eighty, or 1.08 written with three decimals.
    # Every kind of space is dropped first, as the number rule does.
    whole, _, frac = "".join(text.split()).rstrip("%").partition(",")
    dec = format(Decimal(f"{whole}.{frac}").normalize(), "f")
    return {
        "value": text,
        "thousands": whole + frac,
        "decimal_vi": dec.replace(".", ","),
        "decimal_en": dec,
    }


def check_value_range(value: Decimal, ind: Indicator) -> tuple[Problem, ...]:
    """Hard range (error), then usual range (warning)."""
    for code, bounds in (("out-of-range", ind.range), ("unusual-value", ind.usual)):
        if bounds is not None and not bounds.contains(value):
            params = {
                "value": value,
                "indicator": ind.code,
                "range": (bounds.min, bounds.max),
                "uom": Localized(ind.unit_of_measure_vi, ind.unit_of_measure_en),
            }
            return ((code, COL_VALUE, params),)
    return NO_PROBLEMS


def check_due(indicator: int, month: int, ctx: CheckContext) -> tuple[Problem, ...]:
    """A cumulative amount sent in a month the indicator is not due still counts; say so.

    Level values sent early are estimates the plan welcomes, so they pass silently.
    """
    ind = ctx.plan.indicators[indicator]
    if ind.measure != "cumulative" or month in ind.due_months:
        return NO_PROBLEMS
    freq = (
        FREQUENCY_LABELS[ind.frequency]
        if isinstance(ind.frequency, str)
        else Localized(str(ind.frequency), str(ind.frequency))
    )
    return (
        (
            "off-cycle-value",
            COL_MONTH,
            {
                "indicator": ind.code,
                "frequency": freq,
                "month": format_month(ctx.plan.year, month),
            },
        ),
    )


def _folded_word(raw: str) -> str:
    """'Lũy kế' / 'LUY KE' / 'luy_ke' → 'luyke'; 'Ước' → 'uoc'."""
    return _fold_any(raw).lower()


_KINDS = {
    "thang": "month",
    "month": "month",
    "monthly": "month",
    "luyke": "ytd",
    "ytd": "ytd",
    "luykedaunam": "ytd",
    "luyketudaunam": "ytd",
}
_ESTIMATE_YES = frozenset({"x", "1", "uoc", "uoctinh", "co", "true", "yes", "y"})
_ESTIMATE_NO = frozenset({"", "0", "khong", "false", "no", "n"})


def check_kind(raw: str) -> tuple[str | None, tuple[Problem, ...]]:
    """The ky_so_lieu cell: "tháng"/"month" or "lũy kế"/"ytd"; empty = the plan's."""
    text = raw.strip()
    if not text:
        return None, NO_PROBLEMS
    kind = _KINDS.get(_folded_word(text))
    if kind is None:
        return None, (("bad-period-kind", COL_KIND, {"value": text}),)
    return kind, NO_PROBLEMS


def check_estimate(raw: str) -> tuple[bool, tuple[Problem, ...]]:
    """The uoc_tinh cell: x, 1, ước, có, true, yes = an estimate; empty, 0, không, false,
    no = official (docs/contract.md §2); anything else is an error."""
    word = _folded_word(raw) if raw.strip() else ""
    if word in _ESTIMATE_NO:
        return False, NO_PROBLEMS
    if word in _ESTIMATE_YES:
        return True, NO_PROBLEMS
    return False, (("bad-estimate", COL_ESTIMATE, {"value": raw.strip()}),)


def check_stage(raw: str, ind: Indicator) -> tuple[Decimal | None, tuple[Problem, ...]]:
    """A milestone's value: a stage code, name or number from the plan (0 = none yet)."""
    text = raw.strip()
    n = ind.stage_number(text)
    if n is None and text.isdigit() and int(text) <= len(ind.stages or ()):
        n = int(text)
    if n is None:
        stages = "; ".join(
            f"{i}. {st.code} ({st.name_vi})" for i, st in enumerate(ind.stages or (), 1)
        )
        stages_en = "; ".join(
            f"{i}. {st.code} ({st.name_en})" for i, st in enumerate(ind.stages or (), 1)
        )
        return None, (
            (
                "unknown-stage",
                COL_VALUE,
                {
                    "value": text,
                    "indicator": ind.code,
                    "stages": Localized(stages, stages_en),
                },
            ),
        )
    return Decimal(n), NO_PROBLEMS


def check_percent_sign(raw: str, ind: Indicator) -> tuple[Problem, ...]:
    """'98,5%' is only a figure of an indicator measured in %."""
    if raw.rstrip().endswith("%") and not ind.is_rate:
        return (
            (
                "percent-not-allowed",
                COL_VALUE,
                {
                    "value": raw.strip(),
                    "indicator": ind.code,
                    "uom": Localized(ind.unit_of_measure_vi, ind.unit_of_measure_en),
                },
            ),
        )
    return NO_PROBLEMS


def check_whole(raw: str, value: Decimal, ind: Indicator) -> tuple[Problem, ...]:
    """A count (people, villages, schools…) takes whole numbers: a fraction is an error.

    The likely cause is named: a spreadsheet set to English reads a typed '1.200' (one
    thousand two hundred, Vietnamese grouping) as 1.2, and writes it back '1.2'; so a
    fraction written with a dot, whose thousandfold is whole, is asked about."""
    if value == value.to_integral_value():
        return NO_PROBLEMS
    text = raw.strip()
    guess = value.scaleb(3)
    guess_vi = guess_en = ""
    if "," not in text and guess == guess.to_integral_value():
        g = guess.to_integral_value()
        guess_vi = (
            f"Có thể là {format_number(g, 'vi')}: bảng tính đặt ngôn ngữ tiếng Anh đọc dấu "
            f"chấm phân cách hàng nghìn thành dấu thập phân ({format_number(g, 'vi')} → "
            f"{format_number(value, 'en')}). "
        )
        guess_en = (
            f"Perhaps {format_number(g, 'vi')} ({format_number(g, 'en')}): a spreadsheet set "
            f"to English reads the Vietnamese thousands dot as a decimal point "
            f"({format_number(g, 'vi')} → {format_number(value, 'en')}). "
        )
        example = format(g, "f")
    else:
        example = format(value.to_integral_value(rounding="ROUND_FLOOR"), "f")
    return (
        (
            "not-whole",
            COL_VALUE,
            {
                "value": text,
                "read": value,
                "indicator": ind.code,
                "uom": Localized(ind.unit_of_measure_vi, ind.unit_of_measure_en),
                "guess_vi": guess_vi,
                "guess_en": guess_en,
                "example": example,
            },
        ),
    )
