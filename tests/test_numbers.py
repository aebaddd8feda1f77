"""The number and month rules of docs/contract.md ("Submission CSV") and their writers."""

from __future__ import annotations

import calendar
import pickle
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kehoach.core.numbers import (
    MonthError,
    NumberError,
    format_canonical,
    format_month,
    format_number,
    parse_month,
    parse_number,
    parse_number_slow,
)

NBSP = "\u00a0"
NNBSP = "\u202f"

# (text, expected value, expected warning)
GOOD_NUMBERS = [
    # the contract's examples
    ("74.4", "74.4", None),
    ("74,4", "74.4", None),
    ("1080", "1080", None),
    ("1.080", "1080", "thousands-dot"),
    ("12.190", "12190", "thousands-dot"),
    ("1.080,5", "1080.5", None),
    ("1,080.5", "1080.5", None),
    ("12 190", "12190", None),
    ("98,5%", "98.5", None),
    ("1.080.000", "1080000", None),
    ("1,080,000", "1080000", None),
    ("-3,5", "-3.5", None),
    (f"{NBSP}74,4{NBSP}", "74.4", None),
    ("1,1250", "1.1250", None),
    ("1.1250", "1.1250", None),
    # lone separator: starts with 0 or has 4+ whole digits -> decimal, no warning
    ("0,125", "0.125", None),
    ("0.125", "0.125", None),
    ("1234.567", "1234.567", None),
    ("1234,567", "1234.567", None),
    ("01.080", "1.080", None),
    ("01,080", "1.080", None),
    # lone separator with other than three digits after -> decimal
    ("1.08", "1.08", None),
    ("1,08", "1.08", None),
    ("1.0800", "1.0800", None),
    ("1,0800", "1.0800", None),
    ("123.45", "123.45", None),
    ("999.9999", "999.9999", None),
    # grouping
    ("999.999", "999999", "thousands-dot"),
    ("-1.080", "-1080", "thousands-dot"),
    ("1.080%", "1080", "thousands-dot"),
    ("1.080.000,25", "1080000.25", None),
    ("1,080,000.25", "1080000.25", None),
    ("1.080,500", "1080.500", None),
    ("1,080.500", "1080.500", None),
    ("1 080 000", "1080000", None),
    (f"1{NBSP}080{NBSP}000", "1080000", None),
    (f"12{NNBSP}190", "12190", None),
    ("1 080,5", "1080.5", None),
    ("1 080.5", "1080.5", None),
    ("1 080,500", "1080.500", None),
    ("123 456 789", "123456789", None),
    # spaces, percent, sign
    ("  98,5 % ", "98.5", None),
    (f"98,5{NBSP}%", "98.5", None),
    ("-5%", "-5", None),
    ("- 5", "-5", None),
    ("\t42\t", "42", None),
    ("-0", "-0", None),
    ("0", "0", None),
    ("007", "7", None),
    ("100%", "100", None),
    # a leading decimal mark is 0.x
    (".5", "0.5", None),
    (",5", "0.5", None),
    ("-.5", "-0.5", None),
    ("-,5", "-0.5", None),
    (".500", "0.500", None),
    (",500", "0.500", None),
    # precision is kept exactly
    ("0.1", "0.1", None),
    ("1.50", "1.50", None),
    ("12345678901234567890.123456789012345", "12345678901234567890.123456789012345", None),
]

BAD_NUMBERS = [
    ("1,080", "ambiguous-number"),
    ("12,190", "ambiguous-number"),
    ("999,999", "ambiguous-number"),
    ("-1,080", "ambiguous-number"),
    ("1,080%", "ambiguous-number"),
    ("1.08.0", "bad-grouping"),
    ("1.0800.000", "bad-grouping"),
    ("1,08,000", "bad-grouping"),
    ("1 2", "bad-grouping"),
    ("1 0800", "bad-grouping"),
    ("1  080", "bad-grouping"),
    ("1234 567", "bad-grouping"),
    ("1.080 000", "bad-grouping"),
    ("1 080.000,5", "bad-grouping"),
    ("1,000.000,5", "bad-grouping"),
    ("1.000.5,3", "bad-grouping"),
    ("0.080.000", "bad-grouping"),
    ("012 190", "bad-grouping"),
    ("1.080.", "bad-grouping"),
    (".080.000", "bad-grouping"),
    (",080.5", "bad-grouping"),
    ("1..0", "bad-grouping"),
    ("74,4 5", "bad-grouping"),
    ("1 ,5", "bad-grouping"),
    ("1e3", "not-a-number"),
    ("1E3", "not-a-number"),
    ("1.5e-3", "not-a-number"),
    ("", "not-a-number"),
    ("   ", "not-a-number"),
    (NBSP, "not-a-number"),
    ("--1", "not-a-number"),
    ("1-", "not-a-number"),
    ("+1", "not-a-number"),
    (".", "not-a-number"),
    (",", "not-a-number"),
    ("-", "not-a-number"),
    ("%", "not-a-number"),
    ("-%", "not-a-number"),
    ("5%%", "not-a-number"),
    ("%5", "not-a-number"),
    ("5.", "not-a-number"),
    ("5,", "not-a-number"),
    ("1.080,", "not-a-number"),
    ("abc", "not-a-number"),
    ("12a", "not-a-number"),
    ("NaN", "not-a-number"),
    ("Infinity", "not-a-number"),
    ("1_000", "not-a-number"),
    ("(5)", "not-a-number"),
    ("\u22125", "not-a-number"),  # Unicode minus sign
    ("\u0663", "not-a-number"),  # Arabic-Indic three: Decimal() would take it
    ("\uff11\uff12", "not-a-number"),  # full-width digits
    ("5 -", "not-a-number"),
    ("1\n080", "not-a-number"),
]


