"""Vietnamese and English words for what people read: labels, headings, CLI messages.

Vietnamese is the default language. ``t(key, lang)`` looks up a phrase; ``Localized``
carries a phrase in both languages inside language-free records (issues, results) until
it is rendered.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

LANGS = ("vi", "en")

# "1 error(s)" → "1 error", "3 error(s)" → "3 errors": a count, the words after it, "(s)".
_COUNTED = re.compile(r"\b(\d[\d,.]*)([^\d(]*?)\(s\)")


def plural_en(text: str) -> str:
    """English count words made singular or plural by the number before them."""
    return _COUNTED.sub(lambda m: m[1] + m[2] + ("" if m[1] == "1" else "s"), text)


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


def default_lang() -> str:
    lang = os.environ.get("KEHOACH_LANG", "vi").strip().lower()
    return lang if lang in LANGS else "vi"


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
