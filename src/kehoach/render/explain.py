"""``kehoach explain`` on a terminal: the :class:`~kehoach.core.explain.Explanation` in five
parts (the values and where they came from, the town's figure, the expected figure, the
judgement, the revisions), in Vietnamese or English. Computes nothing: every figure and
every piece of arithmetic comes from :mod:`kehoach.core.explain`.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from kehoach.core.explain import (
    Explanation,
    expected_arithmetic,
    figure_arithmetic,
    number_text,
    step_text,
)
from kehoach.core.i18n import PHASING_LABELS, Localized, month_label, status_label
from kehoach.core.models import Plan
from kehoach.core.records import Revision
from kehoach.core.textfmt import with_unit

EXPLAIN_LABELS = {
    "title": Localized("{code} — {name}, {month}", "{code} — {name}, {month}"),
    "target": Localized("Kế hoạch năm: {target}", "Annual target: {target}"),
    "values": Localized("1. Số liệu các đơn vị đã gửi", "1. The values units sent"),
    "values_none": Localized("Chưa đơn vị nào gửi số liệu.", "No unit has sent a figure."),
    "not_counted": Localized(
        "* không tính vào số của thị xã ở {month}", "* not part of the town's figure for {month}"
    ),
    "col_unit": Localized("Đơn vị", "Unit"),
    "col_month": Localized("Tháng", "Month"),
    "col_sent": Localized("Số gửi", "Sent"),
    "col_sent_as": Localized("Gửi dạng", "Sent as"),
    "col_source": Localized(
        "Tệp:dòng / nộp lúc · SHA-256 tệp nhận", "File:row / submitted · SHA-256 received"
    ),
    "col_amount": Localized("Riêng tháng", "In month"),
    "col_ytd": Localized("Lũy kế", "YTD"),
    "ytd_word": Localized("lũy kế", "YTD"),
    "month_word": Localized("tháng", "month"),
    "est": Localized("ước", "est."),
    "no_log": Localized(
        "Tệp không kèm giờ nộp: không có trong nhật ký nộp (không lưu bằng kehoach submit).",
        "A file without a submission time is not in the submission log (not stored by "
        "kehoach submit).",
    ),
    "file_changed": Localized(
        "Tệp đã lưu khác với bản ghi trong nhật ký (SHA-256): {files}. Chạy kehoach check-store.",
        "The stored file differs from what the log recorded (SHA-256): {files}. Run "
        "kehoach check-store.",
    ),
    "superseded": Localized(
        "{unit} {month}: số ước {value} ({file}, dòng {row}) đã được thay bằng số chính thức.",
        "{unit} {month}: the estimate {value} ({file}, row {row}) was replaced by the official "
        "figure.",
    ),
    "conflict": Localized(
        "{unit} {month}: số liệu xung đột, không được tính: {places}.",
        "{unit} {month}: conflicting figures, not counted: {places}.",
    ),
    "conflict_place": Localized("{value} ({file}, dòng {row})", "{value} ({file}, row {row})"),
    "figure": Localized("2. Số của thị xã", "2. The town's figure"),
    "figure_owner": Localized(
        "Số của đơn vị chủ trì {unit}{month}: {value}",
        "The lead unit {unit}'s figure{month}: {value}",
    ),
    "figure_sum": Localized("Tổng số của các đơn vị: {sum}", "Sum of the units' figures: {sum}"),
    "figure_none": Localized("Chưa có số liệu.", "No figure yet."),
    "ytd_to": Localized(", lũy kế đến {month}", ", year to date at {month}"),
    "month_value": Localized("Riêng {month}: {value}.", "{month} alone: {value}."),
    "expected": Localized("3. Tiến độ cần đạt", "3. Expected by now"),
    "phasing": Localized("Phân bổ: {name}", "Phasing: {name}"),
    "fallback": Localized(
        " (kế hoạch ghi “theo năm trước” nhưng số liệu năm trước chưa đủ, dùng “{name}”)",
        " (the plan says last year's shape, but last year's data is incomplete: “{name}” used)",
    ),
    "last_year": Localized(
        "Năm {year}: lũy kế đến {month} là {at}, cả năm là {total}.",
        "In {year}: {at} by {month}, {total} for the year.",
    ),
    "not_due": Localized("Chưa đến kỳ báo cáo.", "Not due yet."),
    "level_expected": Localized(
        "Chỉ tiêu thời điểm: so trực tiếp với kế hoạch {target}.",
        "A level: compared with the target {target} itself.",
    ),
    "milestone_expected": Localized(
        "Theo kế hoạch đến {month} cần đạt mốc {n}: {name}.",
        "By {month} the plan expects stage {n}: {name}.",
    ),
    "judgement": Localized("4. Đánh giá", "4. Judgement"),
    "reason_conflict": Localized(
        "Có số liệu xung đột: không đánh giá cho đến khi chỉ giữ lại một tệp.",
        "Conflicting figures: not judged until only one file is kept.",
    ),
    "reason_not_due": Localized("Chưa đến kỳ báo cáo.", "Not due yet."),
    "reason_no_data": Localized("Chưa có số liệu đến hạn.", "The figure due has not arrived."),
    "milestone": Localized(
        "Đạt mốc {stage} / cần đạt mốc {expected} (tổng {total} mốc).",
        "Stage {stage} reached / stage {expected} expected ({total} stages).",
    ),
    "band": Localized("ngưỡng {band}", "band {band}"),
    "share": Localized("ngưỡng nguy cơ {share}", "at-risk share {share}"),
    "result": Localized("→ {label}", "→ {label}"),
    "revisions": Localized("5. Điều chỉnh", "5. Revisions"),
    "revisions_none": Localized(
        "Không có số liệu nào được điều chỉnh sau khi đã báo cáo.",
        "No value was revised after it was reported.",
    ),
    "revision": Localized(
        "{time} — {unit} {month}: {old} → {new} ({action}){reason}",
        "{time} — {unit} {month}: {old} → {new} ({action}){reason}",
    ),
    "reason": Localized("; lý do: {reason}", "; reason: {reason}"),
}


def revision_text(rv: Revision, lang: str) -> str:
    from kehoach.render.revisions import action_label, local_time, month_short_text, value_text

    return EXPLAIN_LABELS["revision"](lang).format(
        time=local_time(rv.time, lang),
        unit=rv.unit,
        month=month_short_text(rv.month),
        old=value_text(rv.old, rv.old_estimate, lang),
        new=value_text(rv.new, rv.new_estimate, lang),
        action=action_label(rv.action, lang),
        reason=EXPLAIN_LABELS["reason"](lang).format(reason=rv.reason) if rv.reason else "",
    )


def _shown_path(file: str | None, root: Path | None) -> str:
    if file is None:
        return "—"
    if root is not None:
        try:
            return str(PurePath(file).relative_to(root))
        except ValueError:
            pass
    return file


def render_explanation(ex: Explanation, plan: Plan, lang: str, console, root=None) -> None:
    from rich.table import Table
    from rich.text import Text

    from kehoach.render.revisions import local_time

    r = ex.result
    y = ex.year
    uom = r.uom(lang)
    month_name = month_label(y, ex.month, lang)
    console.print(
        Text(
            EXPLAIN_LABELS["title"](lang).format(code=r.code, name=r.name(lang), month=month_name)
        ),
        style="bold",
    )
    target = r.target_words(lang) or with_unit(r.target, uom, lang)
    console.print(Text(EXPLAIN_LABELS["target"](lang).format(target=target)))

    # 1. values
    console.print()
    console.print(Text(EXPLAIN_LABELS["values"](lang), style="bold"))
    if not ex.values:
        console.print(Text(EXPLAIN_LABELS["values_none"](lang)))
    else:
        cumulative = r.measure == "cumulative"
        table = Table(show_edge=False, pad_edge=False)
        table.add_column(EXPLAIN_LABELS["col_unit"](lang), no_wrap=True)
        table.add_column(EXPLAIN_LABELS["col_month"](lang), no_wrap=True)
        if cumulative:
            table.add_column(EXPLAIN_LABELS["col_amount"](lang), justify="right", no_wrap=True)
            table.add_column(EXPLAIN_LABELS["col_ytd"](lang), justify="right", no_wrap=True)
            table.add_column(EXPLAIN_LABELS["col_sent_as"](lang))
        else:
            table.add_column(EXPLAIN_LABELS["col_sent"](lang), justify="right", no_wrap=True)
        table.add_column(EXPLAIN_LABELS["col_source"](lang), overflow="fold")
        any_uncounted = any_unlogged = False
        for v in ex.values:
            mark = ""
            if not v.counted:
                mark, any_uncounted = "*", True
            cells = [Text(v.unit + mark), Text(f"{v.month:02d}/{y}")]
            est = EXPLAIN_LABELS["est"](lang) if v.estimate else ""
            if cumulative:
                form = EXPLAIN_LABELS["ytd_word" if v.sent_as == "ytd" else "month_word"](lang)
                cells += [
                    Text(number_text(v.month_amount, lang)),
                    Text(number_text(v.ytd, lang)),
                    Text(form + (f", {est}" if est else "")),
                ]
            else:
                cells.append(Text(number_text(v.sent, lang) + (f" ({est})" if est else "")))
            where = _shown_path(v.file, root) + (f":{v.row}" if v.row is not None else "")
            if v.log:
                sha = v.log.sha256[:12] + "…" if v.log.sha256 else "—"
                where += f"\n{local_time(v.log.time, lang)} · {sha}"
            else:
                any_unlogged = True
            cells.append(Text(where))
            table.add_row(*cells)
        console.print(table)
        if any_uncounted:
            console.print(
                Text(EXPLAIN_LABELS["not_counted"](lang).format(month=month_name), style="dim")
            )
        if any_unlogged:
            console.print(Text(EXPLAIN_LABELS["no_log"](lang), style="dim"))
        changed = sorted({_shown_path(v.file, root) for v in ex.values if v.file_changed})
        if changed:
            console.print(
                Text(
                    EXPLAIN_LABELS["file_changed"](lang).format(files=", ".join(changed)),
                    style="red",
                ),
            )
        for v in ex.values:
            if v.superseded:
                value, file, row = v.superseded
                console.print(
                    Text(
                        EXPLAIN_LABELS["superseded"](lang).format(
                            unit=v.unit,
                            month=f"{v.month:02d}/{y}",
                            value=number_text(value, lang),
                            file=_shown_path(file, root),
                            row=row,
                        ),
                        style="dim",
                    ),
                )
    for c in ex.conflicts:
        places = "; ".join(
            EXPLAIN_LABELS["conflict_place"](lang).format(
                value=number_text(v, lang), file=_shown_path(f, root), row=row
            )
            for f, row, v in c.places
        )
        console.print(
            Text(
                EXPLAIN_LABELS["conflict"](lang).format(
                    unit=c.unit, month=f"{c.month:02d}/{y}", places=places
                ),
                style="yellow",
            ),
        )

    # 2. the town's figure
    console.print()
    console.print(Text(EXPLAIN_LABELS["figure"](lang), style="bold"))
    fig = ex.figure
    est = f" ({EXPLAIN_LABELS['est'](lang)})" if fig.estimate else ""
    if fig.value is None:
        console.print(Text(EXPLAIN_LABELS["figure_none"](lang)))
    elif fig.source == "owner" and len(fig.terms) <= 1:
        unit = plan.unit(r.owner or "")
        name = unit.name(lang) if unit else (r.owner or "")
        when = ""
        if r.measure == "cumulative" and r.last_month:
            when = EXPLAIN_LABELS["ytd_to"](lang).format(month=month_label(y, r.last_month, lang))
        console.print(
            Text(
                EXPLAIN_LABELS["figure_owner"](lang).format(
                    unit=name, month=when, value=with_unit(fig.value, uom, lang) + est
                )
            ),
        )
    else:
        total = (figure_arithmetic(ex, lang) or "") + (f" {uom}" if uom else "") + est
        console.print(Text(EXPLAIN_LABELS["figure_sum"](lang).format(sum=total)))
    if fig.month_value is not None:
        console.print(
            Text(
                EXPLAIN_LABELS["month_value"](lang).format(
                    month=month_label(y, ex.month, lang),
                    value=with_unit(fig.month_value, uom, lang),
                )
            ),
        )

    # 3. expected
    console.print()
    console.print(Text(EXPLAIN_LABELS["expected"](lang), style="bold"))
    e = ex.expected
    if r.measure == "cumulative":
        if e.phasing:
            line = EXPLAIN_LABELS["phasing"](lang).format(name=PHASING_LABELS[e.phasing](lang))
            if e.fallback:
                line += EXPLAIN_LABELS["fallback"](lang).format(
                    name=PHASING_LABELS[e.phasing](lang)
                )
            console.print(Text(line))
        if e.phasing == "last-year" and ex.last_year and e.due_month:
            at, total = ex.last_year
            console.print(
                Text(
                    EXPLAIN_LABELS["last_year"](lang).format(
                        year=y - 1,
                        month=month_label(y - 1, e.due_month, lang),
                        at=number_text(at, lang),
                        total=number_text(total, lang),
                    )
                ),
            )
        arithmetic = expected_arithmetic(e, lang)
        if arithmetic is None:
            console.print(Text(EXPLAIN_LABELS["not_due"](lang)))
        else:
            console.print(Text(arithmetic + (f" {uom}" if uom else "")))
    elif r.measure == "milestone":
        n = r.stage_expected or 0
        console.print(
            Text(
                EXPLAIN_LABELS["milestone_expected"](lang).format(
                    month=month_name, n=n, name=r.stage_name(n, lang) or "—"
                )
            ),
        )
    else:
        console.print(
            Text(
                EXPLAIN_LABELS["level_expected"](lang).format(target=with_unit(r.target, uom, lang))
            ),
        )

    # 4. judgement
    console.print()
    console.print(Text(EXPLAIN_LABELS["judgement"](lang), style="bold"))
    j = ex.judgement
    if j.reason and j.reason != "milestone":
        console.print(Text(EXPLAIN_LABELS["reason_" + j.reason](lang)))
    if j.reason == "milestone":
        console.print(
            Text(
                EXPLAIN_LABELS["milestone"](lang).format(
                    stage=j.stage if j.stage is not None else "—",
                    expected=j.stage_expected or 0,
                    total=len(r.stages),
                )
            )
        )
    for t in j.tests:
        console.print(Text("  " + step_text(t, lang)))
    notes = []
    if j.at_risk_share is not None and any(t.outcome == "at_risk" for t in j.tests):
        notes.append(EXPLAIN_LABELS["share"](lang).format(share=number_text(j.at_risk_share, lang)))
    if j.band is not None and any(t.factor_op in ("-", "+") for t in j.tests):
        notes.append(EXPLAIN_LABELS["band"](lang).format(band=with_unit(j.band, uom, lang)))
    label = status_label(j.status, lang)
    result_line = EXPLAIN_LABELS["result"](lang).format(label=label)
    if notes:
        result_line += f" ({'; '.join(notes)})"
    console.print(Text(result_line, style="bold"))

    # 5. revisions
    console.print()
    console.print(Text(EXPLAIN_LABELS["revisions"](lang), style="bold"))
    if not ex.revisions:
        console.print(Text(EXPLAIN_LABELS["revisions_none"](lang)))
    for rv in ex.revisions:
        console.print(Text("  " + revision_text(rv, lang)))
