"""``kehoach schema NAME``: the JSON Schema of a ``--json`` document."""

from __future__ import annotations

import sys

from kehoach.commands.common import EXIT_OK, CommandError
from kehoach.core.i18n import Localized

UNKNOWN_DOCUMENT = Localized(
    "Không có tài liệu JSON “{name}”.", "There is no JSON document “{name}”."
)
NO_DOCUMENT = Localized("Cần tên một tài liệu JSON.", "Name a JSON document.")
DOCUMENT_NAMES = Localized("Các tên: {names}.", "Names: {names}.")


def run_schema(name: str | None, lang: str) -> int:
    from kehoach.render.jsonschemas import SCHEMAS, schema_text

    if name not in SCHEMAS:
        unknown = NO_DOCUMENT if name is None else UNKNOWN_DOCUMENT
        raise CommandError(
            unknown(lang).format(name=name),
            DOCUMENT_NAMES(lang).format(names=", ".join(SCHEMAS)),
        )
    sys.stdout.write(schema_text(name))
    return EXIT_OK
