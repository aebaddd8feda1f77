"""What the command line itself says: help pages, usage errors, metavars, in vi or en.

Typer (0.27 and later) bundles its own copy of click whose words are written into the code
in English ("Usage:", "Show this message and exit.", "Error: No such option"): there is no
gettext catalogue to hook into any more, and typer's own few ``gettext`` calls only cover
section titles. So instead of translating the library's sentences, kehoach never lets the
library speak to the user:

- ``KhGroup`` / ``KhCommand`` (the classes typer builds the app with) write their help
  pages themselves from the tables below, in the language of the run;
- ``KhGroup.main`` runs click in non-standalone mode and turns each usage error (an
  exception carrying the option, the parameter or the bad value) into our own sentence.

Nothing in site-packages is touched, and the wording is ours, golden-tested in
tests/golden/help/. The language must be known before click parses anything (a usage
error can happen before ``--lang`` is read), so ``detect_lang`` looks at the arguments
and ``KEHOACH_LANG`` first.

The same classes convert option values themselves (``_PlainCoercion``) instead of through
typer 0.29's per-parameter pydantic ``TypeAdapter``: a wrong value (``--lang fr``) is then
said in our words, not pydantic's English, and a command that does not load the plan
never imports typer's adapter module. kehoach's options are strings, paths, flags and
small enums, which need nothing more.
"""

from __future__ import annotations

import os
import re
import sys
import types
from collections.abc import Sequence
from difflib import get_close_matches
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from typer import Abort
from typer.core import TyperCommand, TyperGroup

from kehoach.core.i18n import LANGS, Localized

try:  # typer >= 0.29 bundles click as typer._click; earlier versions use click itself
    from typer import _click as click
except ImportError:  # pragma: no cover - depends on the installed typer
    import click  # type: ignore[no-redef]

EXIT_USAGE = 2

# ------------------------------------------------------------------ the words

# The accepted forms, said the same way in every option that takes a month or a date.
MONTH_FORMS = Localized("2020-09, 9/2020 hoặc T9/2020", "2020-09, 9/2020 or T9/2020")
DATE_FORMS = Localized("2020-09-28 hoặc 28/09/2020", "2020-09-28 or 28/09/2020")

WORDS = {
    "usage": Localized("Cách dùng:", "Usage:"),
    "options": Localized("Tùy chọn", "Options"),
    "arguments": Localized("Đối số", "Arguments"),
    "commands": Localized("Lệnh", "Commands"),
    "options_mv": Localized("[TÙY_CHỌN]", "[OPTIONS]"),
    "command_mv": Localized("LỆNH [ĐỐI_SỐ]…", "COMMAND [ARGS]…"),
    "required": Localized("bắt buộc", "required"),
    "error": Localized("Lỗi:", "Error:"),
    "try_help": Localized("Xem hướng dẫn: {command} --help", "For help: {command} --help"),
    "help": Localized("Hiện hướng dẫn này rồi thoát.", "Show this help and exit."),
    "no_such_option": Localized("Không có tùy chọn {name}.", "There is no option {name}."),
    "did_you_mean": Localized("Có phải ý bạn là {names}?", "Did you mean {names}?"),
    "needs_value": Localized("Tùy chọn {name} cần một giá trị.", "Option {name} needs a value."),
    "takes_no_value": Localized(
        "Tùy chọn {name} không nhận giá trị.", "Option {name} does not take a value."
    ),
    "missing_argument": Localized("Thiếu đối số “{name}”.", "Missing argument “{name}”."),
    "missing_option": Localized("Thiếu tùy chọn “{name}”.", "Missing option “{name}”."),
    "extra_args": Localized("Thừa đối số: {args}.", "Unexpected extra argument(s): {args}."),
    "no_such_command": Localized("Không có lệnh “{name}”.", "There is no command “{name}”."),
    "missing_command": Localized("Thiếu tên lệnh.", "Missing command."),
    "bad_choice": Localized(
        "Giá trị “{value}” của {name} không hợp lệ; chọn một trong: {choices}.",
        "“{value}” is not a valid value for {name}; choose one of: {choices}.",
    ),
    "bad_value": Localized(
        "Giá trị “{value}” của {name} không hợp lệ.", "“{value}” is not valid for {name}."
    ),
    "bad_param": Localized("Giá trị của {name} không hợp lệ.", "The value of {name} is not valid."),
    "usage_error": Localized("Lệnh viết chưa đúng: {message}", "Usage error: {message}"),
    "aborted": Localized("Đã dừng.", "Aborted."),
}

