"""Numbers and months as the town's spreadsheets write them.

This module owns the reading rule for submission values and months (docs/contract.md, section
"Submission CSV") and the two ways kehoach writes numbers back: for people
(`format_number`, Vietnamese or English style) and for stored CSV files
(`format_canonical`, which `parse_number` reads back exactly and without a warning).

Values are `Decimal` from end to end: a report that says 74,4 must add up as 74.4, not as
the nearest binary float.

Decisions taken where the contract is silent:

- Space characters are ' ', tab, NBSP (U+00A0), figure space (U+2007), thin space
  (U+2009) and narrow NBSP (U+202F). At the ends they are dropped; between digits of the
  whole part they group thousands like '.' or ','; spaces between a leading '-' and the
  digits are dropped ('- 5' is -5); anywhere else (after the decimal mark, next to a
  separator) they are a `bad-grouping` error.
- One trailing '%' is dropped (the value stays in percent: '98,5%' is 98.5).
- '+5', '5-', '--5', '(5)', a Unicode minus sign, non-ASCII digits, exponents, 'NaN',
  'Infinity' and underscores are `not-a-number`.
- '.5' and ',5' are 0.5. A decimal mark with nothing after it ('5.', '1.080,') is
  `not-a-number`: Excel never writes one, so it is more likely a cut-off value.
- The first thousands group is 1-3 digits and does not start with 0 ('0.080.000' and
  '012 190' are `bad-grouping`); leading zeros of a plain number ('007', '0,5') are fine.
- A whole part grouped with two kinds of separator ('1 080.000,5') or a decimal mark that
  also appears earlier ('1,000.000,5') is `bad-grouping`.
- `format_canonical` adds the fourth decimal only where `parse_number` would otherwise
  misread the value (whole part 1-999, i.e. 1-3 digits not starting with 0): '0.125' is
  already read as a decimal and stays '0.125'.
- Months: besides the listed forms, one-digit months and days are accepted everywhere
  ('2020-3-1', '1/3/2020'), spaces around '/' and '-' are ignored, and a full date may
  carry a midnight time ('2020-03-01 00:00:00', '01/03/2020 0:00', '2020-03-01T00:00').
  Any other time of day is refused: that is a timestamp, not a month Excel converted.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "AMBIGUOUS_NUMBER",
    "BAD_GROUPING",
    "BAD_MONTH",
    "NOT_A_NUMBER",
    "THOUSANDS_DOT",
    "MonthError",
    "NumberError",
    "format_canonical",
    "format_month",
    "format_number",
    "parse_month",
    "parse_number",
    "parse_number_slow",
]

# Stable codes; they end up in `validate --json` and in the error catalogue.
NOT_A_NUMBER = "not-a-number"
AMBIGUOUS_NUMBER = "ambiguous-number"
BAD_GROUPING = "bad-grouping"
THOUSANDS_DOT = "thousands-dot"
BAD_MONTH = "bad-month"

_NUMBER_CODES = frozenset({NOT_A_NUMBER, AMBIGUOUS_NUMBER, BAD_GROUPING})

YEAR_MIN = 1900
YEAR_MAX = 2100


class NumberError(ValueError):
    """A cell that is not a number under the contract's rule.

    code: 'not-a-number' | 'ambiguous-number' | 'bad-grouping'
    """

    code: str
    text: str

    def __init__(self, code: str, text: str):
        if code not in _NUMBER_CODES:
            raise ValueError(f"unknown number error code {code!r}")
        # args = (code, text) so that the exception pickles (multiprocessing) intact.
        super().__init__(code, text)
        self.code = code
        self.text = text

    def __str__(self) -> str:
        return f"{self.code}: {self.text!r}"


class MonthError(ValueError):
    """A cell that is not one of the accepted month forms."""

    code = BAD_MONTH
    text: str

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"{self.code}: {self.text!r}"


# --------------------------------------------------------------------------- numbers

# Every kind of space Excel or a copy from a web page or Word may put in a number; all
# of them become ' ' before anything else looks at the text.
_SPACE_TABLE = str.maketrans(dict.fromkeys("\t\u00a0\u2007\u2009\u202f", " "))
_DIGITS = frozenset("0123456789")
_BODY_CHARS = _DIGITS | {".", ",", " "}

# The fast path: what most cells look like ('1080', '74.4', '-3.5', '.5'), excluding the
# one plain-looking shape that is really Vietnamese grouping ('1.080', '-12.190'). Only
# ASCII digits: `\d` and `Decimal()` would also take Arabic-Indic or full-width digits.
_FAST = re.compile(r"-?(?![1-9][0-9]{0,2}\.[0-9]{3}\Z)(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
# Bound once: saves an attribute lookup per cell. A cell this matches is exactly
# `float(cell)` / `Decimal(cell)` with no warning, the same answer parse_number gives.
_fast_match = _FAST.fullmatch
# The Vietnamese decimal comma ('74,4', '-3,5', ',5'), excluding the ambiguous '1,080'
# shape: a cell this matches is `cell.replace(",", ".")` read as a plain number.
_FAST_COMMA = re.compile(r"-?(?![1-9][0-9]{0,2},[0-9]{3}\Z)(?:[0-9]+,[0-9]+|,[0-9]+)")
is_comma_decimal = _FAST_COMMA.fullmatch
# Both fast shapes for a whole column at once: cells joined with "\n", each followed by
# one. `match(text, pos)` runs over every cell in C and stops at the first cell that is
# neither a plain number nor a decimal comma (nor the excluded grouping shapes), so a
# column of a thousand cells costs one call. A cell holding "\n" would shift the count;
# the reader checks the count first.
FAST_COLUMN = re.compile(
    r"(?:-?(?![1-9][0-9]{0,2}[.,][0-9]{3}\n)(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)\n)*"
)


# The longest cell the reader takes as a float without the exact rule: at most 15
# characters, so at most 15 digits, which a float holds exactly (checks.MAX_DIGITS).
FAST_DIGITS = 15


def fast_float(text: str) -> float | None:
    """The float of a plain or decimal-comma cell of at most 15 characters, else None."""
    if len(text) <= FAST_DIGITS:
        if _fast_match(text):
            return float(text)
        if is_comma_decimal(text):
            return float(text.replace(",", "."))
    return None


def fast_exact(cell: str) -> Decimal:
    """The exact value of a cell :func:`fast_float` read as a float."""
    return Decimal(cell.replace(",", "."))


def parse_number(text: str) -> tuple[Decimal, str | None]:
    """Read a value cell by the Vietnamese-first rule.

    Returns (value, warning) where warning is 'thousands-dot' when '1.080'-style grouping
    was read as thousands, else None. Raises NumberError.
    """
    # Runs on every value of every file: one precompiled fullmatch decides, and Decimal
    # parses the text itself, so the common case allocates nothing beyond the result.
    if _fast_match(text):
        return Decimal(text), None
    if is_comma_decimal(text):
        return Decimal(text.replace(",", ".")), None
    return parse_number_slow(text)


def parse_number_slow(text: str) -> tuple[Decimal, str | None]:
    """The full rule without the fast path; `parse_number` agrees with it on every input."""
    s = text.translate(_SPACE_TABLE).strip(" ")
    if s.endswith("%"):
        s = s[:-1].rstrip(" ")
    negative = s.startswith("-")
    if negative:
        s = s[1:].lstrip(" ")
    if not s or not _BODY_CHARS.issuperset(s) or _DIGITS.isdisjoint(s):
        raise NumberError(NOT_A_NUMBER, text)

    dots = s.count(".")
    commas = s.count(",")
    warning = None
    mark: str | None  # the decimal mark, if there is one
    if dots and commas:
        # Both present: whichever comes last is the decimal mark.
        mark = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots == 1 or commas == 1:
        mark = "." if dots else ","
        before, _, after = s.partition(mark)
        if _is_group_lead(before) and len(after) == 3 and after.isdigit():
            if mark == ",":
                # '1,080': English grouping or 1.08 written the Vietnamese way; guessing
                # wrong is off by a factor of 1000, so the user has to say.
                raise NumberError(AMBIGUOUS_NUMBER, text)
            # '1.080': in Vietnamese offices this is one thousand and eighty.
            mark = None
            warning = THOUSANDS_DOT
    else:
        # No separator, or several of one kind ('1.080.000'): all grouping.
        mark = None

    if mark is None:
        whole, frac = s, ""
    else:
        at = s.rfind(mark)
        whole, frac = s[:at], s[at + 1 :]
        if not frac:
            raise NumberError(NOT_A_NUMBER, text)
        if not frac.isdigit():
            # Only spaces can be left here: the mark is the last separator.
            raise NumberError(BAD_GROUPING, text)
    digits = _ungroup(whole, text) or "0"
    # Decimal from the digit string keeps exactly the precision that was written.
    number = ("-" if negative else "") + digits + ("." + frac if frac else "")
    return Decimal(number), warning


def _is_group_lead(part: str) -> bool:
    """1-3 digits not starting with 0: a possible first thousands group."""
    return 1 <= len(part) <= 3 and part.isdigit() and part[0] != "0"


def _ungroup(whole: str, text: str) -> str:
    """The digits of a whole part, checking its thousands grouping if it has any."""
    if whole.isdigit() or not whole:
        return whole
    seps = {c for c in whole if c not in _DIGITS}
    if len(seps) != 1:
        raise NumberError(BAD_GROUPING, text)
    groups = whole.split(seps.pop())
    if not _is_group_lead(groups[0]):
        raise NumberError(BAD_GROUPING, text)
    for group in groups[1:]:
        if len(group) != 3 or not group.isdigit():
            raise NumberError(BAD_GROUPING, text)
    return "".join(groups)


def _to_decimal(value: Decimal | int | float) -> Decimal:
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, float):
        # repr() is the shortest text that reads back as this float: 0.1 shows as 0.1,
        # not as the 55-digit binary expansion Decimal(0.1) would give.
        d = Decimal(repr(value))
    else:
        d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return d


def _plain(d: Decimal) -> str:
    """Fixed-point text, no exponent, no trailing zeros ('-0' possible)."""
    # format 'f' is exact whatever the context precision; normalize() would round to it.
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _rounded(d: Decimal, decimals: int) -> str:
    """Fixed-point text with exactly `decimals` places, rounded half up."""
    with localcontext() as ctx:
        # quantize fails when the result has more digits than the precision allows.
        ctx.prec = max(28, d.adjusted() + decimals + 3)
        ctx.rounding = ROUND_HALF_UP
        return format(d.quantize(Decimal(1).scaleb(-decimals)), "f")


def _group3(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]]
    parts.extend(digits[i : i + 3] for i in range(head, len(digits), 3))
    return sep.join(parts)


def format_number(
    value: Decimal | int | float, lang: str = "vi", decimals: int | None = None
) -> str:
    """Human display: vi '1.080,5', en '1,080.5'.

    decimals=None writes as many places as the value needs (no trailing zeros, never an
    exponent); decimals=n rounds half up to exactly n places. Zero never shows a '-'.
    The fourth decimal of docs/contract.md is not added here: that is for stored files, see
    `format_canonical`.
    """
    if lang == "vi":
        group, mark = ".", ","
    elif lang == "en":
        group, mark = ",", "."
    else:
        raise ValueError(f"unknown language {lang!r}")
    d = _to_decimal(value)
    if decimals is None:
        s = _plain(d)
    elif decimals < 0:
        raise ValueError(f"decimals must be >= 0, not {decimals}")
    else:
        s = _rounded(d, decimals)
    negative = s.startswith("-")
    whole, _, frac = s.lstrip("-").partition(".")
    out = _group3(whole, group) + (mark + frac if frac else "")
    # '-0,00' after rounding -0.001 (or a Decimal('-0')) would read as a real negative.
    if negative and (whole.strip("0") or frac.strip("0")):
        out = "-" + out
    return out


def format_canonical(value: Decimal) -> str:
    """How stored CSV files write a number: '1080', '74.4', '-3.5', '1.1250'.

    Plain digits, '.' decimal, no grouping, no exponent, no trailing zeros; parse_number
    reads it back as the same value with no warning. A value with exactly three decimals
    and a whole part of 1-999 gets a fourth decimal, since '1.125' would be read as 1125.
    """
    s = _plain(_to_decimal(value))
    if s == "-0":
        return "0"
    whole, _, frac = s.lstrip("-").partition(".")
    if len(frac) == 3 and _is_group_lead(whole):
        s += "0"
    return s


# ---------------------------------------------------------------------------- months

# Patterns run on folded text: lower case, no diacritics, no spaces around '/' or '-'.
_MIDNIGHT = r"(?:[ t]0{1,2}:00(?::00)?)?"
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/-]([0-9]{4})")
_THANG = re.compile(r"(?:t|thang) *([0-9]{1,2})(?:[/-]| +nam +)([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _MIDNIGHT)
_DMY_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})" + _MIDNIGHT)
# Excel's own Vietnamese month format ("thg 10 2020", "thg 10, 2020") and a date serial
# (days since 1899-12-30, what a date cell holds when its format is lost: 44105).
_EXCEL_THG = re.compile(r"thg *([0-9]{1,2}),? +([0-9]{4})")
_SERIAL = re.compile(r"([0-9]{5})(?:\.0+)?")
# A quarter ("Quý III/2020", "Q3/2020", "quy 3 nam 2020"): refused with the month to write.
_QUARTER = re.compile(r"(?:quy|q) *(iv|iii|ii|i|[1-4])(?:[/-]| +nam +| +)([0-9]{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_AROUND_SEP = re.compile(r" *([/-]) *")
_SPACE_RUN = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Lower case, without diacritics, single spaces: 'Tháng 3 năm 2020' -> 'thang 3 nam 2020'.

    NFD first, so precomposed (NFC) and decomposed (NFD, as macOS writes) input fold alike.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _SPACE_RUN.sub(" ", bare).strip()
    return _AROUND_SEP.sub(r"\1", bare)


def _month_or_none(year: int, month: int, day: int | None = None) -> tuple[int, int] | None:
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month


@functools.lru_cache(maxsize=4096)
def _parse_month_cached(text: str) -> tuple[int, int] | None:
    # None stands for "bad month": caching the exception object itself would hand every
    # caller the same instance, traceback and all.
    s = _fold(text)
    if m := _ISO_MONTH.fullmatch(s):
        return _month_or_none(int(m[1]), int(m[2]))
    if m := _MONTH_YEAR.fullmatch(s) or _THANG.fullmatch(s):
        return _month_or_none(int(m[2]), int(m[1]))
    if m := _ISO_DATE.fullmatch(s):
        return _month_or_none(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_DATE.fullmatch(s):
        # Day first, as Vietnamese Excel writes dates.
        return _month_or_none(int(m[3]), int(m[2]), int(m[1]))
    if m := _EXCEL_THG.fullmatch(s):
        return _month_or_none(int(m[2]), int(m[1]))
    if m := _SERIAL.fullmatch(s):
        day = _EXCEL_EPOCH + timedelta(days=int(m[1]))
        return _month_or_none(day.year, day.month)
    return None


_EXCEL_EPOCH = date(1899, 12, 30)


def quarter_of(text: str) -> tuple[int, int] | None:
    """(year, quarter) when the text names a quarter rather than a month, else None."""
    m = _QUARTER.fullmatch(_fold(text))
    if m is None:
        return None
    q = _ROMAN.get(m[1]) or int(m[1])
    return int(m[2]), q


def ambiguous_date(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Both readings of a d/m/yyyy date that gives another month read month-first.

    A first of the month ('01/03/2020') is what Excel makes of a month typed as a date,
    so it is not doubted; '10/1/2020' is (10 January, or 1 October)."""
    m = _DMY_DATE.fullmatch(_fold(text))
    if m is None:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a == 1 or a == b or a > 12 or b > 12:
        return None
    return (year, b), (year, a)


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from any accepted month form; raises MonthError.

    'YYYY-MM', 'YYYY-M', 'MM/YYYY', 'M/YYYY', 'MM-YYYY', 'T3/2020', 'Tháng 3/2020',
    'Tháng 3 năm 2020' (any case, with or without diacritics), and the dates Excel makes
    of a month: '01/03/2020' (day first), '2020-03-01', '2020-03-01 00:00:00'.
    """
    result = _parse_month_cached(text)
    if result is None:
        raise MonthError(text)
    return result


def format_month(year: int, month: int) -> str:
    """'YYYY-MM', the form months are stored and shown in."""
    return f"{year:04d}-{month:02d}"


def json_number(value: Decimal | None) -> float | int | None:
    """A figure in a JSON document: a whole number as an integer, else a float (JSON
    never rounds: rendering does); None stays null."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def parse_day(text: str) -> date | None:
    """A day as every date option takes it: ``2020-09-28`` or, as Vietnamese offices
    write it, ``28/09/2020`` (``28/9/2020`` too); None when it is not a real day."""
    value = text.strip()
    parts = value.split("-") if "-" in value else value.split("/")[::-1]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    year, month, day = parts
    if len(year) != 4 or not (1 <= len(month) <= 2 and 1 <= len(day) <= 2):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def clock_past_plan_year(plan_year: int, today: date) -> bool:
    """Whether ``today`` is past the plan year and its last reports (31 January of the
    next year): such a clock says nothing about how late a figure is — a sample year read
    years later — so timeliness then comes from the submission log alone."""
    return today > date(plan_year + 1, 1, 31)
