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
    for refused in [*outcome.already_stored, *outcome.locked]:
        d = refused.to_dict(lang)
        console.print(Text("✘ " + d["message"], style="bold red"), soft_wrap=True)
        console.print(Text("  " + d["hint"], style="dim"), soft_wrap=True)
    if not outcome.ok:
        if not outcome.already_stored and not outcome.locked:
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
        # Paths stay on one line, whole, so they can be copied.
        console.print(Text("✔ " + line, style="bold green"), soft_wrap=True)
        if s.original is not None:
            console.print(
                Text(SUBMIT_LABELS["original"](lang).format(path=s.original), style="dim"),
                soft_wrap=True,
            )
