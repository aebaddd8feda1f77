"""``kehoach submit FILE``: check a submission, then file it in the data folder (the
command edge; the store is :mod:`kehoach.store.submit`)."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    load_plan_or_fail,
    month_option,
    print_json,
    require_file,
    stdout_console,
    store_failures,
    unit_option,
)
from kehoach.core.i18n import Localized
from kehoach.render.submit import render_outcome
from kehoach.store.month_locks import LOCK_MESSAGES
from kehoach.store.submit import submit_file

SUBMIT_MESSAGES = {
    "no_data_dir": Localized(
        "Không tìm thấy thư mục dữ liệu {path}; chưa lưu gì.",
        "Data folder {path} not found; nothing was stored.",
    ),
    "no_data_dir_hint": Localized(
        "Kiểm tra --data (hoặc KEHOACH_DATA). Nếu đây là lần nộp đầu tiên, tạo thư mục trước: "
        "mkdir -p {path}",
        "Check --data (or KEHOACH_DATA). If this is the very first submission, create the "
        "folder first: mkdir -p {path}",
    ),
    "write_failed": Localized(
        "Không ghi được vào thư mục dữ liệu {path}: {error}",
        "Could not write to the data folder {path}: {error}",
    ),
    "write_failed_hint": Localized(
        "Không tệp nào đã lưu bị thay đổi. Khắc phục lỗi rồi nộp lại.",
        "No stored file was changed. Fix the problem and submit again.",
    ),
    "write_partial_hint": Localized(
        "Đã lưu trước khi lỗi: {done}. Các phần còn lại chưa lưu: khắc phục lỗi rồi nộp lại "
        "với --replace.",
        "Stored before the failure: {done}. The rest was not stored: fix the problem and "
        "submit again with --replace.",
    ),
    "write_unfinished_hint": Localized(
        "Thay đổi đã được ghi vào nhật ký giao dịch {journal} trước khi lỗi: lệnh submit, "
        "lock hoặc unlock tiếp theo sẽ ghi nốt ({done}). Khắc phục lỗi rồi chạy "
        "kehoach check-store.",
        "The change was recorded in the transaction journal {journal} before the failure: "
        "the next submit, lock or unlock finishes it ({done}). Fix the problem, then run "
        "kehoach check-store.",
    ),
}


def run_submit(
    file: Path,
    unit: str | None,
    month: str | None,
    replace: bool,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    reopen_reason: str | None = None,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    if reopen_reason is not None and not reopen_reason.strip():
        fail(LOCK_MESSAGES["empty_reason"](lang).format(option="reopen-reason"))
    unit_idx = unit_option(unit, plan, lang)
    month_num = month_option(month, plan, lang)
    require_file(file, lang)
    if not data.is_dir():
        fail(
            SUBMIT_MESSAGES["no_data_dir"](lang).format(path=data),
            SUBMIT_MESSAGES["no_data_dir_hint"](lang).format(path=data),
        )
    try:
        with store_failures(lang):
            outcome = submit_file(
                plan,
                file,
                data,
                unit=unit_idx,
                month=month_num,
                replace=replace,
                reopen_reason=reopen_reason,
            )
    except OSError as exc:
        done = getattr(exc, "stored", [])
        cause = getattr(exc, "cause", exc)
        error = cause.strerror or str(cause) if isinstance(cause, OSError) else str(cause)
        if getattr(exc, "unfinished", False):
            hint = SUBMIT_MESSAGES["write_unfinished_hint"](lang).format(
                journal=data / "_journal.json", done=", ".join(str(s.path) for s in done)
            )
        elif done:
            hint = SUBMIT_MESSAGES["write_partial_hint"](lang).format(
                done=", ".join(str(s.path) for s in done)
            )
        else:
            hint = SUBMIT_MESSAGES["write_failed_hint"](lang)
        fail(SUBMIT_MESSAGES["write_failed"](lang).format(path=data, error=error), hint)
    if json_out:
        print_json(outcome.to_dict(lang))
    else:
        render_outcome(outcome, lang, stdout_console())
    return EXIT_OK if outcome.ok else EXIT_ERRORS
