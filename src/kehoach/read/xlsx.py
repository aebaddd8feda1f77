"""Reading submission workbooks (.xlsx): the sheet holding the header → rows of cell text.

A workbook is turned into the very rows of cell strings a CSV file gives, and those go
through the one row loop (:func:`kehoach.read.rows.read_rows`): every check, message,
issue code and the fast path are shared. What is particular to a workbook is settled
here, cell by cell, while the sheet's XML streams past (openpyxl's read-only parser:
memory holds one row, never the sheet):

- a number cell becomes the canonical text the Vietnamese number rule reads back as the
  same number ('1.125' would be read as 1125: it is written '1.1250'), rounded to the 15
  significant digits Excel shows; a percent-formatted cell is written in percent (0.985
  shown as 98,5% is '98.5%', read as a typed '98,5%' is, refused on an indicator not
  measured in %); a date cell becomes its month
  ('2020-03'); a text cell stays text, for the number rule to read as typed;
- a formula cell without a computed value (written by a program, never opened in Excel)
  is an error saying what to do, not a silently empty figure;
- a merged cell's value stands in every cell of the merge (what the clerk sees);
- hidden rows are read like the others, with a warning naming them;
- row numbers are the sheet's own.

The sheet read is the one with a header row among its first rows; several such sheets
are an error naming them. What is not an .xlsx (an old .xls, an .ods, a password-protected
workbook, a ZIP of something else, a damaged file) is refused with one code,
``unreadable-workbook``, saying to save as .xlsx or CSV UTF-8. openpyxl is imported here
only, when a workbook is read.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
import re
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any

from kehoach.core.i18n import Localized
from kehoach.core.issues import Issue
from kehoach.core.numbers import format_canonical
from kehoach.read.rows import (
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    FileResult,
    known_columns,
    normalise_header,
    read_rows,
)

MAX_ROWS = 1_048_576  # Excel's limits: a row or column past them is a damaged file
MAX_COLUMNS = 16_384
NUMBER_CACHE_SIZE = 1 << 16
HIDDEN_SHOWN = 20  # hidden row numbers listed in the warning; more are counted

# Caps on what a submission workbook may make kehoach read, checked before openpyxl opens
# it (the parts' sizes, from the ZIP's directory: a part never inflates past its stated
# size) and while its sheet streams past (rows, columns, merged areas, cells). A unit's
# monthly form has a few dozen rows and a few columns: each cap is a thousand times that,
# and each has its own code (the workbook-too-large family).
XLSX_PART_MAX = 32 * 1024 * 1024  # bytes of one part once inflated (a sheet, the strings)
XLSX_TOTAL_MAX = 128 * 1024 * 1024  # bytes of all parts once inflated
XLSX_ROWS_MAX = 65_536  # the last row a sheet may use (Excel 97–2003's own limit)
XLSX_COLUMNS_MAX = 1_024  # the last column a cell with a value may use
XLSX_MERGED_MAX = 262_144  # cells covered by merged ranges within the header's columns
XLSX_CELL_MAX = 4 * 1024 * 1024  # characters of one cell (the CSV reader's own limit)


class _Cap(Exception):
    """A cap passed while the sheet streams: the issue to report instead of the rows."""

    def __init__(self, issue: Issue):
        super().__init__(issue.code)
        self.issue = issue


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def size_refusal(source, label: str) -> Issue | None:
    """A part of the workbook past its cap once inflated, from the ZIP's directory (no
    byte inflated); None when every part is within."""
    try:
        with zipfile.ZipFile(source) as z:
            infos = z.infolist()
    except Exception:
        return None  # refusal() has said what the file is
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > XLSX_PART_MAX:
            return Issue(
                "workbook-too-large",
                label,
                None,
                None,
                {"part": info.filename, "size": _mib(info.file_size), "max": _mib(XLSX_PART_MAX)},
            )
    if total > XLSX_TOTAL_MAX:
        return Issue(
            "workbook-too-large",
            label,
            None,
            None,
            {"part": "*", "size": _mib(total), "max": _mib(XLSX_TOTAL_MAX)},
        )
    return None


KIND = {
    "xls": Localized(
        "tệp Excel 97–2003 (.xls), định dạng cũ", "an Excel 97–2003 file (.xls), the old format"
    ),
    "ods": Localized("tệp OpenDocument (.ods)", "an OpenDocument spreadsheet (.ods)"),
    "xlsb": Localized("tệp Excel nhị phân (.xlsb)", "a binary Excel workbook (.xlsb)"),
    "password": Localized(
        "tệp được bảo vệ bằng mật khẩu; bỏ mật khẩu trước (Tệp → Thông tin → Bảo vệ sổ làm "
        "việc → Mã hóa bằng mật khẩu, để trống)",
        "the file is protected by a password; remove it first (File → Info → Protect "
        "Workbook → Encrypt with Password, leave it empty)",
    ),
    "zip": Localized(
        "tệp nén ZIP, không phải sổ làm việc Excel", "a ZIP archive, not an Excel workbook"
    ),
}


def _damaged(detail: str) -> Localized:
    return Localized(
        f"tệp bị hỏng hoặc không phải .xlsx thật ({detail})",
        f"the file is damaged or not a real .xlsx ({detail})",
    )


def read_workbook(
    source,
    ctx,
    result: FileResult,
    fast: bool,
    collect: list | None,
    chunk_rows: int,
    model_rows: int = 0,
) -> None:
    """Read and check the sheet holding the header of ``source`` (a path, or a binary file
    open at its start) into ``result`` (see read_file)."""
    label = result.path
    kind = refusal(source)
    if hasattr(source, "seek"):
        source.seek(0)
    if kind is not None:
        result.issues.append(Issue("unreadable-workbook", label, None, None, {"kind": kind}))
        return
    too_large = size_refusal(source, label)
    if too_large is not None:
        result.issues.append(too_large)
        return
    try:
        import warnings

        import openpyxl
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet

        with warnings.catch_warnings():
            # openpyxl warns of what it does not support (data validation extensions,
            # unknown parts); none of it matters to the figures.
            warnings.simplefilter("ignore")
            # A read-only sheet looks for its size when opened, reading the whole sheet
            # when the file states none (as programs' files often do): a second pass over
            # the XML, for a size nothing here uses.
            sizing = ReadOnlyWorksheet._get_size
            ReadOnlyWorksheet._get_size = lambda self: None
            try:
                book = openpyxl.load_workbook(
                    source, read_only=True, data_only=True, keep_links=False
                )
            finally:
                ReadOnlyWorksheet._get_size = sizing
    except Exception as exc:  # whatever a damaged file makes the parser raise
        result.issues.append(
            Issue("unreadable-workbook", label, None, None, {"kind": _damaged(_name(exc))})
        )
        return
    extra: list[Issue] = []
    try:
        with _quiet():
            sheet = _choose_sheet(book, result)
            if sheet is not None:
                gc_was_on = gc.isenabled()
                gc.disable()  # as read_file does: the row loop makes no cycles
                try:
                    read_rows(sheet.open_rows, ctx, result, fast, collect, chunk_rows, model_rows)
                finally:
                    if gc_was_on:
                        gc.enable()
                extra = sheet.issues()
    except _Cap as cap:
        # Past a cap: the rows read so far are dropped, the cap is the file's one error.
        result.issues[:] = [cap.issue]
    except Exception as exc:
        result.issues.append(
            Issue("unreadable-workbook", label, None, None, {"kind": _damaged(_name(exc))})
        )
    finally:
        book.close()
    _insert_by_row(result.issues, extra)


def _name(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _quiet:
    """Warnings of openpyxl silenced while a sheet is parsed (they would reach stderr)."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _insert_by_row(issues: list[Issue], extra: list[Issue]) -> None:
    """Put the workbook's own issues among the row checks' ones, in row order (after
    those of the same row); after them all when those are not in row order."""
    if not extra:
        return
    rows = [i.row or 0 for i in issues]
    if all(a <= b for a, b in itertools.pairwise(rows)):
        merged = list(heapq.merge(issues, extra, key=lambda i: i.row or 0))
        issues[:] = merged
    else:
        issues.extend(extra)


