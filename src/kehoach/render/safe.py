"""What reaches the terminal from users' text: printed as it is, never obeyed.

Paths, codes, cells and plan text are the users' own and may hold ``[bold]`` or ``[/]``
(rich markup), ``:smile:`` (rich emoji codes) or terminal control sequences. Every console
kehoach prints through (:func:`console`) has markup and emoji codes off, so brackets and
colons print as written, and a render hook that shows every control character that is left
as a visible symbol (:func:`kehoach.core.safetext.visible`). Line breaks and tabs stay:
rich lays them out itself, and it drops the few other controls it knows (BEL, BS, VT, FF,
CR) before they get here.
"""

from __future__ import annotations

import functools
from typing import Any

from kehoach.core.safetext import visible


@functools.cache
def _hook_class() -> type:
    # rich is imported here, not with the module: visible() serves code that prints nothing
    from rich.console import RenderHook
    from rich.segment import Segment

    class Shown:
        """A renderable whose text segments have their control characters made visible."""

        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def __rich_console__(self, console, options):
            for segment in console.render(self.inner, options):
                if segment.control or not segment.text or segment.text.isprintable():
                    yield segment  # rich's own cursor moves, or nothing to show
                else:
                    yield Segment(visible(segment.text), segment.style)

    class ShowControls(RenderHook):
        def process_renderables(self, renderables: list) -> list:
            return [Shown(r) for r in renderables]

    return ShowControls


def console(**options: Any):
    """A rich console that prints users' text as text (see the module docstring)."""
    from rich.console import Console

    out = Console(markup=False, emoji=False, highlight=False, **options)
    out.push_render_hook(_hook_class()())
    return out


# ------------------------------------------------------------------ files others open


def neutralise(text: str) -> str:
    """A text field of a CSV kehoach writes, kept text (:func:`kehoach.core.safetext.neutralise`:
    the one rule for every CSV and workbook; the store's trail files apply it too)."""
    from kehoach.core.safetext import neutralise as _neutralise

    return _neutralise(text)


def neutralise_workbook(wb: Any) -> None:
    """Every text cell of ``wb`` kept text before it is saved: control characters as
    visible signs (a workbook part cannot hold them), and a text a spreadsheet could take
    for a formula (``=HYPERLINK(…)``, `` =1+1``, ``@SUM``) stored as a string with Excel's
    own "text" mark (quotePrefix), never as a live formula. The workbooks' own formulas
    are data validations, not cells: a cell of ours is never a formula."""
    from kehoach.core.safetext import cell_text, looks_like_formula

    for ws in wb.worksheets:
        # The cells that exist (iter_rows would make every empty one of the used range).
        for cell in list(getattr(ws, "_cells", {}).values()):
            value = cell.value
            if not isinstance(value, str):
                continue
            shown = cell_text(value)
            if shown != value:
                cell.value = shown
            if looks_like_formula(shown):
                cell.value = shown
                cell.data_type = "s"
                cell.quotePrefix = True


def cell_value(value: Any) -> Any:
    """A value about to be put in a workbook cell: text with its control characters as
    visible signs (openpyxl refuses them as they are), anything else as it is."""
    if isinstance(value, str):
        from kehoach.core.safetext import cell_text

        return cell_text(value)
    return value
