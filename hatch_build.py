"""Wheel build hook: ``kehoach/_build_id.txt``, a digest of the package's sources.

The caches key what they keep by kehoach's code (src/kehoach/read/cache.py, code_stamp);
an installed wheel, like the one-file executable, says which code it is by this digest
instead of reading its own source files at run time. An editable install gets none: there
the sources themselves, which change without a rebuild, stand in for it.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

try:  # only while hatchling builds the wheel; scripts/build_exe.py imports source_digest
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # pragma: no cover - outside a wheel build
    BuildHookInterface = object  # type: ignore[assignment,misc]


def source_digest(package: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


class BuildIdHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        digest = source_digest(Path(self.root) / "src" / "kehoach")
        out = Path(tempfile.mkdtemp(prefix="kehoach-build-")) / "_build_id.txt"
        out.write_text(digest + "\n", encoding="utf-8")
        build_data["force_include"][str(out)] = "kehoach/_build_id.txt"
