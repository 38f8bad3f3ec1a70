"""SVG drawings: their shape read from the file, drawn in the deck as PowerPoint stores them (a PNG blip
with the SVG in an `asvg:svgBlip` extension), cleaned of anything that reaches outside the drawing, and
drawn in the handout by WeasyPrint."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Emu

from slidegen import pictures
from slidegen.build import build_deck
from slidegen.verify.openxml import open_xml_errors

from conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "templates"
SVG_FIXTURES = FIXTURES / "svg"
ASVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def svg_file(tmp_path: Path, text: str, name: str = "d.svg") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("attributes, size", [
    ('viewBox="0 0 640 200"', (640, 200)),
    ('width="6cm" height="9cm" viewBox="0 0 60 90"', (6 * 96 / 2.54, 9 * 96 / 2.54)),
    ('width="300" viewBox="0,0,600,200"', (300, 100)),
    ('width="100%" height="100%" viewBox="0 0 40 30"', (40, 30)),
    ('width="72pt" height="36pt"', (96, 48)),
])
def test_the_drawing_size_comes_from_width_height_or_viewbox(tmp_path, attributes, size):
    path = svg_file(tmp_path, f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="1" height="1"/></svg>')
    assert pictures.svg_size(path) == pytest.approx(size)
    assert pictures.ratio(path) == pytest.approx(size[1] / size[0])


@pytest.mark.parametrize("text", [
    "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",  # no size at all
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10'/>",
    "<html><body>not a drawing</body></html>",
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect",  # cut short
])
def test_a_drawing_without_a_readable_shape_takes_the_default(tmp_path, text):
    assert pictures.ratio(svg_file(tmp_path, text)) == pictures.DEFAULT_RATIO


def pictures_of(deck: Path):
    """(picture shape, its PNG blip bytes, its SVG part bytes or None) for each picture of the deck."""
    found = []
    for slide in Presentation(deck).slides:
        for shape in slide.shapes:
            if shape.shape_type != 13:  # MSO_SHAPE_TYPE.PICTURE
                continue
            blip = shape._element.blipFill.find("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
            svg_blip = blip.find(f".//{ASVG}")
            svg = None if svg_blip is None else slide.part.related_part(svg_blip.get(R_EMBED))
            found.append((shape, shape.image.blob, svg))
    return found


@pytest.fixture(scope="module")
def drawings_deck(tmp_path_factory):
    return build_deck(SVG_FIXTURES / "drawings.md", tmp_path_factory.mktemp("svg"), TEMPLATES)


def test_each_drawing_is_a_png_with_its_svg_beside_it(drawings_deck):
    found = pictures_of(drawings_deck)
    assert len(found) == 2
    for shape, png, svg in found:
        assert svg is not None and svg.content_type == "image/svg+xml"
        assert etree.fromstring(svg.blob).tag == "{http://www.w3.org/2000/svg}svg"
        with PILImage.open(io.BytesIO(png)) as fallback:
            assert fallback.format == "PNG"
            # the fallback has the picture's shape, at about twice its size on the slide (in CSS px)
            assert fallback.height / fallback.width == pytest.approx(shape.height / shape.width, rel=0.02)
            assert fallback.width == pytest.approx(2 * Emu(shape.width).pt * 96 / 72, rel=0.02)
            assert fallback.getextrema()[3][0] == 0  # transparent where the drawing draws nothing


def test_a_drawing_keeps_its_shape_on_the_slide(drawings_deck):
    for (shape, _png, _svg), name in zip(pictures_of(drawings_deck), ("pipeline.svg", "tall.svg")):
        assert shape.height / shape.width == pytest.approx(pictures.ratio(SVG_FIXTURES / "img" / name), rel=0.01)
        assert shape._element.nvPicPr.cNvPr.get("descr")  # its alt text


def test_a_deck_with_drawings_validates(drawings_deck):
    assert open_xml_errors(drawings_deck) in ([], None)
    with zipfile.ZipFile(drawings_deck) as package:
        types = package.read("[Content_Types].xml").decode()
    assert 'ContentType="image/svg+xml"' in types


HOSTILE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="200" height="100" onload="alert(1)">
  <style>@import url(http://example.com/a.css); rect { fill: url(http://example.com/p.svg#x) }</style>
  <script>alert(2)</script>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <image href="http://example.com/track.png" width="10" height="10"/>
  <use href="#dot"/>
  <circle id="dot" cx="50" cy="50" r="40" fill="#c33" onclick="steal()" style="fill: url(https://x.test/f)"/>
</svg>
"""


def test_a_drawing_is_cleaned_of_everything_that_reaches_outside_it(tmp_path):
    svg_file(tmp_path, HOSTILE, "hostile.svg")
    lesson = tmp_path / "hostile.md"
    lesson.write_text("---\ntitle: Hostile\n---\n\n## A\n\n![a red dot](hostile.svg)\n", encoding="utf-8")
    (_shape, _png, svg), = pictures_of(build_deck(lesson, tmp_path / "out", TEMPLATES))
    text = svg.blob.decode()
    for gone in ("onload", "onclick", "<script", "alert", "example.com", "x.test", "file:", "@import"):
        assert gone not in text, gone
    assert 'href="#dot"' in text and "<circle" in text


