"""The issue record and the one catalogue of issue codes.

Every problem kehoach tells a user about — in a submission file, in the plan file, in the
lock file of closed months, or in the data folder as a whole — is an :class:`Issue`: a
small record with a stable kebab-case code, a severity, where it is (file, spreadsheet row
with the header as row 1 or the file's line, column or the plan key's path) and the
parameters its message needs. Messages are
rendered from :data:`CATALOGUE` in the reader's language only when shown, so the core
stays language-free. ``docs/errors.md`` is generated from this catalogue
(``python -m kehoach.core.issues > docs/errors.md``) and a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]
Scope = Literal["file", "plan", "lock", "store", "narrative"]


class Code(NamedTuple):
    severity: Severity
    title_en: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""
    # What the problem is about: a submission file ("file"), the plan file ("plan"), the
    # lock file of closed months ("lock"), the data folder as a whole ("store"), or a
    # unit's narrative report (.docx, .md: "narrative").
    scope: Scope = "file"


_SAVE_UTF8_VI = (
    'Mở tệp trong Excel, chọn Tệp → Lưu thành, kiểu tệp "CSV UTF-8 (Comma delimited) (*.csv)", '
    "rồi gửi lại."
)
_SAVE_UTF8_EN = (
    'Open the file in Excel, choose File → Save As, type "CSV UTF-8 (Comma delimited) (*.csv)", '
    "and send it again."
)

_RESUBMIT_VI = 'kehoach submit {path} --replace (thêm --reopen-reason "lý do" nếu tháng đã khóa sổ)'
_RESUBMIT_EN = 'kehoach submit {path} --replace (add --reopen-reason "why" if the month is locked)'

CATALOGUE: dict[str, Code] = {
    # --- whole-file problems (row is None) -------------------------------------------
    "not-utf8": Code(
        "error",
        "File is not UTF-8",
        "Tệp không được lưu dạng UTF-8 (có thể là Windows-1258 hoặc TCVN3); "
        "không thể đọc đúng tiếng Việt.",
        "The file is not saved as UTF-8 (perhaps Windows-1258 or TCVN3); "
        "Vietnamese text cannot be read correctly.",
        _SAVE_UTF8_VI,
        _SAVE_UTF8_EN,
    ),
    "not-a-csv": Code(
        "error",
        "File is not a CSV text file",
        "Tệp không phải tệp văn bản CSV ({kind}).",
        "The file is not a CSV text file ({kind}).",
        _SAVE_UTF8_VI,
        _SAVE_UTF8_EN,
    ),
    "file-too-large": Code(
        "error",
        "File past the size limit",
        "Tệp quá lớn ({size}; giới hạn {limit}): không phải một biểu báo cáo tháng, "
        "kehoach không đọc.",
        "The file is too large ({size}; the limit is {limit}): no monthly form is that "
        "big, so kehoach does not read it.",
        "Kiểm tra đúng tệp chưa; một biểu tháng chỉ vài chục dòng. Xóa các trang tính, "
        "hình ảnh thừa rồi gửi lại.",
        "Check that this is the right file; a monthly form has a few dozen rows. Remove "
        "extra sheets and pictures and send it again.",
    ),
    "not-a-regular-file": Code(
        "error",
        "Not a regular file",
        "Đây không phải tệp thường ({kind}); kehoach không mở.",
        "This is not a regular file (a {kind}); kehoach does not open it.",
        "Chỉ định đúng tệp CSV hoặc .xlsx cần kiểm tra.",
        "Give the CSV or .xlsx file to check.",
    ),
    "note-too-long": Code(
        "error",
        "Note too long to store and read back",
        "Ghi chú của {unit} {indicator} {month} khi lưu dài {size} ký tự, quá giới hạn "
        "{max} mà kehoach đọc lại được; không lưu.",
        "The note of {unit} {indicator} {month} is {size} characters once stored, past "
        "the {max} kehoach can read back; nothing is stored.",
        "Rút gọn ghi chú rồi nộp lại.",
        "Shorten the note and submit again.",
    ),
    "too-many-rows": Code(
        "error",
        "File with too many rows",
        "Tệp có hơn {max} dòng số liệu; kehoach dừng đọc ở đó (một biểu tháng chỉ vài chục dòng).",
        "The file has more than {max} data rows; kehoach stops reading there (a monthly "
        "form has a few dozen rows).",
        "Kiểm tra đúng tệp chưa; nếu là số liệu của nhiều đơn vị, tách thành từng tệp.",
        "Check that this is the right file; if it holds many units' figures, split it "
        "into one file per unit.",
    ),
    "workbook-too-large": Code(
        "error",
        "Workbook part past the size limit",
        "Sổ làm việc quá lớn: phần {part} khi giải nén là {size} (giới hạn {max}); "
        "kehoach không mở.",
        "The workbook is too large: its part {part} is {size} once unpacked (the limit is "
        "{max}); kehoach does not open it.",
        "Một biểu tháng chỉ vài chục dòng: xóa các trang tính, hình ảnh và định dạng thừa "
        "(hoặc chép số liệu sang một sổ mới), rồi gửi lại; hoặc lưu thành CSV UTF-8.",
        "A monthly form has a few dozen rows: remove extra sheets, pictures and formatting "
        "(or copy the figures into a new workbook) and send it again; or save it as CSV "
        "UTF-8.",
    ),
    "workbook-too-many-rows": Code(
        "error",
        "Workbook sheet with too many rows",
        "Trang tính dùng tới dòng {row}, quá giới hạn {max} dòng; kehoach không đọc tiếp.",
        "The sheet goes on to row {row}, past the limit of {max} rows; kehoach reads no further.",
        "Xóa các dòng thừa ở cuối trang tính (chọn từ dòng sau số liệu tới cuối, Xóa), "
        "lưu rồi gửi lại.",
        "Delete the extra rows at the end of the sheet (select from the row after the "
        "figures to the end, Delete), save and send it again.",
    ),
    "workbook-too-many-columns": Code(
        "error",
        "Workbook cell past the column limit",
        "Ô {cell} có giá trị nhưng nằm quá cột thứ {max}; kehoach không đọc tiếp.",
        "Cell {cell} holds a value past column {max}; kehoach reads no further.",
        "Xóa các cột thừa bên phải số liệu, lưu rồi gửi lại.",
        "Delete the extra columns right of the figures, save and send it again.",
    ),
    "workbook-merge-too-large": Code(
        "error",
        "Merged cells covering too much of the sheet",
        "Vùng ô gộp {range} quá lớn (các vùng gộp tối đa {max} ô, tới dòng {rows}); "
        "kehoach không đọc tiếp.",
        "The merged range {range} is too large (merged ranges cover at most {max} cells, "
        "up to row {rows}); kehoach reads no further.",
        "Bỏ gộp ô (Trang đầu → Gộp và căn giữa → Bỏ gộp ô) ở vùng đó, lưu rồi gửi lại.",
        "Unmerge that range (Home → Merge & Center → Unmerge Cells), save and send it again.",
    ),
    "workbook-cell-too-large": Code(
        "error",
        "Workbook cell past the size limit",
        "Ô {cell} dài {size} ký tự, quá giới hạn {max}; kehoach không đọc tiếp.",
        "Cell {cell} is {size} characters long, past the limit of {max}; kehoach reads no further.",
        "Kiểm tra ô đó: có thể bị dán nhầm. Rút gọn rồi gửi lại.",
        "Check that cell: it may have been pasted by mistake. Shorten it and send again.",
    ),
    "empty-file": Code(
        "error",
        "Empty file",
        "Tệp rỗng, không có dòng tiêu đề.",
        "The file is empty: there is no header row.",
        "Dùng mẫu từ lệnh `kehoach template` để có đúng dòng tiêu đề.",
        "Use the form from `kehoach template` to get the right header row.",
    ),
    "no-data-rows": Code(
        "error",
        "No data rows",
        "Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào.",
        "The file has a header row but no data rows.",
        "Mỗi chỉ tiêu một dòng, dưới dòng tiêu đề.",
        "Add one row per indicator below the header.",
    ),
    "missing-column": Code(
        "error",
        "Required column missing",
        "Thiếu cột bắt buộc “{column}”.",
        "Required column “{column}” is missing.",
        "Các cột cần có: {required}. {extra_vi}",
        "Required columns: {required}. {extra_en}",
    ),
    "duplicate-column": Code(
        "error",
        "Column given twice",
        "Cột “{column}” xuất hiện hai lần (“{first}” và “{second}”).",
        "Column “{column}” appears twice (“{first}” and “{second}”).",
        "Xóa một trong hai cột.",
        "Delete one of the two columns.",
    ),
    "unknown-column": Code(
        "warning",
        "Unknown column ignored",
        "Cột “{header}” không được dùng và sẽ bị bỏ qua.",
        "Column “{header}” is not used and will be ignored.",
        "Các cột được đọc: {known}.",
        "Columns that are read: {known}.",
    ),
    "cannot-read": Code(
        "error",
        "File cannot be opened",
        "Không mở được tệp: {reason}.",
        "The file cannot be opened: {reason}.",
        "Kiểm tra quyền đọc tệp, hoặc đóng tệp nếu đang mở trong Excel, rồi chạy lại.",
        "Check that the file can be read, or close it if Excel has it open, and run again.",
    ),
    # --- workbooks (.xlsx) ---------------------------------------------------------------
    "unreadable-workbook": Code(
        "error",
        "Workbook cannot be read",
        "Không đọc được tệp bảng tính: {kind}.",
        "The workbook cannot be read: {kind}.",
        'Mở tệp trong Excel, chọn Tệp → Lưu thành, kiểu tệp "Excel Workbook (*.xlsx)" '
        'hoặc "CSV UTF-8 (Comma delimited) (*.csv)", rồi gửi lại.',
        'Open the file in Excel, choose File → Save As, type "Excel Workbook (*.xlsx)" or '
        '"CSV UTF-8 (Comma delimited) (*.csv)", and send it again.',
    ),
    "several-sheets": Code(
        "error",
        "Several sheets hold a header row",
        "Tệp có {n} trang tính cùng có dòng tiêu đề: {sheets}; không biết đọc trang nào.",
        "{n} sheets of the workbook have a header row: {sheets}; which one to read is unclear.",
        "Để số liệu trong một trang tính (xóa các trang kia hoặc xóa dòng tiêu đề của chúng), "
        "rồi gửi lại.",
        "Keep the figures on one sheet (delete the others, or their header rows), and send "
        "the file again.",
    ),
    "formula-no-value": Code(
        "error",
        "Formula cell without a computed value",
        "Ô {cell} có công thức nhưng chưa có giá trị đã tính (tệp do một chương trình tạo ra "
        "và chưa từng được mở bằng Excel).",
        "Cell {cell} holds a formula but no computed value (the file was written by a "
        "program and never opened in Excel).",
        "Mở tệp trong Excel và lưu lại (Excel tính các công thức khi lưu), hoặc gõ số thay "
        "cho công thức, rồi gửi lại.",
        "Open the file in Excel and save it (Excel computes the formulas when it saves), or "
        "type the figure instead of the formula, and send it again.",
    ),
    "title-rows": Code(
        "warning",
        "Rows above the header were skipped",
        "Dòng tiêu đề là dòng {header}: đã bỏ qua {rows} dòng phía trên nó (tên biểu, ghi chú).",
        "The header is row {header}; skipped {rows} row(s) above it (a title, notes).",
        "Nếu các dòng đó có số liệu, chuyển chúng xuống dưới dòng tiêu đề.",
        "If those rows hold figures, move them below the header row.",
    ),
    "hidden-rows": Code(
        "warning",
        "Hidden rows were read",
        "Dòng {rows} đang bị ẩn trong Excel nhưng vẫn được đọc và kiểm tra như mọi dòng khác.",
        "Row(s) {rows} are hidden in Excel but are read and checked like every other row.",
        "Nếu không muốn gửi số liệu ở các dòng đó, xóa dòng thay vì ẩn.",
        "If the figures on those rows are not meant to be sent, delete the rows instead of "
        "hiding them.",
    ),
    "symlink": Code(
        "error",
        "Symbolic link in the data folder",
        "Đây là liên kết tượng trưng (symlink): kehoach không đọc và không ghi qua liên kết "
        "trong thư mục dữ liệu, nên số liệu trong đó không được tính.",
        "This is a symbolic link: kehoach neither reads nor writes through links inside "
        "the data folder, so the figures behind it are not counted.",
        "Thay liên kết bằng thư mục (hoặc tệp) thật, ví dụ chép nội dung vào rồi xóa liên kết.",
        "Replace the link with the real folder (or file), e.g. copy its contents in and "
        "remove the link.",
    ),
    # --- row problems -------------------------------------------------------------------
    "bad-row-length": Code(
        "error",
        "Row has the wrong number of cells",
        "Dòng có {cells} ô nhưng dòng tiêu đề có {columns} cột.",
        "The row has {cells} cell(s) but the header has {columns} column(s).",
        "Kiểm tra dấu phân cách thừa/thiếu hoặc dấu ngoặc kép chưa đóng trong dòng này.",
        "Look for an extra or missing separator, or an unclosed quote, in this row.",
    ),
    "bad-quotes": Code(
        "error",
        "Misplaced quote mark",
        'Dấu ngoặc kép (") đặt sai chỗ: {detail}.',
        'A quote mark (") is out of place: {detail}.',
        "Xóa dấu ngoặc kép thừa hoặc đóng nó lại; tệp do Excel lưu dạng "
        '"CSV UTF-8" không có lỗi này.',
        'Remove the stray quote mark or close it; a file Excel saves as "CSV UTF-8" does '
        "not have this problem.",
    ),
    "missing-unit": Code(
        "error",
        "Reporting unit missing",
        "Thiếu mã đơn vị báo cáo.",
        "The reporting unit code is missing.",
        "Ghi mã đơn vị (ví dụ CC-THUE) hoặc chạy lệnh với --unit.",
        "Write the unit code (for example CC-THUE) or run the command with --unit.",
    ),
    "missing-indicator": Code(
        "error",
        "Indicator code missing",
        "Thiếu mã chỉ tiêu.",
        "The indicator code is missing.",
        "Ghi mã chỉ tiêu như trong kế hoạch (ví dụ KT04); xem `kehoach plan`.",
        "Write the indicator code as in the plan (for example KT04); see `kehoach plan`.",
    ),
    "missing-month": Code(
        "error",
        "Month missing",
        "Thiếu tháng báo cáo.",
        "The reporting month is missing.",
        "Ghi tháng dạng 2020-03 hoặc 03/2020, hoặc chạy lệnh với --month.",
        "Write the month as 2020-03 or 03/2020, or run the command with --month.",
    ),
    "unknown-unit": Code(
        "error",
        "Unknown reporting unit",
        "Mã đơn vị “{value}” không có trong kế hoạch.",
        "Unit code “{value}” is not in the plan.",
        "Có phải: {suggestions}?",
        "Did you mean: {suggestions}?",
    ),
    "unknown-indicator": Code(
        "error",
        "Unknown indicator",
        "Mã chỉ tiêu “{value}” không có trong kế hoạch.",
        "Indicator code “{value}” is not in the plan.",
        "Có phải: {suggestions}?",
        "Did you mean: {suggestions}?",
    ),
    "indicator-not-for-unit": Code(
        "error",
        "Indicator not reported by this unit",
        "Đơn vị {unit} không được giao báo cáo chỉ tiêu {indicator}.",
        "Unit {unit} is not assigned to report indicator {indicator}.",
        "Chỉ tiêu {indicator} do {reporters} báo cáo.",
        "Indicator {indicator} is reported by {reporters}.",
    ),
    "bad-month": Code(
        "error",
        "Month not understood",
        "Không đọc được tháng “{value}”.",
        "Month “{value}” is not understood.",
        "Ghi tháng dạng 2020-03, 03/2020 hoặc Tháng 3/2020. Nếu ô hiện một ngày, bảng tính "
        "đã biến tháng thành ngày: định dạng ô là Văn bản (hoặc gõ dấu ' trước) rồi gõ lại "
        "T3/2020.",
        "Write the month as 2020-03, 03/2020 or Tháng 3/2020. If the cell shows a date, the "
        "spreadsheet turned the month into one: format the cell as Text (or type a ' first) "
        "and type T3/2020 again.",
    ),
    "month-outside-plan-year": Code(
        "error",
        "Month outside the plan year",
        "Tháng {month} nằm ngoài năm kế hoạch {year}.",
        "Month {month} is outside the plan year {year}.",
        "Kế hoạch này chỉ nhận số liệu các tháng năm {year}.",
        "This plan takes figures for the months of {year} only.",
    ),
    "unit-mismatch": Code(
        "error",
        "Row's unit differs from --unit",
        "Dòng ghi đơn vị {value}, nhưng lệnh được chạy với --unit {expected}.",
        "The row says unit {value}, but the command was run with --unit {expected}.",
        "Sửa mã đơn vị trong dòng hoặc bỏ tùy chọn --unit.",
        "Correct the row's unit or drop the --unit option.",
    ),
    "month-mismatch": Code(
        "error",
        "Row's month differs from --month",
        "Dòng ghi tháng {value}, nhưng lệnh được chạy với --month {expected}.",
        "The row says month {value}, but the command was run with --month {expected}.",
        "Sửa tháng trong dòng hoặc bỏ tùy chọn --month.",
        "Correct the row's month or drop the --month option.",
    ),
    "not-a-number": Code(
        "error",
        "Value is not a number",
        "Giá trị “{value}” không phải là số.",
        "Value “{value}” is not a number.",
        "Ghi số như 74,4 hoặc 1080; để trống nếu chưa có số liệu.",
        "Write a number such as 74,4 or 1080; leave it empty if there is no figure yet.",
    ),
    "ambiguous-number": Code(
        "error",
        "Ambiguous number",
        "“{value}” không rõ nghĩa: có thể là {thousands} hoặc {decimal_vi}.",
        "“{value}” is ambiguous: it could be {thousands} or {decimal_en}.",
        "Ghi {thousands} nếu là số nguyên (không dùng dấu phân cách hàng nghìn), "
        "hoặc {decimal_vi} nếu là số thập phân.",
        "Write {thousands} for the whole number (no thousands separator), "
        "or {decimal_en} for the decimal.",
    ),
    "bad-grouping": Code(
        "error",
        "Badly grouped number",
        "Số “{value}” phân cách hàng nghìn sai (mỗi nhóm phải đủ 3 chữ số).",
        "Number “{value}” has wrong thousands groups (each group needs three digits).",
        "Ghi số không có dấu phân cách hàng nghìn, ví dụ 1080000 hoặc 74,4.",
        "Write the number without thousands separators, for example 1080000 or 74,4.",
    ),
    "too-many-digits": Code(
        "error",
        "Number with too many digits",
        "Giá trị “{value}” có quá nhiều chữ số (tối đa {max} chữ số có nghĩa).",
        "Value “{value}” has too many digits (at most {max} significant digits).",
        "Kiểm tra ô này: có thể bị dán nhầm hoặc thừa chữ số.",
        "Check this cell: it may have been pasted wrongly or have extra digits.",
    ),
    "thousands-dot": Code(
        "warning",
        "Dot read as thousands separator",
        "“{value}” được đọc là {read} (dấu chấm phân cách hàng nghìn).",
        "“{value}” was read as {read} (the dot groups thousands).",
        "Nếu đây là số thập phân, hãy ghi {decimal_vi}; muốn giữ đúng 3 chữ số thập phân "
        "thì thêm chữ số 0 thứ tư ({fourth_vi}).",
        "If this is a decimal, write {decimal_en}; to keep exactly three decimals, add a "
        "fourth zero ({fourth_en}).",
    ),
    "out-of-range": Code(
        "error",
        "Value outside what the indicator can be",
        "Giá trị {value} của {indicator} nằm ngoài khoảng cho phép {range}.",
        "Value {value} for {indicator} is outside the allowed range {range}.",
        "{indicator} tính bằng {uom}; kiểm tra lại số và đơn vị tính.",
        "{indicator} is measured in {uom}; check the figure and its unit.",
    ),
    "unusual-value": Code(
        "warning",
        "Value outside the usual range",
        "Giá trị {value} của {indicator} bất thường (thường trong khoảng {range}).",
        "Value {value} for {indicator} is unusual (usually within {range}).",
        "Kiểm tra lại: thừa/thiếu chữ số 0, nhầm dấu thập phân hoặc đơn vị tính ({uom}).",
        "Check for an extra or missing zero, a misplaced decimal mark, or the unit ({uom}).",
    ),
    "off-cycle-value": Code(
        "warning",
        "Value in a month the indicator is not due",
        "{indicator} báo cáo {frequency}; tháng {month} không phải kỳ báo cáo.",
        "{indicator} is reported {frequency}; {month} is not one of its reporting months.",
        "Giá trị vẫn được cộng vào lũy kế; nếu nhầm tháng, hãy sửa lại.",
        "The value still counts towards the year-to-date total; correct the month if wrong.",
    ),
    "duplicate-key": Code(
        "error",
        "Same value reported twice with different figures",
        "{unit} · {indicator} · {month} đã có ở dòng {other_row} với giá trị {other_value}, "
        "dòng này ghi {value}.",
        "{unit} · {indicator} · {month} is already on row {other_row} as {other_value}; "
        "this row says {value}.",
        "Giữ lại một dòng đúng, xóa dòng kia.",
        "Keep the right row and delete the other.",
    ),
    "repeated-key": Code(
        "warning",
        "Same value reported twice",
        "{unit} · {indicator} · {month} lặp lại dòng {other_row} (cùng giá trị), chỉ tính một lần.",
        "{unit} · {indicator} · {month} repeats row {other_row} (same value); counted once.",
    ),
    "conflict": Code(
        "error",
        "Conflicting value stored elsewhere",
        "{unit} · {indicator} · {month}: giá trị {value} khác với {other_value} "
        "trong {other_file} (dòng {other_row}).",
        "{unit} · {indicator} · {month}: value {value} differs from {other_value} "
        "in {other_file} (row {other_row}).",
        "Chỉ giữ một tệp đúng: xóa hoặc thay thế tệp sai (kehoach submit --replace).",
        "Keep only the right file: remove or replace the wrong one (kehoach submit --replace).",
    ),
    "duplicate-value": Code(
        "warning",
        "Same value found in two files",
        "{unit} · {indicator} · {month} cũng có trong {other_file} (dòng {other_row}) "
        "với cùng giá trị; chỉ tính một lần.",
        "{unit} · {indicator} · {month} is also in {other_file} (row {other_row}) "
        "with the same value; counted once.",
    ),
    "replaces-stored": Code(
        "warning",
        "Would replace a stored value",
        "{unit} · {indicator} · {month}: đã lưu {other_value} trong {other_file}; "
        "tệp này sẽ thay bằng {value}.",
        "{unit} · {indicator} · {month}: {other_value} is stored in {other_file}; "
        "this file would replace it with {value}.",
        "Nộp bằng `kehoach submit --replace`; bản cũ được giữ trong _history.",
        "Submit with `kehoach submit --replace`; the old version is kept in _history.",
    ),
    # --- figures as units send them (docs/plan.md §3, §4, §9) ---------------------------
    "bad-period-kind": Code(
        "error",
        "Unknown period kind",
        "Cột ky_so_lieu ghi '{value}': không rõ là số tháng hay số lũy kế.",
        "Column ky_so_lieu says '{value}': neither a month's amount nor a year-to-date figure.",
        "Ghi 'tháng' (số phát sinh trong tháng) hoặc 'lũy kế' (cộng dồn từ đầu năm); "
        "để trống thì theo kế hoạch.",
        "Write 'tháng' / 'month' (the month's own amount) or 'lũy kế' / 'ytd' (the year "
        "to date); leave it empty for what the plan asks.",
    ),
    "bad-estimate": Code(
        "error",
        "Unknown estimate mark",
        "Cột uoc_tinh ghi '{value}': không rõ là số ước tính hay số chính thức.",
        "Column uoc_tinh says '{value}': neither an estimate nor an official figure.",
        "Ghi 'x' (hoặc 1, ước, có) nếu là số ước tính; để trống (hoặc 0, không) nếu là "
        "số chính thức.",
        "Write 'x' (or 1, true, yes) for an estimate; leave it empty (or 0, false, no) for "
        "an official figure.",
    ),
    "unknown-stage": Code(
        "error",
        "Not a stage of this milestone",
        "{indicator} theo dõi theo mốc; '{value}' không phải một mốc của kế hoạch.",
        "{indicator} is followed by stage; '{value}' is not one of the plan's stages.",
        "Ghi mã, tên hoặc số thứ tự của mốc đã đạt: {stages}; 0 nếu chưa đạt mốc nào.",
        "Write the code, name or number of the stage reached: {stages}; 0 if none yet.",
    ),
    "percent-not-allowed": Code(
        "error",
        "Percent sign on a figure that is not a percentage",
        "{indicator} tính bằng {uom}, không phải %: '{value}' có dấu %.",
        "{indicator} is measured in {uom}, not %: '{value}' carries a percent sign.",
        "Ghi số theo đơn vị tính của chỉ tiêu, không kèm dấu %.",
        "Write the figure in the indicator's unit of measure, without a percent sign.",
    ),
    "not-whole": Code(
        "error",
        "A fraction on a whole-number indicator",
        "{indicator} đếm bằng {uom}, phải là số nguyên: “{value}” được đọc là {read}.",
        "{indicator} counts {uom} and takes whole numbers: “{value}” reads as {read}.",
        "{guess_vi}Ghi số nguyên, không dấu phân cách (ví dụ {example}).",
        "{guess_en}Write a whole number without separators (for example {example}).",
    ),
    "two-digit-year": Code(
        "warning",
        "A month with a two-digit year",
        "“{value}” có năm hai chữ số; đã hiểu là tháng {month}.",
        "“{value}” has a two-digit year; read as {month}.",
        "Bảng tính thường biến tháng gõ vào thành ngày rồi ghi năm hai chữ số. Ghi tháng "
        "dạng văn bản: T{month_num}/{year} hoặc {year}-{month_pad} (định dạng ô là Văn bản, "
        "hoặc gõ dấu ' trước).",
        "Spreadsheets turn a typed month into a date and write it back with a two-digit "
        "year. Write the month as text: T{month_num}/{year} or {year}-{month_pad} (format "
        "the cell as Text, or type a ' first).",
    ),
    "implausible-value": Code(
        "warning",
        "A figure far from the unit's own history",
        "{unit} · {indicator} · {month}: số liệu {value} {relation} {reference}.",
        "{unit} · {indicator} · {month}: the figure {value} {relation} {reference}.",
        "{slip}Nếu số đúng (biến động thật), giữ nguyên và ghi lý do ở cột ghi_chu; nếu "
        "sai, sửa rồi gửi lại. (Cảnh báo khi gấp hoặc bằng 1/{factor} lần trở lên.)",
        "{slip}If the figure is right (a real change), keep it and give the reason in "
        "column ghi_chu; if not, correct it and send it again. (Warned at {factor} times "
        "or 1/{factor} and beyond.)",
    ),
    "ytd-decreasing": Code(
        "error",
        "Year-to-date figure below an earlier one",
        "{unit} · {indicator} · {month}: số lũy kế {value} nhỏ hơn lũy kế {earlier} "
        "đã báo cáo tháng {earlier_month}.",
        "{unit} · {indicator} · {month}: the year-to-date figure {value} is below "
        "{earlier}, reported for {earlier_month}.",
        "Số lũy kế từ đầu năm không thể giảm. Nếu đây là số của riêng tháng, ghi "
        "'tháng' ở cột ky_so_lieu; nếu số trước sai, nộp lại tháng đó.",
        "A year-to-date figure cannot fall. If this is the month's own amount, write "
        "'month' in column ky_so_lieu; if the earlier figure was wrong, resubmit that month.",
    ),
    "ytd-month-mismatch": Code(
        "error",
        "The year to date and the month's amount disagree",
        "{unit} · {indicator} · {month}: dòng này ghi {value} ({kind}), dòng {other_row} ghi "
        "{other_value} ({other_kind}); theo số lũy kế trước đó ({earlier}) hai số không khớp.",
        "{unit} · {indicator} · {month}: this row gives {value} ({kind}), row {other_row} "
        "gives {other_value} ({other_kind}); with the earlier year to date ({earlier}) they "
        "do not agree.",
        "Số của riêng tháng phải bằng lũy kế tháng này trừ lũy kế trước đó ({expected}). "
        "Sửa một trong hai dòng, hoặc xóa một dòng.",
        "The month's amount must equal this month's year to date less the earlier one "
        "({expected}). Correct one of the two rows, or delete one.",
    ),
    "likely-ytd": Code(
        "warning",
        "A month's figure that looks like a year-to-date figure",
        "{unit} · {indicator} · {month}: {value} được tính là số phát sinh trong tháng, "
        "nhưng trông như số lũy kế ({reason}).",
        "{unit} · {indicator} · {month}: {value} is counted as the month's own amount "
        "but looks like a year-to-date figure ({reason}).",
        "Nếu là số lũy kế từ đầu năm, ghi 'lũy kế' ở cột ky_so_lieu: số của riêng tháng "
        "sẽ là {month_amount}.",
        "If it is the year to date, write 'lũy kế' / 'ytd' in column ky_so_lieu: the "
        "month's own amount would then be {month_amount}.",
    ),
    "ambiguous-date": Code(
        "warning",
        "A date that reads two ways",
        "'{value}' đọc theo ngày/tháng là {day_first}, theo tháng/ngày là {month_first}; "
        "đã hiểu là {day_first}.",
        "'{value}' reads as {day_first} day-first and as {month_first} month-first; "
        "read as {day_first}.",
        "Ghi tháng dạng T{month_num}/{year} hoặc {year}-{month_pad} để không bị hiểu nhầm.",
        "Write the month as T{month_num}/{year} or {year}-{month_pad} to avoid the doubt.",
    ),
    "quarter-not-month": Code(
        "error",
        "A quarter instead of a month",
        "'{value}' là một quý; số liệu được báo cáo theo tháng.",
        "'{value}' is a quarter; figures are reported by month.",
        "Ghi tháng cuối quý: {last} (ví dụ Quý III/2020 → T9/2020).",
        "Write the quarter's last month: {last} (e.g. Q3/2020 → T9/2020).",
    ),
    "other-month": Code(
        "warning",
        "A row of another month than the rest of the file",
        "{unit} · {indicator}: dòng này là số liệu {month}, trong khi phần lớn tệp "
        "({count}/{total} giá trị) là số liệu {main}.",
        "{unit} · {indicator}: this row is for {month}, while most of the file "
        "({count} of {total} values) is for {main}.",
        "Kiểm tra lại tháng của dòng này. Tệp gồm số liệu của nhiều tháng thì mỗi tháng "
        "phải đủ các chỉ tiêu, hoặc nộp với --month YYYY-MM.",
        "Check this row's month. A file spread over several months must have each month "
        "complete, or be submitted with --month YYYY-MM.",
    ),
    # --- submit ------------------------------------------------------------------------
    "no-values": Code(
        "error",
        "Nothing to submit: every value is empty",
        "Tệp không có giá trị nào: cả {rows} dòng đều để trống cột gia_tri.",
        "The file holds no values: all {rows} row(s) leave gia_tri empty.",
        "Điền số liệu rồi nộp lại; ô để trống nghĩa là chưa báo cáo trong tháng.",
        "Fill in the figures and submit again; an empty cell means not reported this month.",
    ),
    "several-months": Code(
        "error",
        "A file of several months, not each of them complete",
        "Tệp có số liệu của {n} tháng ({months}) nhưng chưa đủ các chỉ tiêu phải báo cáo: "
        "{groups}.",
        "The file holds figures for {n} months ({months}) but these are incomplete: {groups}.",
        "Nếu tệp là của một tháng, nộp lại với --month YYYY-MM của tháng đó (ví dụ --month "
        "{first}); hoặc tách thành một tệp mỗi tháng; hoặc điền đủ các chỉ tiêu của từng tháng.",
        "If the file is for one month, submit it again with --month YYYY-MM for that month "
        "(e.g. --month {first}); or split it into one file per month; or complete each month.",
    ),
    "already-stored": Code(
        "error",
        "A submission for this unit and month is already stored",
        "Đã có bản nộp của {unit}, {month}: {path}. Không lưu gì.",
        "A submission of {unit} for {month} is already stored: {path}. Nothing was stored.",
        "Nếu tệp này thay bản đã nộp, chạy lại với --replace (bản cũ được giữ trong {history}).",
        "If this file replaces the stored one, run again with --replace "
        "(the old one is kept in {history}).",
    ),
    "estimate-replaces-official": Code(
        "error",
        "Estimates would replace official figures",
        "{unit}, {month}: tệp này thay số chính thức đã lưu của {indicators} bằng số ước "
        "tính ({path}). Không lưu gì.",
        "{unit}, {month}: this file would replace the stored official figures of "
        "{indicators} by estimates ({path}). Nothing was stored.",
        'Nếu đúng là phải thay, nộp lại với --replace và --reason "lý do" (được ghi vào danh '
        "sách sửa đổi); nếu không, bỏ đánh dấu ước tính ở cột uoc_tinh.",
        'If it must be replaced, submit again with --replace and --reason "why" (recorded '
        "in the revisions list); if not, clear the estimate mark in column uoc_tinh.",
    ),
    "month-locked": Code(
        "error",
        "The month is locked: its report has been issued",
        "{month} đã khóa sổ lúc {time} (người khóa: {user}{note}). Không lưu gì.",
        "{month} was locked on {time} (by {user}{note}). Nothing was stored.",
        'Nếu phải sửa số liệu sau khi đã báo cáo, nộp lại với --reopen-reason "lý do" '
        "(lý do được ghi vào nhật ký, số liệu được đánh dấu là sửa sau khóa sổ); hoặc mở khóa: "
        'kehoach unlock {month_code} --reason "lý do".',
        "If a figure must change after the report went out, submit again with "
        '--reopen-reason "why" (the reason goes into the log and the value is marked as '
        "revised after the lock); or reopen the month: "
        'kehoach unlock {month_code} --reason "why".',
    ),
    # --- the plan file (plan --check, and every command that loads it) ----------------
    "plan-not-found": Code(
        "error",
        "Plan file not found",
        "không tìm thấy tệp kế hoạch",
        "plan file not found",
        scope="plan",
    ),
    "plan-unreadable": Code(
        "error",
        "Plan file cannot be read",
        "không đọc được tệp: {reason}",
        "cannot read: {reason}",
        scope="plan",
    ),
    "plan-not-utf8": Code(
        "error",
        "Plan file is not UTF-8",
        "tệp kế hoạch phải là UTF-8",
        "the plan file must be UTF-8",
        scope="plan",
    ),
    "plan-yaml-syntax": Code(
        "error",
        "YAML syntax error",
        "lỗi cú pháp YAML: {detail}",
        "YAML syntax error: {detail}",
        scope="plan",
    ),
    "plan-not-mapping": Code(
        "error",
        "Plan file is not a YAML mapping",
        "tệp kế hoạch phải là một bảng YAML (id, year, units, indicators, …)",
        "the plan file must be a YAML mapping (id, year, units, indicators, …)",
        scope="plan",
    ),
    "plan-unreadable-value": Code(
        "error",
        "A value YAML cannot build",
        "không đọc được một giá trị: {detail}",
        "a value cannot be read: {detail}",
        scope="plan",
    ),
    "plan-too-large": Code(
        "error",
        "Plan file past the size limit",
        "tệp kế hoạch quá lớn ({size}; giới hạn {limit}), không đọc",
        "the plan file is too large ({size}; the limit is {limit}); it is not read",
        "Kiểm tra --plan có trỏ đúng tệp kế hoạch (.yaml) không.",
        "Check that --plan names the plan file (.yaml).",
        scope="plan",
    ),
    "plan-not-a-file": Code(
        "error",
        "Plan that is not a regular file",
        "kế hoạch phải là một tệp thường, đây là {kind}; không mở",
        "the plan must be a regular file, this is a {kind}; it is not opened",
        "Chỉ định tệp kế hoạch (.yaml) với --plan.",
        "Give the plan file (.yaml) with --plan.",
        scope="plan",
    ),
    "plan-number-too-long": Code(
        "error",
        "A number too long to read",
        "số quá dài để đọc (hơn 4.300 chữ số)",
        "a number too long to read (over 4,300 digits)",
        scope="plan",
    ),
    "plan-invalid": Code(
        "error",
        "A value the plan's model refuses",
        "giá trị không hợp lệ: {detail}",
        "not valid: {detail}",
        scope="plan",
    ),
    "plan-duplicate-code": Code(
        "error",
        "A code defined twice",
        "mã {kind_vi} {code} được khai báo hai lần",
        "{kind} code {code} is defined twice",
        scope="plan",
    ),
    "plan-unknown-group": Code(
        "error",
        "Indicator in a group the plan lacks",
        "chỉ tiêu {indicator} thuộc nhóm {group}, nhóm này không có trong `groups`",
        "indicator {indicator} is in group {group}, which is not in `groups`",
        scope="plan",
    ),
    "plan-unknown-unit": Code(
        "error",
        "Indicator reported by a unit the plan lacks",
        "chỉ tiêu {indicator} do {unit} báo cáo, nhưng {unit} không có trong `units`",
        "indicator {indicator} is reported by {unit}, which is not in `units`",
        scope="plan",
    ),
    "plan-narrative-only-reports": Code(
        "error",
        "Indicator reported by a narrative-only unit",
        "chỉ tiêu {indicator} do {unit} báo cáo, nhưng {unit} được khai `narrative_only: true` "
        "(chỉ gửi báo cáo bằng lời, không gửi số liệu)",
        "indicator {indicator} is reported by {unit}, which is declared `narrative_only: true` "
        "(it sends a narrative report only, no figures)",
        scope="plan",
    ),
    "plan-phasing-missing": Code(
        "error",
        "Cumulative indicator without phasing",
        "chỉ tiêu lũy kế cần `phasing` (linear, seasonal hoặc year-end)",
        "a cumulative indicator needs `phasing` (linear, seasonal or year-end)",
        scope="plan",
    ),
    "plan-weights-count": Code(
        "error",
        "Seasonal phasing without 12 weights",
        "phân bổ theo mùa vụ cần đúng 12 trọng số tháng (`weights`)",
        "seasonal phasing needs exactly 12 monthly `weights`",
        scope="plan",
    ),
    "plan-weights-negative": Code(
        "error",
        "Negative weight",
        "trọng số không được âm",
        "weights cannot be negative",
        scope="plan",
    ),
    "plan-weights-sum": Code(
        "error",
        "Weights that do not sum to 1",
        "tổng các trọng số là {total}, phải bằng 1",
        "the weights sum to {total}; they must sum to 1",
        scope="plan",
    ),
    "plan-weights-unused": Code(
        "error",
        "Weights without seasonal phasing",
        "`weights` chỉ dùng với `phasing: seasonal`",
        "`weights` are only used with `phasing: seasonal`",
        scope="plan",
    ),
    "plan-frequency-months": Code(
        "error",
        "Reporting month outside 1–12",
        "các tháng báo cáo trong `frequency` phải từ 1 đến 12",
        "the months in `frequency` must be between 1 and 12",
        scope="plan",
    ),
    "plan-target-outside-range": Code(
        "error",
        "Target outside the indicator's range",
        "chỉ tiêu {target} nằm ngoài khoảng `range` của chính nó",
        "the target {target} is outside the indicator's own `range`",
        scope="plan",
    ),
    "plan-phasing-unused": Code(
        "error",
        "Phasing on an indicator that is not cumulative",
        "`phasing` chỉ dùng cho chỉ tiêu lũy kế",
        "`phasing` is only used by cumulative indicators",
        scope="plan",
    ),
    "plan-fallback-missing": Code(
        "error",
        "Last-year phasing without a fallback",
        "phân bổ theo năm trước (`last-year`) cần `fallback` khi chưa đủ số liệu năm trước",
        "`last-year` phasing needs a `fallback` for when last year's data are incomplete",
        scope="plan",
    ),
    "plan-fallback-unused": Code(
        "error",
        "Fallback without last-year phasing",
        "`fallback` chỉ dùng với `phasing: last-year`",
        "`fallback` is only used with `phasing: last-year`",
        scope="plan",
    ),
    "plan-sent-as-unused": Code(
        "error",
        "sent_as on an indicator that is not cumulative",
        "`sent_as` chỉ dùng cho chỉ tiêu lũy kế",
        "`sent_as` applies to cumulative indicators only",
        scope="plan",
    ),
    "plan-band-cumulative": Code(
        "error",
        "Band on a cumulative indicator",
        "`band` chỉ dùng cho chỉ tiêu thời điểm; chỉ tiêu lũy kế dùng `at_risk_share`",
        "`band` applies to level indicators; a cumulative one uses `at_risk_share`",
        scope="plan",
    ),
    "plan-band-missing": Code(
        "error",
        "Level indicator without a band",
        "chỉ tiêu thời điểm cần `band` (khoảng cách có nguy cơ, theo đơn vị tính của nó)",
        "a level indicator needs `band` (the at-risk distance, in its own unit)",
        scope="plan",
    ),
    "plan-stages-missing": Code(
        "error",
        "Milestone without stages",
        "chỉ tiêu theo mốc (`milestone`) cần danh sách `stages`",
        "a milestone indicator needs its `stages`",
        scope="plan",
    ),
    "plan-stages-order": Code(
        "error",
        "Stages out of month order",
        "các mốc trong `stages` phải theo thứ tự tháng",
        "`stages` must be listed in the order of their months",
        scope="plan",
    ),
    "plan-stages-duplicate": Code(
        "error",
        "Two stages with one code",
        "hai mốc trùng mã",
        "two stages share a code",
        scope="plan",
    ),
    "plan-stages-final": Code(
        "error",
        "Not exactly one final stage, the last",
        "phải có đúng một mốc hoàn thành (`final: true`), là mốc cuối trong `stages`",
        "exactly one stage, the last in `stages`, must be marked `final: true`",
        scope="plan",
    ),
    "plan-stages-unused": Code(
        "error",
        "Stages on an indicator that is not a milestone",
        "`stages` chỉ dùng cho chỉ tiêu theo mốc (`measure: milestone`)",
        "`stages` are only used by milestone indicators",
        scope="plan",
    ),
    "plan-reported-by-and-owner": Code(
        "error",
        "Both reported_by and owner",
        "`reported_by` được suy ra từ `owner` và `contributors`; chỉ ghi một trong hai cách",
        "`reported_by` is derived from `owner` and `contributors`; give one or the other",
        scope="plan",
    ),
    "plan-unit-twice": Code(
        "error",
        "A unit listed twice for one indicator",
        "{unit} có hai lần trong `{key}`: số liệu của đơn vị này sẽ bị cộng hai lần",
        "{unit} is listed twice in `{key}`: its figures would be counted twice",
        "Xóa lần ghi thứ hai.",
        "Delete the second one.",
        scope="plan",
    ),
    "plan-owner-contributor": Code(
        "error",
        "A unit both owner and contributor",
        "{owner} vừa là đơn vị chủ trì (`owner`) vừa là đơn vị đóng góp (`contributors`)",
        "{owner} is both the owner and a contributor",
        scope="plan",
    ),
    "plan-no-reporter": Code(
        "error",
        "Nobody sends the figure",
        "đơn vị chủ trì không gửi số liệu (`owner_reports: false`) mà không có đơn vị đóng góp",
        "the owner sends no figure (`owner_reports: false`) and there are no contributors",
        scope="plan",
    ),
    "plan-baseline": Code(
        "error",
        "Baseline not before the target",
        "mốc xuất phát `baseline` {baseline} phải ở trước kế hoạch",
        "the `baseline` {baseline} must lie before the target",
        scope="plan",
    ),
    "plan-outline-unknown": Code(
        "error",
        "Outline names a code the plan lacks",
        "lĩnh vực {field} của `outline` ghi mã {code}, mã này không có trong `indicators` "
        "hoặc `units`",
        "field {field} of `outline` names {code}, which is not in `indicators` or `units`",
        scope="plan",
    ),
    "plan-outline-twice": Code(
        "error",
        "Outline places a code twice",
        "mã {code} được xếp vào hai lĩnh vực của `outline`: {other} và {field}",
        "{code} is placed in two fields of `outline`: {other} and {field}",
        "Mỗi chỉ tiêu và mỗi đơn vị chỉ thuộc một lĩnh vực.",
        "Each indicator and each unit belongs to one field.",
        scope="plan",
    ),
    "plan-outline-unplaced": Code(
        "error",
        "Outline leaves an indicator out",
        "chỉ tiêu {code} chưa được xếp vào lĩnh vực nào của `outline`",
        "indicator {code} is not placed in any field of `outline`",
        "Thêm mã vào `indicators` của một lĩnh vực.",
        "Add the code to the `indicators` of one field.",
        scope="plan",
    ),
    "plan-unit-target-unknown": Code(
        "error",
        "Unit target for a unit that does not contribute",
        "chỉ tiêu {indicator} giao kế hoạch cho {unit}, đơn vị này không đóng góp số liệu",
        "indicator {indicator} sets a target for {unit}, which is not a contributor",
        scope="plan",
    ),
    "plan-code": Code(
        "error",
        "Code that cannot name a file",
        "mã “{code}” không hợp lệ: mã bắt đầu bằng chữ cái hoặc chữ số, tiếp theo là chữ "
        "cái, chữ số, “_”, “-” hoặc “.”, tối đa 40 ký tự (mã là tên tệp trong thư mục dữ liệu)",
        "code “{code}” is not valid: a code starts with a letter or digit, followed by "
        "letters, digits, “_”, “-” or “.”, at most 40 in all (a code names a file in the "
        "data folder)",
        scope="plan",
    ),
    "plan-number": Code(
        "error",
        "Number outside the limits",
        "số {value} vượt giới hạn: tối đa 15 chữ số có nghĩa, trong khoảng ±10^15",
        "the number {value} is outside the limits: at most 15 significant digits, within ±10^15",
        scope="plan",
    ),
    "plan-missing-key": Code(
        "error",
        "Required key missing",
        "thiếu khóa bắt buộc",
        "required key is missing",
        scope="plan",
    ),
    "plan-unknown-key": Code(
        "error",
        "Unknown key",
        "khóa không hợp lệ (gõ nhầm?)",
        "unknown key (a typo?)",
        scope="plan",
    ),
    "plan-not-one-of": Code(
        "error",
        "Value not among those allowed",
        "giá trị phải là một trong: {expected}",
        "value must be one of: {expected}",
        scope="plan",
    ),
    "plan-not-a-number": Code(
        "error",
        "Not a number",
        "phải là một số",
        "must be a number",
        scope="plan",
    ),
    "plan-not-whole": Code(
        "error",
        "Not a whole number",
        "phải là số nguyên",
        "must be a whole number",
        scope="plan",
    ),
    "plan-not-text": Code(
        "error",
        "Not text",
        "phải là chuỗi ký tự",
        "must be text",
        scope="plan",
    ),
    "plan-not-a-list": Code(
        "error",
        "Not a list",
        "phải là một danh sách",
        "must be a list",
        scope="plan",
    ),
    "plan-not-a-mapping": Code(
        "error",
        "Not a mapping",
        "phải là một bảng khóa: giá trị",
        "must be a mapping of key: value",
        scope="plan",
    ),
    "plan-empty": Code(
        "error",
        "Empty value",
        "không được để trống",
        "must not be empty",
        scope="plan",
    ),
    "plan-not-greater": Code(
        "error",
        "Value too small",
        "phải lớn hơn {gt}",
        "must be greater than {gt}",
        scope="plan",
    ),
    "plan-below-minimum": Code(
        "error",
        "Value below the minimum",
        "phải từ {ge} trở lên",
        "must be at least {ge}",
        scope="plan",
    ),
    "plan-above-maximum": Code(
        "error",
        "Value above the maximum",
        "phải không quá {le}",
        "must be at most {le}",
        scope="plan",
    ),
    # --- the lock file, DATA/_locks.csv (submit, lock and unlock stop on any) -------------
    "lock-bad-header": Code(
        "error",
        "Lock file header is not the expected one",
        "dòng {line}: dòng tiêu đề phải là “{expected}”: {text}",
        "line {line}: the header must be “{expected}”: {text}",
        scope="lock",
    ),
    "lock-bad-cells": Code(
        "error",
        "Lock file line with the wrong number of cells",
        "dòng {line}: dòng có {cells} ô, cần {expected} ô ({columns}): {text}",
        "line {line}: the line has {cells} cell(s), {expected} are needed ({columns}): {text}",
        scope="lock",
    ),
    "lock-bad-time": Code(
        "error",
        "Lock file line with a time that does not read",
        "dòng {line}: thời điểm “{value}” không hợp lệ (dạng 2020-10-22T01:15:00Z): {text}",
        "line {line}: time “{value}” is not valid (write it as 2020-10-22T01:15:00Z): {text}",
        scope="lock",
    ),
    "lock-bad-month": Code(
        "error",
        "Lock file line with a month that does not read",
        "dòng {line}: tháng “{value}” không hợp lệ (dạng 2020-09): {text}",
        "line {line}: month “{value}” is not valid (write it as 2020-09): {text}",
        scope="lock",
    ),
    "lock-bad-state": Code(
        "error",
        "Lock file line that is neither locked nor unlocked",
        "dòng {line}: trạng thái “{value}” không hợp lệ (locked hoặc unlocked): {text}",
        "line {line}: state “{value}” is not valid (locked or unlocked): {text}",
        scope="lock",
    ),
    "lock-not-utf8": Code(
        "error",
        "Lock file is not UTF-8",
        "tệp không phải UTF-8",
        "the file is not UTF-8",
        scope="lock",
    ),
    "lock-unreadable": Code(
        "error",
        "Lock file cannot be read",
        "không đọc được tệp: {error}",
        "the file cannot be read: {error}",
        scope="lock",
    ),
    # --- the data folder as a whole (check-store; the log and lock files) --------------
    "changed-by-hand": Code(
        "error",
        "Stored file changed outside kehoach",
        "{path}: nội dung khác với bản đã ghi nhật ký lúc {time} (dòng {line}; SHA-256 "
        "{found}…, nhật ký ghi {logged}…){earlier}: tệp đã bị sửa ngoài kehoach.",
        "{path}: the content differs from the version logged at {time} (line {line}; "
        "SHA-256 {found}…, the log says {logged}…){earlier}: the file was changed "
        "outside kehoach.",
        "Hỏi ai đã sửa. Nếu bản sửa là đúng, nộp lại chính tệp này để có dấu vết: "
        + _RESUBMIT_VI
        + ". Nếu không, khôi phục bản đúng từ bản sao lưu.",
        "Find out who changed it. If the change is right, submit this very file so it "
        "leaves a trail: " + _RESUBMIT_EN + ". Otherwise restore the right version from "
        "a backup.",
        scope="store",
    ),
    "not-logged": Code(
        "error",
        "Data file with no log line",
        "{path}: tệp số liệu không có dòng nào trong nhật ký nộp {log}: không biết ai "
        "gửi, khi nào; số liệu của nó vẫn được tính.",
        "{path}: a data file with no line in the submission log {log}: who sent it and "
        "when is unknown; its figures still count.",
        "Nếu tệp là bản đơn vị gửi, nộp nó qua kehoach để có dấu vết: "
        + _RESUBMIT_VI
        + "{move}. Nếu không rõ nguồn gốc, chuyển tệp ra khỏi thư mục số liệu.",
        "If the file is what a unit sent, submit it through kehoach so it leaves a "
        "trail: " + _RESUBMIT_EN + "{move}. If nobody knows where it came from, move it "
        "out of the data folder.",
        scope="store",
    ),
    "no-log": Code(
        "error",
        "Data folder without a submission log",
        "{path}: không có nhật ký nộp, nhưng thư mục có {n} tệp số liệu: không tệp nào có "
        "dấu vết ai gửi, khi nào (ví dụ {first}).",
        "{path}: there is no submission log, but the folder holds {n} data file(s): none "
        "has a trail of who sent it and when (for example {first}).",
        "Nếu các tệp được chép vào tay (như dữ liệu mẫu), nộp lại từng tệp qua kehoach: "
        "kehoach submit TỆP --replace; từ đó mỗi tệp có một dòng nhật ký. Danh sách tệp: "
        "check-store --json.",
        "If the files were copied in by hand (like the sample data), submit each one "
        "through kehoach: kehoach submit FILE --replace; from then on each has a log "
        "line. The list of files: check-store --json.",
        scope="store",
    ),
    "file-missing": Code(
        "error",
        "Logged file is gone",
        "{path}: nhật ký ghi đã lưu lúc {time} (dòng {line}) nhưng tệp không còn; số "
        "liệu của {unit} {month} đang thiếu.",
        "{path}: the log says it was stored at {time} (line {line}) but the file is "
        "gone; the figures of {unit} for {month} are missing.",
        "Khôi phục tệp từ bản sao lưu, hoặc nhận lại tệp của {unit} và nộp "
        "(kehoach submit TỆP). Các bản cũ hơn, nếu có, nằm trong {history}.",
        "Restore the file from a backup, or get the file from {unit} again and submit "
        "it (kehoach submit FILE). Older versions, if any, are in {history}.",
        scope="store",
    ),
    "history-missing": Code(
        "error",
        "Replaced version missing from the history",
        "Nhật ký dòng {line} ghi đã thay bản nộp của {unit} {month} lúc {time}, nhưng "
        "bản cũ không có trong {folder} (cần {expected}).",
        "Log line {line} says the submission of {unit} for {month} was replaced at "
        "{time}, but the old version is not in {folder} (expected {expected}).",
        "Khôi phục bản cũ từ bản sao lưu vào đúng chỗ đó. Nếu không còn, số liệu trước "
        "lần thay này không tra lại được; số liệu hiện tại không bị ảnh hưởng.",
        "Restore the old version from a backup to that place. If there is none, the "
        "figures before this replacement cannot be traced; the current figures are "
        "not affected.",
        scope="store",
    ),
    "bad-log-line": Code(
        "error",
        "Log line that cannot be read",
        "{log} dòng {line}: {why}: {text}",
        "{log} line {line}: {why}: {text}",
        "Một lần nộp bị ngắt giữa chừng (mất điện, đầy đĩa) để lại dòng như vậy. Nộp "
        "lại tệp của lần đó với --replace để có dòng đúng, rồi xóa dòng hỏng (chép "
        "{log} ra một bản trước khi sửa).",
        "A submit cut off half way (power cut, full disk) leaves such a line. Submit "
        "that file again with --replace to get a proper line, then delete the broken "
        "one (copy {log} aside before editing it).",
        scope="store",
    ),
    "log-unreadable": Code(
        "error",
        "Submission log cannot be read",
        "Không đọc được nhật ký nộp {log}: {error}.",
        "The submission log {log} cannot be read: {error}.",
        "Khôi phục {log} từ bản sao lưu trước khi nộp thêm.",
        "Restore {log} from a backup before submitting more.",
        scope="store",
    ),
    "bad-lock-file": Code(
        "error",
        "Lock file line that cannot be read",
        "Tệp khóa sổ {path}: {problem}",
        "Lock file {path}: {problem}",
        "Sửa hoặc xóa dòng đó (mỗi dòng: {columns}); khi tệp còn hỏng, submit, lock và "
        "unlock đều dừng lại.",
        "Fix or delete that line (each line: {columns}); while the file is damaged, "
        "submit, lock and unlock all stop.",
        scope="store",
    ),
    "unlogged-file": Code(
        "error",
        "Stored file without its log line",
        "{path}: có {versions} bản đã lưu nhưng chỉ {lines} dòng nhật ký: một lần nộp đã "
        "dừng giữa lúc lưu tệp và lúc ghi nhật ký (mất điện, bị ngắt), nên bản hiện tại "
        "không có dấu vết ai gửi, khi nào.",
        "{path}: {versions} stored version(s) but {lines} log line(s): a submit stopped "
        "between storing the file and writing its log line (a power cut, a kill), so "
        "the current version has no trail of who sent it and when.",
        "Nộp lại chính tệp của đơn vị để có dòng nhật ký: " + _RESUBMIT_VI + ".",
        "Submit the unit's file again so it gets its log line: " + _RESUBMIT_EN + ".",
        scope="store",
    ),
    "unfinished-change": Code(
        "error",
        "A change cut off half way, finished by the next command",
        "{path}: một lần {kind} bị ngắt giữa chừng ({about}) và chưa ghi xong; các "
        "tệp liên quan ({files_shown}) đang ở giữa hai trạng thái.",
        "{path}: a {kind} was cut off half way ({about}) and is not finished; the files "
        "it writes ({files_shown}) are between two states.",
        "Lệnh submit, lock hoặc unlock tiếp theo sẽ tự ghi nốt từ {path}; không xóa hay "
        "sửa tệp đó bằng tay.",
        "The next submit, lock or unlock finishes it from {path} by itself; do not delete "
        "or edit that file by hand.",
        scope="store",
    ),
    "journal-damaged": Code(
        "error",
        "Transaction journal that cannot be read",
        "{path}: nhật ký giao dịch bị hỏng ({error}): không biết thay đổi bị ngắt định ghi gì.",
        "{path}: the transaction journal is damaged ({error}): what the interrupted change "
        "meant to write cannot be told.",
        "Chép tệp ra chỗ khác rồi xóa nó; sau đó xem các vấn đề khác check-store báo. "
        "Khi tệp còn, submit, lock và unlock đều dừng lại.",
        "Copy the file aside, then delete it; then look at the other problems check-store "
        "reports. While it is there, submit, lock and unlock all stop.",
        scope="store",
    ),
    "temp-file": Code(
        "error",
        "Temporary file left by an interrupted write",
        "{path}: tệp tạm còn lại sau một lần ghi bị ngắt (không được đọc).",
        "{path}: a temporary file left by an interrupted write (it is not read).",
        "Xóa tệp này; không lệnh nào đang dùng nó (check-store giữ khóa thư mục khi kiểm).",
        "Delete it; nothing is using it (check-store held the folder's lock while checking).",
        scope="store",
    ),
    # --- narrative reports (.docx, .md) -------------------------------------------------
    "narrative-format": Code(
        "error",
        "Narrative report in a format that cannot be read",
        "Tệp không phải báo cáo dạng Word (.docx) hoặc Markdown (.md): {kind}.",
        "The file is not a Word (.docx) or Markdown (.md) report: {kind}.",
        'Mở tệp trong Word, chọn Tệp → Lưu thành, kiểu tệp "Word Document (*.docx)", rồi '
        "gửi lại; hoặc dùng mẫu từ lệnh `kehoach template ĐƠN_VỊ --narrative`.",
        'Open the file in Word, choose File → Save As, type "Word Document (*.docx)", and '
        "send it again; or use the form from `kehoach template UNIT --narrative`.",
        scope="narrative",
    ),
    "narrative-protected": Code(
        "error",
        "Password-protected narrative report",
        "Tệp Word được đặt mật khẩu (mã hóa), không đọc được nội dung.",
        "The Word file is protected by a password (encrypted); its text cannot be read.",
        "Mở tệp trong Word, chọn Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, "
        "xóa mật khẩu, lưu lại rồi gửi lại.",
        "Open the file in Word, choose File → Info → Protect Document → Encrypt with "
        "Password, clear the password, save and send it again.",
        scope="narrative",
    ),
    "narrative-empty": Code(
        "error",
        "Empty narrative report",
        "Báo cáo không có nội dung nào.",
        "The report has no text at all.",
        "Điền nội dung dưới các đề mục của mẫu (`kehoach template ĐƠN_VỊ --narrative`) rồi "
        "gửi lại.",
        "Write the report under the form's headings (`kehoach template UNIT --narrative`) "
        "and send it again.",
        scope="narrative",
    ),
    "narrative-too-large": Code(
        "error",
        "Narrative report too large",
        "Tệp quá lớn: {size}, giới hạn {limit}.",
        "The file is too large: {size}, the limit is {limit}.",
        "Báo cáo tháng chỉ cần phần chữ: bỏ ảnh, bảng lớn và phụ lục ra khỏi tệp rồi gửi lại.",
        "A monthly report needs its text only: take pictures, large tables and annexes "
        "out of the file and send it again.",
        scope="narrative",
    ),
    "narrative-no-heading": Code(
        "error",
        "No recognisable heading in the narrative report",
        "Không tìm thấy đề mục nào của báo cáo ({headings}), nên không biết nội dung thuộc "
        "phần nào.",
        "No heading of the report was found ({headings}), so which part the text belongs "
        "to is unknown.",
        "Dùng mẫu `kehoach template ĐƠN_VỊ --narrative`, hoặc đặt mỗi phần dưới một dòng đề "
        "mục riêng, ví dụ “1. Kết quả thực hiện”.",
        "Use the form from `kehoach template UNIT --narrative`, or put each part under a "
        "heading line of its own, e.g. “1. Kết quả thực hiện”.",
        scope="narrative",
    ),
    "narrative-missing-heading": Code(
        "warning",
        "A part of the report is missing",
        "Thiếu phần “{heading}”.",
        "The part “{heading}” is missing.",
        "Nếu đơn vị không có nội dung cho phần này, vẫn nên giữ đề mục và ghi “Không có”.",
        "If the unit has nothing to say there, keep the heading and write “Không có” (none).",
        scope="narrative",
    ),
    "narrative-empty-section": Code(
        "warning",
        "A part of the report is empty",
        "Phần “{heading}” không có nội dung.",
        "The part “{heading}” has no text.",
        "Viết nội dung dưới đề mục, hoặc ghi “Không có” nếu đơn vị không có gì để báo cáo.",
        "Write under the heading, or “Không có” (none) if the unit has nothing to report.",
        scope="narrative",
    ),
    "narrative-unknown-heading": Code(
        "warning",
        "A heading that names no part of the report",
        "Đề mục “{heading}” không thuộc phần nào của báo cáo; nội dung của nó được giữ trong "
        "phần “{section}”.",
        "The heading “{heading}” names no part of the report; its text is kept in the part "
        "“{section}”.",
        "Các phần của báo cáo: {headings}. Đổi đề mục thành một trong các tên đó nếu nội "
        "dung thuộc phần khác.",
        "The report's parts: {headings}. Rename the heading to one of them if its text "
        "belongs elsewhere.",
        scope="narrative",
    ),
    "narrative-text-outside": Code(
        "warning",
        "Text before the first heading is not stored",
        "{n} đoạn trước đề mục đầu tiên không thuộc phần nào và không được lưu: “{text}”.",
        "{n} paragraph(s) before the first heading belong to no part and are not stored: “{text}”.",
        "Chuyển nội dung đó xuống dưới đề mục phù hợp, ví dụ “Kết quả thực hiện”.",
        "Move that text under the heading it belongs to, e.g. “Kết quả thực hiện”.",
        scope="narrative",
    ),
    "narrative-repeated-section": Code(
        "warning",
        "The same part given twice",
        "Phần “{heading}” xuất hiện {n} lần; nội dung được gộp theo thứ tự.",
        "The part “{heading}” appears {n} times; the texts are joined in order.",
        "Gộp các đoạn vào một đề mục.",
        "Put the texts under one heading.",
        scope="narrative",
    ),
    "narrative-no-unit": Code(
        "error",
        "Which unit the narrative report is from is unknown",
        "Không xác định được đơn vị gửi báo cáo (không có dòng “Đơn vị: …” trong tệp, tên tệp "
        "không chứa mã đơn vị).",
        "Which unit sent the report is unknown (no “Đơn vị: …” line in the file, no unit "
        "code in the file name).",
        "Chạy lại với --unit MÃ_ĐƠN_VỊ, hoặc dùng mẫu `kehoach template ĐƠN_VỊ --narrative`.",
        "Run again with --unit UNIT_CODE, or use the form from `kehoach template UNIT "
        "--narrative`.",
        scope="narrative",
    ),
    "narrative-no-month": Code(
        "error",
        "Which month the narrative report is for is unknown",
        "Không xác định được tháng của báo cáo (không có dòng “Tháng: …” trong tệp, tên tệp "
        "không chứa tháng).",
        "Which month the report is for is unknown (no “Tháng: …” line in the file, no month "
        "in the file name).",
        "Chạy lại với --month YYYY-MM, hoặc ghi tháng vào dòng “Tháng: 9/2020” của mẫu.",
        "Run again with --month YYYY-MM, or write the month on the form's line “Tháng: 9/2020”.",
        scope="narrative",
    ),
    "narrative-unknown-unit": Code(
        "error",
        "Narrative report from a unit the plan lacks",
        "Báo cáo ghi đơn vị “{value}”, không có trong kế hoạch.",
        "The report names the unit “{value}”, which is not in the plan.",
        "Các mã đơn vị: {known}. Sửa dòng “Đơn vị: …” hoặc chạy lại với --unit.",
        "Unit codes: {known}. Correct the “Đơn vị: …” line or run again with --unit.",
        scope="narrative",
    ),
    "narrative-not-expected": Code(
        "error",
        "A unit that sends no narrative report",
        "Theo kế hoạch, {unit} không gửi báo cáo bằng lời (narrative: false).",
        "According to the plan, {unit} sends no narrative report (narrative: false).",
        "Kiểm tra mã đơn vị; nếu đơn vị nay gửi báo cáo, sửa tệp kế hoạch.",
        "Check the unit code; if the unit now sends a report, change the plan file.",
        scope="narrative",
    ),
    "narrative-bad-month": Code(
        "error",
        "Narrative report for a month outside the plan year",
        "Báo cáo ghi tháng “{value}”, không thuộc năm kế hoạch {year}.",
        "The report says month “{value}”, outside the plan year {year}.",
        "Sửa dòng “Tháng: …” hoặc chạy lại với --month YYYY-MM.",
        "Correct the “Tháng: …” line or run again with --month YYYY-MM.",
        scope="narrative",
    ),
    "narrative-unit-mismatch": Code(
        "error",
        "The report's unit differs from --unit",
        "Báo cáo ghi đơn vị {value}, nhưng lệnh được chạy với --unit {expected}.",
        "The report says unit {value}, but the command was run with --unit {expected}.",
        "Sửa dòng “Đơn vị: …” trong báo cáo hoặc bỏ tùy chọn --unit.",
        "Correct the report's “Đơn vị: …” line or drop the --unit option.",
        scope="narrative",
    ),
    "narrative-month-mismatch": Code(
        "error",
        "The report's month differs from --month",
        "Báo cáo ghi tháng {value}, nhưng lệnh được chạy với --month {expected}.",
        "The report says month {value}, but the command was run with --month {expected}.",
        "Sửa dòng “Tháng: …” trong báo cáo hoặc bỏ tùy chọn --month.",
        "Correct the report's “Tháng: …” line or drop the --month option.",
        scope="narrative",
    ),
    "narrative-replaces-stored": Code(
        "warning",
        "A narrative report for this unit and month is already stored",
        "Đã có báo cáo của {unit}, {month}: {path}; tệp này sẽ thay nó.",
        "A report of {unit} for {month} is already stored: {path}; this file would replace it.",
        "submit cần --replace để thay (bản cũ được giữ trong {history}).",
        "submit needs --replace to replace it (the old one is kept in {history}).",
        scope="narrative",
    ),
    "narrative-already-stored": Code(
        "error",
        "A narrative report for this unit and month is already stored",
        "Đã có báo cáo của {unit}, {month}: {path}. Không lưu gì.",
        "A report of {unit} for {month} is already stored: {path}. Nothing was stored.",
        "Nếu tệp này thay bản đã nộp, chạy lại với --replace (bản cũ được giữ trong {history}).",
        "If this file replaces the stored one, run again with --replace "
        "(the old one is kept in {history}).",
        scope="narrative",
    ),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a file. ``row`` is the spreadsheet row (header = 1)."""

    code: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def is_error(self) -> bool:
        return CATALOGUE[self.code].severity == "error"

    def message(self, lang: str = "vi") -> str:
        entry = CATALOGUE[self.code]
        template = entry.message_en if lang == "en" else entry.message_vi
        return _fill(template, self.params, lang)

    def hint(self, lang: str = "vi") -> str | None:
        entry = CATALOGUE[self.code]
        template = entry.hint_en if lang == "en" else entry.hint_vi
        if not template:
            return None
        return _fill(template, self.params, lang) or None

    def location(self) -> str:
        """``file.csv:7 [gia_tri]``: a place people can jump to."""
        where = self.file or "-"
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return where

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        out: dict[str, Any] = {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message(lang),
        }
        hint = self.hint(lang)
        if hint:
            out["hint"] = hint
        return out


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    # Parameters stay language-free until here: numbers are written in the reader's
    # style, (min, max) pairs as a range, Localized phrases in the reader's language.
    from kehoach.core.i18n import Localized, plural_en
    from kehoach.core.numbers import format_number

    shown: dict[str, Any] = {}
    # Text parameters (cells, codes, paths: the users' own) stand as one private-use
    # character each while English counts are settled, so "(s)" or digits in a cell are
    # never rewritten, and the rule runs over the short template, not a 1 MB cell.
    texts: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, Localized):
            value = value(lang)
        elif isinstance(value, Decimal):
            value = format_number(value, lang)
        elif isinstance(value, tuple) and len(value) == 2:
            value = format_range(value[0], value[1], lang)
        elif type(value) is str and lang == "en":
            token = chr(_TOKENS + len(texts))
            texts[token] = value
            value = token
        shown[key] = value
    # format_map with a forgiving mapping: a message never fails to render.
    text = template.format_map(_Missing(shown))
    if lang == "en":
        text = plural_en(text)
        if texts:
            text = _TOKEN.sub(lambda m: texts.get(m[0], m[0]), text)
    return text.strip()


