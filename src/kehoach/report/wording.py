"""Each indicator's figure as officials write it, by kind of target.

The committee's report weaves the plan's targets into the text of each field (lĩnh
vực). A growth rate "tăng", it does not "đạt"; the budget is measured against its "dự
toán"; a count reads "50/52 thôn, TDP … (kế hoạch 51/52), tăng 04 so với cùng kỳ"; a
ceiling reached "giảm còn 1,8%, đạt kế hoạch (dưới 2%)"; a target counted from a baseline
reads as the increase; a work's stage as what happened ("đã khởi công, đang thi công, đảm
bảo tiến độ"). An estimate is worded "ước" wherever it is one; a figure older than the
month says so in words ("theo số liệu 6 tháng"). Small counts take a leading zero ("còn
02 tiêu chí"). No sentence names a code, nests parentheses or contradicts itself; a target
not yet due, without figures or with conflicting figures has no sentence (it is in the
annex and the worksheet).

Pure: from the plan and a :class:`~kehoach.core.attainment.IndicatorResult`.
"""

from __future__ import annotations

from decimal import Decimal

from kehoach.core.attainment import IndicatorResult
from kehoach.core.i18n import EN_MONTHS, Localized
from kehoach.core.models import Indicator, Plan
from kehoach.core.textfmt import attach_unit, figure_text

_HUNDRED = Decimal(100)

W = {
    "est_reach": Localized("ước đạt {v}", "an estimated {v}"),
    "reach": Localized("đạt {v}", "{v}"),
    "month_fig": Localized("tháng {m} {reach}", "{reach} in {month}"),
    "ytd": Localized("lũy kế {m} tháng {reach}", "{reach} in the first {n} months"),
    "ytd_1": Localized("tháng 1 {reach}", "{reach} in January"),
    "plan_share": Localized("bằng {pct} kế hoạch năm", "{pct} of the annual target"),
    "plan_met": Localized(
        "đạt và vượt kế hoạch năm (kế hoạch {target})",
        "meeting the annual target ({target})",
    ),
    "budget_share": Localized("bằng {pct} dự toán", "{pct} of the budget estimate"),
    "budget_year": Localized(
        "ước cả năm {v}, bằng {pct} dự toán", "an estimated {v} for the year, {pct} of the estimate"
    ),
    "vs_prev_up": Localized("tăng {pct} so với cùng kỳ", "up {pct} on the same period last year"),
    "vs_prev_down": Localized(
        "giảm {pct} so với cùng kỳ", "down {pct} on the same period last year"
    ),
    "vs_prev_same": Localized("bằng cùng kỳ", "the same as a year earlier"),
    "pts_up": Localized(
        "tăng {n} điểm phần trăm so với cùng kỳ",
        "up {n} percentage points on the same period last year",
    ),
    "pts_down": Localized(
        "giảm {n} điểm phần trăm so với cùng kỳ",
        "down {n} percentage points on the same period last year",
    ),
    "growth_up": Localized("tăng {v}", "grew by {v}"),
    "growth_down": Localized("giảm {v}", "fell by {v}"),
    "growth_est_up": Localized("ước tăng {v}", "grew by an estimated {v}"),
    "growth_est_down": Localized("ước giảm {v}", "fell by an estimated {v}"),
    "yoy": Localized("so với cùng kỳ", "year on year"),
    "growth_plan": Localized("kế hoạch {target}", "target: {target}"),
    "growth_prev": Localized("cùng kỳ năm {y} tăng {v}", "{v} in the same period of {y}"),
    "plan_in_brackets": Localized("(kế hoạch {target})", "(target {target})"),
    "rate_over": Localized(
        "cao hơn kế hoạch {n} điểm phần trăm", "{n} percentage points above the target"
    ),
    "rate_under": Localized(
        "thấp hơn kế hoạch {n} điểm phần trăm", "{n} percentage points below the target"
    ),
    "met": Localized("đạt kế hoạch", "meeting the target"),
    "done": Localized("hoàn thành kế hoạch", "meeting the target"),
    "exceeded": Localized("vượt kế hoạch", "beyond the target"),
    # A strict target ("trên 6 tuyến") met exactly is not met: "bằng mức kế hoạch (kế
    # hoạch trên 6 tuyến)" read as a contradiction to the office.
    "equal_strict": Localized("chưa vượt mức kế hoạch", "not yet beyond the target"),
    "ceiling_down": Localized("giảm còn {v}", "fell to {v}"),
    "ceiling_up": Localized("tăng lên {v}", "rose to {v}"),
    "ceiling_at": Localized("ở mức {v}", "stood at {v}"),
    "count_has": Localized("Có {x}/{y} {subject}", "{x} of {y} {subject}"),
    "count_plan": Localized("(kế hoạch {t}/{y})", "(target {t} of {y})"),
    "count_up": Localized("tăng {n} so với cùng kỳ", "{n} more than a year earlier"),
    "count_down": Localized("giảm {n} so với cùng kỳ", "{n} fewer than a year earlier"),
    "baseline": Localized(
        "Đạt {v}/{total} {subject}, tăng thêm {up}/{plan} {uom} theo kế hoạch",
        "{v} of {total} {subject} met, {up} of the {plan} more {uom} planned",
    ),
    "baseline_left": Localized("còn {n} {uom} phấn đấu đạt trong năm", "{n} {uom} still to go"),
    "stale": Localized("Theo số liệu {period}, {text}", "On the figures for {period}, {text}"),
    "on_time": Localized("đảm bảo tiến độ", "on schedule"),
    "behind": Localized(
        "chậm so với kế hoạch ({what} trong tháng {m})",
        "behind the plan (“{what}” by {month})",
    ),
    "done_default": Localized("đã hoàn thành {stage}", "{stage} completed"),
    "doing_default": Localized("đang thực hiện {stage}", "{stage} under way"),
    "not_yet": Localized("chưa {stage}", "not yet at the stage “{stage}”"),
    "lead": Localized("{subject} {rest}", "{subject}: {rest}"),
}