def test_a_broken_drawing_shows_its_alt_text_with_a_warning(tmp_path, caplog):
    svg_file(tmp_path, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect", "broken.svg")
    lesson = tmp_path / "broken.md"
    lesson.write_text("---\ntitle: Broken\n---\n\n## A\n\n![the missing chart](broken.svg)\n", encoding="utf-8")
    deck = build_deck(lesson, tmp_path / "out", TEMPLATES)
    assert any("broken.md:7" in r.getMessage() and "broken.svg" in r.getMessage() for r in caplog.records)
    texts = [shape.text_frame.text for slide in Presentation(deck).slides for shape in slide.shapes
             if shape.name == "Missing image"]
    assert texts == ["[Image: the missing chart]"]
    assert open_xml_errors(deck) in ([], None)


def test_an_entity_bomb_in_a_drawing_is_refused_not_expanded(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(9))
    path = svg_file(tmp_path, f'<!DOCTYPE svg [{laughs}]><svg xmlns="http://www.w3.org/2000/svg" width="5" '
                              'height="5"><text>&l8;</text></svg>')
    assert pictures.problem(path) == "not a well-formed SVG drawing"


def test_a_small_entity_stays_a_reference_and_the_copy_is_well_formed(tmp_path):
    path = svg_file(tmp_path, '<!DOCTYPE svg [<!ENTITY x "text">]><svg xmlns="http://www.w3.org/2000/svg" '
                              'width="5" height="5"><text>&x;</text></svg>')
    from slidegen.render_pptx.svg import cleaned_svg

    assert etree.fromstring(cleaned_svg(pictures.svg_root(path))).tag.endswith("svg")


def lesson_with_picture(tmp_path: Path, picture: str, alt: str = "the sales chart") -> Path:
    lesson = tmp_path / "pictures.md"
    lesson.write_text(f"---\ntitle: Pictures\n---\n\n## A\n\n![{alt}]({picture})\n", encoding="utf-8")
    return lesson


def missing_texts(deck: Path) -> list[str]:
    return [shape.text_frame.text for slide in Presentation(deck).slides for shape in slide.shapes
            if shape.name == "Missing image"]


def test_a_file_that_is_not_a_picture_shows_its_alt_text(tmp_path, caplog):
    (tmp_path / "chart.png").write_text("not a picture at all")
    deck = build_deck(lesson_with_picture(tmp_path, "chart.png"), tmp_path / "out", TEMPLATES)
    assert missing_texts(deck) == ["[Image: the sales chart]"]
    assert any("pictures.md:7" in r.getMessage() and "Pillow" in r.getMessage() for r in caplog.records)


def test_a_picture_with_too_many_pixels_is_not_decoded(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pictures, "MAX_PIXELS", 100)
    PILImage.new("RGB", (20, 10), "red").save(tmp_path / "wide.png")
    deck = build_deck(lesson_with_picture(tmp_path, "wide.png"), tmp_path / "out", TEMPLATES)
    assert missing_texts(deck) == ["[Image: the sales chart]"]
    assert any("20 × 10 pixels" in r.getMessage() for r in caplog.records)


def test_a_webp_picture_goes_into_the_deck_as_png(tmp_path):
    PILImage.new("RGB", (40, 20), "blue").save(tmp_path / "photo.webp", format="WEBP")
    deck = build_deck(lesson_with_picture(tmp_path, "photo.webp"), tmp_path / "out", TEMPLATES)
    (shape, png, svg), = pictures_of(deck)
    assert svg is None and png.startswith(b"\x89PNG") and shape.height / shape.width == pytest.approx(0.5, rel=0.01)
    assert open_xml_errors(deck) in ([], None)


def test_the_handout_draws_the_drawing_as_vectors(tmp_path):
    import pdfplumber

    from slidegen.build import build_handout

    handout = build_handout(SVG_FIXTURES / "drawings.md", tmp_path, TEMPLATES)
    with pdfplumber.open(handout) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        drawn = sum(len(page.rects) + len(page.curves) for page in pdf.pages)
    assert "쪽 나누기" in text and "PPTX" in text  # the drawing's own labels, as text
    assert drawn >= 4


def test_cleaning_takes_linear_time_on_hostile_css(tmp_path):
    """Runs of `url(` without a closing bracket, and lengths of many digits, are scanned once (a
    backtracking pattern took minutes on these; no timing is asserted, the test would not end)."""
    from slidegen.render_pptx.svg import inside_urls_only

    assert inside_urls_only("url(" * 200_000) == "none"
    assert inside_urls_only("a url(#x) b url( 'http://e.test/' ) c") == "a url(#x) b none c"
    assert pictures.css_px("1" * 100_000 + "x") is None
