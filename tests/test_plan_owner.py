"""A plan whose owner or contributor is not one of its units is refused by the loader
(exit 2 with the code named), never left to fail inside `status` as an internal error."""

from __future__ import annotations

import yaml
from conftest import PLAN_PATH


def test_an_owner_or_contributor_that_is_no_unit_is_a_plan_error(run, tmp_path):
    plan = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    kt01 = next(i for i in plan["indicators"] if i["code"] == "KT01")
    kt01["owner"] = "CC-TK-0001"
    xh04 = next(i for i in plan["indicators"] if i["code"] == "XH04")
    xh04["contributors"] = [*xh04["contributors"], "PHUONG-MOI"]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("plan", "--check", "--plan", path)
    assert result.exit_code == 2
    assert "CC-TK-0001" in result.stderr and "KT01" in result.stderr
    assert "PHUONG-MOI" in result.stderr and "XH04" in result.stderr
    status = run("status", "--plan", path, "--data", tmp_path)
    assert status.exit_code == 2 and "lỗi nội bộ" not in status.stderr
