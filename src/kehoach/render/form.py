"""The form a unit fills in, as the CSV file Excel opens on a Vietnamese office machine.

UTF-8 with BOM (so Excel does not read it as Windows-1258), ``;`` as delimiter (Excel's list
separator where ``,`` is the decimal mark) and CRLF line ends; the rows are
:func:`kehoach.core.template.template_rows`. The workbook form is in :mod:`kehoach.render.xlsx`.
"""

from __future__ import annotations

import csv
import io

from kehoach.core.models import Plan
from kehoach.core.template import TEMPLATE_HEADER, template_rows

BOM = b"\xef\xbb\xbf"


def template_csv(plan: Plan, unit: int, month: int, lang: str = "vi") -> bytes:
    """The form's bytes: UTF-8 with BOM, ``;``, CRLF; header only if nothing is due."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerows(template_rows(plan, unit, month, lang))
    return BOM + buf.getvalue().encode("utf-8")