# Per command: (one-line summary shown in the command list, the rest of its help page).
COMMANDS: dict[str, tuple[Localized, Localized | None]] = {
    "": (
        Localized(
            "Theo dõi thực hiện chỉ tiêu kế hoạch phát triển kinh tế - xã hội.",
            "Track a local government's annual socio-economic plan.",
        ),
        Localized(
            "Các tùy chọn --plan, --data, --lang cũng có thể viết trước tên lệnh "
            "(kehoach --lang en status).",
            "--plan, --data and --lang may also be given before the command "
            "(kehoach --lang en status).",
        ),
    ),
    "plan": (
        Localized("Liệt kê các chỉ tiêu của kế hoạch.", "List the plan's indicators."),
        Localized(
            "Với --check: chỉ kiểm tra tệp kế hoạch (mã thoát 2 nếu tệp không hợp lệ).",
            "With --check: only validate the plan file (exit code 2 when it is not valid).",
        ),
    ),
    "validate": (
        Localized("Kiểm tra tệp số liệu của đơn vị.", "Check submission files against the plan."),
        Localized(
            "Liệt kê mọi lỗi và cảnh báo của từng tệp; mã thoát 1 nếu có lỗi. Thư mục dữ "
            "liệu chỉ được đọc để so với số liệu đã lưu.",
            "Lists every error and warning of each file; exit code 1 when there is an "
            "error. The data folder is only read to compare with the stored figures.",
        ),
    ),
    "status": (
        Localized("Tình hình thực hiện các chỉ tiêu.", "Where each target stands."),
        Localized(
            "Mỗi chỉ tiêu một dòng: kế hoạch, thực hiện, mức cần đạt, tỷ lệ, đánh giá.",
            "One row per indicator: target, value, expected, attainment, status.",
        ),
    ),
    "report": (
        Localized(
            "Báo cáo tháng gửi Ủy ban (Word, văn bản, Markdown).",
            "The month's report to the committee (Word, text, Markdown).",
        ),
        Localized(
            "Theo thể thức Nghị định 30/2020/NĐ-CP: tiêu đề, kết quả từng chỉ tiêu, biểu "
            "tổng hợp, nguyên nhân, nhiệm vụ tháng tới, nơi nhận, chữ ký.",
            "Laid out per Nghị định 30/2020/NĐ-CP: heading, each target's result, the "
            "summary table, causes, next month's tasks, recipients, signature.",
        ),
    ),
    "submit": (
        Localized("Kiểm tra rồi lưu tệp số liệu.", "Validate, then store a submission."),
        Localized(
            "Tệp được lưu thành THƯ_MỤC/YYYY-MM/ĐƠN_VỊ.csv; bản đã nộp chỉ được thay khi "
            "có --replace, và bản cũ được giữ lại. Nhiều tệp hoặc thư mục: mỗi tệp được "
            "kiểm tra và lưu riêng, cuối cùng là bảng tổng hợp.",
            "The file is stored as FOLDER/YYYY-MM/UNIT.csv; a stored submission is only "
            "replaced with --replace, and the old one is kept. Several files or folders: "
            "each file is checked and stored on its own, then a summary table.",
        ),
    ),
    "template": (
        Localized(
            "Mẫu (bảng tính .xlsx hoặc CSV) cho đơn vị điền số liệu.",
            "A form (.xlsx workbook or CSV) for a unit to fill in.",
        ),
        Localized(
            "Với --narrative: mẫu báo cáo tháng bằng lời (Word .docx hoặc Markdown .md).",
            "With --narrative: the form of the monthly narrative report (Word .docx or "
            "Markdown .md).",
        ),
    ),
    "missing": (
        Localized("Đơn vị chưa gửi số liệu.", "Who has not reported."),
        Localized(
            "Một tháng (--month): mỗi đơn vị còn thiếu gì trong tháng đó. Với --all: mọi "
            "số liệu mỗi đơn vị còn nợ từ đầu năm đến tháng đó, tháng cũ nhất trước.",
            "One month (--month): what each unit still owes for it. With --all: everything "
            "each unit still owes from January to that month, oldest first.",
        ),
    ),
    "show": (
        Localized(
            "Diễn biến một chỉ tiêu qua các tháng, vẽ trên màn hình.",
            "One indicator's path through the year, drawn in the terminal.",
        ),
        Localized(
            "Lũy kế so với tiến độ kế hoạch và cùng kỳ năm trước; chỉ tiêu thời điểm so với "
            "mức kế hoạch và ngưỡng có nguy cơ; chỉ tiêu theo mốc theo từng mốc. Kèm số "
            "liệu từng tháng, đơn vị chủ trì, đơn vị đóng góp và ghi chú của đơn vị.",
            "The year to date against the planned path and last year; a level against its "
            "target and at-risk line; a milestone by stage. With the monthly figures, the "
            "owner, the contributors and the units' notes.",
        ),
    ),
    "breakdown": (
        Localized(
            "Số liệu từng đơn vị đóng góp (như status --by-unit).",
            "Each contributing unit's figures (as status --by-unit).",
        ),
        None,
    ),
    "revisions": (
        Localized(
            "Số liệu được sửa sau khi đã báo cáo.",
            "Figures revised after they were reported.",
        ),
        Localized(
            "Mỗi lần sửa: số cũ, số mới, ước tính hay chính thức, khi nào, lý do, và đánh giá "
            "chỉ tiêu theo từng số (đọc từ THƯ_MỤC/_revisions.csv).",
            "Each revision: old and new figure, estimate or official, when, why, and the "
            "status each figure gives (read from FOLDER/_revisions.csv).",
        ),
    ),
    "explain": (
        Localized(
            "Số liệu của một chỉ tiêu được tính ra sao.", "How an indicator's figure was made."
        ),
        Localized(
            "Từng số liệu đóng góp (đơn vị, tháng, tệp, dòng, lúc nộp, mã SHA-256), cách "
            "phân bổ và phép tính tiến độ, phép so sánh, ngưỡng, và mọi lần sửa.",
            "Each contributing figure (unit, month, file, row, when sent, SHA-256), the "
            "phasing and the arithmetic of the expected figure, the comparison, the band, "
            "and every revision.",
        ),
    ),
    "lock": (
        Localized(
            "Khóa sổ một tháng sau khi đã ban hành báo cáo.",
            "Close a month once its report is issued.",
        ),
        Localized(
            "Sau khi khóa, số liệu nộp cho tháng đó bị từ chối trừ khi có --reopen-reason; "
            "mỗi lần khóa, mở được ghi vào THƯ_MỤC/_locks.csv.",
            "Once closed, figures submitted for that month are refused unless given with "
            "--reopen-reason; every lock and unlock is written to FOLDER/_locks.csv.",
        ),
    ),
    "unlock": (
        Localized("Mở lại một tháng đã khóa sổ.", "Reopen a closed month."),
        Localized("Lý do mở lại là bắt buộc (--reason).", "A reason is required (--reason)."),
    ),
    "check-store": (
        Localized(
            "Đối chiếu thư mục số liệu với nhật ký nộp.",
            "Check the data folder against its submission log.",
        ),
        Localized(
            "Tìm tệp bị sửa tay, tệp không có trong nhật ký, dòng nhật ký không có tệp, bản "
            "lưu cũ bị mất; mã thoát 1 nếu có vấn đề.",
            "Finds files edited by hand, files the log does not know, log lines without a "
            "file, missing kept versions; exit code 1 when anything is off.",
        ),
    ),
    "schema": (
        Localized(
            "In JSON Schema của một tài liệu --json.",
            "Print the JSON Schema of a --json document.",
        ),
        Localized(
            "Tên: status, validate, missing, missing-all (missing --all), check-store, "
            "explain, revisions, show, by-unit (status --by-unit và breakdown). Các khóa của "
            "từng tài liệu: docs/json.md.",
            "Names: status, validate, missing, missing-all (missing --all), check-store, "
            "explain, revisions, show, by-unit (status --by-unit and breakdown). Every "
            "document's keys: docs/json.md.",
        ),
    ),
    "init": (
        Localized(
            "Tạo thư mục làm việc: kế hoạch, thư mục số liệu, kehoach.toml.",
            "Make a working folder: the plan, the data folder, kehoach.toml.",
        ),
        Localized(
            "Không ghi đè tệp nào: nếu thư mục đã có một trong các tệp đó thì dừng và nêu "
            "tên. Mọi lệnh chạy trong thư mục đó (hay thư mục con) tìm kế hoạch và số liệu "
            "qua kehoach.toml.",
            "Never writes over a file: when the folder has one of them already, it stops "
            "and names it. Every command run in that folder (or below it) finds the plan "
            "and the data through kehoach.toml.",
        ),
    ),
    "completion": (
        Localized(
            "In đoạn mã gợi ý lệnh (Tab) cho bash, zsh, fish hoặc PowerShell.",
            "Print the Tab-completion script for bash, zsh, fish or PowerShell.",
        ),
        Localized(
            "Ví dụ, bash: kehoach completion bash >> ~/.bashrc. Gợi ý tên lệnh, tùy chọn, "
            "mã đơn vị và nhóm chỉ tiêu lấy từ tệp kế hoạch.",
            "For example, bash: kehoach completion bash >> ~/.bashrc. Completes commands, "
            "options, unit codes and indicator groups from the plan file.",
        ),
    ),
}

