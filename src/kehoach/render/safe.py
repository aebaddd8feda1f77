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
