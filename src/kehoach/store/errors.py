"""What stops a store operation: errors that carry their message, never an exit code.

The store (submit, lock, unlock, check-store) raises these; the command layer turns them
into its message and exit code (:mod:`kehoach.commands.common`). Each carries its text in
both languages, filled when shown.
"""

from __future__ import annotations

from typing import Any

from kehoach.core.i18n import Localized


class StoreError(Exception):
    """A store operation cannot go on: a message and, where one helps, what to do."""

    def __init__(self, message: Localized, hint: Localized | None = None, **params: Any):
        super().__init__(message.en.format(**params))
        self._message = message
        self._hint = hint
        self.params = params

    def message(self, lang: str) -> str:
        return self._message(lang).format(**self.params)

    def hint(self, lang: str) -> str | None:
        return self._hint(lang).format(**self.params) if self._hint else None