_MONTH_DEFAULT = Localized(
    "mặc định: tháng gần nhất đã nhận từ một nửa số liệu đến kỳ",
    "default: the latest month with at least half of the figures due",
)

# Per parameter (its Python name), the help text; ``(command, name)`` overrides it.
PARAMS: dict[str | tuple[str, str], Localized] = {
    "plan": Localized(
        "Tệp kế hoạch (mặc định: theo kehoach.toml, không có thì plan2020.yaml; biến môi "
        "trường KEHOACH_PLAN).",
        "The plan file (default: from kehoach.toml, else plan2020.yaml; environment "
        "variable KEHOACH_PLAN).",
    ),
    "data": Localized(
        "Thư mục số liệu (mặc định: theo kehoach.toml, không có thì data/monthly; biến môi "
        "trường KEHOACH_DATA).",
        "The data folder (default: from kehoach.toml, else data/monthly; environment "
        "variable KEHOACH_DATA).",
    ),
    "lang": Localized(
        "Ngôn ngữ: vi hoặc en (mặc định: vi; biến môi trường KEHOACH_LANG).",
        "Language: vi or en (default: vi; environment variable KEHOACH_LANG).",
    ),
    "json_out": Localized(
        "In một tài liệu JSON thay cho bảng.", "Print one JSON document instead of a table."
    ),
    "month": Localized(
        f"Tháng báo cáo: {MONTH_FORMS.vi} ({_MONTH_DEFAULT.vi}).",
        f"The report month: {MONTH_FORMS.en} ({_MONTH_DEFAULT.en}).",
    ),
    ("validate", "month"): Localized(
        f"Tháng của số liệu, khi tệp không có cột tháng: {MONTH_FORMS.vi}.",
        f"The month of the figures, when the file has no month column: {MONTH_FORMS.en}.",
    ),
    ("submit", "month"): Localized(
        f"Tháng của số liệu, khi tệp không có cột tháng: {MONTH_FORMS.vi}.",
        f"The month of the figures, when the file has no month column: {MONTH_FORMS.en}.",
    ),
    ("template", "month"): Localized(
        f"Tháng cần điền: {MONTH_FORMS.vi} (mặc định: tháng sau tháng gần nhất đã có số liệu).",
        f"The month to fill in: {MONTH_FORMS.en} (default: the month after the latest "
        "month with data).",
    ),
    ("missing", "month"): Localized(
        f"Tháng cần đôn đốc: {MONTH_FORMS.vi} ({_MONTH_DEFAULT.vi}; với --all: tính đến "
        "tháng này).",
        f"The month to chase: {MONTH_FORMS.en} ({_MONTH_DEFAULT.en}; with --all: up to "
        "this month).",
    ),
    "unit": Localized(
        "Mã đơn vị, ví dụ CC-THUE (khi tệp không có cột đơn vị).",
        "Unit code, e.g. CC-THUE (when the file has no unit column).",
    ),
    ("status", "unit"): Localized(
        "Chỉ các chỉ tiêu đơn vị này báo cáo, kèm phần đóng góp của đơn vị.",
        "Only the indicators this unit reports, with its own contribution.",
    ),
    ("template", "unit"): Localized("Mã đơn vị, ví dụ CC-THUE.", "Unit code, e.g. CC-THUE."),
    "group": Localized(
        "Chỉ một nhóm chỉ tiêu: KT, DT, XH hoặc QP (mặc định: tất cả).",
        "Only one plan section: KT, DT, XH or QP (default: all).",
    ),
    "check": Localized("Chỉ kiểm tra tệp kế hoạch.", "Only validate the plan file."),
    "files": Localized(
        "Tệp .xlsx hoặc CSV cần kiểm tra (một hoặc nhiều; báo cáo bằng lời: .docx, .md).",
        "The .xlsx or CSV files to check (one or more; narrative reports: .docx, .md).",
    ),
    "file": Localized(
        "Tệp .xlsx hoặc CSV cần nộp (hoặc báo cáo bằng lời .docx, .md).",
        "The .xlsx or CSV file to submit (or a narrative report, .docx or .md).",
    ),
    ("submit", "files"): Localized(
        "Tệp .xlsx hoặc CSV cần nộp (hoặc báo cáo bằng lời .docx, .md), hoặc thư mục chứa "
        "chúng (một hoặc nhiều).",
        "The .xlsx or CSV files to submit (or narrative reports, .docx or .md), or folders "
        "holding them (one or more).",
    ),
    "codes": Localized(
        "Với --by-unit: chỉ các chỉ tiêu này (mặc định: mọi chỉ tiêu có đơn vị đóng góp).",
        "With --by-unit: only these indicators (default: every one with contributors).",
    ),
    ("breakdown", "codes"): Localized(
        "Chỉ các chỉ tiêu này (mặc định: mọi chỉ tiêu có đơn vị đóng góp).",
        "Only these indicators (default: every one with contributors).",
    ),
    "by_unit": Localized(
        "Mỗi đơn vị đóng góp một dòng: số liệu, tỷ trọng, tháng gửi gần nhất, mức đủ.",
        "One row per contributing unit: its figure, share, last month sent, completeness.",
    ),
    "code": Localized("Mã chỉ tiêu, ví dụ KT04.", "Indicator code, e.g. KT04."),
    "xlsx": Localized(
        "Ghi bảng tổng hợp ra bảng tính Excel (.xlsx) này.",
        "Write the summary table to this Excel workbook (.xlsx).",
    ),
    "form_format": Localized(
        "Định dạng mẫu: csv hoặc xlsx (mặc định: theo đuôi tệp -o, không có thì csv).",
        "The form's format: csv or xlsx (default: from the -o file's suffix, else csv).",
    ),
    "narrative": Localized(
        "Mẫu báo cáo bằng lời của đơn vị (Word .docx; -o TÊN.md: Markdown) thay cho mẫu số "
        "liệu: các đề mục kết quả, tồn tại, nguyên nhân, nhiệm vụ, kiến nghị.",
        "The unit's narrative report form (Word .docx; -o NAME.md: Markdown) instead of the "
        "figures' form: headings for results, shortcomings, causes, tasks, requests.",
    ),
    "replace": Localized(
        "Thay bản đã nộp cho cùng đơn vị và tháng (bản cũ được giữ lại).",
        "Replace the stored submission of the same unit and month (the old one is kept).",
    ),
    "fmt": Localized(
        "Định dạng: text, markdown hoặc docx (mặc định: theo đuôi tệp -o — .docx, .md, "
        ".txt —, không có thì text).",
        "Format: text, markdown or docx (default: from the -o file's suffix — .docx, .md, "
        ".txt —, else text).",
    ),
    "number": Localized(
        "Số của báo cáo, ví dụ 125 (in thành “Số: 125/BC-UBND”; mặc định: để trống để điền).",
        "The report's number, e.g. 125 (printed “Số: 125/BC-UBND”; default: a blank to fill).",
    ),
    "signer": Localized(
        "Họ tên người ký báo cáo (mặc định: theo tệp kế hoạch, report.signer_name).",
        "The name of the report's signer (default: the plan file's report.signer_name).",
    ),
    "tasks": Localized(
        "Tệp nhiệm vụ, giải pháp tháng tới (mặc định: THƯ_MỤC/YYYY-MM/_nhiem_vu.md nếu có).",
        "Next month's tasks file (default: FOLDER/YYYY-MM/_nhiem_vu.md when there is one).",
    ),
    "worksheet": Localized(
        "Ghi tài liệu làm việc của văn phòng (số liệu theo phường, biểu đồ, tình hình gửi "
        "báo cáo, số ước, điều chỉnh, ý kiến các đơn vị) thay cho dự thảo.",
        "Write the office's working paper (ward tables, charts, who sent what, estimates, "
        "revisions, the units' own words) instead of the draft.",
    ),
    "final": Localized(
        "Bản trình ký: từ chối ghi khi còn chỗ trống của đơn vị chưa gửi báo cáo.",
        "The version for signature: refuse to write while slots for missing reports remain.",
    ),
    "output": Localized(
        "Ghi ra tệp này thay vì in ra màn hình (tệp khác đã có được giữ lại).",
        "Write to this file instead of the screen (a different file already there is kept).",
    ),
    "date": Localized(
        f"Ngày ghi trên báo cáo: {DATE_FORMS.vi} (mặc định: ngày báo cáo của tháng, "
        "theo tệp kế hoạch).",
        f"The date on the report: {DATE_FORMS.en} (default: the plan's report day of the month).",
    ),
    "letter": Localized(
        "Ghi công văn đôn đốc (Nghị định 30/2020/NĐ-CP) cho từng đơn vị còn nợ số liệu, "
        "vào tệp -o TỆP.docx.",
        "Write the reminder letter (Nghị định 30/2020/NĐ-CP) to each unit still owing "
        "figures, to -o FILE.docx.",
    ),
    "to_all": Localized(
        "Với --letter: một công văn gửi tất cả các đơn vị thay vì mỗi đơn vị một công văn.",
        "With --letter: one letter addressed to all the units instead of one each.",
    ),
    ("missing", "output"): Localized(
        "Với --letter: tệp Word (.docx) để ghi công văn (tệp khác đã có được giữ lại).",
        "With --letter: the Word file (.docx) to write the letter to (a different file "
        "already there is kept).",
    ),
    "as_of": Localized(
        f"Tính số ngày quá hạn đến ngày: {DATE_FORMS.vi} (mặc định: hôm nay).",
        f"Count days overdue up to this day: {DATE_FORMS.en} (default: today).",
    ),
    "all_months": Localized(
        "Mọi số liệu còn nợ từ tháng 1 đến tháng đó (không chỉ một tháng), tháng cũ nhất trước.",
        "Everything still owed from January to that month (not one month only), oldest first.",
    ),
    "version": Localized("In số phiên bản rồi thoát.", "Print the version and exit."),
    "reopen_reason": Localized(
        "Lý do sửa số liệu của tháng đã khóa sổ (được ghi vào nhật ký).",
        "Why a closed month's figures are revised (written to the log).",
    ),
    ("submit", "reopen_reason"): Localized(
        "Lý do sửa số liệu của tháng đã khóa sổ, hoặc thay số chính thức bằng số ước tính "
        "(được ghi vào nhật ký và danh sách sửa đổi).",
        "Why a closed month's figures are revised, or official figures replaced by "
        "estimates (written to the log and the revisions list).",
    ),
    ("lock", "month"): Localized(
        f"Tháng cần khóa sổ: {MONTH_FORMS.vi}.", f"The month to close: {MONTH_FORMS.en}."
    ),
    ("explain", "unit"): Localized(
        "Chỉ phần của đơn vị này (mặc định: toàn thị xã).",
        "Only this unit's part (default: the whole town).",
    ),
    ("revisions", "month"): Localized(
        f"Chỉ các lần sửa số liệu của tháng này: {MONTH_FORMS.vi} (mặc định: tất cả).",
        f"Only the revisions of this month's figures: {MONTH_FORMS.en} (default: all).",
    ),
    ("unlock", "month"): Localized(
        f"Tháng cần mở lại: {MONTH_FORMS.vi}.", f"The month to reopen: {MONTH_FORMS.en}."
    ),
    "note": Localized("Ghi chú, ví dụ số của báo cáo.", "A note, e.g. the report's number."),
    "reason": Localized("Lý do mở lại (bắt buộc).", "Why it is reopened (required)."),
    ("schema", "name"): Localized(
        "Tên tài liệu, một trong các tên nêu trên.",
        "The document's name, one of those above.",
    ),
    ("init", "folder"): Localized(
        "Thư mục cần tạo (mặc định: thư mục đang làm việc).",
        "The folder to make (default: the working folder).",
    ),
    ("init", "sample"): Localized(
        "Kèm số liệu mẫu năm 2019–2020 (minh họa) trong thư mục số liệu.",
        "Put the 2019–2020 sample (illustrative figures) in the data folder.",
    ),
    "shell": Localized(
        "Trình shell: bash, zsh, fish hoặc powershell.",
        "The shell: bash, zsh, fish or powershell.",
    ),
}

