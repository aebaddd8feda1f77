"""The issue record and the catalogue of issue codes.

Every problem kehoach finds in a plan or a submission is an :class:`Issue`: a small
record with a stable kebab-case code, a severity, where it is (file, spreadsheet row
with the header as row 1, column) and the parameters its message needs. Messages are
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


class Code(NamedTuple):
    severity: Severity
    title_en: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""


_SAVE_UTF8_VI = (
    'Mở tệp trong Excel, chọn Tệp → Lưu thành, kiểu tệp "CSV UTF-8 (Comma delimited) (*.csv)", '
    "rồi gửi lại."
)
_SAVE_UTF8_EN = (
    'Open the file in Excel, choose File → Save As, type "CSV UTF-8 (Comma delimited) (*.csv)", '
    "and send it again."
)

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
        "Ghi tháng dạng 2020-03, 03/2020 hoặc Tháng 3/2020.",
        "Write the month as 2020-03, 03/2020 or Tháng 3/2020.",
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


def errors_of(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]


def warnings_of(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.is_error]


def catalogue_markdown() -> str:
    """The catalogue as Markdown: the source of ``docs/errors.md``."""
    lines = [
        "# Issue codes",
        "",
        "Every problem kehoach reports carries one of these stable codes "
        "(also in `validate --json`). Generated from `src/kehoach/core/issues.py` by "
        "`python -m kehoach.core.issues`; do not edit by hand.",
        "",
        "| code | severity | what it means | message (vi) | hint (vi) |",
        "|---|---|---|---|---|",
    ]
    for code, entry in CATALOGUE.items():
        cells = [
            f"`{code}`",
            entry.severity,
            entry.title_en,
            entry.message_vi,
            entry.hint_vi,
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
