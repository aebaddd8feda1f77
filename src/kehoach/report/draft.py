"""The body of the draft the committee signs, compiled by field (lĩnh vực).

The office (Văn phòng HĐND - UBND) merges the units' own monthly reports by field into
the committee's report: I. results — each field's target sentences worded per kind
(:mod:`kehoach.report.wording`), then the units' own "results" paragraphs for that field,
in the plan's order, without unit codes; II. shortcomings and causes — the targets behind
schedule as sentences, then the units' own shortcomings, and their causes under
"Nguyên nhân khách quan" / "Nguyên nhân chủ quan" when units gave them so, else as given;
III. the tasks for the coming month, quarter or rest of the year from the units' task
sections by field (the office's tasks file overrides a field it names, and adds the rest);
IV. requests (kiến nghị, đề xuất). A unit whose narrative has not arrived leaves a visible
bracketed slot for the office to fill ("[Phòng Kinh tế: chưa gửi báo cáo tháng 9/2020]").

What the office works from but does not issue (codes, completeness, lateness, ward tables,
charts, revisions, raw notes) is the worksheet's (:mod:`kehoach.report.worksheet`).

Pure: plan, status, narratives and tasks in; blocks out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kehoach.core.attainment import IndicatorResult, StatusResult
from kehoach.core.i18n import EN_MONTHS, Localized
from kehoach.core.models import OutlineArea, OutlineField, Plan
from kehoach.core.narrative import Block as NBlock
from kehoach.core.narrative import Narrative, fold
from kehoach.report.blocks import Block, Heading, Items, Para, Table, Tasks
from kehoach.report.wording import behind_sentence, result_sentence, subject

D = {
    "s1": Localized("I. KẾT QUẢ ĐẠT ĐƯỢC", "I. RESULTS"),
    "total": Localized(
        "Trong {n} chỉ tiêu chủ yếu của kế hoạch năm {y}, {counts}.",
        "Of the {n} main targets of the {y} plan, {counts}.",
    ),
    "c_achieved": Localized(
        "có {k}/{n} chỉ tiêu đạt và vượt kế hoạch năm", "{k} of {n} have met the annual target"
    ),
    "c_on_track": Localized("{k}/{n} chỉ tiêu đảm bảo tiến độ", "{k} of {n} are on schedule"),
    "c_behind": Localized(
        "{k}/{n} chỉ tiêu chưa đạt tiến độ đề ra", "{k} of {n} are behind schedule"
    ),
    "total_none": Localized(
        "Các chỉ tiêu kế hoạch năm {y} được đánh giá tại Phụ lục kèm theo.",
        "The targets of the {y} plan are assessed in the attached annex.",
    ),
    "slot": Localized("[{unit}: chưa gửi báo cáo {month}]", "[{unit}: no report sent for {month}]"),
    "s2": Localized("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "II. SHORTCOMINGS AND THEIR CAUSES"),
    "s2_short": Localized("Tồn tại, hạn chế", "Shortcomings"),
    "s2_causes": Localized("Nguyên nhân", "Causes"),
    "s2_objective": Localized("Nguyên nhân khách quan", "Objective causes"),
    "s2_subjective": Localized("Nguyên nhân chủ quan", "Subjective causes"),
    "s2_none": Localized(
        "Các chỉ tiêu đến kỳ đánh giá đều đảm bảo tiến độ kế hoạch.",
        "Every target assessed so far is on schedule.",
    ),
    "s3": Localized(
        "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM {period}", "III. KEY TASKS AND SOLUTIONS FOR {period}"
    ),
    "p_month": Localized("THÁNG {m} NĂM {y}", "{month} {y}"),
    "p_q2": Localized("QUÝ II NĂM {y}", "THE SECOND QUARTER OF {y}"),
    "p_h2": Localized("6 THÁNG CUỐI NĂM {y}", "THE SECOND HALF OF {y}"),
    "p_q4": Localized("3 THÁNG CUỐI NĂM {y}", "THE LAST THREE MONTHS OF {y}"),
    "p_next_year": Localized("NĂM {y}", "{y}"),
    "s3_focus": Localized(
        "Tập trung chỉ đạo, đẩy nhanh tiến độ các chỉ tiêu còn chậm: {names}.",
        "Speed up the targets still behind: {names}.",
    ),
    "s3_general": Localized(
        "Tiếp tục chỉ đạo thực hiện đồng bộ các nhiệm vụ, giải pháp theo Kế hoạch năm {y}; "
        "phấn đấu hoàn thành các chỉ tiêu kế hoạch đã đề ra.",
        "Keep carrying out the tasks and solutions of the {y} plan together, to meet the "
        "targets set.",
    ),
    "s4": Localized("IV. KIẾN NGHỊ, ĐỀ XUẤT", "IV. REQUESTS AND PROPOSALS"),
}

_LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese lists skip j and w


def _d(key: str, lang: str, **kw) -> str:
    return D[key](lang).format(**kw)


@dataclass(frozen=True)
class Draft:
    """The body of the draft, and what the office must still see to before it is final."""

    blocks: tuple[Block, ...]
    # per unit whose narrative has not arrived: (unit code, the slot's text)
    slots: tuple[tuple[str, str], ...] = ()
    # per sentence built on an estimate: (indicator code, the sentence)
    estimates: tuple[tuple[str, str], ...] = ()


# ----------------------------------------------------------------------- outline


def outline(plan: Plan) -> list[OutlineArea]:
    """The plan's outline, or one field per group (units placed with the first group
    whose indicators they own, the rest with the last group) for a plan without one."""
    if plan.outline:
        return _with_unplaced_units(plan, list(plan.outline))
    placed: set[str] = set()
    areas: list[OutlineArea] = []
    for g in plan.groups:
        inds = [i.code for i in plan.indicators if i.group == g.code]
        units = []
        for i in plan.indicators:
            if i.group != g.code:
                continue
            for code in i.reported_by:
                if code not in placed:
                    placed.add(code)
                    units.append(code)
        field = OutlineField(
            code=g.code, heading_vi=g.name_vi, heading_en=g.name_en, indicators=inds, units=units
        )
        areas.append(OutlineArea(heading_vi=g.name_vi, heading_en=g.name_en, fields=[field]))
    rest = [u.code for u in plan.units if u.code not in placed]
    if rest and areas:
        last = areas[-1]
        f = last.fields[-1]
        areas[-1] = OutlineArea(
            heading_vi=last.heading_vi,
            heading_en=last.heading_en,
            fields=[*last.fields[:-1], f.model_copy(update={"units": [*f.units, *rest]})],
        )
    return areas


def _with_unplaced_units(plan: Plan, areas: list[OutlineArea]) -> list[OutlineArea]:
    """The outline with each unit it leaves out added to the field of the first indicator
    the unit reports (a ward added to the plan feeds the field of its figures), or to the
    last field when it reports none."""
    placed = {c.upper() for a in areas for f in a.fields for c in f.units}
    field_of = {c.upper(): f.code for a in areas for f in a.fields for c in f.indicators}
    extra: dict[str, list[str]] = {}
    for ind in plan.indicators:
        for code in ind.reported_by:
            key = code.upper()
            if key not in placed and ind.code.upper() in field_of:
                placed.add(key)
                extra.setdefault(field_of[ind.code.upper()], []).append(code)
    # A unit that reports no figure at all (a narrative-only unit) closes the outline.
    last = areas[-1].fields[-1].code if areas and areas[-1].fields else None
    for unit in plan.units:
        if unit.code.upper() not in placed and last is not None:
            placed.add(unit.code.upper())
            extra.setdefault(last, []).append(unit.code)
    if not extra:
        return areas
    return [
        a.model_copy(
            update={
                "fields": [
                    f.model_copy(update={"units": [*f.units, *extra.get(f.code, [])]})
                    for f in a.fields
                ]
            }
        )
        for a in areas
    ]


def _unit_order(plan: Plan, codes: Sequence[str]) -> list[str]:
    """The field's units in the plan's unit order."""
    index = plan.unit_index
    known = [c for c in codes if c.upper() in index]
    return sorted(known, key=lambda c: index[c.upper()])


def _canon(plan: Plan, code: str) -> str:
    unit = plan.unit(code)
    return unit.code if unit is not None else code


# ------------------------------------------------------------------------ blocks


# What a unit writes under a heading it has nothing for ("Không có.", "Không có kiến
# nghị."): dropped from the draft, where it would read as the committee saying "none"
# between other units' paragraphs.
_NIL = re.compile(
    r"(khong|khong co|chua co|none|nothing|nil)"
    r"( (kien nghi|de xuat|de nghi|y kien|ton tai|han che|nguyen nhan|gi))*( to report)?"
)


def is_nil(text: str) -> bool:
    """Whether a unit's paragraph only says it has nothing to report under its heading."""
    return _NIL.fullmatch(fold(text)) is not None