@pytest.mark.parametrize(("text", "value", "warning"), GOOD_NUMBERS)
def test_parse_number_good(text: str, value: str, warning: str | None) -> None:
    for parse in (parse_number, parse_number_slow):
        got, warn = parse(text)
        assert isinstance(got, Decimal)
        # Same value and same written precision (1.50 stays 1.50).
        assert str(got) == str(Decimal(value))
        assert warn == warning


@pytest.mark.parametrize(("text", "code"), BAD_NUMBERS)
def test_parse_number_bad(text: str, code: str) -> None:
    for parse in (parse_number, parse_number_slow):
        with pytest.raises(NumberError) as err:
            parse(text)
        assert err.value.code == code
        assert err.value.text == text


def test_number_error_shape() -> None:
    err = NumberError("bad-grouping", "1.08.0")
    assert isinstance(err, ValueError)
    assert "bad-grouping" in str(err) and "1.08.0" in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert (again.code, again.text) == ("bad-grouping", "1.08.0")
    with pytest.raises(ValueError):
        NumberError("no-such-code", "x")


# --------------------------------------------------------------------------- writers


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (Decimal("74.4"), "vi", None, "74,4"),
        (Decimal("74.4"), "en", None, "74.4"),
        (1080, "vi", None, "1.080"),
        (1080, "en", None, "1,080"),
        (Decimal("12190"), "vi", None, "12.190"),
        (Decimal("98.5"), "vi", 1, "98,5"),
        (Decimal("98.5"), "vi", 2, "98,50"),
        (Decimal("1080.5"), "vi", None, "1.080,5"),
        (Decimal("1080.5"), "en", None, "1,080.5"),
        (Decimal("1080000.25"), "vi", None, "1.080.000,25"),
        (Decimal("-1080.5"), "vi", None, "-1.080,5"),
        (Decimal("-1080.5"), "en", None, "-1,080.5"),
        (-3, "vi", None, "-3"),
        (Decimal("-0.5"), "vi", None, "-0,5"),
        (0, "vi", None, "0"),
        (0, "vi", 2, "0,00"),
        (Decimal("-0"), "vi", None, "0"),
        (Decimal("-0.001"), "vi", 2, "0,00"),  # no '-0,00'
        (Decimal("0.000"), "en", None, "0"),
        (Decimal("1.005"), "vi", 2, "1,01"),  # half up, not half even
        (Decimal("1.015"), "en", 2, "1.02"),
        (Decimal("1.025"), "en", 2, "1.03"),
        (Decimal("-1.005"), "en", 2, "-1.01"),  # half away from zero
        (Decimal("1.004"), "en", 2, "1.00"),
        (Decimal("999.5"), "vi", 0, "1.000"),
        (Decimal("1E+3"), "vi", None, "1.000"),
        (Decimal("1E+3"), "en", None, "1,000"),
        (Decimal("1.500"), "vi", None, "1,5"),
        (Decimal("1E-7"), "en", None, "0.0000001"),
        (
            Decimal("123456789012345678901234567890.5"),
            "en",
            0,
            "123,456,789,012,345,678,901,234,567,891",
        ),
        (0.1, "vi", None, "0,1"),
        (74.4, "en", 1, "74.4"),
        (100, "en", 1, "100.0"),
    ],
)
def test_format_number(value, lang: str, decimals: int | None, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_number_default_is_vietnamese() -> None:
    assert format_number(Decimal("1080.5")) == "1.080,5"


@pytest.mark.parametrize(
    "call",
    [
        lambda: format_number(1, "fr"),
        lambda: format_number(1, "vi", -1),
        lambda: format_number(Decimal("NaN")),
        lambda: format_number(float("inf")),
        lambda: format_canonical(Decimal("Infinity")),
    ],
)
def test_format_refuses(call) -> None:
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1080"), "1080"),
        (Decimal("74.4"), "74.4"),
        (Decimal("74.40"), "74.4"),
        (Decimal("1.08"), "1.08"),
        (Decimal("1.125"), "1.1250"),
        (Decimal("12.190"), "12.19"),
        (Decimal("12.191"), "12.1910"),
        (Decimal("999.999"), "999.9990"),
        (Decimal("-1.125"), "-1.1250"),
        (Decimal("1000.125"), "1000.125"),
        (Decimal("0.125"), "0.125"),
        (Decimal("1E+3"), "1000"),
        (Decimal("1.0E+3"), "1000"),
        (Decimal("-0"), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("-3.5"), "-3.5"),
        (Decimal("1E-8"), "0.00000001"),
        (1080, "1080"),
    ],
)
def test_format_canonical(value: Decimal, expected: str) -> None:
    assert format_canonical(value) == expected
    assert parse_number(expected) == (Decimal(value), None)


