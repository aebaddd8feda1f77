"""``kehoach revisions`` on a terminal, and the words every output uses for a revision:
its action, a value with its estimate mark, when it happened (the assessment itself is
:mod:`kehoach.core.revisions`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from kehoach.core.i18n import Localized, month_label, status_label
from kehoach.core.models import Plan
from kehoach.core.revisions import AssessedRevision
from kehoach.core.textfmt import figure_text

REVISION_LABELS = {
    "title": Localized(
        "Số liệu điều chỉnh sau khi đã báo cáo", "Values revised after they were reported"
    ),
    "title_month": Localized(
        "Số liệu {month} điều chỉnh sau khi đã báo cáo",
        "Values for {month} revised after they were reported",
    ),
    "none": Localized(
        "Chưa có số liệu nào được điều chỉnh sau khi đã báo cáo.",
        "No value has been revised after it was reported.",
    ),
    "none_month": Localized(
        "Chưa có số liệu {month} nào được điều chỉnh sau khi đã báo cáo.",
        "No value for {month} has been revised after it was reported.",
    ),
    "col_time": Localized("Thời điểm", "When"),
    "col_value": Localized("Đơn vị, chỉ tiêu", "Unit, indicator"),
    "col_change": Localized("Số cũ → mới", "Old → new"),
    "col_action": Localized("Loại, lý do", "Action, reason"),
    "col_status": Localized("Trạng thái cũ → mới", "Status old → new"),
    "reason": Localized("lý do: {reason}", "reason: {reason}"),
    "estimate": Localized("ước", "est."),
    "empty": Localized("(trống)", "(empty)"),
    "not_in_plan": Localized("(không có trong kế hoạch)", "(not in the plan)"),
}


ACTION_LABELS = {
    "official": Localized("ước → chính thức", "estimate → official"),
    "replaced": Localized("thay thế (--replace)", "replaced (--replace)"),
    "reopened-official": Localized(
        "ước → chính thức, sau khóa sổ", "estimate → official, after lock"
    ),
    "reopened-replaced": Localized("thay thế sau khóa sổ", "replaced after lock"),
    "reopened-new": Localized("nộp mới sau khóa sổ", "new after lock"),
    "new": Localized("nộp mới", "new"),
}


def action_label(action: str, lang: str) -> str:
    label = ACTION_LABELS.get(action)
    return label(lang) if label else action


def value_text(value: Decimal | None, estimate: bool, lang: str) -> str:
    """'52 (ước)' / '52 (est.)'; an empty value as '(trống)'."""
    if value is None:
        return REVISION_LABELS["empty"](lang)
    text = figure_text(value, lang, 4)
    return f"{text} ({REVISION_LABELS['estimate'](lang)})" if estimate else text


def local_time(when: datetime | None, lang: str) -> str:
    if when is None:
        return "—"
    local = when.astimezone()
    return local.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")


def month_short_text(month: str) -> str:
    """'2020-09' as '09/2020', as Vietnamese offices write a month (and English readers
    read it the same way)."""
    year, _, m = month.partition("-")
    return f"{m}/{year}" if m else month


def render_revisions(
    items: list[AssessedRevision], plan: Plan, month: str | None, lang: str, console
) -> None:
    from rich.table import Table
    from rich.text import Text

    label = None
    if month is not None:
        year, m = (int(p) for p in month.split("-"))
        label = month_label(year, m, lang)
    if not items:
        text = (
            REVISION_LABELS["none_month"](lang).format(month=label)
            if label
            else REVISION_LABELS["none"](lang)
        )
        console.print(Text(text), soft_wrap=True)
        return
    title = (
        REVISION_LABELS["title_month"](lang).format(month=label)
        if label
        else REVISION_LABELS["title"](lang)
    )
    # Five columns, the words wrapping inside them: an 80-column terminal shows all.
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(REVISION_LABELS["col_time"](lang), min_width=10)
    table.add_column(REVISION_LABELS["col_value"](lang), no_wrap=True)
    table.add_column(REVISION_LABELS["col_change"](lang), no_wrap=True, justify="right")
    table.add_column(REVISION_LABELS["col_status"](lang), ratio=1)
    table.add_column(REVISION_LABELS["col_action"](lang), ratio=1)
    for item in items:
        r = item.revision
        status = "—"
        if item.old is not None and item.new is not None:
            status = (
                f"{status_label(item.old.status, lang)} → {status_label(item.new.status, lang)}"
            )
        elif item.indicator_name_vi is None:
            status = REVISION_LABELS["not_in_plan"](lang)
        action = action_label(r.action, lang)
        if r.reason:
            action += "; " + REVISION_LABELS["reason"](lang).format(reason=r.reason)
        old = value_text(r.old, r.old_estimate, lang)
        change = f"{old}\n→ {value_text(r.new, r.new_estimate, lang)}"
        table.add_row(
            Text(local_time(r.time, lang)),
            Text(f"{r.unit}\n{r.indicator} · {month_short_text(r.month)}"),
            Text(change),
            Text(status),
            Text(action),
        )
    console.print(table)