def _blocks(blocks: Sequence[NBlock]) -> list[Block]:
    """A unit's section as the report's blocks: paragraphs, list items, simple tables."""
    out: list[Block] = []
    items: list[str] = []
    for b in blocks:
        if b.kind in ("paragraph", "item") and is_nil(b.text):
            continue
        if b.kind == "item":
            if b.text:
                items.append(b.text)
            continue
        if items:
            out.append(Items(tuple(items)))
            items = []
        if b.kind == "paragraph" and b.text:
            out.append(Para(b.text))
        elif b.kind == "table" and b.rows:
            width = max(len(r) for r in b.rows)
            rows = tuple(tuple(r) + ("",) * (width - len(r)) for r in b.rows)
            out.append(Table("", rows[0], rows[1:]))
    if items:
        out.append(Items(tuple(items)))
    return out


def _attributed(plan: Plan, code: str, blocks: list[Block], lang: str) -> list[Block]:
    """A ward's or commune's results opened by its name ("Phường Bắc Hồng: …"): several
    wards feed one field, and their paragraphs read as one list of unnamed figures
    otherwise. A department's or agency's results stand as the field's own prose."""
    unit = plan.unit(code)
    if unit is None or unit.kind not in ("ward", "commune") or not blocks:
        return blocks
    name = unit.name(lang)
    first = blocks[0]
    if isinstance(first, Para):
        return [Para(f"{name}: {_lower(first.text)}"), *blocks[1:]]
    return [Para(f"{name}:"), *blocks]


