"""Vietnamese and English words for what people read: labels, headings, CLI messages.

Vietnamese is the default language. ``t(key, lang)`` looks up a phrase; ``Localized``
carries a phrase in both languages inside language-free records (issues, results) until
it is rendered.
"""

from __future__ import annotations

import re
from typing import NamedTuple

LANGS = ("vi", "en")

# "1 error(s)" → "1 error", "3 error(s)" → "3 errors": a count, the words after it, "(s)".
# The rule, as a regex: r"\b(\d[\d,.]*)([^\d(]*?)\(s\)". Run by `re`, that regex tries
# every digit group of a long cell as a start and reads to its end from each: quadratic
# (a 130 KB cell of digit groups took minutes). plural_en applies the same rule in one
# pass: each "(s)" looks back only as far as the previous one.
_SUFFIX = "(s)"
_DIGIT_OR_PAREN = re.compile(r"[\d(]")
_NUMBER_CHARS = re.compile(r"[\d,.]*")
_SEPARATORS = re.compile(r"[,.]*")
_WORD = re.compile(r"\w")
_DIGIT_AFTER_SEPARATOR = re.compile(r"[,.]\d")


def plural_en(text: str) -> str:
    """English count words made singular or plural by the number before them.

    "(s)" after a number, with no digit and no "(" between them, becomes "" after the
    number 1 and "s" after any other; the number starts at a word boundary. Linear time.
    """
    at = text.find(_SUFFIX)
    if at < 0:
        return text
    out: list[str] = []
    done = 0  # text[:done] is in out
    start = 0  # where the current "(s)" may look back to
    while at >= 0:
        number = _count_before(text, start, at)
        if number is not None:
            begin, end = number
            out.append(text[done:at])
            out.append("" if text[begin:end] == "1" else "s")
            done = at + len(_SUFFIX)
        start = at + len(_SUFFIX)
        at = text.find(_SUFFIX, start)
    out.append(text[done:])
    return "".join(out)


def _count_before(text: str, start: int, at: int) -> tuple[int, int] | None:
    """Where the number that "(s)" at ``at`` counts is, looking back no further than
    ``start``; None when there is none."""
    back = text[start:at][::-1]  # a copy of the stretch only: each is looked at once
    found = _DIGIT_OR_PAREN.search(back)
    if found is None or found.group() == "(":
        return None
    last = at - 1 - found.start()  # the last digit before "(s)"
    # The number runs back over digits, commas and dots, and on over the commas and dots
    # after its last digit.
    run = text[start : last + 1][::-1]
    first = last + 1 - _NUMBER_CHARS.match(run).end()
    end = _SEPARATORS.match(text, last + 1, at).end()
    # It starts at the first digit of the run that follows a non-word character (or the
    # start of the text).
    if text[first].isdigit() and _WORD.match(text[first - 1 : first] or " ") is None:
        return first, end
    inner = _DIGIT_AFTER_SEPARATOR.search(text, first, last + 1)
    return (inner.start() + 1, end) if inner else None


class EnglishTemplate(str):
    """An English phrase whose ``format`` also settles its "N thing(s)" words.

    Vietnamese nouns do not change with the count, so only English needs this.
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return plural_en(super().format(*args, **kwargs))


class Localized(NamedTuple):
    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        return EnglishTemplate(self.en) if lang == "en" else self.vi


STATUS_ORDER = ("conflict", "achieved", "not_due", "no_data", "on_track", "at_risk", "off_track")

STATUS_LABELS: dict[str, Localized] = {
    "conflict": Localized("Xung đột số liệu", "Conflicting data"),
    "achieved": Localized("Đã đạt", "Achieved"),
    "not_due": Localized("Chưa đến kỳ", "Not due"),
    "no_data": Localized("Thiếu số liệu", "No data"),
    "on_track": Localized("Đúng tiến độ", "On track"),
    "at_risk": Localized("Có nguy cơ không đạt", "At risk of missing"),
    "off_track": Localized("Chậm tiến độ", "Off track"),
}

FREQUENCY_LABELS: dict[str, Localized] = {
    "monthly": Localized("hằng tháng", "monthly"),
    "quarterly": Localized("hằng quý", "quarterly"),
    "half-yearly": Localized("6 tháng", "half-yearly"),
    "annual": Localized("hằng năm", "annually"),
}

MEASURE_LABELS: dict[str, Localized] = {
    "cumulative": Localized("lũy kế", "cumulative"),
    "level": Localized("thời điểm", "level"),
    "milestone": Localized("theo mốc", "by stage"),
}

PHASING_LABELS: dict[str, Localized] = {
    "linear": Localized("đều các tháng", "linear"),
    "seasonal": Localized("theo mùa vụ", "seasonal"),
    "year-end": Localized("cuối năm", "year-end"),
    "last-year": Localized("theo năm trước", "last year's shape"),
}


def status_label(status: str, lang: str) -> str:
    return STATUS_LABELS[status](lang)


def frequency_label(frequency: str | list[int], lang: str) -> str:
    if isinstance(frequency, str):
        return FREQUENCY_LABELS[frequency](lang)
    months = ", ".join(str(m) for m in frequency)
    return f"tháng {months}" if lang != "en" else f"months {months}"


def month_label(year: int, month: int, lang: str) -> str:
    """'tháng 9/2020' or 'September 2020'."""
    if lang == "en":
        return f"{EN_MONTHS[month - 1]} {year}"
    return f"tháng {month}/{year}"


EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
