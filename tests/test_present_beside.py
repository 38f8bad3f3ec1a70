"""A picture beside its text (issue 14): a run of one tall picture and two sentences is one slide in
the master's two content layout, picture and text side by side; a wide picture stays stacked."""
from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from pptx import Presentation

from slidegen.build import build_deck, lesson_and_deck
from slidegen.model import ImageFrame, Layout, TextFrame
from slidegen.paginate import paginate
from slidegen.parse import parse_text
from slidegen.theme import load_theme

from conftest import FIXTURES, ROOT

PRESENT = FIXTURES / "present"
TEMPLATES = ROOT / "templates"
TWO_SENTENCES = "This figure shows the flow from input to output. The middle layer does most of the work."


def lesson_with_picture(tmp_path: Path, size: tuple[int, int], caption: str = ""):
    PILImage.new("RGB", size, "#2563EB").save(tmp_path / "p.png")
    text = f"## Picture\n\n![a picture](p.png)\n\n{caption}{TWO_SENTENCES}\n"
    return parse_text(text, tmp_path / "lesson.md")


def content_slides(deck):
    return [s for s in deck.slides if s.layout not in (Layout.TITLE, Layout.SECTION, Layout.CLOSING, Layout.AGENDA)]


def test_a_tall_picture_and_two_sentences_share_a_two_content_slide(tmp_path):
    deck_path = build_deck(PRESENT / "picture-text.md", tmp_path, TEMPLATES)
    slides = [s for s in Presentation(deck_path).slides if s.slide_layout.name == "two content"]
    assert len(slides) == 1
    shapes = slides[0].shapes
    picture = next(sh for sh in shapes if sh.shape_type == 13)
    text = next(sh for sh in shapes if sh.has_text_frame and "세 층" in sh.text_frame.text)
    assert picture.left + picture.width <= text.left  # side by side, the picture first as in the lesson
    assert picture.height > text.height


def test_the_model_puts_the_picture_in_its_column(tmp_path):
    _lesson, deck, theme = lesson_and_deck(PRESENT / "picture-text.md", TEMPLATES)
    (slide,) = content_slides(deck)
    assert slide.layout == Layout.TWO_CONTENT
    image = next(f for f in slide.frames if isinstance(f, ImageFrame))
    text = next(f for f in slide.frames if isinstance(f, TextFrame))
    left, right = theme.box("two content.left"), theme.box("two content.right")
    assert left.x <= image.box.x and image.box.x + image.box.w <= left.x + left.w
    assert text.box.x == right.x and text.box.w == right.w


def test_a_wide_picture_stays_stacked(tmp_path):
    deck = paginate(lesson_with_picture(tmp_path, (1200, 500)), load_theme(TEMPLATES, "en"))
    assert all(s.layout != Layout.TWO_CONTENT for s in deck.slides)


def test_text_first_puts_the_picture_right_and_a_caption_stays_under_it(tmp_path):
    PILImage.new("RGB", (300, 600), "#2563EB").save(tmp_path / "p.png")
    text = f"## Picture\n\n{TWO_SENTENCES}\n\n![a picture](p.png)\n\n*Figure 1. The layers*\n"
    deck = paginate(parse_text(text, tmp_path / "lesson.md"), load_theme(TEMPLATES, "en"))
    (slide,) = [s for s in deck.slides if s.layout == Layout.TWO_CONTENT]
    image = next(f for f in slide.frames if isinstance(f, ImageFrame))
    texts = [f for f in slide.frames if isinstance(f, TextFrame)]
    caption = next(f for f in texts if "Figure 1" in f.paras[0].runs[0].text)
    body = next(f for f in texts if f is not caption)
    assert body.box.x < image.box.x and caption.box.y >= image.box.bottom


def test_a_long_text_stays_stacked(tmp_path):
    long = " ".join([TWO_SENTENCES] * 12)
    PILImage.new("RGB", (300, 600), "#2563EB").save(tmp_path / "p.png")
    deck = paginate(parse_text(f"## P\n\n![a](p.png)\n\n{long}\n", tmp_path / "l.md"), load_theme(TEMPLATES, "en"))
    assert all(s.layout != Layout.TWO_CONTENT for s in deck.slides)


def placeholder_idx(shape) -> int | None:
    return shape.placeholder_format.idx if shape.is_placeholder else None


def test_the_text_beside_a_picture_is_in_its_column_s_placeholder_after_the_picture(tmp_path):
    """The text takes the layout's placeholder of the column it stands in (so the slide's outline and a
    change of layout in PowerPoint keep it), and comes after the picture in the shapes' (reading) order."""
    deck_path = build_deck(PRESENT / "picture-text.md", tmp_path, TEMPLATES)
    (slide,) = [s for s in Presentation(deck_path).slides if s.slide_layout.name == "two content"]
    shapes = list(slide.shapes)
    picture = next(i for i, sh in enumerate(shapes) if sh.shape_type == 13)
    text = next(i for i, sh in enumerate(shapes) if sh.has_text_frame and "세 층" in sh.text_frame.text)
    assert picture < text and shapes[text].is_placeholder
    right = max((ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.idx != 0),
                key=lambda ph: ph.left)
    assert placeholder_idx(shapes[text]) == right.placeholder_format.idx
    assert not [sh for sh in shapes if sh.is_placeholder and not sh.has_text_frame]  # no empty prompt left


def test_text_after_a_code_block_takes_the_body_placeholder_in_reading_order(tmp_path):
    lesson = tmp_path / "lesson.md"
    lesson.write_text("## Code first\n\n```python\nprint('hi')\n```\n\nThen read what it printed.\n", encoding="utf-8")
    slides = [s for s in Presentation(build_deck(lesson, tmp_path, TEMPLATES)).slides
              if any(sh.name.startswith("Code") for sh in s.shapes)]
    shapes = list(slides[0].shapes)
    code = next(i for i, sh in enumerate(shapes) if sh.name.startswith("Code"))
    text = next(i for i, sh in enumerate(shapes) if sh.has_text_frame and "Then read" in sh.text_frame.text)
    assert code < text and shapes[text].is_placeholder


def test_a_long_caption_never_gives_a_frame_a_negative_size(tmp_path):
    """A caption (a MyST figure's) too long to leave its picture room beside the text: stacked, every
    frame inside the slide, the caption under its picture."""
    PILImage.new("RGB", (300, 600), "#2563EB").save(tmp_path / "p.png")
    caption = " ".join(["(a) the data set, (b) the ground truth, (c) five per cent of the labels"] * 5)
    text = f"## Picture\n\n{TWO_SENTENCES}\n\n```{{figure}} p.png\n:alt: layers\n\n{caption}\n```\n"
    deck = paginate(parse_text(text, tmp_path / "lesson.md"), load_theme(TEMPLATES, "en"))
    frames = [f for s in deck.slides for f in s.frames]
    assert all(f.box.w > 0 and f.box.h > 0 for f in frames)
    image = next(f for f in frames if isinstance(f, ImageFrame))
    under = next(f for f in frames if isinstance(f, TextFrame) and f.paras[0].runs[0].text.startswith("(a)"))
    assert under.paras[0].runs[0].italic and under.box.y >= image.box.bottom
