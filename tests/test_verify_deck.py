"""verify.deck and verify.openxml: a tiny deck written by python-pptx in the test, read back and
compared with a lesson model built in the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from slidegen.model import (
    Lesson,
    Notes,
    Paragraph,
    Run,
    Section,
    SourcePos,
    Table,
    TableRow,
)
from slidegen.verify import check_deck
from slidegen.verify.deck import found_in, read_deck, row_found
from slidegen.verify.items import RowItem, lesson_items
from slidegen.verify.openxml import open_xml_errors
from slidegen.verify.text import norm


def _deck(path: Path, texts=("Title", "One sentence. Two"), notes="Say it.", table=(("A", "B"), ("1", "2"))) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for index, text in enumerate(texts):
        slide.shapes.add_textbox(Pt(20), Pt(20 + 60 * index), Pt(300), Pt(50)).text_frame.text = text
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Pt(20), Pt(200), Pt(300), Pt(40)).text_frame.text = "sentences."
    if table:
        frame = slide.shapes.add_table(len(table), len(table[0]), Pt(350), Pt(20), Pt(300), Pt(80))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                frame.table.cell(r, c).text = text
    slide.notes_slide.notes_text_frame.text = notes
    prs.save(path)
    return path


def _lesson(*blocks) -> Lesson:
    return Lesson(Path("l.md"), "Title", "", "en",
                  sections=(Section(2, (Run("One sentence."),), SourcePos("l.md", 3), tuple(blocks)),))


def _runs(text: str):
    return (Run(text),)


def test_read_deck_takes_shapes_groups_tables_and_notes(tmp_path):
    deck = read_deck(_deck(tmp_path / "d.pptx"))
    assert deck.slides == 1
    assert deck.segments == ["Title", "Onesentence.Two", "sentences.", "A", "B", "1", "2"]
    assert deck.rows == [("A", "B"), ("1", "2")]
    assert deck.notes == ["Sayit."]


def test_check_deck_names_what_the_deck_lacks(tmp_path):
    lesson = _lesson(Paragraph(_runs("Two sentences. Three."), SourcePos("l.md", 5)),
                     Table((_runs("A"), _runs("B")), (None, None), (TableRow((_runs("1"), _runs("3")), SourcePos("l.md", 8)),),
                           SourcePos("l.md", 7)),
                     Notes("Say it.", SourcePos("l.md", 10)))
    report = check_deck(lesson, _deck(tmp_path / "d.pptx"))
    assert (report.items, report.rows) == (5, 2)
    assert [(i.text, i.pos.line) for i in report.missing] == [("Three.", 5)]
    assert [r.pos.line for r in report.missing_rows] == [8]
    assert not report.ok


def test_check_deck_uses_the_items_it_is_given(tmp_path):
    lesson = _lesson()
    wanted = lesson_items(lesson)
    wanted.items.clear()
    report = check_deck(lesson, _deck(tmp_path / "d.pptx"), wanted)
    assert (report.items, report.rows, report.missing) == (0, 0, [])


@pytest.mark.parametrize(("content", "error"), [(None, "not found (build it first: slidegen slides LESSON -o "),
                                                (b"%PDF-1.7", "not a .pptx file"),
                                                (b"PK\x03\x04broken", "not a readable .pptx")])
def test_an_unreadable_deck_is_an_error_not_a_crash(tmp_path, content, error):
    path = tmp_path / "d.pptx"
    if content is not None:
        path.write_bytes(content)
    report = check_deck(_lesson(), path)
    assert error in report.error and not report.ok
    assert report.summary().startswith(f"deck {path}: ")


def test_a_paragraph_split_between_slides_is_found_across_shapes():
    segments = [norm("앞 문장이다. 이 문장은 두"), norm("슬라이드에 걸친다."), norm("다른 것")]
    assert found_in(norm("이 문장은 두 슬라이드에 걸친다."), segments)
    assert not found_in(norm("이 문장은 세 슬라이드에 걸친다."), segments)


def test_a_sentence_may_span_a_whole_segment_in_between():
    assert found_in("abcdefgh", ["xxab", "cdef", "ghyy"])
    assert not found_in("abcdefgh", ["xxab", "cdXf", "ghyy"])


def test_a_continued_group_may_repeat_its_label():
    row = RowItem(("", "동영상 생성", "동영상 구성 자동화"), SourcePos("x.md", 3), label="시각 콘텐츠")
    assert row_found(row, [("", "동영상생성", "동영상구성자동화")])
    assert row_found(row, [("시각콘텐츠", "동영상생성", "동영상구성자동화")])
    assert not row_found(row, [("동영상구성자동화", "동영상생성")])


def test_open_xml_audit_finds_nothing_in_a_python_pptx_deck(tmp_path):
    pytest.importorskip("openxml_audit", reason="openxml-audit is a test dependency: pip install -e '.[test]'")
    assert open_xml_errors(_deck(tmp_path / "d.pptx")) == []


def test_open_xml_audit_is_skipped_without_openxml_audit(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openxml_audit", None)  # import fails as if not installed
    assert open_xml_errors(_deck(tmp_path / "d.pptx")) is None
