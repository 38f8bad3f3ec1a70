"""verify.overflow_render: autofit stripped, shapes' areas and glyph owners, on a tiny .pptx written by
python-pptx in the test; one LibreOffice render of it (`render`)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import needs_soffice
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt

from slidegen.verify.overflow_render import (
    TOLERANCE_PT,
    ShapeArea,
    assign_owners,
    chars_outside,
    outside_on_page,
    render_decks,
    shape_areas,
    strip_autofit,
)


def _pptx(path: Path, text: str = "Inside the box", left_pt: float = 20, autofit=MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(left_pt), Pt(30), Pt(300), Pt(60))
    box.text_frame.text = text
    box.text_frame.auto_size = autofit
    table = slide.shapes.add_table(1, 1, Pt(400), Pt(300), Pt(100), Pt(40))
    table.table.cell(0, 0).text = "cell"
    prs.save(path)
    return path


def _slide_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("ppt/slides/slide1.xml").decode()


def test_strip_autofit_turns_shrink_on_overflow_off(tmp_path):
    src = _pptx(tmp_path / "a.pptx")
    assert "normAutofit" in _slide_xml(src)
    strip_autofit(src, tmp_path / "b.pptx")
    xml = _slide_xml(tmp_path / "b.pptx")
    assert "normAutofit" not in xml and "noAutofit" in xml


def test_strip_autofit_keeps_a_stored_scale(tmp_path):
    src = _pptx(tmp_path / "a.pptx")
    prs = Presentation(src)
    prs.slides[0].shapes[0].text_frame._bodyPr.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit").set("fontScale", "50000")
    prs.save(src)
    strip_autofit(src, tmp_path / "b.pptx")
    assert 'fontScale="50000"' in _slide_xml(tmp_path / "b.pptx")


def test_shape_areas_are_boxes_in_points_with_the_tolerance(tmp_path):
    slides, width, height = shape_areas(_pptx(tmp_path / "a.pptx"))
    t = TOLERANCE_PT
    assert (width, height) == (720.0, 540.0)
    box, table = slides[0]
    assert box == ShapeArea("Insidethebox", (20 - t, 30 - t, 320 + t, 90 + t))
    assert table == ShapeArea("cell", (400 - t, 300 - t, 500 + t, 540 + t))  # a table may grow to the bottom


def test_glyphs_go_to_the_shape_whose_text_they_continue():
    assert assign_owners(list("•abcxyz"), ["abc", "xyz"]) == [None, 0, 0, 0, 1, 1, 1]
    assert assign_owners(list("ab"), ["ab"]) == [None, None]  # too short a run to be trusted


def test_a_glyph_outside_its_own_shape_counts():
    areas = [ShapeArea("abc", (0, 0, 100, 20)), ShapeArea("xyz", (0, 30, 100, 50))]
    char = lambda text, x, top: {"text": text, "x0": x, "top": top, "x1": x + 5, "bottom": top + 10}
    inside = [char(c, 10 * i, 5) for i, c in enumerate("abc")] + [char(c, 10 * i, 35) for i, c in enumerate("xyz")]
    assert outside_on_page(inside, areas, 720, 540) == []
    pushed = inside[:3] + [char("x", 0, 5), char("y", 10, 35), char("z", 20, 35)]  # x drawn in abc's box
    assert outside_on_page(pushed, areas, 720, 540) == ["x"]
    off_slide = [char(c, 10 * i, 5) for i, c in enumerate("abc")]
    assert outside_on_page(off_slide, [ShapeArea("abc", (0, 0, 900, 20))], 20, 540) == ["c"]  # b: within the tolerance


@pytest.mark.render
@needs_soffice()
def test_libreoffice_draws_text_pushed_off_the_slide_outside(tmp_path):
    inside = _pptx(tmp_path / "in.pptx")
    outside = _pptx(tmp_path / "out.pptx", "Far too long a line for this box " * 4, left_pt=600, autofit=MSO_AUTO_SIZE.NONE)
    pdfs = render_decks([inside, outside], tmp_path / "render")
    assert chars_outside(inside, pdfs[inside]) == (0, [])
    count, lines = chars_outside(outside, pdfs[outside])
    assert count > 0 and lines[0].startswith(f"{outside}: slide 1: {count} chars outside: ")