# Metavars in words: what to write, never a Python type.
METAVARS: dict[str, Localized] = {
    "plan": Localized("TỆP", "FILE"),
    "data": Localized("THƯ_MỤC", "FOLDER"),
    "lang": Localized("vi|en", "vi|en"),
    "month": Localized("THÁNG", "MONTH"),
    "unit": Localized("MÃ_ĐƠN_VỊ", "UNIT_CODE"),
    "group": Localized("NHÓM", "GROUP"),
    "files": Localized("TỆP…", "FILE…"),
    "file": Localized("TỆP", "FILE"),
    "fmt": Localized("text|markdown|docx", "text|markdown|docx"),
    "number": Localized("SỐ", "NUMBER"),
    "signer": Localized("HỌ_TÊN", "NAME"),
    "tasks": Localized("TỆP", "FILE"),
    "output": Localized("TỆP", "FILE"),
    "date": Localized("NGÀY", "DATE"),
    "as_of": Localized("NGÀY", "DATE"),
    "shell": Localized("SHELL", "SHELL"),
    "name": Localized("TÊN", "NAME"),
    "xlsx": Localized("TỆP.xlsx", "FILE.xlsx"),
    "codes": Localized("MÃ_CHỈ_TIÊU…", "CODE…"),
    "code": Localized("MÃ_CHỈ_TIÊU", "CODE"),
    "form_format": Localized("csv|xlsx", "csv|xlsx"),
    "reopen_reason": Localized("LÝ_DO", "REASON"),
    "reason": Localized("LÝ_DO", "REASON"),
    "note": Localized("GHI_CHÚ", "NOTE"),
    "folder": Localized("THƯ_MỤC", "FOLDER"),
}