def _month_words(year: int, month: int, lang: str) -> str:
    if lang == "en":
        return f"{EN_MONTHS[month - 1]} {year}"
    return f"tháng {month}/{year}"


def tasks_period(year: int, month: int, lang: str) -> str:
    """What section III looks to: the next month, or at a quarter's end the next quarter,
    the second half-year, the last three months, the next year."""
    if month == 3:
        return _d("p_q2", lang, y=year)
    if month == 6:
        return _d("p_h2", lang, y=year)
    if month == 9:
        return _d("p_q4", lang, y=year)
    if month == 12:
        return _d("p_next_year", lang, y=year + 1)
    return _d("p_month", lang, m=month + 1, y=year, month=EN_MONTHS[month].upper())


def _numbered(areas: Sequence[OutlineArea], content, lang: str) -> list[Block]:
    """Areas and fields numbered as they have content ('1. Lĩnh vực kinh tế', 'a) Sản xuất
    nông nghiệp'); an area with one field is headed once. ``content(field)`` gives the
    field's blocks; a field without any is left out, and so is an area without any."""
    out: list[Block] = []
    n_area = 0
    for area in areas:
        parts = [(f, blocks) for f in area.fields if (blocks := content(f))]
        if not parts:
            continue
        n_area += 1
        out.append(Heading(f"{n_area}. {area.heading(lang)}", 2))
        for n_field, (f, blocks) in enumerate(parts):
            if len(parts) > 1:
                letter = _LETTERS[n_field % len(_LETTERS)]
                out.append(Heading(f"{letter}) {f.heading(lang)}", 3))
            out += blocks
    return out


# ----------------------------------------------------------------------- the draft


def build_draft(
    plan: Plan,
    status: StatusResult,
    narratives: Mapping[str, Narrative],
    lang: str,
    tasks: Tasks | None = None,
) -> Draft:
    areas = outline(plan)
    results = {r.code.upper(): r for r in status.indicators}
    month, year = status.month, status.year
    got = {code.upper(): n for code, n in narratives.items()}
    slots: list[tuple[str, str]] = []
    estimates: list[tuple[str, str]] = []

    def field_results(f: OutlineField) -> list:
        blocks: list[Block] = []
        for code in f.indicators:
            r = results.get(code.upper())
            if r is None:
                continue
            text = result_sentence(plan, r, month, year, lang)
            if text:
                blocks.append(Para(text))
                if r.estimate:
                    estimates.append((r.code, text))
        for code in _unit_order(plan, f.units):
            n = got.get(code.upper())
            if n is None:
                unit = plan.unit(code)
                name = unit.name(lang) if unit is not None else code
                slot = _d("slot", lang, unit=name, month=_month_words(year, month, lang))
                slots.append((_canon(plan, code), slot))
                blocks.append(Para(slot))
            else:
                blocks += _attributed(plan, code, _blocks(n.blocks("results")), lang)
        return blocks

    out: list[Block] = [Heading(_d("s1", lang), 1)]
    out.append(Para(_overall(status, lang)))
    out += _numbered(areas, field_results, lang)

    # II. shortcomings and causes
    out.append(Heading(_d("s2", lang), 1))
    order = [r for f in _fields(areas) for r in _field_results(f, results)]
    behind = [s for r in order if (s := behind_sentence(plan, r, month, year, lang)) is not None]
    for r in order:
        if r.estimate and r.status in ("at_risk", "off_track"):
            s = behind_sentence(plan, r, month, year, lang)
            if s:
                estimates.append((r.code, s))
    unit_codes = [c for f in _fields(areas) for c in _unit_order(plan, f.units)]
    shortcomings: list[Block] = []
    for code in unit_codes:
        n = got.get(code.upper())
        if n is not None:
            shortcomings += _blocks(n.blocks("shortcomings"))
    out.append(Heading("1. " + _d("s2_short", lang), 2))
    if behind:
        out.append(Items(tuple(behind)))
    out += shortcomings
    if not behind and not shortcomings:
        out.append(Para(_d("s2_none", lang)))
    general: list[Block] = []
    objective: list[Block] = []
    subjective: list[Block] = []
    for code in unit_codes:
        n = got.get(code.upper())
        if n is None:
            continue
        general += _blocks(n.blocks("causes"))
        objective += _blocks(n.blocks("causes_objective"))
        subjective += _blocks(n.blocks("causes_subjective"))
    if general or objective or subjective:
        out.append(Heading("2. " + _d("s2_causes", lang), 2))
        out += general
        if objective:
            out.append(Heading("a) " + _d("s2_objective", lang), 3))
            out += objective
        if subjective:
            letter = "b" if objective else "a"
            out.append(Heading(f"{letter}) " + _d("s2_subjective", lang), 3))
            out += subjective

    # III. tasks
    out.append(Heading(_d("s3", lang, period=tasks_period(year, month, lang)), 1))
    out += _tasks_section(plan, areas, results, got, tasks, status, lang)

    # IV. requests
    requests: list[Block] = []
    for code in unit_codes:
        n = got.get(code.upper())
        if n is not None:
            requests += _blocks(n.blocks("requests"))
    if requests:
        out.append(Heading(_d("s4", lang), 1))
        out += requests
    return Draft(tuple(out), tuple(slots), tuple(dict.fromkeys(estimates)))