def _w(key: str, lang: str, **kw) -> str:
    return W[key](lang).format(**kw)


# --------------------------------------------------------------------- numbers


def num(value: Decimal, lang: str, max_places: int = 2) -> str:
    return figure_text(value, lang, max_places)


def count(value: Decimal, lang: str) -> str:
    """A small whole count with its leading zero ('02', '04'), as documents write it."""
    if lang != "en" and value == value.to_integral_value() and 0 <= value < 10:
        return f"{int(value):02d}"
    return figure_text(value, lang, 2)


def amount(value: Decimal, uom: str, lang: str, max_places: int = 2) -> str:
    return attach_unit(figure_text(value, lang, max_places), uom, lang)


def _pct(ratio: Decimal, lang: str) -> str:
    return figure_text(ratio * _HUNDRED, lang, 1) + "%"


def _decimals(d: Decimal | None) -> int:
    if d is None or not d.is_finite():
        return 0
    exponent = d.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def places(r: IndicatorResult) -> int:
    """Decimals for a derived figure: as many as the target and the value have, at most
    two ('177 người', not '176,9 người')."""
    return min(2, max(_decimals(r.target), _decimals(r.value)))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _whole(value: Decimal | None) -> bool:
    return value is not None and value == value.to_integral_value()


# ----------------------------------------------------------------------- kinds


def kind_of(ind: Indicator | None, r: IndicatorResult) -> str:
    """The kind of target, as the plan declares it or as the indicator reads."""
    if ind is not None and ind.wording is not None and ind.wording.kind:
        return ind.wording.kind
    if r.measure == "milestone":
        return "stage"
    if r.baseline is not None:
        return "baseline"
    if r.comparison in ("<", "<="):
        return "ceiling"
    if r.measure == "cumulative":
        return "amount"
    top = ind.range.max if ind is not None and getattr(ind, "range", None) else None
    if not r.is_rate and top is not None and r.target <= top and _whole(r.target):
        return "count"
    return "level"


def subject(ind: Indicator | None, r: IndicatorResult, lang: str) -> str:
    if ind is not None and ind.wording is not None:
        words = ind.wording.subject_en if lang == "en" else ind.wording.subject_vi
        if words:
            return words
    return r.name(lang)


def _target(r: IndicatorResult, lang: str) -> str:
    from kehoach.core.textfmt import target_text

    return r.target_words(lang) or target_text(r.comparison, r.target, r.uom(lang), lang)


