"""The narrative model: headings recognised by their words, the stored form read back."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.core.layout import narrative_path
from kehoach.core.narrative import (
    SECTIONS,
    Block,
    Narrative,
    from_text,
    normalise,
    section_of,
    to_text,
)
from kehoach.read.narratives import load_narratives


def test_headings_as_units_write_them() -> None:
    assert section_of("1. Kết quả thực hiện") == "results"
    assert section_of("KẾT QUẢ ĐẠT ĐƯỢC") == "results"
    assert section_of("II. Tồn tại, hạn chế") == "shortcomings"
    assert section_of("Tồn tại, hạn chế và nguyên nhân") == "shortcomings"
    assert section_of("a) Nguyên nhân khách quan") == "causes_objective"
    assert section_of("Nguyên nhân chủ quan:") == "causes_subjective"
    assert section_of("3. Nguyên nhân") == "causes"
    assert section_of("III - Phương hướng, nhiệm vụ tháng 10") == "tasks"
    assert section_of("IV. Kiến nghị, đề xuất") == "requests"
    assert section_of("ket qua thuc hien") == "results"
    assert section_of("Tình hình thời tiết") is None
    assert section_of("   ") is None


def test_stored_form() -> None:
    n = Narrative(
        "P-KT",
        "2020-09",
        {
            "results": (
                Block("paragraph", "Gieo cấy  1.250 ha\nlúa Hè Thu."),
                Block("item", "Tiêm phòng đợt 2."),
                Block("table", rows=(("Cây", "Diện tích"), ("Lúa", "1.250 | ha"))),
            ),
            "requests": (),
        },
    )
    text = to_text(n)
    assert text == (
        "<!-- kehoach: P-KT 2020-09 -->\n\n# Kết quả thực hiện\n\n"
        "Gieo cấy 1.250 ha lúa Hè Thu.\n\n- Tiêm phòng đợt 2.\n\n"
        "| Cây | Diện tích |\n| Lúa | 1.250 \\| ha |\n\n# Kiến nghị, đề xuất\n"
    )
    back = from_text(text)
    assert back == normalise(n)
    assert back.blocks("requests") == ()
    assert "requests" in back.sections


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
_block = st.one_of(
    st.builds(Block, st.sampled_from(["paragraph", "item"]), _text),
    st.builds(
        lambda rows: Block("table", rows=rows),
        st.lists(st.lists(_text, min_size=1, max_size=3).map(tuple), min_size=1, max_size=3).map(
            tuple
        ),
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(SECTIONS), st.lists(_block, max_size=4).map(tuple)))
def test_round_trip(sections: dict) -> None:
    n = normalise(Narrative("P-KT", "2020-09", sections))
    assert from_text(to_text(n)) == n
    assert normalise(n) == n


def test_load_narratives(tmp_path: Path, plan) -> None:
    index = next(i for i, u in enumerate(plan.units) if u.code == "P-TCKH")
    path = narrative_path(tmp_path, plan, index, 9)
    path.parent.mkdir(parents=True)
    n = Narrative("P-TCKH", "2020-09", {"results": (Block("paragraph", "Thu ngân sách."),)})
    path.write_text(to_text(n), encoding="utf-8")
    (path.parent / "P-TNMT.md").write_bytes(b"\xff\xfe")
    problems: list = []
    got = load_narratives(tmp_path, plan, 9, problems)
    assert got == {"P-TCKH": n}
    assert [p.code for p in problems] == ["cannot-read"]
