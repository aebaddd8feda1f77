"""The package's layers, read from the modules' own imports: no cycle, nothing upward.

From the bottom: ``core`` (pure: the plan, numbers, judging, the records), ``read`` (files
into rows and values), ``pipeline`` (the one check of a new file), ``store`` (the data
folder's writes), ``report`` (the report as data), ``render`` (every print and file
format), ``commands`` (options in, exit codes out), and the command line itself (``cli``,
its help texts and completion). A module imports from its own layer or the ones below;
``core`` imports nothing of kehoach outside ``core`` and nothing but the standard library
and pydantic.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kehoach"
LAYERS = ("core", "read", "pipeline", "store", "report", "render", "commands", "cli")
CLI_MODULES = {"cli", "clitext", "completion", "__main__", "__init__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package itself: its version only
        return LAYERS.index("core")
    top = parts[1]
    if top in CLI_MODULES:
        return LAYERS.index("cli")
    return LAYERS.index(top)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, at any depth (an import
    inside a function counts as much as one at the top)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            # `from kehoach.store import submit` imports kehoach.store.submit
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if candidate in MODULES:
                    found.append((candidate, node.lineno))
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def kehoach_imports(module: str) -> list[tuple[str, int]]:
    out = []
    for name, line in imports_of(MODULES[module]):
        if name == "kehoach" or name.startswith("kehoach."):
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]  # an attribute imported from a module
            out.append((name, line))
    return out


def test_every_module_sits_in_a_layer():
    for module in MODULES:
        layer_of(module)  # raises for a module outside the layers


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_only_downward(module):
    here = layer_of(module)
    upward = [
        f"{module}:{line} imports {name} ({LAYERS[layer_of(name)]})"
        for name, line in kehoach_imports(module)
        if layer_of(name) > here
    ]
    assert not upward, f"{module} is in {LAYERS[here]}: " + "; ".join(upward)


def test_core_is_pure():
    allowed = set(sys.stdlib_module_names) | {"pydantic", "pydantic_core", "kehoach"}
    for module, path in MODULES.items():
        if layer_of(module) != LAYERS.index("core") or module == "kehoach":
            continue
        for name, line in imports_of(path):
            top = name.split(".")[0]
            assert top in allowed, f"{module}:{line} imports {name}"
            if top == "kehoach":
                assert name == "kehoach" or name.startswith("kehoach.core"), (
                    f"{module}:{line} imports {name}"
                )


def test_no_import_cycles():
    graph = {m: {n for n, _ in kehoach_imports(m) if n != m} for m in MODULES}
    # Tarjan's strongly connected components: a cycle is a component of two or more.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_layer_test_sees_an_upward_import(tmp_path):
    # The rule itself: a core module importing a renderer is caught.
    assert layer_of("kehoach.core.models") < layer_of("kehoach.render.terminal")
    assert layer_of("kehoach.cli") == LAYERS.index("cli")
    assert layer_of("kehoach.pipeline") == LAYERS.index("pipeline")