def period_span(month: int, lang: str) -> str:
    """The figure's period as a report names it: '6 tháng', 'quý I', 'tháng 8'."""
    if lang == "en":
        if month == 3:
            return "the first quarter"
        if month == 6:
            return "the first half-year"
        return f"{EN_MONTHS[month - 1]}"
    if month == 3:
        return "quý I"
    if month in (6, 9):
        return f"{month} tháng"
    if month == 12:
        return "cả năm"
    return f"tháng {month}"


_EN_N = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve")  # fmt: skip


def _ytd(r: IndicatorResult, month: int, value: str, lang: str) -> str:
    reach = _w("est_reach" if r.estimate else "reach", lang, v=value)
    if month == 1:
        return _w("ytd_1", lang, reach=reach)
    return _w("ytd", lang, m=month, n=_EN_N[month], reach=reach)


def _vs_prev_ratio(r: IndicatorResult, lang: str) -> str | None:
    if r.vs_previous_year is None:
        return None
    change = r.vs_previous_year - 1
    if change == 0:
        return _w("vs_prev_same", lang)
    key = "vs_prev_up" if change > 0 else "vs_prev_down"
    return _w(key, lang, pct=_pct(abs(change), lang))


def _vs_prev_points(r: IndicatorResult, lang: str) -> str | None:
    if r.vs_previous_year is None:
        return None
    p = r.vs_previous_year
    if p == 0:
        return _w("vs_prev_same", lang)
    return _w("pts_up" if p > 0 else "pts_down", lang, n=num(abs(p), lang))


def _stale(r: IndicatorResult, month: int) -> int | None:
    """The month of a figure older than the report's month, if it is one."""
    if r.measure != "cumulative" and r.last_month and r.last_month != month:
        return r.last_month
    return None


def _with_stale(text: str, r: IndicatorResult, month: int, lang: str) -> str:
    old = _stale(r, month)
    if old is None:
        return text
    return _w("stale", lang, period=period_span(old, lang), text=_lower_first(text))


def has_sentence(r: IndicatorResult) -> bool:
    """Whether the prose says anything about the target: a figure that can be stated."""
    if r.status in ("not_due", "no_data", "conflict"):
        return False
    return r.value is not None


# ------------------------------------------------------------------- sentences


def result_sentence(plan: Plan, r: IndicatorResult, month: int, year: int, lang: str) -> str | None:
    """The target's figure as section I says it, or None when the prose leaves it out."""
    if not has_sentence(r):
        return None
    ind = plan.indicator(r.code)
    kind = kind_of(ind, r)
    builder = _BUILDERS.get(kind, _level)
    text = builder(plan, ind, r, month, year, lang)
    text = _upper_first(text.strip())
    return text if text.endswith(".") else text + "."


def _growth(plan, ind, r, month, year, lang) -> str:
    value = r.value
    assert value is not None
    v = num(abs(value), lang, 2) + "%"
    up = value >= 0
    key = ("growth_est_" if r.estimate else "growth_") + ("up" if up else "down")
    verb = _w(key, lang, v=v)
    yoy = ind is not None and ind.wording is not None and ind.wording.year_on_year
    head = subject(ind, r, lang)
    span = period_span(r.last_month or month, lang) if r.last_month == month else ""
    pieces = [head]
    if span and lang != "en":
        pieces.append(span)
    pieces.append(verb)
    if yoy:
        pieces.append(_w("yoy", lang))
    target = _target(r, lang)
    if lang != "en" and not target.startswith(("tăng", "giảm")):
        target = "tăng " + target
    inside = [_w("growth_plan", lang, target=target)]
    if r.previous_year is not None and yoy:
        inside.append(_w("growth_prev", lang, y=year - 1, v=num(r.previous_year, lang) + "%"))
    if lang == "en" and span and month > 1:
        pieces.append(f"in the first {_EN_N[month]} months")
    text = " ".join(pieces) + " (" + "; ".join(inside) + ")"
    return _with_stale(text, r, month, lang)