# ------------------------------------------------------------------ the language


def detect_lang(args: Sequence[str] | None = None) -> str:
    """The language of this run, read before click parses: ``--lang X`` or ``--lang=X``
    anywhere in the arguments, else ``KEHOACH_LANG``, else Vietnamese."""
    if args is None:
        args = sys.argv[1:]
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    if value is None:
        value = os.environ.get("KEHOACH_LANG", "")
    value = value.strip().lower()
    return value if value in LANGS else "vi"


def param_help(command: str, param) -> str:
    words = PARAMS.get((command, param.name)) or PARAMS.get(param.name)
    if words is not None:
        return words(_lang)
    return param.help or ""


def metavar(param, lang: str) -> str:
    words = METAVARS.get(param.name)
    if words is not None:
        return words(lang)
    return (param.name or "").upper()


_lang = "vi"


def current_lang() -> str:
    return _lang


# ------------------------------------------------------------------ help pages


def _command_key(ctx) -> str:
    return "" if ctx.parent is None else ctx.info_name or ""


def _summary(name: str, cmd) -> str:
    words = COMMANDS.get(name)
    if words is not None:
        return words[0](_lang)
    return (cmd.help or "").strip().split("\n")[0]


def _param_label(param, lang: str) -> str:
    if param.param_type_name == "argument":
        return metavar(param, lang)
    names = ", ".join(sorted(param.opts, key=len))
    if getattr(param, "is_flag", False) or param.name in ("help", "version"):
        return names
    return f"{names} {metavar(param, lang)}"


