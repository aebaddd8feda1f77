"""``kehoach.toml``: where a working folder keeps its plan and data (docs/contract.md §11).

kehoach looks for ``kehoach.toml`` in the working folder, then in each parent up to the
root of the drive (as git finds its repository), so that a command typed anywhere inside
the office's folder finds the plan and the data. The file is small::

    # kehoach.toml, written by `kehoach init`
    plan = "plan2020.yaml"      # relative to this file's folder
    data = "data/monthly"
    lang = "vi"                 # optional: vi or en

Its values are the first of three sources; the environment (``KEHOACH_PLAN``,
``KEHOACH_DATA``, ``KEHOACH_LANG``) overrides it, and the flags (``--plan``, ``--data``,
``--lang``) override both. A file that cannot be read, is not TOML, has a key kehoach does
not know or a value of the wrong kind raises :class:`ConfigError` naming the file and the
line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.core.i18n import Localized

CONFIG_NAME = "kehoach.toml"

# key in the file → the environment variable it stands for
KEYS = {"plan": "KEHOACH_PLAN", "data": "KEHOACH_DATA", "lang": "KEHOACH_LANG"}
PATH_KEYS = ("plan", "data")

MESSAGES = {
    "unreadable": Localized(
        "Không đọc được tệp cấu hình {path}: {reason}.",
        "The config file {path} cannot be read: {reason}.",
    ),
    "not_utf8": Localized(
        "Tệp cấu hình {path} không phải UTF-8.", "The config file {path} is not UTF-8."
    ),
    "syntax": Localized(
        "Tệp cấu hình {path}, dòng {line}: viết sai cú pháp TOML ({detail}).",
        "Config file {path}, line {line}: not valid TOML ({detail}).",
    ),
    "unknown_key": Localized(
        "Tệp cấu hình {path}, dòng {line}: không có khóa “{key}”; các khóa: {keys}.",
        "Config file {path}, line {line}: there is no key “{key}”; the keys are: {keys}.",
    ),
    "not_text": Localized(
        "Tệp cấu hình {path}, dòng {line}: giá trị của “{key}” phải là chuỗi trong ngoặc "
        'kép, ví dụ {key} = "{example}".',
        "Config file {path}, line {line}: the value of “{key}” must be a quoted string, "
        'e.g. {key} = "{example}".',
    ),
    "bad_lang": Localized(
        "Tệp cấu hình {path}, dòng {line}: lang phải là “vi” hoặc “en”, không phải “{value}”.",
        "Config file {path}, line {line}: lang must be “vi” or “en”, not “{value}”.",
    ),
    "hint": Localized(
        "Sửa tệp {path}, hoặc xóa nó để dùng --plan, --data và biến môi trường.",
        "Fix {path}, or remove it and use --plan, --data and the environment.",
    ),
}

EXAMPLES = {"plan": "plan2020.yaml", "data": "data/monthly", "lang": "vi"}


class ConfigError(Exception):
    """A config file kehoach cannot use: its message and hint in either language."""

    def __init__(self, kind: str, path: Path, **params: object):
        super().__init__(kind)
        self.kind = kind
        self.path = path
        self.params = {"path": path, **params}

    def message(self, lang: str) -> str:
        return MESSAGES[self.kind](lang).format(**self.params)

    def hint(self, lang: str) -> str:
        return MESSAGES["hint"](lang).format(path=self.path)


@dataclass
class Config:
    """A config file read: each key's value (paths made absolute) and the line it is on."""

    path: Path
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``kehoach.toml`` in ``start`` (default: the working folder) or a
    parent; None when there is none."""
    try:
        here = Path(start if start is not None else os.getcwd()).absolute()
    except OSError:  # the working folder was removed
        return None
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _key_lines(text: str) -> dict[str, int]:
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*([A-Za-z0-9_\-\"']+)\s*=", line)
        if m:
            lines.setdefault(m[1].strip("\"'"), number)
    return lines


def read_config(path: Path) -> Config:
    """Read and check a config file; raises :class:`ConfigError`."""
    import tomllib

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError("unreadable", path, reason=exc.strerror or exc) from None
    try:
        text = raw.decode("utf-8-sig")  # Notepad may save it with a BOM
    except UnicodeDecodeError:
        raise ConfigError("not_utf8", path) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", detail)
        line = int(m[1]) if m else "?"
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", detail) or detail
        raise ConfigError("syntax", path, line=line, detail=detail) from None
    lines = _key_lines(text)
    config = Config(path=path)
    for key, value in doc.items():
        line = lines.get(key, "?")
        if key not in KEYS:
            raise ConfigError("unknown_key", path, line=line, key=key, keys=", ".join(KEYS))
        if not isinstance(value, str) or not value.strip():
            raise ConfigError("not_text", path, line=line, key=key, example=EXAMPLES[key])
        if key == "lang" and value.strip().lower() not in ("vi", "en"):
            raise ConfigError("bad_lang", path, line=line, value=value)
        if key in PATH_KEYS:
            value = str(path.parent / Path(value).expanduser())
        config.values[key] = value.strip() if key == "lang" else value
        config.lines[key] = line
    return config


def config_text(plan: str, data: str) -> str:
    """What ``kehoach init`` writes."""
    return (
        "# kehoach: thư mục làm việc / working folder (kehoach init)\n"
        "# Đường dẫn tính từ thư mục chứa tệp này / paths are relative to this file's folder.\n"
        f'plan = "{plan}"\n'
        f'data = "{data}"\n'
    )