def _budget(plan, ind, r, month, year, lang) -> str:
    uom = r.uom(lang)
    head = subject(ind, r, lang)
    parts = []
    first = []
    if r.month_value is not None and r.last_month == month and r.month_value > 0 and month > 1:
        reach = _w("est_reach" if r.estimate else "reach", lang, v=amount(r.month_value, uom, lang))
        first.append(_w("month_fig", lang, m=month, month=EN_MONTHS[month - 1], reach=reach))
    assert r.value is not None
    ytd = _ytd(r, month, amount(r.value, uom, lang), lang)
    clause = [ytd]
    if r.target:
        clause.append(_w("budget_share", lang, pct=_pct(r.value / r.target, lang)))
    prev = _vs_prev_ratio(r, lang)
    if prev:
        clause.append(prev)
    parts = [*first, ", ".join(clause)]
    if r.projected is not None and r.target and (r.due_month or 0) < 12:
        parts.append(
            _w(
                "budget_year",
                lang,
                v=amount(r.projected, uom, lang, 1),
                pct=_pct(r.projected / r.target, lang),
            )
        )
    return _w("lead", lang, subject=head, rest="; ".join(parts))


def _amount(plan, ind, r, month, year, lang) -> str:
    uom = r.uom(lang)
    head = subject(ind, r, lang)
    assert r.value is not None
    parts = []
    # A month's own figure only where it says something ("tháng 9 đạt 0 ha" is left out).
    if r.month_value is not None and r.last_month == month and r.month_value > 0 and month > 1:
        reach = _w("est_reach" if r.estimate else "reach", lang, v=amount(r.month_value, uom, lang))
        parts.append(_w("month_fig", lang, m=month, month=EN_MONTHS[month - 1], reach=reach))
    clause = [_ytd(r, month, amount(r.value, uom, lang), lang)]
    if r.status == "achieved":
        clause.append(_w("plan_met", lang, target=_target(r, lang)))
    elif r.target:
        clause.append(_w("plan_share", lang, pct=_pct(r.value / r.target, lang)))
    prev = _vs_prev_ratio(r, lang)
    if prev:
        clause.append(prev)
    parts.append(", ".join(clause))
    return _w("lead", lang, subject=head, rest="; ".join(parts))


def _against_plan(r: IndicatorResult, lang: str) -> str:
    """'vượt kế hoạch (trên 98,5%)' / 'thấp hơn kế hoạch 0,5 điểm phần trăm (kế hoạch …)'."""
    target = _target(r, lang)
    assert r.value is not None
    diff = r.value - r.target
    higher = r.direction == "higher"
    good = diff > 0 if higher else diff < 0
    if diff == 0:
        if r.comparison in (">=", "<="):
            return _w("done", lang) + " " + f"({target})"
        return _w("equal_strict", lang) + " " + _w("plan_in_brackets", lang, target=target)
    if r.is_rate:
        key = "rate_over" if diff > 0 else "rate_under"
        text = _w(key, lang, n=num(abs(diff), lang))
        if good:
            return _w("exceeded", lang) + f" ({target})" if higher else text
        return text + " " + _w("plan_in_brackets", lang, target=target)
    if good:
        return _w("exceeded", lang) + f" ({target})"
    return (
        _w("plan_share", lang, pct=_pct(r.value / r.target, lang))
        + " "
        + _w("plan_in_brackets", lang, target=target)
    )


def _level(plan, ind, r, month, year, lang) -> str:
    uom = r.uom(lang)
    head = subject(ind, r, lang)
    assert r.value is not None
    figure = count(r.value, lang) if _whole(r.value) and uom != "%" else num(r.value, lang)
    value = attach_unit(figure, uom, lang)
    reach = _w("est_reach" if r.estimate else "reach", lang, v=value)
    parts = [reach + ", " + _against_plan(r, lang)]
    prev = _vs_prev_points(r, lang) if r.is_rate else _vs_prev_ratio(r, lang)
    if prev:
        parts.append(prev)
    return _with_stale(_w("lead", lang, subject=head, rest="; ".join(parts)), r, month, lang)