def _usage_pieces(cmd, ctx) -> list[str]:
    pieces = [WORDS["options_mv"](_lang)]
    for param in cmd.params:
        if param.param_type_name == "argument":
            mv = metavar(param, _lang)
            pieces.append(mv if param.required else f"[{mv}]")
    if isinstance(cmd, TyperGroup):
        pieces.append(WORDS["command_mv"](_lang))
    return pieces


def usage_line(cmd, ctx) -> str:
    return f"{WORDS['usage'](_lang)} {ctx.command_path} {' '.join(_usage_pieces(cmd, ctx))}"


def format_help(cmd, ctx, formatter) -> None:
    """The whole help page of ``cmd``, in the run's language."""
    key = _command_key(ctx)
    formatter.write_usage(
        ctx.command_path, " ".join(_usage_pieces(cmd, ctx)), WORDS["usage"](_lang) + " "
    )
    summary, more = COMMANDS.get(key, (None, None))
    formatter.write_paragraph()
    formatter.indent()
    formatter.write_text(summary(_lang) if summary else (cmd.help or "").strip())
    if more is not None:
        formatter.write_paragraph()
        formatter.write_text(more(_lang))
    formatter.dedent()
    params = [p for p in cmd.get_params(ctx) if not getattr(p, "hidden", False)]
    args = [p for p in params if p.param_type_name == "argument"]
    opts = [p for p in params if p.param_type_name != "argument"]
    if args:
        rows = []
        for p in args:
            text = param_help(key, p)
            if p.required:
                text += f" [{WORDS['required'](_lang)}]"
            rows.append((_param_label(p, _lang), text))
        with formatter.section(WORDS["arguments"](_lang)):
            formatter.write_dl(rows)
    rows = []
    for p in opts:
        text = WORDS["help"](_lang) if p.name == "help" else param_help(key, p)
        rows.append((_param_label(p, _lang), text))
    with formatter.section(WORDS["options"](_lang)):
        formatter.write_dl(rows)
    if isinstance(cmd, TyperGroup):
        rows = [
            (name, _summary(name, sub))
            for name, sub in cmd.commands.items()
            if not getattr(sub, "hidden", False)
        ]
        with formatter.section(WORDS["commands"](_lang)):
            formatter.write_dl(rows)