# --------------------------------------------------------------------------- properties

values = st.decimals(
    min_value=Decimal("-1e12"),
    max_value=Decimal("1e12"),
    allow_nan=False,
    allow_infinity=False,
    places=6,
)


def _places(d: Decimal) -> int:
    """How many decimals the value needs to be written exactly."""
    return max(0, -d.normalize().as_tuple().exponent) if d else 0


def _written_decimals(d: Decimal) -> int:
    # docs/contract.md: a value with exactly three decimals and 1-3 whole digits is written
    # with a fourth decimal, else '1,125' / '1.125' would read as 1125.
    places = _places(d)
    if places == 3 and 1 <= abs(int(d)) <= 999:
        return 4
    return places


@given(values)
@example(Decimal("1080"))
@example(Decimal("1.125"))
@example(Decimal("-999999"))
@example(Decimal("1000000"))
@example(Decimal("0.125"))
def test_vietnamese_format_round_trips(d: Decimal) -> None:
    text = format_number(d, "vi", _written_decimals(d))
    value, warning = parse_number(text)
    assert value == d
    # The only warning: an integer of 1.000-999.999 written with its one grouping dot.
    is_thousands_dot = d == int(d) and 1000 <= abs(d) <= 999_999
    assert warning == ("thousands-dot" if is_thousands_dot else None), text


@given(values)
@example(Decimal("1080"))
@example(Decimal("1.125"))
@example(Decimal("1080.5"))
@example(Decimal("1080000"))
def test_english_format_round_trips_unless_ambiguous(d: Decimal) -> None:
    text = format_number(d, "en", _written_decimals(d))
    # English '1,080' (one grouping comma, no decimals) is ambiguous by the rule.
    ambiguous = d == int(d) and 1000 <= abs(d) <= 999_999
    if ambiguous:
        with pytest.raises(NumberError) as err:
            parse_number(text)
        assert err.value.code == "ambiguous-number"
    else:
        assert parse_number(text) == (d, None), text


@given(values)
@example(Decimal("1.125"))
@example(Decimal("-12.190"))
@example(Decimal("1E+3"))
def test_canonical_round_trips_without_warning(d: Decimal) -> None:
    text = format_canonical(d)
    assert "e" not in text.lower() and "," not in text
    assert parse_number(text) == (d, None), text
    assert parse_number_slow(text) == (d, None), text


def _same_outcome(text: str) -> None:
    """parse_number returns or raises NumberError, exactly as parse_number_slow does."""
    try:
        fast = ("ok", *parse_number(text))
    except NumberError as err:
        fast = ("error", err.code)
    try:
        slow = ("ok", *parse_number_slow(text))
    except NumberError as err:
        slow = ("error", err.code)
    if fast[0] == "ok":
        assert isinstance(fast[1], Decimal)
        assert fast[1].is_finite()
        assert fast[2] in (None, "thousands-dot")
        # str() as well as ==: the same written precision and the same sign of zero.
        assert slow[0] == "ok" and str(fast[1]) == str(slow[1]) and fast[2] == slow[2]
    else:
        assert fast[1] in ("not-a-number", "ambiguous-number", "bad-grouping")
        assert fast == slow


@given(st.text())
def test_any_text_is_a_number_or_a_number_error(text: str) -> None:
    _same_outcome(text)


number_like = st.text(alphabet="0123456789.,- %" + NBSP, max_size=20)


@given(number_like)
@example("1.080")
@example("-12.190")
@example("0.080")
@example("1234.567")
@example("-.5")
def test_number_like_text_fast_and_slow_agree(text: str) -> None:
    _same_outcome(text)


