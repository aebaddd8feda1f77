"""`kehoach plan [--check]` and the plan loader's messages on broken plans.

tests/data/plans holds copies of plan2020.yaml with one mistake each, the kind a person
editing the YAML by hand makes. Each must stop every command with exit 2 and say where
(file:line, with the column for a YAML syntax error) and what to fix, in both languages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from kehoach.read.planfile import PlanError, load_plan, plan_problem_text, plan_problem_where

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plan2020.yaml"
PLANS = Path(__file__).resolve().parent / "data" / "plans"
ALL_CODES = (
    [f"KT0{n}" for n in range(1, 8)]
    + [f"DT{n:02d}" for n in range(1, 12)]
    + [f"XH{n:02d}" for n in range(1, 12)]
    + ["QP01", "QP02"]
)


class Broken(NamedTuple):
    entry: str  # the first line of the YAML entry the mistake is in
    edited: str  # the line that was edited
    path: str  # the dotted path of the problem, "" for a syntax error
    en: str
    vi: str


BROKEN: dict[str, Broken] = {
    "syntax-error": Broken(
        "   measure cumulative: [",
        "   measure cumulative: [",
        "",
        "YAML syntax error: ",
        "lỗi cú pháp YAML: ",
    ),
    "unknown-unit": Broken(
        "  - code: KT04",
        "    owner: CC-THEU",
        "indicators[3].owner",
        "indicator KT04 is reported by CC-THEU, which is not in `units`",
        "chỉ tiêu KT04 do CC-THEU báo cáo, nhưng CC-THEU không có trong `units`",
    ),
    "unknown-group": Broken(
        "  - code: KT04",
        "    group: KX",
        "indicators[3].group",
        "indicator KT04 is in group KX, which is not in `groups`",
        "chỉ tiêu KT04 thuộc nhóm KX, nhóm này không có trong `groups`",
    ),
    "duplicate-code": Broken(
        # the second KT04 (it was KT05): the one to rename
        '  - code: KT04\n    group: KT\n    name_vi: "Tổng diện tích',
        '  - code: KT04\n    group: KT\n    name_vi: "Tổng diện tích',
        "indicators[4]",
        "indicator code KT04 is defined twice",
        "KT04 được khai báo hai lần",
    ),
    "weights-sum": Broken(
        "  - code: KT05",
        "    weights: [0,   0.35, 0.24,",
        "indicators[4].weights",
        "the weights sum to 1.09; they must sum to 1",
        "tổng các trọng số là 1,09, phải bằng 1",
    ),
    "target-outside-range": Broken(
        "  - code: KT07",
        "    target: 985",
        "indicators[6].target",
        "the target 985 is outside the indicator's own `range`",
        "985 nằm ngoài khoảng `range` của chính nó",
    ),
    "misspelt-key": Broken(
        "    targte: 74.4",
        "    targte: 74.4",
        "indicators[3].targte",
        "unknown key (a typo?)",
        "khóa không hợp lệ (gõ nhầm?)",
    ),
}


def line_of(path: Path, text: str) -> int:
    """1-based line where ``text`` (possibly several lines) starts in ``path``."""
    content = path.read_text(encoding="utf-8")
    at = content.index(text)
    assert content.count(text) == 1 or text.startswith("  - code: KT04\n"), text
    return content.count("\n", 0, at) + 1


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_broken_plan_has_an_expectation():
    assert {p.stem for p in PLANS.glob("*.yaml")} == set(BROKEN)


def _problem_for(name: str):
    path = PLANS / f"{name}.yaml"
    with pytest.raises(PlanError) as info:
        load_plan(path)
    spec = BROKEN[name]
    matching = [p for p in info.value.problems if spec.en in p.message("en")]
    assert len(matching) == 1, [plan_problem_text(p, "en") for p in info.value.problems]
    return path, spec, matching[0]


@pytest.mark.parametrize("name", list(BROKEN))
def test_loader_says_where_and_what(name):
    path, spec, problem = _problem_for(name)
    assert (problem.column or "") == spec.path
    assert spec.vi in problem.message("vi")
    # "file:line" pointing at the entry or at the edited line itself
    where = plan_problem_where(problem)
    assert where.startswith(f"{path}:")
    line = int(where[len(str(path)) + 1 :].split(":")[0])
    assert line in {line_of(path, spec.entry), line_of(path, spec.edited)}, where


def test_yaml_syntax_error_has_line_and_column():
    path, _, problem = _problem_for("syntax-error")
    line = line_of(path, BROKEN["syntax-error"].edited)
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:\d+", plan_problem_where(problem))
    assert plan_problem_where(problem) == f"{path}:{line}:4"


def test_a_misspelt_key_also_reports_the_missing_one():
    path = PLANS / "misspelt-key.yaml"
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert [(p.column, p.message("en")) for p in info.value.problems] == [
        ("indicators[3].target", "required key is missing"),
        ("indicators[3].targte", "unknown key (a typo?)"),
    ]


def test_duplicate_code_message_is_all_vietnamese():
    _, _, problem = _problem_for("duplicate-code")
    assert problem.message("vi") == "mã chỉ tiêu KT04 được khai báo hai lần"


# ---------------------------------------------------------------------- the CLI side


def test_check_shipped_plan_exit_0(run):
    result = run("plan", "--check")
    assert result.exit_code == 0
    assert result.stdout.strip() == (f"✔ {PLAN}: kế hoạch hợp lệ — 31 chỉ tiêu, 21 đơn vị báo cáo.")
    result = run("plan", "--check", "--lang", "en")
    assert result.stdout.strip() == (
        f"✔ {PLAN}: the plan is valid — 31 indicators, 21 reporting units."
    )


@pytest.mark.parametrize("name", list(BROKEN))
def test_check_broken_plan_exit_2_with_what_to_fix(run, name):
    path, spec, problem = _problem_for(name)
    result = run("plan", "--check", "--plan", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    err = flat(result.stderr)
    assert err.startswith(f"Tệp kế hoạch {path} không hợp lệ:")
    assert flat(plan_problem_text(problem, "vi")) in err
    result = run("plan", "--check", "--plan", path, "--lang", "en")
    err = flat(result.stderr)
    assert err.startswith(f"The plan file {path} is not valid:")
    assert flat(plan_problem_text(problem, "en")) in err
    assert spec.en in err


@pytest.mark.parametrize("name", list(BROKEN))
def test_every_command_refuses_a_broken_plan(run, name, tmp_path):
    path = PLANS / f"{name}.yaml"
    for args in (["plan"], ["status", "--data", tmp_path]):
        result = run(*args, "--plan", path)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr


def test_missing_or_unreadable_plan_exit_2(run, tmp_path):
    missing = tmp_path / "khong-co.yaml"
    result = run("plan", "--check", "--plan", missing)
    assert result.exit_code == 2
    # a missing file is not "invalid": where kehoach looked, and the three ways to say
    assert flat(result.stderr) == (
        f"Không tìm thấy tệp kế hoạch. Đã tìm: {missing} (theo tùy chọn --plan). Chỉ định "
        "tệp kế hoạch theo một trong ba cách: tệp kehoach.toml trong thư mục làm việc "
        "(kehoach init tạo sẵn), biến môi trường KEHOACH_PLAN, hoặc tùy chọn --plan TỆP."
    )
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: H\xf4\xd2ng L\xecnh\n")  # "Hồng Lĩnh" as Windows-1258 writes it
    result = run("plan", "--check", "--plan", latin, "--lang", "en")
    assert result.exit_code == 2
    assert "the plan file must be UTF-8" in flat(result.stderr)
    a_list = tmp_path / "list.yaml"
    a_list.write_text("- 1\n- 2\n", encoding="utf-8")
    result = run("plan", "--check", "--plan", a_list, "--lang", "en")
    assert result.exit_code == 2
    assert "must be a YAML mapping" in flat(result.stderr)


def test_plan_lists_all_31_codes_with_their_targets(run):
    result = run("plan")
    assert result.exit_code == 0
    out = result.stdout
    codes = [m[1] for ln in out.splitlines() if (m := re.match(r"\s*([A-Z]{2}\d{2})\s", ln))]
    assert codes == ALL_CODES
    # The plan's own words (docs/plan.md §1), never a "≥" it did not write.
    for target in ("trên 1.080 tỷ đồng", "trên 12.190 tấn", "trên 98,5%", "tăng thêm 9,75 điểm"):
        assert target in out, target
    assert not re.search(r"[≥≤] [0-9.,]+ (tỷ|tấn|%|điểm)", out)
    assert "Các chỉ tiêu kế hoạch năm 2020" in out


def test_plan_in_english(run):
    result = run("plan", "--lang", "en")
    assert result.exit_code == 0
    assert "Plan targets for 2020" in result.stdout
    for target in ("below 2%", "above 98.5%", "2,470 ha"):
        assert target in result.stdout, target
    assert not re.search(r"[≥≤] [0-9.,]+ (billion|tonnes|%)", result.stdout)


def test_plan_json_is_the_whole_plan(run):
    result = run("plan", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "hong-linh-2020"
    assert [i["code"] for i in doc["indicators"]] == ALL_CODES
    assert len(doc["units"]) == 21
