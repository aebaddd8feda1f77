"""The office's worksheet (``kehoach report --worksheet``): what the draft leaves out.

The office drafting the committee's report works from more than it issues: which units
sent their figures and narratives and when (completeness, lateness), the estimates still
awaiting official figures, every indicator's detail with its code and status, the units'
own notes and narratives with attribution, the ward tables, the charts, the revisions and
the figures changed since the issued report. All of it is here, none of it in the draft
(:mod:`kehoach.report.draft`).

Pure: the same inputs as :func:`kehoach.report.model.build_report`, plus the chase list
(:class:`kehoach.core.missing.MissingResult`) for lateness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from kehoach.core.attainment import StatusResult
from kehoach.core.i18n import Localized
from kehoach.core.models import Plan
from kehoach.core.narrative import SECTIONS, TITLES_EN, TITLES_VI, Narrative
from kehoach.read.datafolder import DataLoad
from kehoach.report.draft import _blocks, outline
from kehoach.report.model import (
    Block,
    Heading,
    Items,
    Para,
    Report,
    _month_name,
    amount,
    build_report,
    missing_submissions,
    unit_name,
    worksheet_body,
)

WS = {
    "kind": Localized("TÀI LIỆU LÀM VIỆC", "WORKING PAPER"),
    "number": Localized("(Không ban hành)", "(Not for issue)"),
    "intro": Localized(
        "Tài liệu của {office} phục vụ xây dựng dự thảo báo cáo {period}: những nội dung "
        "không đưa vào văn bản trình ký.",
        "The {office}'s working paper for drafting the report on {period}: what the draft "
        "for signature leaves out.",
    ),
    "h_sending": Localized("A. TÌNH HÌNH GỬI BÁO CÁO", "A. WHO HAS SENT WHAT"),
    "h_narr": Localized("Báo cáo tình hình của các đơn vị", "The units' narrative reports"),
    "narr_in": Localized("Đã gửi ({n}/{total}): {names}.", "Sent ({n} of {total}): {names}."),
    "narr_out": Localized(
        "Chưa gửi ({n}/{total}), để trống trong dự thảo: {names}.",
        "Not sent ({n} of {total}), left as slots in the draft: {names}.",
    ),
    "narr_all": Localized("Tất cả các đơn vị đã gửi.", "Every unit has sent one."),
    "h_figures": Localized("Số liệu {month}", "Figures for {month}"),
    "fig_complete": Localized(
        "Đơn vị gửi đủ: {n}/{total}.", "Units that sent everything due: {n} of {total}."
    ),
    "late": Localized(
        "{unit}: gửi muộn {days} ngày so với hạn {due}.",
        "{unit}: {days} day(s) after the deadline of {due}.",
    ),
    "overdue": Localized(
        "{unit}: chưa gửi {codes}, quá hạn {days} ngày.",
        "{unit}: {codes} not sent, {days} day(s) overdue.",
    ),
    "implausible": Localized(
        "Số liệu khác xa số liệu trước đây của chính đơn vị (đã nhận, cần xác minh trước "
        "khi đưa vào báo cáo):",
        "Figures far from the unit's own earlier figures (accepted; to be checked before "
        "they go into the report):",
    ),
    "implausible_at": Localized("{file}, dòng {row}: {message}", "{file}, row {row}: {message}"),
    "h_estimates": Localized(
        "B. SỐ LIỆU ƯỚC TÍNH CHỜ SỐ CHÍNH THỨC", "B. ESTIMATES AWAITING OFFICIAL FIGURES"
    ),
    "estimate": Localized(
        "{code}. {name}: ước {value} ({units}); dự thảo ghi “ước”.",
        "{code}. {name}: an estimated {value} ({units}); the draft says “estimated”.",
    ),
    "no_estimates": Localized("Không có số liệu ước tính.", "No figure rests on an estimate."),
    "h_detail": Localized(
        "C. CHI TIẾT TỪNG CHỈ TIÊU, SỐ LIỆU THEO PHƯỜNG, XÃ, ĐIỀU CHỈNH",
        "C. EACH TARGET IN DETAIL, WARD FIGURES, REVISIONS",
    ),
    "h_units": Localized(
        "D. BÁO CÁO CỦA CÁC ĐƠN VỊ (NGUYÊN VĂN)", "D. THE UNITS' REPORTS, AS SENT"
    ),
    "unit_field": Localized("{unit} (lĩnh vực: {field})", "{unit} (field: {field})"),
    "closing": Localized(
        "Tài liệu này không thay thế dự thảo báo cáo và không ban hành.",
        "This paper does not replace the draft and is not issued.",
    ),
}


def _ws(key: str, lang: str, **kw) -> str:
    return WS[key](lang).format(**kw)


def build_worksheet(
    plan: Plan,
    status: StatusResult,
    load: DataLoad,
    lang: str,
    report_date: date,
    *,
    narratives: Mapping[str, Narrative] | None = None,
    chase=None,
    number: str | None = None,
    revisions: Sequence = (),
    ward_tables: Sequence = (),
    charts: Sequence = (),
    adjustments: tuple[str, Sequence[str]] | None = None,
    implausible: Sequence = (),
) -> Report:
    """The worksheet as a report: the draft's header and annex, its own body, no
    signature."""
    narratives = narratives or {}
    draft = build_report(
        plan, status, load, lang, report_date, number=number, narratives=narratives
    )
    year, month = status.year, status.month
    office = plan.issuer.office_en if lang == "en" else plan.issuer.office_vi
    from kehoach.report.model import period_words

    intro = _ws("intro", lang, office=office or "", period=period_words(year, month, lang))
    body: list[Block] = [Heading(_ws("h_sending", lang), 1)]
    body += _narrative_status(plan, narratives, lang)
    body += _figure_status(plan, load, status, chase, lang)
    body.append(Heading(_ws("h_estimates", lang), 1))
    body += _estimates(plan, status, lang)
    if implausible:
        # accepted with an implausible-value warning (a ×10, a ÷1000 against the unit's own
        # history): marked here, where the office checks figures before the draft uses them
        body.append(Para(_ws("implausible", lang)))
        body.append(Items(tuple(_implausible_line(i, lang) for i in implausible)))
    body.append(Heading(_ws("h_detail", lang), 1))
    missing = missing_submissions(plan, load, month)
    body += worksheet_body(
        plan,
        status,
        load,
        lang,
        revisions=revisions,
        missing=missing,
        ward_tables=ward_tables,
        charts=charts,
        adjustments=adjustments,
    )
    if narratives:
        body.append(Heading(_ws("h_units", lang), 1))
        body += _raw_narratives(plan, narratives, lang)
    header = replace(draft.header, kind=_ws("kind", lang), number=_ws("number", lang))
    return replace(
        draft,
        header=header,
        opening=intro,
        body=tuple(body),
        closing=_ws("closing", lang),
        worksheet=True,
        meta_title=f"{header.kind} {header.title}",
    )


def _implausible_line(issue, lang: str) -> str:
    from pathlib import Path

    name = Path(issue.file).name if issue.file else ""
    message = issue.message(lang)
    if issue.row is None:
        return f"{name}: {message}" if name else message
    return _ws("implausible_at", lang, file=name, row=issue.row, message=message)


def _units_in_outline(plan: Plan) -> list[str]:
    """The units whose narratives feed the draft, in the plan's order."""
    placed = {c.upper() for a in outline(plan) for f in a.fields for c in f.units}
    return [u.code for u in plan.units if u.code.upper() in placed]