@given(st.from_regex(r"-?[0-9]{0,5}(\.[0-9]{0,5})?", fullmatch=True))
def test_plain_text_fast_and_slow_agree(text: str) -> None:
    _same_outcome(text)


# ---------------------------------------------------------------------------- months

GOOD_MONTHS = [
    ("2020-03", (2020, 3)),
    ("2020-3", (2020, 3)),
    ("2020-12", (2020, 12)),
    ("03/2020", (2020, 3)),
    ("3/2020", (2020, 3)),
    ("03-2020", (2020, 3)),
    ("T3/2020", (2020, 3)),
    ("t03/2020", (2020, 3)),
    ("T 3/2020", (2020, 3)),
    ("Tháng 3/2020", (2020, 3)),
    ("tháng 03/2020", (2020, 3)),
    ("THÁNG 3/2020", (2020, 3)),
    ("Thang 3/2020", (2020, 3)),
    ("Tháng 3 năm 2020", (2020, 3)),
    ("tháng 12 năm 2020", (2020, 12)),
    ("Thang 3 nam 2020", (2020, 3)),
    (unicodedata.normalize("NFD", "Tháng 3 năm 2020"), (2020, 3)),
    (unicodedata.normalize("NFD", "tháng 03/2020"), (2020, 3)),
    ("Tháng 3 / 2020", (2020, 3)),
    ("01/03/2020", (2020, 3)),
    ("1/3/2020", (2020, 3)),
    ("31/03/2020", (2020, 3)),
    ("29/02/2020", (2020, 2)),
    ("2020-03-01", (2020, 3)),
    ("2020-03-31", (2020, 3)),
    ("2020-03-01 00:00:00", (2020, 3)),
    ("2020-03-01T00:00:00", (2020, 3)),
    ("01/03/2020 0:00", (2020, 3)),
    ("  2020-03\t", (2020, 3)),
    (f"{NBSP}2020-03{NBSP}", (2020, 3)),
    ("1900-01", (1900, 1)),
    ("2100-12", (2100, 12)),
]

BAD_MONTHS = [
    "",
    "   ",
    "2020",
    "2020-13",
    "2020-00",
    "13/2020",
    "0/2020",
    "T13/2020",
    "Tháng 0/2020",
    "1899-12",
    "2101-01",
    "2020/03",
    "20-03",
    "03/20",
    "2020-03-32",
    "31/02/2020",
    "30/02/2020",
    "29/02/2019",
    "2019-02-29",
    "2020-04-31",
    "00/03/2020",
    "2020-03-01 12:00:00",
    "2020-03-01 00:00:01",
    "03/01/2020/1",
    "3 năm 2020",
    "March 2020",
    "Tháng ba 2020",
    "2020-03x",
    "\u0662\u0660\u0662\u0660-03",  # Arabic-Indic digits
]


@pytest.mark.parametrize(("text", "expected"), GOOD_MONTHS)
def test_parse_month_good(text: str, expected: tuple[int, int]) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", BAD_MONTHS)
def test_parse_month_bad(text: str) -> None:
    with pytest.raises(MonthError) as err:
        parse_month(text)
    assert err.value.code == "bad-month"
    assert err.value.text == text
    # The cache keeps the answer, not the exception: a second call raises afresh.
    with pytest.raises(MonthError) as again:
        parse_month(text)
    assert again.value is not err.value


def test_month_error_pickles() -> None:
    err = pickle.loads(pickle.dumps(MonthError("2020-13")))
    assert (err.code, err.text) == ("bad-month", "2020-13")


def test_format_month() -> None:
    assert format_month(2020, 3) == "2020-03"
    assert format_month(2020, 12) == "2020-12"


@given(st.text())
@example("Tháng 3/2020")
@example("2020-02-30")
def test_any_text_is_a_month_or_a_month_error(text: str) -> None:
    try:
        year, month = parse_month(text)
    except MonthError as err:
        assert err.code == "bad-month"
    else:
        assert 1 <= month <= 12 and 1900 <= year <= 2100


@st.composite
def dates(draw) -> tuple[int, int, int]:
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return year, month, day


@given(dates())
def test_month_forms_round_trip(date: tuple[int, int, int]) -> None:
    year, month, day = date
    forms = [
        format_month(year, month),
        f"{year}-{month}",
        f"{month}/{year}",
        f"{month:02d}/{year}",
        f"{month:02d}-{year}",
        f"T{month}/{year}",
        f"Tháng {month}/{year}",
        f"tháng {month:02d} năm {year}",
        unicodedata.normalize("NFD", f"Tháng {month} năm {year}"),
        f"{day:02d}/{month:02d}/{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{year}-{month:02d}-{day:02d} 00:00:00",
    ]
    for form in forms:
        assert parse_month(form) == (year, month), form
