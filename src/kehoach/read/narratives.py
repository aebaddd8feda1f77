"""Reading the stored narrative reports of a month (``DATA/YYYY-MM/UNIT.md``).

The store writes them (:func:`kehoach.core.narrative.to_text`); this reads them back for
the report. A stored file that cannot be read is reported, never skipped silently.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.core.issues import Issue
from kehoach.core.layout import narrative_path
from kehoach.core.models import Plan
from kehoach.core.narrative import Narrative, from_text


def load_narratives(
    root: Path, plan: Plan, month: int, problems: list[Issue] | None = None
) -> dict[str, Narrative]:
    """The stored narrative of every plan unit that has one for ``month``, by unit code,
    in the plan's unit order."""
    found: dict[str, Narrative] = {}
    for index, unit in enumerate(plan.units):
        path = narrative_path(root, plan, index, month)
        if path.is_symlink():
            if problems is not None:
                problems.append(Issue("symlink", str(path)))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            if problems is not None:
                reason = getattr(exc, "strerror", None) or type(exc).__name__
                problems.append(Issue("cannot-read", str(path), None, None, {"reason": reason}))
            continue
        found[unit.code] = from_text(text, unit.code, path.parent.name)
    return found
