"""The plan and the sample data that ship inside the package (``kehoach init``).

A wheel carries the repository's ``plan2020.yaml`` and ``data/monthly/`` as
``kehoach/data/plan2020.yaml`` and ``kehoach/data/sample/`` (pyproject.toml, hatch's
``force-include``: the repository's files stay the one source), and so does the one-file
executable (scripts/kehoach.spec). Run from a source checkout (an editable install), the
same files are found where they are kept, at the repository's root.
"""

from __future__ import annotations

from pathlib import Path

PLAN_NAME = "plan2020.yaml"
SAMPLE_NAME = "sample"

# name inside kehoach/data/ → the same thing in a source checkout (relative to its root)
_IN_CHECKOUT = {PLAN_NAME: PLAN_NAME, SAMPLE_NAME: "data/monthly"}


def shipped(name: str) -> Path | None:
    """The shipped ``plan2020.yaml`` or ``sample`` folder, or None when this install has
    none (a wheel built without them)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "data" / name
    if inside.exists():
        return inside
    checkout = package.parent.parent  # src/kehoach → the repository's root
    if (checkout / "pyproject.toml").is_file():
        candidate = checkout / _IN_CHECKOUT[name]
        if candidate.exists():
            return candidate
    return None