# ------------------------------------------------------------- what is not an .xlsx


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def refusal(source) -> Localized | None:
    """Why the file (a path or an open binary file) cannot be read as an .xlsx, or None
    when it may be one."""
    with contextlib.ExitStack() as stack:
        f = source if hasattr(source, "read") else stack.enter_context(open(source, "rb"))
        f.seek(0)
        head = f.read(8)
        if head.startswith(_OLE[:4]):
            # An OLE compound file: an old .xls, or an .xlsx encrypted with a password
            # (its package sits in an OLE stream named EncryptedPackage).
            f.seek(0)
            tail = b""
            while chunk := f.read(1 << 20):
                if _ENCRYPTED in tail + chunk:
                    return KIND["password"]
                tail = chunk[-len(_ENCRYPTED) :]
            return KIND["xls"]
        f.seek(0)
    try:
        with zipfile.ZipFile(source) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names:
                return None
            if "xl/workbook.bin" in names:
                return KIND["xlsb"]
            if "mimetype" in names and b"opendocument" in z.read("mimetype")[:200]:
                return KIND["ods"]
            return KIND["zip"]
    except Exception as exc:  # BadZipFile, NotImplementedError (a mangled version), ...
        return _damaged(_name(exc))


# ------------------------------------------------------------------ the sheet's rows


