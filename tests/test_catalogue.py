"""The one catalogue of issue codes: its document, its codes and its message templates.

docs/errors.md is generated (``python -m kehoach.core.issues > docs/errors.md``); the test
below fails until it is regenerated on purpose after a catalogue change. Every template must
be fillable from the parameters the checks actually pass: the issues come from the fixtures
(one per code: tests/data/codes for submission files, see test_checks.py; the plan file, the
lock file and the data folder in problem_fixtures.py), so a placeholder the checks never
supply shows up here instead of as a "?" in front of a user.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from problem_fixtures import lock_problems, plan_problems, store_problems
from test_checks import CASES, Found, check_case

from kehoach.core.issues import CATALOGUE, catalogue_markdown
from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "errors.md"
TEST_DATA = Path(__file__).resolve().parent / "data"
KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")


def test_errors_doc_is_generated_from_the_catalogue():
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/errors.md is out of date: run "
        "`python -m kehoach.core.issues > docs/errors.md` and review the change"
    )


def test_doc_lists_every_code_once():
    doc = DOC.read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([^`]+)` \|", doc, flags=re.M)
    assert listed == list(CATALOGUE)


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_code_is_kebab_case_with_complete_entry(code):
    assert KEBAB.fullmatch(code), code
    entry = CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    assert entry.title_en and entry.message_vi and entry.message_en
    assert bool(entry.hint_vi) == bool(entry.hint_en), "a hint in one language only"
    assert VIETNAMESE.search(entry.message_vi.lower()), "Vietnamese text needs its diacritics"
    assert entry.message_vi != entry.message_en


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _literal(template: str) -> str:
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


def _as_found(issue) -> Found:
    return Found(
        issue.row, issue.column, issue.code, issue.to_dict("vi"), issue.to_dict("en"), issue.params
    )


def _sparse(path: Path) -> Path:
    from kehoach.core.limits import MAX_SUBMISSION_BYTES

    with open(path, "wb") as f:
        f.truncate(MAX_SUBMISSION_BYTES + 1)
    return path


def _found_in_fixtures(plan, tmp_path) -> list[Found]:
    """Every problem the fixtures produce, whatever check produced it."""
    found: list[Found] = []
    for n, (code, entry) in enumerate(CATALOGUE.items()):
        where = tmp_path / str(n)
        if entry.scope == "plan":
            where.mkdir()
            found += [_as_found(i) for i in plan_problems(code, where)]
        elif entry.scope == "lock":
            where.mkdir()
            found += [_as_found(i) for i in lock_problems(code, where)]
        elif entry.scope == "narrative":
            from narrative_fixtures import narrative_problems

            where.mkdir()
            found += [_as_found(i) for i in narrative_problems(code, where)]
    store = tmp_path / "store"
    store.mkdir()
    found += [_as_found(i) for i in store_problems(store)]
    for case in CASES:
        found += check_case(plan, case).found
    ctx = CheckContext(plan)
    paths = [
        *sorted((TEST_DATA / "read").glob("*.csv")),
        TEST_DATA / "cli" / "one-problem-per-row.csv",
        TEST_DATA / "read",  # a folder: not-a-csv from another place in the reader
        Path("/dev/null"),  # a device: not-a-regular-file, never opened
        _sparse(tmp_path / "huge.csv"),  # past the size limit: file-too-large, never read
    ]
    for path in paths:
        found += [
            Found(i.row, i.column, i.code, i.to_dict("vi"), i.to_dict("en"), i.params)
            for i in read_file(path, ctx).issues
        ]
    return found


def test_every_message_renders_from_the_params_the_checks_pass(plan, tmp_path):
    found = _found_in_fixtures(plan, tmp_path)
    assert {f.code for f in found} == set(CATALOGUE)
    for f in found:
        entry = CATALOGUE[f.code]
        templates = {
            "vi": (entry.message_vi, entry.hint_vi),
            "en": (entry.message_en, entry.hint_en),
        }
        if f.params is not None:
            for template in (*templates["vi"], *templates["en"]):
                missing = _fields(template) - set(f.params)
                assert not missing, f"{f.code}: {sorted(missing)} not passed by the check"
        for lang, item in (("vi", f.vi), ("en", f.en)):
            message_t, hint_t = templates[lang]
            # A placeholder without its parameter renders as "?": no more "?" than written.
            assert item["message"].count("?") == _literal(message_t).count("?"), item
            assert item.get("hint", "").count("?") == _literal(hint_t).count("?"), item
            text = item["message"] + item.get("hint", "")
            assert "{" not in text and "}" not in text, text
            assert "None" not in text, text
        assert VIETNAMESE.search(f.vi["message"].lower()), f.vi["message"]


def test_messages_differ_by_language_and_numbers_follow_it(plan):
    (issue,) = check_case(plan, "duplicate-key").issues
    assert issue.message("vi").endswith("với giá trị 4,3, dòng này ghi 4,8.")
    assert issue.message("en").endswith("as 4.3; this row says 4.8.")


def test_english_counts_agree_with_their_number():
    from kehoach.core.i18n import Localized, plural_en

    assert plural_en("1 row(s), 1 error(s), 0 warning(s)") == "1 row, 1 error, 0 warnings"
    assert plural_en("3 day(s) late") == "3 days late"
    assert plural_en("1 empty row(s)") == "1 empty row"
    assert plural_en("Received 3 of 5 values due (60%). Nothing sent: 1 unit(s)") == (
        "Received 3 of 5 values due (60%). Nothing sent: 1 unit"
    )
    phrase = Localized("{n} dòng", "{n} row(s)")
    assert phrase("en").format(n=1) == "1 row"
    assert phrase("en").format(n=12) == "12 rows"
    assert phrase("vi").format(n=12) == "12 dòng"