_TOKENS = 0xE000  # Unicode's private use area: in no template, number or phrase of ours
_TOKEN = re.compile("[\ue000-\uf8ff]")


def format_range(low: Decimal | None, high: Decimal | None, lang: str) -> str:
    from kehoach.core.numbers import format_number

    if low is not None and high is not None:
        return f"{format_number(low, lang)} – {format_number(high, lang)}"
    if low is not None:
        return f"≥ {format_number(low, lang)}"
    if high is not None:
        return f"≤ {format_number(high, lang)}"
    return "—"


def catalogue_markdown() -> str:
    """The catalogue as Markdown: the source of ``docs/errors.md``."""
    lines = [
        "# Issue codes",
        "",
        "Every problem kehoach reports carries one of these stable codes (also in the "
        "`--json` documents). Generated from `src/kehoach/core/issues.py` by "
        "`python -m kehoach.core.issues`; do not edit by hand.",
    ]
    for scope, heading in SCOPE_HEADINGS.items():
        lines += [
            "",
            f"## {heading}",
            "",
            "| code | severity | what it means | message (vi) | hint (vi) |",
            "|---|---|---|---|---|",
        ]
        for code, entry in CATALOGUE.items():
            if entry.scope != scope:
                continue
            cells = [f"`{code}`", entry.severity, entry.title_en, entry.message_vi, entry.hint_vi]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


SCOPE_HEADINGS: dict[str, str] = {
    "file": "Submission files (validate, submit, and the data folder's files as read)",
    "plan": "The plan file (plan --check, and every command that loads the plan)",
    "lock": "The lock file of closed months (DATA/_locks.csv)",
    "store": "The data folder as a whole (check-store)",
    "narrative": "Narrative reports (validate and submit of a .docx or .md report)",
}


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
