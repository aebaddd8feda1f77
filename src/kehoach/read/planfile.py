"""Reading ``plan2020.yaml``: YAML text → validated :class:`~kehoach.core.models.Plan`.

The only I/O for the plan. Problems (broken YAML, a wrong type, an unknown unit, weights
that do not sum to 1, …) are collected as :class:`~kehoach.core.issues.Issue` records of the
one catalogue (codes ``plan-…``) with the YAML line where they are, and raised together as
:class:`PlanError`; the CLI prints them (:func:`plan_problem_text`) and exits 2.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized
from kehoach.core.issues import CATALOGUE, Issue
from kehoach.core.models import Plan
from kehoach.read.cache import cache_dir, write_cache_file


def _safe_loader():
    """yaml.CSafeLoader: libyaml's build of the same safe loader yaml.safe_load uses (it
    constructs only plain data), much faster at parsing; the pure-Python one otherwise."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def plan_problem(
    code: str, name: str, line: int | None = None, path: str = "", /, **params: Any
) -> Issue:
    """A problem of the plan file as an issue of the catalogue: ``file`` the plan's name,
    ``row`` its YAML line, ``column`` the dotted path of the key (``indicators[3].target``)."""
    return Issue(code, name, line, path or None, params)


def plan_problem_where(problem: Issue) -> str:
    """``plan2020.yaml:12`` (``:12:5`` for a YAML syntax error): the place to jump to."""
    where = problem.file or ""
    if problem.row:
        where += f":{problem.row}"
        if "yaml_column" in problem.params:
            where += f":{problem.params['yaml_column']}"
    return where


def plan_problem_text(problem: Issue, lang: str) -> str:
    """``plan2020.yaml:12 (indicators[3].target): message`` — where to look, then what."""
    where = plan_problem_where(problem)
    if problem.column:
        where += f" ({problem.column})"
    return f"{where}: {problem.message(lang)}"


class PlanError(Exception):
    def __init__(self, problems: list[Issue]):
        super().__init__("; ".join(plan_problem_text(p, "en") for p in problems))
        self.problems = problems


