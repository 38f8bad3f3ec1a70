"""verify.overflow_model and verify.overflow_file: boxes re-measured with the paginator's `Metrics`, on a
deck model built in the test and on a tiny .pptx written by python-pptx in the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from pptx import Presentation
from pptx.util import Pt

from slidegen.metrics import Metrics
from slidegen.model import (
    Box,
    CodeFrame,
    Deck,
    Layout,
    Lesson,
    Run,
    Slide,
    SourcePos,
    TableFrame,
    TableRow,
    TextFrame,
    TextPara,
)
from slidegen.theme import load_theme
from slidegen.verify.items import Item
from slidegen.verify.overflow_file import FileMeasure
from slidegen.verify.overflow_model import frame_needs, model_overflow, too_tall

LONG = "A sentence long enough to wrap over several lines in a narrow box, and then some more words."


@pytest.fixture(scope="module")
def theme():
    return load_theme(ROOT / "templates", "en")


def _deck(*frames, footer: str = "") -> Deck:
    lesson = Lesson(Path("l.md"), "T", "", "en")
    slide = Slide(Layout.CONTENT, (Run("Short title"),), 28.0, tuple(frames), SourcePos("l.md", 3))
    return Deck(lesson, (slide,), footer=footer)


def _text(box: Box, text: str = LONG, size: float = 20.0) -> TextFrame:
    return TextFrame((TextPara((Run(text),), pos=SourcePos("l.md", 7)),), box, size)


def test_too_tall_allows_the_rounding_slack():
    assert too_tall("w", "box", 10.4, 10.0) == []
    assert too_tall("w", "box", 10.6, 10.0) == ["w: box needs 10.6 pt but its box is 10.0 pt tall"]


def test_a_model_that_fits_has_no_problems(theme):
    assert model_overflow(_deck(_text(Box(50, 120, 800, 300))), theme) == []


def test_a_text_box_too_small_for_its_text_is_named_at_its_line(theme):
    problems = model_overflow(_deck(_text(Box(50, 120, 200, 30))), theme)
    assert len(problems) == 1 and problems[0].startswith("l.md:7: slide 1: text box needs ")


def test_a_box_outside_the_slide_is_named(theme):
    problems = model_overflow(_deck(_text(Box(900, 120, 200, 400), "x")), theme)
    assert problems == ["l.md:3: slide 1: text box lies outside the slide (900, 120, 200 × 400 pt)"]


def test_table_rows_and_width_are_checked(theme):
    frame = TableFrame(((Run("H"),), (Run("I"),)), (TableRow(((Run(LONG),), (Run("x"),)), SourcePos("l.md", 9)),),
                       (None, None), (100.0, 100.0), (30.0, 20.0), Box(50, 120, 150, 50), 14.0, SourcePos("l.md", 8))
    problems = model_overflow(_deck(frame), theme)
    assert problems[0].startswith("l.md:9: slide 1: table row needs ")
    assert problems[-1] == "l.md:8: slide 1: table is 200.0 pt wide in a 150.0 pt box"


def test_a_code_box_needs_a_line_per_code_line(theme):
    frame = CodeFrame(("a = 1", "b = 2", "c = 3"), "py", Box(50, 120, 600, 300), 16.0, SourcePos("l.md", 4))
    titled = CodeFrame(frame.lines, "py", frame.box, 16.0, frame.pos, title="t.py")
    m_needs = [frame_needs(Metrics(theme), f) for f in (frame, titled)]
    assert m_needs[1] > m_needs[0] > 0


def test_a_footer_too_long_for_its_box_is_named(theme):
    problems = model_overflow(_deck(footer=LONG * 3), theme)
    assert problems == ["l.md:1: the footer does not fit its box on one line"]


# ------------------------------------------------------------------------------------- the built file


def _pptx(path: Path, height_pt: float, size_pt: int = 20, text: str = LONG) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = slide.shapes.add_textbox(Pt(20), Pt(20), Pt(200), Pt(height_pt)).text_frame
    frame.text = text
    frame.paragraphs[0].runs[0].font.size = Pt(size_pt)
    table = slide.shapes.add_table(2, 1, Pt(300), Pt(20), Pt(120), Pt(120)).table
    table.cell(0, 0).text = "Head"
    table.cell(1, 0).text = "cell"
    prs.save(path)
    return path


def test_a_built_box_that_fits_has_no_problems(theme, tmp_path):
    assert FileMeasure(theme, []).problems(_pptx(tmp_path / "d.pptx", 400)) == []


def test_a_built_box_too_small_is_named_at_the_line_of_its_item(theme, tmp_path):
    deck = _pptx(tmp_path / "d.pptx", 30)
    items = [Item("sentence", "A sentence long enough", SourcePos("l.md", 11))]
    problems = FileMeasure(theme, items).problems(deck)
    assert len(problems) == 1
    assert problems[0].startswith("l.md:11: slide 1: “A sentence long enough to wrap over sev…” needs ")
    assert FileMeasure(theme, []).problems(deck)[0].startswith(f"{deck}: slide 1: ")


def test_larger_text_needs_more_height(theme, tmp_path):
    m = FileMeasure(theme, [])
    heights = []
    for size in (12, 24):
        tf = next(s for s in Presentation(_pptx(tmp_path / f"{size}.pptx", 400, size)).slides[0].shapes
                  if s.has_text_frame).text_frame
        heights.append(m.frame_height(tf, 200.0))
    assert heights[1] > heights[0]


def test_a_table_cell_too_short_is_named(theme, tmp_path):
    path = _pptx(tmp_path / "d.pptx", 400)
    prs = Presentation(path)
    table = next(s for s in prs.slides[0].shapes if s.has_table).table
    table.cell(1, 0).text = LONG
    prs.save(path)
    problems = FileMeasure(theme, []).problems(path)
    assert len(problems) == 1 and f"{path}: slide 1: table cell “A sentence long" in problems[0]
