"""``kehoach template``: the CSV form a unit fills in for one month.

One row per indicator the unit reports that is due that month, with the indicator's name
and unit of measure beside the code (informational columns the reader ignores), and what
the plan asks for (docs/plan.md): ``ky_so_lieu`` filled with "lũy kế" (the
year to date) or "tháng" (the month's own amount) for an amount, ``uoc_tinh`` left for an
"x" when the figure is an estimate, and for a milestone the stages to choose from. Written
for Excel on a Vietnamese office machine: UTF-8 with BOM (so Excel does not read it as
Windows-1258), ``;`` as delimiter (Excel's list separator where `,` is the decimal mark)
and CRLF line ends. A filled form passes ``validate`` and ``submit`` as it is.

``--format xlsx`` (or ``-o`` ending in ``.xlsx``) writes the same form as a workbook instead
(``render/xlsx.py``): locked codes, Excel's own checks on the value cells.
"""

from __future__ import annotations

from kehoach.core.models import Plan
from kehoach.core.notes import protect_note
from kehoach.core.safetext import visible

TEMPLATE_HEADER = (
    "don_vi",
    "ma_chi_tieu",
    "ten_chi_tieu",
    "don_vi_tinh",
    "thang",
    "gia_tri",
    "ky_so_lieu",
    "uoc_tinh",
    "ghi_chu",
)
# What the reader takes in ky_so_lieu (checks.check_kind), in the form's language.
KIND_WORDS = {"vi": {"ytd": "lũy kế", "month": "tháng"}, "en": {"ytd": "ytd", "month": "month"}}


def due_indicators(plan: Plan, unit: int, month: int) -> list[int]:
    """Indices of the indicators ``unit`` reports that are due in ``month``, in plan order."""
    return [
        i
        for i, ind in enumerate(plan.indicators)
        if plan.reports(unit, i) and month in ind.due_months
    ]


def unit_due_months(plan: Plan, unit: int) -> list[int]:
    """Every month in which ``unit`` has at least one indicator due."""
    months: set[int] = set()
    for i, ind in enumerate(plan.indicators):
        if plan.reports(unit, i):
            months.update(ind.due_months)
    return sorted(months)


def template_rows(plan: Plan, unit: int, month: int, lang: str) -> list[tuple[str, ...]]:
    code = plan.units[unit].code
    # 'T10/2020', not '2020-10': Excel turns '2020-10' into a date and saves it back in
    # the machine's date format; 'T10/2020' stays text and the reader accepts it.
    month_text = f"T{month}/{plan.year}"
    rows = []
    for i in due_indicators(plan, unit, month):
        ind = plan.indicators[i]
        name = ind.name(lang)
        if ind.measure == "milestone" and ind.stages:
            stages = " / ".join(st.code for st in ind.stages)
            word = "ghi mốc đạt được" if lang != "en" else "write the stage reached"
            name += f" — {word}: {stages}"
        words = KIND_WORDS["en" if lang == "en" else "vi"]
        kind = words[ind.sent_as or "month"] if ind.measure == "cumulative" else ""
        rows.append(
            (
                code,
                ind.code,
                # Read past by the reader, shown by Excel: plan text with no control
                # character (a NUL would make the form binary), never taken for a formula.
                protect_note(visible(name)),
                protect_note(visible(ind.uom(lang))),
                month_text,
                "",
                kind,
                "",
                "",
            )
        )
    return rows


def form_month(latest: int | None) -> int:
    """The month after ``latest`` (the status's default month, docs/plan.md §11);
    January without data."""
    if latest is None:
        return 1
    return min(latest + 1, 12)
