"""What ``kehoach submit`` says: the file's issues, what was stored or refused and why."""

from __future__ import annotations

from kehoach.core.i18n import Localized
from kehoach.render.issues import render_file_issues
from kehoach.store.submit import SubmitOutcome

SUBMIT_LABELS = {
    "stored_new": Localized("Đã lưu {path} ({counts}, mới)", "Stored {path} ({counts}, new)"),
    "stored_replaced": Localized(
        "Đã lưu {path} ({counts}, thay thế; bản cũ: {history})",
        "Stored {path} ({counts}, replaced; old version: {history})",
    ),
    "values": Localized("{n} giá trị", "{n} value(s)"),
    "original": Localized(
        "  bảng tính gốc được giữ tại {path}", "  the workbook as sent is kept at {path}"
    ),
    "reopened": Localized(
        "— sửa sau khóa sổ, lý do đã ghi vào nhật ký",
        "— revised after the lock, the reason is in the log",
    ),
    "official_after_lock": Localized(
        "— số ước tính thành số chính thức trong tháng đã khóa sổ (ghi vào danh sách sửa đổi)",
        "— estimates made official in a locked month (recorded in the revisions list)",
    ),
    "empty_rows": Localized("{n} dòng để trống", "{n} empty row(s)"),
    "nothing_stored": Localized("✘ Không lưu gì.", "✘ Nothing was stored."),
    "cleaned": Localized(
        "Đã xóa tệp tạm do một lần nộp bị ngắt để lại: {paths}",
        "Removed the temporary file(s) an interrupted submit left behind: {paths}",
    ),
}


def render_outcome(outcome: SubmitOutcome, lang: str, console) -> None:
    from rich.text import Text

    render_file_issues(outcome.result, lang, console)
    if outcome.cleaned:
        paths = ", ".join(str(p) for p in outcome.cleaned)
        console.print(
            Text(SUBMIT_LABELS["cleaned"](lang).format(paths=paths), style="dim"), soft_wrap=True
        )
    for refused in [
        *outcome.already_stored,
        *outcome.locked,
        *getattr(outcome, "estimate_over_official", ()),
    ]:
        d = refused.to_dict(lang)
        console.print(Text("✘ " + d["message"], style="bold red"), soft_wrap=True)
        console.print(Text("  " + d["hint"], style="dim"), soft_wrap=True)
    if not outcome.ok:
        if not outcome.already_stored and not outcome.locked and not outcome.estimate_over_official:
            console.print(Text(SUBMIT_LABELS["nothing_stored"](lang), style="bold red"))
        return
    for s in outcome.stored:
        counts = SUBMIT_LABELS["values"](lang).format(n=s.values)
        if s.rows > s.values:
            counts += ", " + SUBMIT_LABELS["empty_rows"](lang).format(n=s.rows - s.values)
        if s.replaced:
            line = SUBMIT_LABELS["stored_replaced"](lang).format(
                path=s.path, counts=counts, history=s.history
            )
        else:
            line = SUBMIT_LABELS["stored_new"](lang).format(path=s.path, counts=counts)
        if s.reopened:
            line += " " + SUBMIT_LABELS["reopened"](lang)
        if getattr(s, "official_after_lock", False):
            line += " " + SUBMIT_LABELS["official_after_lock"](lang)
        # Paths stay on one line, whole, so they can be copied.
        console.print(Text("✔ " + line, style="bold green"), soft_wrap=True)
        if s.original is not None:
            console.print(
                Text(SUBMIT_LABELS["original"](lang).format(path=s.original), style="dim"),
                soft_wrap=True,
            )


INTAKE_LABELS = {
    "title": Localized("Tổng hợp {n} tệp", "Summary of {n} file(s)"),
    "file": Localized("Tệp", "File"),
    "unit": Localized("Đơn vị", "Unit"),
    "month": Localized("Tháng", "Month"),
    "result": Localized("Kết quả", "Result"),
    "why": Localized("Chi tiết", "Details"),
    "stored": Localized("đã lưu", "stored"),
    "refused": Localized("từ chối", "refused"),
    "totals": Localized(
        "{stored}/{n} tệp đã lưu, {refused} bị từ chối.",
        "{stored} of {n} file(s) stored, {refused} refused.",
    ),
}


def render_intake_summary(rows, lang: str, console) -> None:
    """The summary of a submit of several files: one row per file (file, unit, month,
    stored or refused, and why), then the totals."""
    from rich.table import Table
    from rich.text import Text

    from kehoach.core.safetext import visible

    console.print()
    table = Table(
        title=INTAKE_LABELS["title"](lang).format(n=len(rows)),
        title_justify="left",
        pad_edge=False,
        expand=console.width >= 100,
    )
    table.add_column(INTAKE_LABELS["file"](lang), overflow="fold", ratio=2)
    table.add_column(INTAKE_LABELS["unit"](lang), overflow="fold")
    table.add_column(INTAKE_LABELS["month"](lang), no_wrap=True)
    table.add_column(INTAKE_LABELS["result"](lang), no_wrap=True)
    table.add_column(INTAKE_LABELS["why"](lang), overflow="fold", ratio=3)
    for r in rows:
        result = INTAKE_LABELS["stored" if r.stored else "refused"](lang)
        table.add_row(
            visible(str(r.path)),
            ", ".join(r.units) or "—",
            ", ".join(r.months) or "—",
            Text(("✔ " if r.stored else "✘ ") + result, style="green" if r.stored else "red"),
            visible(r.reason),
        )
    console.print(table)
    stored = sum(1 for r in rows if r.stored)
    line = INTAKE_LABELS["totals"](lang).format(
        stored=stored, n=len(rows), refused=len(rows) - stored
    )
    console.print(Text(line, style="bold green" if stored == len(rows) else "bold red"))


VALIDATE_LABELS = {
    "rows": Localized("Dòng", "Rows"),
    "errors": Localized("Lỗi", "Errors"),
    "warnings": Localized("Cảnh báo", "Warnings"),
    "ok": Localized("hợp lệ", "valid"),
    "bad": Localized("chưa thể nộp", "cannot be submitted"),
    "totals": Localized(
        "{ok}/{n} tệp hợp lệ, {bad} có lỗi.",
        "{ok} of {n} file(s) valid, {bad} with errors.",
    ),
}


def render_validate_summary(results, lang: str, console) -> None:
    """After the files' own tables, when several were checked: one row per file."""
    from rich.table import Table
    from rich.text import Text

    from kehoach.core.safetext import visible

    console.print()
    table = Table(
        title=INTAKE_LABELS["title"](lang).format(n=len(results)),
        title_justify="left",
        pad_edge=False,
    )
    table.add_column(INTAKE_LABELS["file"](lang), overflow="fold")
    table.add_column(VALIDATE_LABELS["rows"](lang), justify="right")
    table.add_column(VALIDATE_LABELS["errors"](lang), justify="right")
    table.add_column(VALIDATE_LABELS["warnings"](lang), justify="right")
    table.add_column(INTAKE_LABELS["result"](lang), no_wrap=True)
    for r in results:
        word = VALIDATE_LABELS["ok" if r.ok else "bad"](lang)
        table.add_row(
            visible(r.path),
            str(r.rows),
            str(len(r.errors)),
            str(len(r.warnings)),
            Text(("✔ " if r.ok else "✘ ") + word, style="green" if r.ok else "red"),
        )
    console.print(table)
    ok = sum(1 for r in results if r.ok)
    line = VALIDATE_LABELS["totals"](lang).format(ok=ok, n=len(results), bad=len(results) - ok)
    console.print(Text(line, style="bold green" if ok == len(results) else "bold red"))