def _fields(areas: Sequence[OutlineArea]) -> list[OutlineField]:
    return [f for a in areas for f in a.fields]


def _field_results(f: OutlineField, results: Mapping[str, IndicatorResult]):
    return [results[c.upper()] for c in f.indicators if c.upper() in results]


def _overall(status: StatusResult, lang: str) -> str:
    """'Trong 31 chỉ tiêu …, có 4/31 chỉ tiêu đạt và vượt kế hoạch năm; …' — counted as
    real reports count: met, on schedule, behind; the rest is the annex's."""
    n = len(status.indicators)
    s = status.summary
    behind = s.get("at_risk", 0) + s.get("off_track", 0)
    counts = []
    if s.get("achieved", 0):
        counts.append(_d("c_achieved", lang, k=s["achieved"], n=n))
    if s.get("on_track", 0):
        key = "c_on_track"
        text = _d(key, lang, k=s["on_track"], n=n)
        counts.append(("có " + text) if not counts and lang != "en" else text)
    if behind:
        text = _d("c_behind", lang, k=behind, n=n)
        counts.append(("có " + text) if not counts and lang != "en" else text)
    if not counts:
        return _d("total_none", lang, y=status.year)
    return _d("total", lang, n=n, y=status.year, counts="; ".join(counts))


def _split_tasks(tasks: Tasks | None) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """The office's tasks file: what comes before its first heading, then each heading's
    blocks."""
    if tasks is None:
        return [], []
    lead: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for b in tasks.blocks:
        if isinstance(b, Heading):
            sections.append((b.text, []))
        elif sections:
            sections[-1][1].append(b)
        else:
            lead.append(b)
    return lead, sections


def _matches(title: str, f: OutlineField) -> bool:
    t = fold(title).strip(" .:")
    t = t.split(" ", 1)[1] if t[:1].isdigit() or t[1:2] in (")", ".") else t
    return t in (fold(f.heading_vi), fold(f.heading_en)) or t == fold(f.code)


def _tasks_section(plan, areas, results, got, tasks, status, lang) -> list[Block]:
    lead, sections = _split_tasks(tasks)
    used: set[int] = set()
    out: list[Block] = list(lead)
    if not lead:
        out.append(Para(_d("s3_general", lang, y=status.year)))

    def field_tasks(f: OutlineField) -> list:
        for i, (title, blocks) in enumerate(sections):
            if i not in used and _matches(title, f):
                used.add(i)
                return list(blocks)
        blocks: list[Block] = []
        slow = [r for r in _field_results(f, results) if r.status in ("at_risk", "off_track")]
        if slow:
            names = "; ".join(_lower(subject(plan.indicator(r.code), r, lang)) for r in slow)
            blocks.append(Para(_d("s3_focus", lang, names=names)))
        for code in _unit_order(plan, f.units):
            n = got.get(code.upper())
            if n is not None:
                blocks += _blocks(n.blocks("tasks"))
        return blocks

    out += _numbered(areas, field_tasks, lang)
    for i, (title, blocks) in enumerate(sections):
        if i not in used:
            out.append(Heading(title, 2))
            out += blocks
    return out


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
