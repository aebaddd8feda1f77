"""What ``validate`` and ``submit`` say of a narrative report (.docx, .md): its problems
as the figures' table, a verdict in the report's own terms (parts and paragraphs, not
rows), and what was stored or refused."""

from __future__ import annotations

from rich.text import Text

from kehoach.core.i18n import Localized, month_label
from kehoach.core.narrative import SECTIONS
from kehoach.core.safetext import visible
from kehoach.render.issues import ISSUE_LABELS, MAX_ROWS_SHOWN

NARRATIVE_LABELS = {
    "ok": Localized(
        "{path}: báo cáo của {unit}, {month}: {sections} phần, {blocks} đoạn, hợp lệ.",
        "{path}: report of {unit}, {month}: {sections} part(s), {blocks} paragraph(s), valid.",
    ),
    "ok_warn": Localized(
        "{path}: báo cáo của {unit}, {month}: {sections} phần, {blocks} đoạn, hợp lệ, "
        "{warnings} cảnh báo.",
        "{path}: report of {unit}, {month}: {sections} part(s), {blocks} paragraph(s), "
        "valid, {warnings} warning(s).",
    ),
    "bad": Localized(
        "{path}: báo cáo, {errors} lỗi, {warnings} cảnh báo — chưa thể nộp.",
        "{path}: report, {errors} error(s), {warnings} warning(s) — cannot be submitted.",
    ),
    "stored_new": Localized("Đã lưu {path} (báo cáo, mới)", "Stored {path} (report, new)"),
    "stored_replaced": Localized(
        "Đã lưu {path} (báo cáo, thay thế; bản cũ: {history})",
        "Stored {path} (report, replaced; old version: {history})",
    ),
    "original": Localized(
        "  tệp Word gốc được giữ tại {path}", "  the Word file as sent is kept at {path}"
    ),
    "reopened": Localized(
        "— sửa sau khóa sổ, lý do đã ghi vào nhật ký",
        "— revised after the lock, the reason is in the log",
    ),
    "nothing_stored": Localized("✘ Không lưu gì.", "✘ Nothing was stored."),
}


def _counts(form) -> tuple[int, int]:
    n = form.narrative
    if n is None:
        return 0, 0
    return sum(1 for k in SECTIONS if k in n.sections), sum(len(b) for b in n.sections.values())


def narrative_verdict(form, plan, lang: str) -> Text:
    sections, blocks = _counts(form)
    unit = plan.units[form.unit].code if form.unit is not None else "?"
    month = month_label(plan.year, form.month, lang) if form.month is not None else "?"
    params = {
        "path": visible(form.path),
        "unit": unit,
        "month": month,
        "sections": sections,
        "blocks": blocks,
        "errors": len(form.errors),
        "warnings": len(form.warnings),
    }
    if not form.ok:
        return Text("✘ " + NARRATIVE_LABELS["bad"](lang).format(**params), style="bold red")
    if form.warnings:
        return Text("✔ " + NARRATIVE_LABELS["ok_warn"](lang).format(**params), style="yellow")
    return Text("✔ " + NARRATIVE_LABELS["ok"](lang).format(**params), style="bold green")


def render_narrative_issues(form, plan, lang: str, console) -> None:
    """A narrative report's problems (errors red, warnings yellow) and its verdict."""
    from rich.table import Table

    issues = list(form.issues)
    if issues:
        table = Table(show_lines=False, pad_edge=False, expand=console.width >= 100)
        table.add_column(ISSUE_LABELS["problem"](lang), ratio=3, overflow="fold")
        table.add_column(ISSUE_LABELS["hint"](lang), ratio=2, overflow="fold", style="dim")
        for issue in issues[:MAX_ROWS_SHOWN]:
            style = "red" if issue.is_error else "yellow"
            table.add_row(
                Text(visible(issue.message(lang)), style=style), visible(issue.hint(lang) or "")
            )
        console.print(table)
    console.print(narrative_verdict(form, plan, lang), soft_wrap=True)


def render_narrative_outcome(outcome, plan, lang: str, console) -> None:
    from kehoach.render.submit import SUBMIT_LABELS

    render_narrative_issues(outcome.form, plan, lang, console)
    if outcome.cleaned:
        paths = ", ".join(str(p) for p in outcome.cleaned)
        console.print(
            Text(visible(SUBMIT_LABELS["cleaned"](lang).format(paths=paths)), style="dim"),
            soft_wrap=True,
        )
    for refused in [*outcome.already_stored, *outcome.locked]:
        d = refused.to_dict(lang)
        console.print(Text("✘ " + visible(d["message"]), style="bold red"), soft_wrap=True)
        console.print(Text("  " + visible(d["hint"]), style="dim"), soft_wrap=True)
    if not outcome.ok:
        if not outcome.already_stored and not outcome.locked:
            console.print(Text(NARRATIVE_LABELS["nothing_stored"](lang), style="bold red"))
        return
    for s in outcome.stored:
        if s.replaced:
            line = NARRATIVE_LABELS["stored_replaced"](lang).format(path=s.path, history=s.history)
        else:
            line = NARRATIVE_LABELS["stored_new"](lang).format(path=s.path)
        if s.reopened:
            line += " " + NARRATIVE_LABELS["reopened"](lang)
        console.print(Text("✔ " + visible(line), style="bold green"), soft_wrap=True)
        if s.original is not None:
            console.print(
                Text(
                    visible(NARRATIVE_LABELS["original"](lang).format(path=s.original)), style="dim"
                ),
                soft_wrap=True,
            )


def narrative_json(form, plan) -> dict:
    """One narrative report in ``validate --json``'s ``files`` list."""
    return {
        "kind": "narrative",
        "unit": plan.units[form.unit].code if form.unit is not None else None,
        "month": (f"{plan.year:04d}-{form.month:02d}" if form.month is not None else None),
        "sections": [k for k in SECTIONS if form.narrative and k in form.narrative.sections],
    }