_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})\""
)
_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """'A' → 1, 'XFD' → 16384 (cached: a sheet has few column letters)."""
    n = _COLUMNS.get(letters)
    if n is None:
        n = 0
        for c in letters.upper():
            if not "A" <= c <= "Z":
                raise ValueError(f"bad cell reference {letters!r}")
            n = n * 26 + ord(c) - 64
        if len(_COLUMNS) < 4096:
            _COLUMNS[letters] = n
    return n


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _number_kinds(book) -> dict[int, str]:
    """Style index → 'pct' or 'date' for the cell styles whose number format is one."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE, is_date_format

    kinds: dict[int, str] = {}
    custom = list(book._number_formats)
    for i, style in enumerate(book._cell_styles):
        fid = style.numFmtId
        if fid < BUILTIN_FORMATS_MAX_SIZE:
            fmt = BUILTIN_FORMATS.get(fid, "General")
        elif fid - BUILTIN_FORMATS_MAX_SIZE < len(custom):
            fmt = custom[fid - BUILTIN_FORMATS_MAX_SIZE]
        else:
            continue
        bare = re.sub(r'"[^"]*"|\\.', "", fmt)  # quoted text and escapes are not codes
        if "%" in bare:
            kinds[i] = "pct"
        elif is_date_format(fmt):
            kinds[i] = "date"
    return kinds


def number_text(raw: str, kind: str | None = None, epoch=None) -> str:
    """A number cell's stored text as the cell text the number rule reads back exactly.

    Rounded to 15 significant digits (what Excel shows and keeps); in percent for a
    percent format; the month ('2020-03') for a date format."""
    try:
        x = float(raw)
    except ValueError:
        return raw
    if x != x or x in (float("inf"), float("-inf")):
        return raw
    if kind == "date":
        from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

        try:
            when = from_excel(x, epoch or WINDOWS_EPOCH)
        except (OverflowError, ValueError, TypeError):
            return raw
        if not hasattr(when, "year"):
            return raw  # a time of day, not a date
        return f"{when.year:04d}-{when.month:02d}"
    try:
        d = Decimal(f"{x:.15g}")
    except InvalidOperation:
        return raw
    if kind == "pct":
        d = d.scaleb(2)
    return format_canonical(d)


class _Sheet:
    """One worksheet read as rows of cell text, from its row 1, normalised to the header's
    width; what the rows showed besides (hidden rows, formulas without value) is kept
    for ``issues``."""

    def __init__(self, book, ws, label: str, header_row: int, width: int, kinds: dict[int, str]):
        self.book = book
        self.ws = ws
        self.label = label
        self.header_row = header_row
        self.width = width
        self.kinds = kinds
        self.hidden: list[int] = []
        self.formulas: list[Issue] = []
        self.header: list[str] = []
        self.merges = self._merges() if width else []

    def _merges(self) -> list[tuple[int, int, int, int]]:
        """The merged ranges within the header's columns, read from the end of the
        sheet's XML (where Excel writes them, after the rows) in one streaming pass."""
        found = []
        area = 0
        tail = b""
        with self.ws._get_source() as src:
            while chunk := src.read(1 << 20):
                data = tail + chunk
                for m in _MERGE.finditer(data):
                    c1, r1, c2, r2 = (
                        _column(m[1].decode()),
                        int(m[2]),
                        _column(m[3].decode()),
                        int(m[4]),
                    )
                    if c1 <= self.width and r1 <= r2 and c1 <= c2:
                        found.append((r1, c1, r2, min(c2, self.width)))
                        area += (r2 - r1 + 1) * (min(c2, self.width) - c1 + 1)
                        if area > XLSX_MERGED_MAX or r2 > XLSX_ROWS_MAX:
                            ref = f"{m[1].decode()}{r1}:{m[3].decode()}{r2}"
                            raise _Cap(
                                Issue(
                                    "workbook-merge-too-large",
                                    self.label,
                                    None,
                                    None,
                                    {"range": ref, "max": XLSX_MERGED_MAX, "rows": XLSX_ROWS_MAX},
                                )
                            )
                # keep an unfinished tag for the next chunk, never a whole one twice
                cut = data.rfind(b"<")
                tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
        return sorted(set(found))

    def rows(self, limit: int | None = None):
        """(row number, cells, hidden) of each row present in the XML."""
        parser = _Parser(self, self.ws._get_source())
        try:
            for item in parser.parse():
                if limit is not None and item[0] > limit:
                    return
                yield item
        finally:
            parser.source.close()

    def open_rows(self):
        """Every row from row 1 on, as lists of cell text (the CSV reader's rows)."""
        # Called again when the reader starts over: what the rows showed starts over too.
        self.hidden, self.formulas, self.header = [], [], []
        self._active: list[list[Any]] = []  # merges under way: [r1, c1, r2, c2, value]
        self._next_merge = 0
        width = self.width
        merges = self.merges
        header_row = self.header_row
        pending = 0  # blank rows not yet given: dropped when nothing follows them
        expected = 1
        for idx, cells, hidden, formulas in self.rows():
            if idx < expected:
                idx = expected  # rows out of order (a damaged file): read in file order
            if merges:
                # Rows absent from the XML may lie inside a merge, and show its value.
                for r in range(expected, idx):
                    row = self._merge_fill(r, [""] * width)
                    if any(row):
                        yield from [[]] * pending
                        pending = 0
                        yield row
                    else:
                        pending += 1
            else:
                pending += idx - expected
            expected = idx + 1
            row = [""] * width
            for col, text in cells:
                if text:
                    if col > len(row):
                        row.extend([""] * (col - len(row)))
                    row[col - 1] = text
            if merges:
                row = self._merge_fill(idx, row)
            if formulas and idx > header_row:
                self._formulas(idx, formulas)
            if not any(row):
                pending += 1
                continue
            if pending:
                yield from [[]] * pending
                pending = 0
            if hidden and idx > header_row:
                self.hidden.append(idx)
            if idx == header_row:
                self.header = row
            yield row

    def _merge_fill(self, idx: int, row: list[str]) -> list[str]:
        """The row with the value of each merge it lies in put in the merge's empty cells."""
        merges, active = self.merges, self._active
        while self._next_merge < len(merges) and merges[self._next_merge][0] <= idx:
            r1, c1, r2, c2 = merges[self._next_merge]
            active.append([r1, c1, r2, c2, row[c1 - 1] if r1 == idx else ""])
            self._next_merge += 1
        if active:
            active[:] = [m for m in active if m[2] >= idx]
            for _r1, c1, _r2, c2, value in active:
                if value:
                    for c in range(c1, c2 + 1):
                        if not row[c - 1]:
                            row[c - 1] = value
        return row

    def _formulas(self, idx: int, columns: list[int]) -> None:
        header = self.header
        for col in columns:
            name = header[col - 1] if col <= len(header) else ""
            canonical = HEADER_ALIASES.get(normalise_header(name)) if name else None
            if canonical is None:
                continue  # a column nobody reads (a name looked up by formula)
            self.formulas.append(
                Issue(
                    "formula-no-value",
                    self.label,
                    idx,
                    canonical,
                    {"cell": f"{_letters(col)}{idx}"},
                )
            )

    def issues(self) -> list[Issue]:
        out = list(self.formulas)
        if self.hidden:
            shown = _ranges(self.hidden[:HIDDEN_SHOWN])
            if len(self.hidden) > HIDDEN_SHOWN:
                shown += f", … (+{len(self.hidden) - HIDDEN_SHOWN})"
            out.append(Issue("hidden-rows", self.label, self.hidden[0], None, {"rows": shown}))
        return out


