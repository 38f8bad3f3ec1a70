"""Pictures: scaled to the room left, centred, never split; a missing one is a box with its alt text."""
from __future__ import annotations

import pytest
from test_metrics import POS, fake_metrics

from slidegen.model import Box, Image, ImageFrame, Run, TextFrame, TextPara
from slidegen.paginate import image, text
from slidegen.paginate.flow import Flow
from slidegen.paginate.items import TextGroup


@pytest.fixture
def wide(tmp_path) -> Image:
    from PIL import Image as PILImage

    path = tmp_path / "wide.png"
    PILImage.new("RGB", (200, 100)).save(path)
    return Image("wide.png", "a wide picture", path, POS)


def flow(h: float = 100.0) -> Flow:
    return Flow(fake_metrics(), Box(0, 0, 100, h), 10.0, lambda picture: f"missing: {picture.alt}")


def pictures(f: Flow) -> list[list[ImageFrame]]:
    return [[frame for frame in page.frames if isinstance(frame, ImageFrame)] for page in f.pages]


def test_a_pictures_shape_sets_its_height(wide):
    assert image.ratio(wide) == 0.5
    assert image.height(wide, 80) == 40
    assert image.ratio(Image("gone.png", "", None, POS)) == image.DEFAULT_RATIO
    assert image.split_points(wide) == ()


def test_a_picture_is_scaled_to_the_room_left_and_centred(wide):
    f = flow()
    f.place(lambda box: TextFrame((), box, 10.0), 42)  # 48 pt left below it: more than 45% of the area
    image.place(f, wide)
    frame = pictures(f)[0][0]
    assert (frame.box.x, frame.box.y, frame.box.w, frame.box.h) == (2, 52, 96, 48)


def test_a_picture_starts_a_new_slide_when_little_room_is_left(wide):
    f = flow()
    text.place(f, TextGroup(tuple(TextPara((Run("x"),), pos=POS) for _ in range(4))))  # 70 pt; 20 left
    image.place(f, wide)
    assert [len(page) for page in pictures(f)] == [0, 1] and pictures(f)[1][0].box.w == 100


def test_a_missing_picture_is_a_box_with_its_alt_text():
    f = flow()
    image.place(f, Image("gone.png", "chart", None, POS))
    frame = pictures(f)[0][0]
    assert frame.caption == "missing: chart" and frame.size_pt == 10.0
    assert frame.box.h == 10 + 2 * 10  # one line (70 pt in 80) inside the box padding


def test_a_caption_keeps_room_under_its_picture():
    from slidegen.model import Run, TextPara
    from slidegen.paginate.items import TextGroup, is_caption

    assert is_caption(TextGroup((TextPara((Run("Figure 3. The pipeline"),)),)))
    assert is_caption(TextGroup((TextPara((Run("그림 4. 어텐션"),)),)))
    assert is_caption(TextGroup((TextPara((Run("an italic line", italic=True),)),)))
    assert not is_caption(TextGroup((TextPara((Run("Figures are useful."),)),)))
    for credit in ("이미지 출처: Wei et al. (2022)", "Image Source: Kojima et al.", "그림 출처: 논문", "Credit: NASA",
                   "Image credits: x", "출처: 위키백과"):  # a picture's credit line stays under it
        assert is_caption(TextGroup((TextPara((Run(credit),)),))), credit
    assert not is_caption(TextGroup((TextPara((Run("이미지는 중요합니다."),)),)))


@pytest.mark.parametrize("size", [26.0, 24.0, 22.0, 20.0, 18.0])
def test_a_tall_picture_and_its_credit_line_share_the_slide_at_every_size(tmp_path, size):
    """The picture is scaled to the room its caption leaves; the caption then fitted that room only up
    to floating-point rounding, and at some sizes (26 and 22 pt on a real page) it went to the next
    slide alone."""
    from PIL import Image as PILImage

    from slidegen.metrics import Metrics
    from slidegen.paginate.content import flow_items
    from slidegen.paginate.items import flatten
    from slidegen.model import Paragraph
    from slidegen.theme import load_theme
    from conftest import ROOT

    path = tmp_path / "tall.png"
    PILImage.new("RGB", (1234, 987)).save(path)
    theme = load_theme(ROOT / "templates", "ko")
    blocks = (Image("tall.png", "그림", path, POS), Paragraph((Run("이미지 출처: Kojima et al. (2022)"),), POS),
              Paragraph((Run("다음 글입니다. " * 40),), POS))
    result = flow_items(Metrics(theme), flatten(blocks), theme.box("content.body"), size, lambda i: i.alt)
    first = result.pages[0].frames
    assert [type(f).__name__ for f in first][:2] == ["ImageFrame", "TextFrame"]
    assert first[1].paras[0].runs[0].text.startswith("이미지 출처")


def test_a_picture_of_an_asked_width_keeps_it_and_stays_on_the_slide(tmp_path):
    """`<img src="icon.png" width="20">` in a list item filled a whole slide of its own."""
    from PIL import Image as PILImage

    from conftest import ROOT

    from slidegen.paginate.deck import Paginator
    from slidegen.parse import parse_file
    from slidegen.theme import load_theme

    PILImage.new("RGB", (600, 400), "navy").save(tmp_path / "icon.png")
    lesson = tmp_path / "icon.md"
    lesson.write_text('# T\n\n## A\n\n1. Press <img src="icon.png" alt="the icon" width="20"> to start.\n2. Wait.\n',
                      encoding="utf-8")
    parsed = parse_file(lesson)
    deck = Paginator(parsed, load_theme(ROOT / "templates", parsed.lang)).deck()
    (slide,) = [s for s in deck.slides if any(isinstance(f, ImageFrame) for f in s.frames)]
    (frame,) = [f for f in slide.frames if isinstance(f, ImageFrame)]
    assert abs(frame.box.w - 15.0) < 0.01 and len(slide.frames) >= 2  # 20 px = 15 pt, with the list around it