# The pydantic error types a hand-edited YAML file produces, as catalogue codes; the plan's
# own problems (models.Plan's validator) are named by their codes already. Anything else is
# "plan-invalid" with pydantic's English text.
PYDANTIC_CODES = {
    "missing": "plan-missing-key",
    "extra_forbidden": "plan-unknown-key",
    "literal_error": "plan-not-one-of",
    "decimal_parsing": "plan-not-a-number",
    "decimal_type": "plan-not-a-number",
    "int_parsing": "plan-not-whole",
    "int_type": "plan-not-whole",
    "string_type": "plan-not-text",
    "list_type": "plan-not-a-list",
    "model_type": "plan-not-a-mapping",
    "too_short": "plan-empty",
    "string_too_short": "plan-empty",
    "greater_than": "plan-not-greater",
    "greater_than_equal": "plan-below-minimum",
    "less_than_equal": "plan-above-maximum",
}
# Figures said in the Vietnamese message with a decimal comma, as written in the YAML.
_DECIMAL_PARAMS = ("total", "target", "baseline")


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file. Raises PlanError with every problem found."""
    p = Path(path)
    name = str(path)
    from kehoach.core.limits import MAX_PLAN_BYTES, MIB
    from kehoach.read.bounded import NotRegular, TooLarge, read_bounded

    try:
        # Within its limit, and never a device or a FIFO (read before it is parsed).
        raw = read_bounded(p, MAX_PLAN_BYTES)
    except FileNotFoundError:
        raise PlanError([plan_problem("plan-not-found", name)]) from None
    except TooLarge as exc:
        size = f"{exc.size / MIB:.1f} MiB" if exc.size else "?"
        problem = plan_problem("plan-too-large", name, size=size, limit=f"{exc.limit // MIB} MiB")
        raise PlanError([problem]) from None
    except NotRegular as exc:
        raise PlanError([plan_problem("plan-not-a-file", name, kind=exc.kind)]) from None
    except OSError as exc:
        raise PlanError([plan_problem("plan-unreadable", name, reason=exc.strerror)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError([plan_problem("plan-not-utf8", name)]) from None
    key = _cache_key(raw)
    cached = _cache_read(key)
    if cached is not None:
        try:
            return Plan.model_validate_json(cached)
        except ValueError:
            pass  # a damaged cache entry: parse the YAML as if there were none
    plan = parse_plan(text, name)
    _cache_write(key, plan.model_dump_json())
    return plan


# --- a cache of validated plans ---------------------------------------------------------
# Every run reads the plan. Parsing YAML is pure Python past the tokenizer: 7 ms for the
# town's plan, over a second for a roll-up plan of 10,600 units. A validated plan is kept
# as JSON (read back by pydantic's own parser, never by anything that builds objects),
# keyed by the file's bytes and the versions that shape the model, so an edited plan or
# an upgrade is never served stale. KEHOACH_CACHE_DIR moves it; KEHOACH_NO_CACHE=1 turns
# it off. Any failure to read or write the cache just means no cache.


def _cache_key(raw: bytes) -> str:
    import hashlib

    import pydantic

    from kehoach import __version__
    from kehoach.read.cache import code_stamp

    h = hashlib.sha256(raw)
    h.update(f"\0{__version__}\0{pydantic.VERSION}\0".encode())
    # kehoach's build (or, in a checkout, its sources' sizes and times): a changed default
    # or field is never served from the cache, and no source file is read (read/cache.py).
    h.update(code_stamp().encode())
    return h.hexdigest()[:32]


def _cache_read(key: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / f"plan-{key}.json").read_bytes()
    except OSError:
        return None


def _cache_write(key: str, text: str) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        write_cache_file(folder / f"plan-{key}.json", text.encode("utf-8"))


def parse_plan(text: str, name: str = "plan") -> Plan:
    import yaml

    try:
        data = yaml.load(text, Loader=_safe_loader())  # the safe loader, see _safe_loader
    except ValueError as exc:
        # A scalar YAML types but Python cannot build: an integer over 4,300 digits, a
        # date such as 2020-13-45.
        raise PlanError([_unreadable_value(text, name, exc)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        line, column = (mark.line + 1, {"yaml_column": mark.column + 1}) if mark else (None, {})
        problem = plan_problem("plan-yaml-syntax", name, line, "", detail=detail, **column)
        raise PlanError([problem]) from None
    if not isinstance(data, dict):
        raise PlanError([plan_problem("plan-not-mapping", name)])
    from pydantic import ValidationError

    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(_problems_from(exc, text, name, data)) from None


def _problems_from(exc: Any, text: str, name: str, data: dict) -> list[Issue]:
    import yaml

    try:
        root = yaml.compose(text, Loader=_safe_loader())
    except yaml.YAMLError:
        root = None
    problems: list[Issue] = []
    for err in exc.errors():
        ctx = dict(err.get("ctx") or {})
        expanded = ctx.get("problems") if err["type"] == "plan-problems" else None
        for item in expanded or [dict(ctx, type=err["type"])]:
            kind = item["type"]
            loc = list(err["loc"])
            if not loc and "indicator" in item:
                loc = _entry_loc(data, "indicators", item["indicator"])
            elif not loc and kind == "plan-duplicate-code":
                loc = _entry_loc(data, item["kind"] + "s", item["code"], last=True)
            if kind == "plan-unit-twice" and loc:
                loc = _twice_loc(data, loc, item["key"], item["unit"])
            elif kind in ("plan-unknown-unit", "plan-narrative-only-reports") and loc:
                loc = _unit_loc(data, loc, item["unit"])
            elif kind in _KEY_OF and loc and loc[-1] != _KEY_OF[kind]:
                loc = [*loc, _KEY_OF[kind]]
            code = kind if kind in CATALOGUE else PYDANTIC_CODES.get(kind, "plan-invalid")
            params = {key: _shown(key, value) for key, value in _localise(item).items()}
            params["detail"] = err["msg"]
            line = _line_of(root, loc)
            problems.append(plan_problem(code, name, line, _dotted(loc), **params))
    return problems


# The key a whole-indicator problem is about, so the location points at its line.
_KEY_OF = {
    "plan-weights-count": "weights",
    "plan-weights-negative": "weights",
    "plan-weights-sum": "weights",
    "plan-weights-unused": "weights",
    "plan-frequency-months": "frequency",
    "plan-target-outside-range": "target",
    "plan-phasing-missing": "measure",
    "plan-phasing-unused": "phasing",
    "plan-fallback-missing": "phasing",
    "plan-fallback-unused": "fallback",
    "plan-sent-as-unused": "sent_as",
    "plan-band-cumulative": "band",
    "plan-band-missing": "measure",
    "plan-stages-missing": "measure",
    "plan-stages-order": "stages",
    "plan-stages-duplicate": "stages",
    "plan-stages-final": "stages",
    "plan-stages-unused": "stages",
    "plan-owner-contributor": "contributors",
    "plan-reported-by-and-owner": "reported_by",
    "plan-no-reporter": "owner_reports",
    "plan-baseline": "baseline",
    "plan-unit-target-unknown": "targets_by_unit",
    "plan-unknown-group": "group",
    "plan-unknown-unit": "reported_by",
    "plan-narrative-only-reports": "reported_by",
}
_KIND_VI = {"group": "nhóm", "unit": "đơn vị", "indicator": "chỉ tiêu", "field": "lĩnh vực"}


def _unit_loc(data: dict, loc: list, unit: str) -> list:
    """Where an unknown unit code stands in an indicator: its owner, one of its
    contributors, or (a v1 plan) one item of reported_by."""
    entry: object = data
    try:
        for key in loc:
            entry = entry[key]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return loc
    if not isinstance(entry, dict):
        return loc
    if entry.get("owner") == unit:
        return [*loc, "owner"]
    for key in ("contributors", "reported_by"):
        items = entry.get(key)
        if isinstance(items, list) and unit in items:
            return [*loc, key, items.index(unit)]
    return loc


def _twice_loc(data: dict, loc: list, key: str, unit: str) -> list:
    """Where a unit listed twice stands the second time: ``…contributors.N``."""
    entry: object = data
    try:
        for part in loc:
            entry = entry[part]  # type: ignore[index]
        items = entry[key]  # type: ignore[index]
        return [*loc, key, items.index(unit, items.index(unit) + 1)]
    except (KeyError, IndexError, TypeError, ValueError):
        return [*loc, key]


def _localise(item: dict) -> dict:
    """Vietnamese words and number style for the parameters of the Vietnamese message."""
    out = dict(item)
    if "kind" in out:
        out["kind_vi"] = _KIND_VI.get(out["kind"], out["kind"])
    return out


def _shown(key: str, value: Any) -> Localized | str:
    """A message parameter as the YAML wrote it; a figure with a decimal comma in
    Vietnamese (``tổng các trọng số là 0,9``)."""
    if key in _DECIMAL_PARAMS:
        return Localized(str(value).replace(".", ","), str(value))
    return str(value)


def _entry_loc(data: dict, section: str, code: str, last: bool = False) -> list:
    """Where the entry with ``code`` sits in a list section (the last one if ``last``)."""
    found: list = []
    for i, entry in enumerate(data.get(section) or []):
        if isinstance(entry, dict) and str(entry.get("code", "")).upper() == code.upper():
            found = [section, i]
            if not last:
                break
    return found


def _dotted(loc: list) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _line_of(node: Any, loc: list) -> int | None:
    """The 1-based YAML line of the node at ``loc`` (or of its nearest parent)."""
    import yaml

    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1  # an item: its own line, even a scalar's
        if child is None:
            break
        node = child
        if isinstance(part, str) and not isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
    return line


def _unreadable_value(text: str, name: str, exc: ValueError) -> Issue:
    """The problem of a scalar YAML could not build; a too-long number at its line."""
    import yaml

    line = None
    stack = [yaml.compose(text, Loader=_safe_loader())]
    while stack and line is None:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            digits = node.value.lstrip("+-").replace("_", "")
            if len(digits) > 4300 and digits.isdigit():
                line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif node is not None:
            stack += reversed(node.value)
    if line is None:
        return plan_problem("plan-unreadable-value", name, detail=str(exc))
    return plan_problem("plan-number-too-long", name, line)