def _ceiling(plan, ind, r, month, year, lang) -> str:
    uom = r.uom(lang)
    head = subject(ind, r, lang)
    assert r.value is not None
    value = amount(r.value, uom, lang)
    if r.previous_year is not None and r.previous_year != r.value:
        key = "ceiling_down" if r.value < r.previous_year else "ceiling_up"
    elif r.previous_year is None and r.value < r.target:
        key = "ceiling_down"
    else:
        key = "ceiling_at"
    verb = _w(key, lang, v=value)
    if r.estimate:
        verb = ("ước " + verb) if lang != "en" else verb.replace(value, "an estimated " + value)
    target = _target(r, lang)
    ok = r.value < r.target if r.comparison == "<" else r.value <= r.target
    if ok:
        tail = _w("met", lang) + f" ({target})"
    elif r.is_rate:
        tail = (
            _w("rate_over", lang, n=num(r.value - r.target, lang))
            + " "
            + _w("plan_in_brackets", lang, target=target)
        )
    else:
        tail = _w("plan_in_brackets", lang, target=target)
    return _with_stale(_w("lead", lang, subject=head, rest=f"{verb}, {tail}"), r, month, lang)


def _total(ind: Indicator | None, r: IndicatorResult) -> Decimal | None:
    top = ind.range.max if ind is not None and getattr(ind, "range", None) else None
    return top


def _count(plan, ind, r, month, year, lang) -> str:
    assert r.value is not None
    total = _total(ind, r)
    words = subject(ind, r, lang) if ind and ind.wording and ind.wording.subject_vi else r.uom(lang)
    y = num(total, lang) if total is not None else num(r.target, lang)
    x = num(r.value, lang)
    text = _w("count_has", lang, x=x, y=y, subject=words)
    if r.estimate:
        text = ("Ước có " + text[3:]) if lang != "en" else "An estimated " + text
    text += " " + _w("count_plan", lang, t=num(r.target, lang), y=y)
    if r.value >= r.target:
        text += ", " + _w("met", lang)
    if r.previous_year is not None:
        diff = r.value - r.previous_year
        if diff:
            key = "count_up" if diff > 0 else "count_down"
            text += ", " + _w(key, lang, n=count(abs(diff), lang))
    return _with_stale(text, r, month, lang)


def _baseline(plan, ind, r, month, year, lang) -> str:
    assert r.value is not None and r.baseline is not None
    uom = r.uom(lang)
    total = _total(ind, r)
    words = subject(ind, r, lang) if ind and ind.wording and ind.wording.subject_vi else uom
    up = r.value - r.baseline
    planned = r.target - r.baseline
    text = _w(
        "baseline",
        lang,
        v=num(r.value, lang),
        total=num(total if total is not None else r.target, lang),
        subject=words,
        up=count(max(up, Decimal(0)), lang),
        plan=count(planned, lang),
        uom=uom,
    )
    if r.estimate:
        text = ("Ước đạt" + text[3:]) if lang != "en" else "An estimated " + text
    left = r.target - r.value
    if left > 0:
        text += "; " + _w("baseline_left", lang, n=count(left, lang), uom=uom)
    return _with_stale(text, r, month, lang)


def _stage_phrase(ind: Indicator | None, n: int, which: str, r: IndicatorResult, lang: str) -> str:
    """A stage as what happened ('đã khởi công'), is happening ('đang thi công') or has
    not yet ('chưa khởi công')."""
    name = r.stage_name(n, lang) or ""
    stage = ind.stages[n - 1] if ind is not None and ind.stages and n <= len(ind.stages) else None
    if stage is not None:
        given = {
            "done": stage.done_en if lang == "en" else stage.done_vi,
            "doing": stage.doing_en if lang == "en" else stage.doing_vi,
        }.get(which, "")
        if given:
            return given
    low = name if lang == "en" else _lower_first(name)
    key = {"done": "done_default", "doing": "doing_default", "not": "not_yet"}[which]
    return _w(key, lang, stage=low)


def _stage(plan, ind, r, month, year, lang) -> str:
    head = subject(ind, r, lang)
    reached = r.stage or 0
    total = len(r.stages)
    bits = []
    if reached:
        bits.append(_stage_phrase(ind, reached, "done", r, lang))
    if reached < total:
        nxt = reached + 1
        if (r.stage_expected or 0) > reached:
            bits.append(_stage_phrase(ind, nxt, "not", r, lang))
        else:
            bits.append(_stage_phrase(ind, nxt, "doing", r, lang))
    if r.status in ("on_track", "achieved") or (r.stage_expected or 0) <= reached:
        if reached < total:
            bits.append(_w("on_time", lang))
    else:
        expected = r.stage_expected or 0
        planned_month = r.stages[expected - 1][3] if expected else month
        what = _stage_phrase(ind, expected, "done", r, lang)
        if lang == "en":
            what = r.stage_name(expected, lang) or what
        elif what.startswith("đã "):
            what = what[3:]
        bits.append(
            _w("behind", lang, what=what, m=planned_month, month=EN_MONTHS[planned_month - 1])
        )
    if lang == "en":
        return f"{head}: " + ", ".join(bits)
    return f"{head} " + ", ".join(bits)