# ------------------------------------------------------------------ usage errors


def _name(param, lang: str) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return metavar(param, lang)
    return max(param.opts, key=len)


def usage_message(err) -> str:
    """One usage error, in the run's language, from what the exception carries."""
    t = {k: v(_lang) for k, v in WORDS.items()}
    if isinstance(err, click.exceptions.NoSuchOption):
        text = t["no_such_option"].format(name=err.option_name)
        # click offers every option sharing a prefix; the closest one helps more.
        best = get_close_matches(err.option_name, list(err.possibilities or ()), n=1)
        if best:
            text += " " + t["did_you_mean"].format(names=", ".join(best))
        return text
    if isinstance(err, click.exceptions.BadOptionUsage):
        if "does not take" in err.message:
            return t["takes_no_value"].format(name=err.option_name)
        return t["needs_value"].format(name=err.option_name)
    if isinstance(err, click.exceptions.MissingParameter):
        param = err.param
        key = "missing_argument" if param.param_type_name == "argument" else "missing_option"
        return t[key].format(name=_name(param, _lang))
    if isinstance(err, click.exceptions.BadParameter):
        if getattr(err, "in_words", False):  # from _PlainCoercion: already our sentence
            return err.message
        # With a typer whose parameters we could not give _PlainCoercion: click's Choice
        # or pydantic said it, in English; keep the value and the choices, not the words.
        name = _name(err.param, _lang)
        m = re.fullmatch(r"'(.*)' is not one of (.*)\.", err.message, re.S)
        if m:
            choices = ", ".join(c.strip("'") for c in m[2].split(", "))
            return t["bad_choice"].format(value=m[1], name=name, choices=choices)
        return t["bad_param"].format(name=name)
    message = err.message
    m = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", message, re.S)
    if m:
        text = t["no_such_command"].format(name=m[1])
        if m[2]:
            names = ", ".join(s.strip("'") for s in m[2].split(", "))
            text += " " + t["did_you_mean"].format(names=names)
        return text
    m = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message, re.S)
    if m:
        return t["extra_args"].format(args=m[1])
    if message.startswith("Missing command"):
        return t["missing_command"]
    return t["usage_error"].format(message=message)


def print_usage_error(err) -> None:
    ctx = err.ctx
    lines = []
    if ctx is not None:
        lines.append(usage_line(ctx.command, ctx))
        lines.append(WORDS["try_help"](_lang).format(command=ctx.command_path))
        lines.append("")
    lines.append(f"{WORDS['error'](_lang)} {usage_message(err)}")
    from kehoach.core.safetext import visible  # what was typed is shown, never obeyed

    sys.stderr.write(visible("\n".join(lines)) + "\n")


# ------------------------------------------------------------------ values of options


def _in_words(message: str, ctx, param):
    err = click.exceptions.BadParameter(message, ctx=ctx, param=param)
    err.in_words = True
    return err