def _ranges(rows: list[int]) -> str:
    """[5, 7, 8, 9] → '5, 7–9'."""
    parts = []
    start = prev = rows[0]
    for r in [*rows[1:], None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(parts)


def _parser_class():
    """openpyxl's worksheet parser with rows and cells read straight to cell text."""
    from openpyxl.cell.text import Text
    from openpyxl.worksheet._reader import (
        DATA_TAG,
        FORMULA_TAG,
        INLINE_STRING,
        ROW_TAG,
        VALUE_TAG,
        WorkSheetParser,
    )
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"

    class Parser(WorkSheetParser):
        def __init__(self, sheet: _Sheet, source):
            book = sheet.book
            super().__init__(source, sheet.ws._shared_strings, data_only=True, epoch=book.epoch)
            self.label = sheet.label
            self.kinds = sheet.kinds
            self.numbers: dict[tuple[str, str | None], str] = {}
            self.formula_cols: list[int] = []

        def parse(self):
            """The rows only (nothing else of the sheet is read), each dropped from the
            tree once read: openpyxl's own loop empties a row but keeps it in its parent,
            some hundred bytes a row, 200 MB over a million rows."""
            data = None
            for event, element in iterparse(self.source, events=("start", "end")):
                if event == "end":
                    if element.tag == ROW_TAG:
                        row = self.parse_row(element)
                        element.clear()
                        if data is not None:
                            data.remove(element)  # the first child: removed at once
                        yield row
                elif element.tag == DATA_TAG:
                    data = element

        def parse_row(self, row):
            r = row.get("r")
            self.row_counter = int(r) if r is not None else self.row_counter + 1
            if not 0 < self.row_counter <= MAX_ROWS:
                raise ValueError(f"row number {r}")
            self.col_counter = 0
            self.formula_cols = []
            cells = [self.parse_cell(el) for el in row]
            if self.row_counter > XLSX_ROWS_MAX and any(text for _, text in cells):
                raise _Cap(
                    Issue(
                        "workbook-too-many-rows",
                        self.label,
                        self.row_counter,
                        None,
                        {"row": self.row_counter, "max": XLSX_ROWS_MAX},
                    )
                )
            self.check_caps(cells)
            hidden = row.get("hidden") in ("1", "true")
            return self.row_counter, cells, hidden, self.formula_cols

        def check_caps(self, cells) -> None:
            """A cell with a value past the column cap, or a cell past the size cap."""
            for col, text in cells:
                if text and col > XLSX_COLUMNS_MAX:
                    raise _Cap(
                        Issue(
                            "workbook-too-many-columns",
                            self.label,
                            self.row_counter,
                            None,
                            {"cell": f"{_letters(col)}{self.row_counter}", "max": XLSX_COLUMNS_MAX},
                        )
                    )
                if len(text) > XLSX_CELL_MAX:
                    raise _Cap(
                        Issue(
                            "workbook-cell-too-large",
                            self.label,
                            self.row_counter,
                            None,
                            {
                                "cell": f"{_letters(col)}{self.row_counter}",
                                "size": len(text),
                                "max": XLSX_CELL_MAX,
                            },
                        )
                    )

        def parse_cell(self, el):
            ref = el.get("r")
            col = _column(ref.rstrip("0123456789")) if ref else self.col_counter + 1
            if not 0 < col <= MAX_COLUMNS:
                raise ValueError(f"cell {ref}")
            self.col_counter = col
            t = el.get("t", "n")
            if t == "inlineStr":
                child = el.find(INLINE_STRING)
                if child is None:
                    return col, ""
                if len(child) == 1 and child[0].tag == TEXT_TAG:
                    return col, child[0].text or ""  # <is><t>…</t></is>: the usual shape
                return col, Text.from_tree(child).content or ""  # rich text runs
            v = el.findtext(VALUE_TAG)
            if not v:
                if el.find(FORMULA_TAG) is not None:
                    self.formula_cols.append(col)
                return col, ""
            if t == "n":
                s = el.get("s")
                kind = self.kinds.get(int(s)) if s else None
                key = (v, kind)
                text = self.numbers.get(key)
                if text is None:
                    text = number_text(v, kind, self.epoch)
                    if kind == "pct" and text != v:
                        # What the clerk typed and sees: '18%'. The sign stays, so a
                        # percent cell on a count is refused as a typed '18%' is.
                        text += "%"
                    if len(self.numbers) < NUMBER_CACHE_SIZE:
                        self.numbers[key] = text
                return col, text
            if t == "s":
                return col, str(self.shared_strings[int(v)])
            if t == "b":
                return col, "TRUE" if v.strip() in ("1", "true") else "FALSE"
            if t == "d":
                m = re.match(r"(\d{4})-(\d{2})", v)
                return col, f"{m[1]}-{m[2]}" if m else v
            return col, v  # "str" (a formula's text), "e" (#DIV/0!, …)

    return Parser


_PARSER: Any = None


def _Parser(sheet: _Sheet, source):
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser_class()
    return _PARSER(sheet, source)


# ------------------------------------------------------------------ which sheet


def _choose_sheet(book, result: FileResult) -> _Sheet | None:
    """The sheet with a header row among its first rows; several are an error."""
    found = []
    kinds = _number_kinds(book)
    for ws in book.worksheets:
        probe = _Sheet(book, ws, result.path, 0, 0, kinds)
        for idx, cells, _hidden, _f in probe.rows(limit=HEADER_SEARCH_ROWS):
            texts = [t for _, t in cells]
            if known_columns(texts) >= 2:
                width = max((c for c, t in cells if t), default=0)
                found.append((ws, idx, width))
                break
    visible = [f for f in found if getattr(f[0], "sheet_state", "visible") == "visible"]
    chosen = visible or found
    if len(chosen) > 1:
        names = ", ".join(f"“{ws.title}”" for ws, _, _ in chosen)
        result.issues.append(
            Issue("several-sheets", result.path, None, None, {"n": len(chosen), "sheets": names})
        )
        return None
    if chosen:
        ws, idx, width = chosen[0]
        return _Sheet(book, ws, result.path, idx, width, kinds)
    # No header anywhere: the first sheet, read as it is, gets the missing-column errors.
    sheets = book.worksheets
    if not sheets:
        result.issues.append(Issue("empty-file", result.path))
        return None
    ws = sheets[0]
    probe = _Sheet(book, ws, result.path, 0, 0, kinds)
    width = 0
    for _idx, cells, _hidden, _f in probe.rows(limit=1):
        width = max((c for c, t in cells if t), default=0)
    return _Sheet(book, ws, result.path, 1, width, kinds)