_BUILDERS = {
    "growth": _growth,
    "budget": _budget,
    "amount": _amount,
    "count": _count,
    "ceiling": _ceiling,
    "level": _level,
    "stage": _stage,
    "baseline": _baseline,
}


# ------------------------------------------------------------- behind schedule


S = {
    "cum_behind": Localized(
        "{subject} lũy kế {m} tháng {reach}, thấp hơn tiến độ kế hoạch {gap}",
        "{subject}: {reach} in the first {n} months, {gap} behind the planned pace",
    ),
    "budget_behind": Localized(
        "{subject} lũy kế {m} tháng {reach} {pct} dự toán, thấp hơn tiến độ thu {gap}",
        "{subject}: {reach} {pct} of the budget estimate in the first {n} months, {gap} "
        "behind the planned pace",
    ),
    "needed": Localized(
        "để hoàn thành kế hoạch năm, {k} tháng còn lại cần bình quân {v}/tháng",
        "to meet the annual target, {v} a month is needed over the remaining {k} month(s)",
    ),
    "no_season": Localized(
        "còn thiếu {v} so với kế hoạch năm, các tháng còn lại không còn thời vụ để bù",
        "{v} short of the annual target, with no season left to make it up",
    ),
    "growth_behind": Localized(
        "{subject} {verb}, thấp hơn kế hoạch {n} điểm phần trăm",
        "{subject} {verb}, {n} percentage points below the target",
    ),
}


def behind_sentence(plan: Plan, r: IndicatorResult, month: int, year: int, lang: str) -> str | None:
    """A target behind schedule, said as a shortcoming in section II."""
    if r.status not in ("at_risk", "off_track") or r.value is None:
        return None
    ind = plan.indicator(r.code)
    kind = kind_of(ind, r)
    head = subject(ind, r, lang)
    uom = r.uom(lang)
    text: str
    if kind == "growth" and r.gap_points is not None:
        verb = _w("growth_est_up" if r.estimate else "growth_up", lang, v=num(r.value, lang) + "%")
        if r.value < 0:
            verb = _w(
                "growth_est_down" if r.estimate else "growth_down",
                lang,
                v=num(-r.value, lang) + "%",
            )
        text = S["growth_behind"](lang).format(
            subject=head, verb=verb, n=num(abs(r.gap_points), lang)
        )
        text = _with_stale(text, r, month, lang)
    elif r.measure == "cumulative":
        gap = amount(abs(r.gap or Decimal(0)), uom, lang, places(r))
        if kind == "budget" and r.target:
            if lang == "en":
                reach = "an estimated" if r.estimate else "only"
            else:
                reach = "ước đạt" if r.estimate else "mới đạt"
            text = S["budget_behind"](lang).format(
                subject=head,
                m=month,
                n=_EN_N[month],
                reach=reach,
                pct=_pct(r.value / r.target, lang),
                gap=gap,
            )
        else:
            reach = _w("est_reach" if r.estimate else "reach", lang, v=amount(r.value, uom, lang))
            text = S["cum_behind"](lang).format(
                subject=head, m=month, n=_EN_N[month], reach=reach, gap=gap
            )
        if r.needed_per_month is not None and r.needed_months:
            text += "; " + S["needed"](lang).format(
                k=r.needed_months,
                v=amount(r.needed_per_month, uom, lang, places(r)),
            )
        elif r.shortfall and not r.needed_months:
            text += "; " + S["no_season"](lang).format(v=amount(r.shortfall, uom, lang, places(r)))
    else:
        # A level, a count, a stage, a baseline: the sentence of section I, which already
        # says how far it stands from the target, without the comparison with last year.
        from dataclasses import replace

        return result_sentence(
            plan, replace(r, previous_year=None, vs_previous_year=None), month, year, lang
        )
    text = _upper_first(text)
    return text if text.endswith(".") else text + "."
