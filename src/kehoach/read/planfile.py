"""Reading ``plan2020.yaml``: YAML text → validated :class:`~kehoach.core.models.Plan`.

The only I/O for the plan. Problems (broken YAML, a wrong type, an unknown unit, weights
that do not sum to 1, …) are collected as :class:`PlanProblem` records with the YAML line
where they are, and raised together as :class:`PlanError`; the CLI prints them and exits 2.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.core.models import Plan
from kehoach.read.cache import cache_dir, write_cache_file


def _safe_loader():
    """yaml.CSafeLoader: libyaml's build of the same safe loader yaml.safe_load uses (it
    constructs only plain data), much faster at parsing; the pure-Python one otherwise."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class PlanProblem:
    where: str  # "plan2020.yaml:12:5" or "plan2020.yaml"
    path: str  # "indicators[3].target" or ""
    message_vi: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi

    def render(self, lang: str) -> str:
        head = self.where + (f" ({self.path})" if self.path else "")
        return f"{head}: {self.message(lang)}"


class PlanError(Exception):
    def __init__(self, problems: list[PlanProblem]):
        super().__init__("; ".join(p.render("en") for p in problems))
        self.problems = problems


# Messages for the plan's own problems and the pydantic error types a hand-edited YAML
# file produces; anything else falls back to pydantic's English text.
_MESSAGES: dict[str, tuple[str, str]] = {
    "plan-duplicate-code": (
        "mã {kind_vi} {code} được khai báo hai lần",
        "{kind} code {code} is defined twice",
    ),
    "plan-unknown-group": (
        "chỉ tiêu {indicator} thuộc nhóm {group}, nhóm này không có trong `groups`",
        "indicator {indicator} is in group {group}, which is not in `groups`",
    ),
    "plan-unknown-unit": (
        "chỉ tiêu {indicator} do {unit} báo cáo, nhưng {unit} không có trong `units`",
        "indicator {indicator} is reported by {unit}, which is not in `units`",
    ),
    "plan-phasing-missing": (
        "chỉ tiêu lũy kế cần `phasing` (linear, seasonal hoặc year-end)",
        "a cumulative indicator needs `phasing` (linear, seasonal or year-end)",
    ),
    "plan-weights-count": (
        "phân bổ theo mùa vụ cần đúng 12 trọng số tháng (`weights`)",
        "seasonal phasing needs exactly 12 monthly `weights`",
    ),
    "plan-weights-negative": ("trọng số không được âm", "weights cannot be negative"),
    "plan-weights-sum": (
        "tổng các trọng số là {total}, phải bằng 1",
        "the weights sum to {total}; they must sum to 1",
    ),
    "plan-weights-unused": (
        "`weights` chỉ dùng với `phasing: seasonal`",
        "`weights` are only used with `phasing: seasonal`",
    ),
    "plan-frequency-months": (
        "các tháng báo cáo trong `frequency` phải từ 1 đến 12",
        "the months in `frequency` must be between 1 and 12",
    ),
    "plan-target-outside-range": (
        "chỉ tiêu {target} nằm ngoài khoảng `range` của chính nó",
        "the target {target} is outside the indicator's own `range`",
    ),
    "plan-phasing-unused": (
        "`phasing` chỉ dùng cho chỉ tiêu lũy kế",
        "`phasing` is only used by cumulative indicators",
    ),
    "plan-fallback-missing": (
        "phân bổ theo năm trước (`last-year`) cần `fallback` khi chưa đủ số liệu năm trước",
        "`last-year` phasing needs a `fallback` for when last year's data are incomplete",
    ),
    "plan-fallback-unused": (
        "`fallback` chỉ dùng với `phasing: last-year`",
        "`fallback` is only used with `phasing: last-year`",
    ),
    "plan-sent-as-unused": (
        "`sent_as` chỉ dùng cho chỉ tiêu lũy kế",
        "`sent_as` applies to cumulative indicators only",
    ),
    "plan-band-cumulative": (
        "`band` chỉ dùng cho chỉ tiêu thời điểm; chỉ tiêu lũy kế dùng `at_risk_share`",
        "`band` applies to level indicators; a cumulative one uses `at_risk_share`",
    ),
    "plan-band-missing": (
        "chỉ tiêu thời điểm cần `band` (khoảng cách có nguy cơ, theo đơn vị tính của nó)",
        "a level indicator needs `band` (the at-risk distance, in its own unit)",
    ),
    "plan-stages-missing": (
        "chỉ tiêu theo mốc (`milestone`) cần danh sách `stages`",
        "a milestone indicator needs its `stages`",
    ),
    "plan-stages-order": (
        "các mốc trong `stages` phải theo thứ tự tháng",
        "`stages` must be listed in the order of their months",
    ),
    "plan-stages-duplicate": ("hai mốc trùng mã", "two stages share a code"),
    "plan-stages-final": (
        "phải có đúng một mốc hoàn thành (`final: true`), là mốc cuối trong `stages`",
        "exactly one stage, the last in `stages`, must be marked `final: true`",
    ),
    "plan-stages-unused": (
        "`stages` chỉ dùng cho chỉ tiêu theo mốc (`measure: milestone`)",
        "`stages` are only used by milestone indicators",
    ),
    "plan-reported-by-and-owner": (
        "`reported_by` được suy ra từ `owner` và `contributors`; chỉ ghi một trong hai cách",
        "`reported_by` is derived from `owner` and `contributors`; give one or the other",
    ),
    "plan-owner-contributor": (
        "{owner} vừa là đơn vị chủ trì (`owner`) vừa là đơn vị đóng góp (`contributors`)",
        "{owner} is both the owner and a contributor",
    ),
    "plan-no-reporter": (
        "đơn vị chủ trì không gửi số liệu (`owner_reports: false`) mà không có đơn vị đóng góp",
        "the owner sends no figure (`owner_reports: false`) and there are no contributors",
    ),
    "plan-baseline": (
        "mốc xuất phát `baseline` {baseline} phải ở trước kế hoạch",
        "the `baseline` {baseline} must lie before the target",
    ),
    "plan-unit-target-unknown": (
        "chỉ tiêu {indicator} giao kế hoạch cho {unit}, đơn vị này không đóng góp số liệu",
        "indicator {indicator} sets a target for {unit}, which is not a contributor",
    ),
    "plan-code": (
        "mã “{code}” không hợp lệ: mã bắt đầu bằng chữ cái hoặc chữ số, tiếp theo là chữ "
        "cái, chữ số, “_”, “-” hoặc “.”, tối đa 40 ký tự (mã là tên tệp trong thư mục dữ liệu)",
        "code “{code}” is not valid: a code starts with a letter or digit, followed by "
        "letters, digits, “_”, “-” or “.”, at most 40 in all (a code names a file in the "
        "data folder)",
    ),
    "plan-number": (
        "số {value} vượt giới hạn: tối đa 15 chữ số có nghĩa, trong khoảng ±10^15",
        "the number {value} is outside the limits: at most 15 significant digits, within ±10^15",
    ),
    "missing": ("thiếu khóa bắt buộc", "required key is missing"),
    "extra_forbidden": ("khóa không hợp lệ (gõ nhầm?)", "unknown key (a typo?)"),
    "literal_error": ("giá trị phải là một trong: {expected}", "value must be one of: {expected}"),
    "decimal_parsing": ("phải là một số", "must be a number"),
    "decimal_type": ("phải là một số", "must be a number"),
    "int_parsing": ("phải là số nguyên", "must be a whole number"),
    "int_type": ("phải là số nguyên", "must be a whole number"),
    "string_type": ("phải là chuỗi ký tự", "must be text"),
    "list_type": ("phải là một danh sách", "must be a list"),
    "model_type": ("phải là một bảng khóa: giá trị", "must be a mapping of key: value"),
    "too_short": ("không được để trống", "must not be empty"),
    "string_too_short": ("không được để trống", "must not be empty"),
    "greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("phải từ {ge} trở lên", "must be at least {ge}"),
    "less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "less_than_equal": ("phải không quá {le}", "must be at most {le}"),
}


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file. Raises PlanError with every problem found."""
    p = Path(path)
    name = str(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise PlanError(
            [PlanProblem(name, "", "không tìm thấy tệp kế hoạch", "plan file not found")]
        ) from None
    except OSError as exc:
        raise PlanError(
            [
                PlanProblem(
                    name, "", f"không đọc được tệp: {exc.strerror}", f"cannot read: {exc.strerror}"
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(
            [PlanProblem(name, "", "tệp kế hoạch phải là UTF-8", "the plan file must be UTF-8")]
        ) from None
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
    from kehoach.core import models

    h = hashlib.sha256(raw)
    h.update(f"\0{__version__}\0{pydantic.VERSION}\0".encode())
    # The models' own source: a changed default or field is never served from the cache.
    h.update(Path(models.__file__).read_bytes())
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
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        detail = getattr(exc, "problem", None) or str(exc)
        raise PlanError(
            [
                PlanProblem(
                    where,
                    "",
                    f"lỗi cú pháp YAML: {detail}",
                    f"YAML syntax error: {detail}",
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise PlanError(
            [
                PlanProblem(
                    name,
                    "",
                    "tệp kế hoạch phải là một bảng YAML (id, year, units, indicators, …)",
                    "the plan file must be a YAML mapping (id, year, units, indicators, …)",
                )
            ]
        )
    from pydantic import ValidationError

    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(_problems_from(exc, text, name, data)) from None


def _problems_from(exc: Any, text: str, name: str, data: dict) -> list[PlanProblem]:
    import yaml

    try:
        root = yaml.compose(text, Loader=_safe_loader())
    except yaml.YAMLError:
        root = None
    problems: list[PlanProblem] = []
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
            if kind == "plan-unknown-unit" and loc:
                loc = _unit_loc(data, loc, item["unit"])
            elif kind in _KEY_OF and loc and loc[-1] != _KEY_OF[kind]:
                loc = [*loc, _KEY_OF[kind]]
            item = _localise(item)
            path = _dotted(loc)
            line = _line_of(root, loc)
            where = f"{name}:{line}" if line else name
            vi, en = _MESSAGES.get(kind, (err["msg"], err["msg"]))
            vi_item = dict(item)
            for key in ("total", "target", "baseline"):
                if key in vi_item:
                    vi_item[key] = str(vi_item[key]).replace(".", ",")
            problems.append(PlanProblem(where, path, _fmt(vi, vi_item), _fmt(en, item)))
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
}
_KIND_VI = {"group": "nhóm", "unit": "đơn vị", "indicator": "chỉ tiêu"}


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


def _localise(item: dict) -> dict:
    """Vietnamese words and number style for the parameters of the Vietnamese message."""
    out = dict(item)
    if "kind" in out:
        out["kind_vi"] = _KIND_VI.get(out["kind"], out["kind"])
    return out


def _fmt(template: str, ctx: dict) -> str:
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


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


def _unreadable_value(text: str, name: str, exc: ValueError) -> PlanProblem:
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
        return PlanProblem(
            name, "", f"không đọc được một giá trị: {exc}", f"a value cannot be read: {exc}"
        )
    return PlanProblem(
        f"{name}:{line}",
        "",
        "số quá dài để đọc (hơn 4.300 chữ số)",
        "a number too long to read (over 4,300 digits)",
    )