def _narrative_status(plan: Plan, narratives: Mapping[str, Narrative], lang: str) -> list[Block]:
    units = _units_in_outline(plan)
    got = {c.upper() for c in narratives}
    sent = [unit_name(plan, c, lang) for c in units if c.upper() in got]
    late = [unit_name(plan, c, lang) for c in units if c.upper() not in got]
    out: list[Block] = [Heading("1. " + _ws("h_narr", lang), 2)]
    items = []
    if sent:
        items.append(_ws("narr_in", lang, n=len(sent), total=len(units), names=", ".join(sent)))
    if late:
        items.append(_ws("narr_out", lang, n=len(late), total=len(units), names=", ".join(late)))
    else:
        items.append(_ws("narr_all", lang))
    out.append(Items(tuple(items)))
    return out


def _figure_status(plan: Plan, load: DataLoad, status: StatusResult, chase, lang: str):
    month = _month_name(status.year, status.month, lang)
    out: list[Block] = [Heading("2. " + _ws("h_figures", lang, month=month), 2)]
    if chase is None:
        return out
    from kehoach.report.model import short_date

    owing = [u for u in chase.units if u.due]
    complete = [u for u in owing if not u.missing]
    items = [_ws("fig_complete", lang, n=len(complete), total=len(owing))]
    due = short_date(chase.deadline, lang)
    for u in sorted(owing, key=lambda u: u.index):
        name = unit_name(plan, u.code, lang)
        if u.missing and u.overdue_days:
            items.append(
                _ws("overdue", lang, unit=name, codes=", ".join(u.missing), days=u.overdue_days)
            )
        elif u.timeliness == "late" and u.days_late:
            items.append(_ws("late", lang, unit=name, days=u.days_late, due=due))
    out.append(Items(tuple(items)))
    return out


def _estimates(plan: Plan, status: StatusResult, lang: str) -> list[Block]:
    items = []
    for r in status.indicators:
        if not r.estimate or r.value is None:
            continue
        units = ", ".join(
            unit_name(plan, c.unit, lang) for c in r.contributions if c.estimate
        ) or ", ".join(unit_name(plan, c, lang) for c in r.reported_by)
        items.append(
            _ws(
                "estimate",
                lang,
                code=r.code,
                name=r.name(lang),
                value=amount(r.value, r.uom(lang), lang),
                units=units,
            )
        )
    if not items:
        return [Para(_ws("no_estimates", lang))]
    return [Items(tuple(items))]


def _raw_narratives(plan: Plan, narratives: Mapping[str, Narrative], lang: str) -> list[Block]:
    fields = {c.upper(): f.heading(lang) for a in outline(plan) for f in a.fields for c in f.units}
    titles = TITLES_EN if lang == "en" else TITLES_VI
    out: list[Block] = []
    n = 0
    for unit in plan.units:
        narrative = narratives.get(unit.code)
        if narrative is None:
            continue
        n += 1
        name = unit.name(lang)
        field = fields.get(unit.code.upper())
        head = _ws("unit_field", lang, unit=name, field=field) if field else name
        out.append(Heading(f"{n}. {head}", 2))
        for key in SECTIONS:
            blocks = narrative.blocks(key)
            if not blocks:
                continue
            out.append(Heading(titles[key], 3))
            out += _blocks(blocks)
    return out
