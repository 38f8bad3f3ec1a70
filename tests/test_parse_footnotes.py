"""Footnotes in Markdown: a reference is a superscript mark numbered by first reference, carrying its
note; a definition never shows where it is written; undefined and unused notes are named with a line."""
from __future__ import annotations

import logging
from pathlib import Path

from slidegen.model import ListBlock, Paragraph, Table, plain_text
from slidegen.parse import parse_text

LESSON = """# 각주

모델은 다음 토큰을 예측합니다.[^next] 확률은 소프트맥스로 얻습니다.^[softmax 함수는 합이 1이 되게 합니다.]

- 온도를 낮추면 답이 안정됩니다.[^temp]
- 다시 참조합니다.[^next]

| 값 | 뜻 |
|---|---|
| top-p[^temp] | 누적 확률 |

[^next]: 다음 토큰 예측은 **자기회귀** 방식입니다.

    두 번째 문단도 각주의 일부입니다.
[^temp]: Temperature divides the logits.
"""


def blocks(text: str):
    return parse_text(text, Path("t.md")).preamble


def marks(runs):
    return [run for run in runs if run.note]


def test_marks_are_numbered_by_first_reference_and_carry_their_note():
    para, items, table = blocks(LESSON)
    assert isinstance(para, Paragraph) and isinstance(items, ListBlock) and isinstance(table, Table)
    first, inline = marks(para.runs)
    assert (first.text, first.script) == ("1", "super")
    assert plain_text(first.note) == "다음 토큰 예측은 자기회귀 방식입니다.\n두 번째 문단도 각주의 일부입니다."
    assert any(run.bold and run.text == "자기회귀" for run in first.note)
    assert (inline.text, plain_text(inline.note)) == ("2", "softmax 함수는 합이 1이 되게 합니다.")
    assert [run.text for item in items.items for run in marks(item.runs)] == ["3", "1"]
    cell_mark, = marks(table.rows[0].cells[0])
    assert (cell_mark.text, plain_text(cell_mark.note)) == ("3", "Temperature divides the logits.")


def test_a_definition_is_not_shown_where_it_is_written():
    text = " ".join(plain_text(b.runs) for b in blocks(LESSON) if isinstance(b, Paragraph))
    assert "[^" not in text and "Temperature" not in text and "두 번째 문단" not in text


def test_undefined_reference_stays_as_written_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        para, = blocks("# T\n\nSee this.[^missing]\n")
    assert plain_text(para.runs) == "See this.[^missing]"
    assert "t.md:3: warning: footnote [^missing] has no definition" in caplog.text


def test_unused_definition_is_named_with_its_line(caplog):
    with caplog.at_level(logging.WARNING):
        shown = blocks("# T\n\nText.\n\n[^lost]: Never referred to.\n")
    assert [plain_text(b.runs) for b in shown] == ["Text."]
    assert "t.md:5: warning: footnote [^lost] is defined but never referred to" in caplog.text


def test_hand_written_sup_marks_keep_working():
    para, = blocks("# T\n\nE = mc<sup>2</sup>\n")
    assert [(r.text, r.script, r.note) for r in para.runs][-1] == ("2", "super", ())


def test_a_note_referring_to_the_next_does_not_take_its_number_before_the_text_does():
    """Notes are read before the text; a chain (`[^a]: … see [^b]`) must not number [^b] first."""
    text = "# Chain\n\nOne.[^a] Two.[^b] Three.[^c]\n\n[^a]: First, see [^b].\n[^b]: Second, see [^c].\n[^c]: Third.\n"
    (para,) = blocks(text)
    assert [run.text for run in marks(para.runs)] == ["1", "2", "3"]
    assert plain_text(marks(para.runs)[0].note).startswith("First, see 2")