class _PlainCoercion:
    """Turns an option's text into its value without a pydantic TypeAdapter.

    Handles what kehoach's options are: str, Path, bool, an Enum, their ``| None`` and
    ``list[...]`` forms. Errors are ``BadParameter`` carrying the finished sentence.
    """

    def __init__(self, annotation: Any):
        self.many = False
        ann = annotation
        if get_origin(ann) in (Union, types.UnionType):
            inner = [a for a in get_args(ann) if a is not type(None)]
            ann = inner[0] if len(inner) == 1 else str
        if get_origin(ann) in (list, tuple):
            self.many = True
            ann = get_args(ann)[0]
        self.kind = ann

    @classmethod
    def supports(cls, annotation: Any) -> bool:
        c = cls(annotation)
        k = c.kind
        return k in (str, Path, bool, int) or (isinstance(k, type) and issubclass(k, Enum))

    def _one(self, value: Any, param, ctx) -> Any:
        kind = self.kind
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        text = str(value)
        if kind is str:
            return text
        if kind is Path:
            return Path(text)
        if issubclass(kind, Enum):
            wanted = text.strip().lower()
            for member in kind:
                if str(member.value).lower() == wanted:
                    return member
            choices = ", ".join(str(m.value) for m in kind)
            raise _in_words(
                WORDS["bad_choice"](_lang).format(
                    value=text, name=_name(param, _lang), choices=choices
                ),
                ctx=ctx,
                param=param,
            )
        try:
            if kind is bool:
                return {"1": True, "true": True, "yes": True, "0": False, "false": False,
                        "no": False}[text.strip().lower()]  # fmt: skip
            return int(text)
        except (KeyError, ValueError):
            raise _in_words(
                WORDS["bad_value"](_lang).format(value=text, name=_name(param, _lang)),
                ctx=ctx,
                param=param,
            ) from None

    def coerce(self, value: Any, *, param, ctx) -> Any:
        if value is None:
            return () if self.many else None
        if self.many:
            if isinstance(value, (str, bytes)):
                value = (value,)
            return [self._one(v, param, ctx) for v in value]
        return self._one(value, param, ctx)


def _install_plain_coercion(params) -> None:
    """Give each parameter ``_PlainCoercion`` in place of typer's lazily built adapter.

    Relies on typer's ``_runtime_param`` slot (typer >= 0.29); with another typer the
    attribute is absent and typer's own coercion stays: slower, same values.
    """
    for param in params:
        desc = getattr(param, "type_descriptor", None)
        if desc is None or not hasattr(param, "_runtime_param"):
            continue
        if getattr(desc, "file_annotation", None) is not None:
            continue
        if _PlainCoercion.supports(desc.annotation):
            param._runtime_param = _PlainCoercion(desc.annotation)


# ------------------------------------------------------------------ the classes


def _parse_args(parse, ctx, args):
    # The parser raises some usage errors without their context (an option missing its
    # value); attach it, for the usage line of the command that was typed.
    try:
        return parse(ctx, args)
    except click.exceptions.UsageError as err:
        if err.ctx is None:
            err.ctx = ctx
        raise


def _with_plain_coercion(option):
    # click makes --help lazily; without this it alone would pull in typer's adapters.
    if option is not None:
        _install_plain_coercion([option])
    return option


# KhCommand and KhGroup repeat three one-line methods rather than share a mixin: a mixin
# base would change the instance layout, and a command registered with a plain
# @app.command is turned into a KhCommand by assigning its __class__ (KhGroup.__init__).


class KhCommand(TyperCommand):
    """A kehoach command: our help page, usage line and value conversion."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _install_plain_coercion(self.params)

    def format_help(self, ctx, formatter) -> None:
        format_help(self, ctx, formatter)

    def parse_args(self, ctx, args):
        return _parse_args(super().parse_args, ctx, args)

    def get_help_option(self, ctx):
        return _with_plain_coercion(super().get_help_option(ctx))


class KhGroup(TyperGroup):
    """The ``kehoach`` group: the same, plus the language and usage errors of the run."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _install_plain_coercion(self.params)
        for cmd in self.commands.values():
            # A command registered without cls=KhCommand still gets our help and values.
            if type(cmd) is TyperCommand:
                cmd.__class__ = KhCommand
                _install_plain_coercion(cmd.params)

    def format_help(self, ctx, formatter) -> None:
        format_help(self, ctx, formatter)

    def parse_args(self, ctx, args):
        return _parse_args(super().parse_args, ctx, args)

    def get_help_option(self, ctx):
        return _with_plain_coercion(super().get_help_option(ctx))

    def _main_shell_completion(self, ctx_args, prog_name, complete_var=None) -> None:
        # The app is built without typer's --install-completion options (their words are
        # typer's); register typer's shell classes only when a shell asks for completions,
        # so that no ordinary run pays for them.
        name = prog_name.replace("-", "_").replace(".", "_")
        if os.environ.get(complete_var or f"_{name}_COMPLETE".upper()):
            from typer.completion import completion_init

            completion_init()
        return super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        global _lang
        argv = list(sys.argv[1:] if args is None else args)
        # kehoach.toml first: its lang is a default like KEHOACH_LANG (docs/contract.md §11)
        from kehoach.commands.common import apply_config

        apply_config()
        _lang = detect_lang(argv)
        if kw.pop("standalone_mode", True) is False:
            return super().main(argv, *a, standalone_mode=False, **kw)
        try:
            code = super().main(argv, *a, standalone_mode=False, **kw)
        except click.exceptions.NoArgsIsHelpError as err:
            sys.stdout.write(err.ctx.get_help() + "\n")
            sys.exit(EXIT_USAGE)
        except click.exceptions.UsageError as err:
            print_usage_error(err)
            sys.exit(EXIT_USAGE)
        except Abort:
            sys.stderr.write(WORDS["aborted"](_lang) + "\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
