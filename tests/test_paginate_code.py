"""Code blocks with the half-em fake face: a character is half an em, so a line of 20 characters is
10 em wide, and a block's lines are one em tall each inside 10 pt of padding top and bottom."""
from __future__ import annotations

from test_metrics import POS, fake_metrics

from slidegen.model import Box, Code, CodeFrame, Run, TextPara
from slidegen.paginate import code, text
from slidegen.paginate.flow import Flow
from slidegen.paginate.items import TextGroup


def block(lines: int, width: int = 4, title: str | None = None) -> Code:
    return Code("\n".join("x" * width for _ in range(lines)) + "\n", "python", POS, title)


def flow(h: float, w: float = 200.0) -> Flow:
    return Flow(fake_metrics(), Box(0, 0, w, h), 10.0, lambda image: "")


def placed(f: Flow) -> list[CodeFrame]:
    f.close_text()
    return [frame for page in f.pages for frame in page.frames if isinstance(frame, CodeFrame)]


def test_the_size_is_the_largest_at_which_the_longest_line_needs_no_wrapping():
    m = fake_metrics()
    longest = code.longest_line_ems(m, block(2, width=20))
    assert longest == 10.0
    # 170 pt wide, less 2 x 10 pt padding: 150 pt, so 10 em fit at 15 pt but not at 16
    assert code.code_size(m, longest, 170, (16.0, 15.0, 14.0)) == 15.0
    assert code.code_size(m, longest, 100, (16.0, 15.0, 14.0)) == 14.0  # none fits: the smallest, lines wrap


def test_wrapped_lines_and_the_height_of_a_box():
    m = fake_metrics()
    assert code.wrapped_lines(m, block(2, width=20), 100, 10.0) == [2, 2]  # 100 pt in 80
    c = block(3, title="main.py")
    assert code.height(m, c, [1, 1, 1], 10.0, 0) == 30 + 10 + 2 * 10  # lines, title, padding
    assert code.height(m, c, [1, 1], 10.0, 1) == 20 + 2 * 10  # a continuation has no title


def test_split_counts_the_lines_that_fit_the_room():
    m = fake_metrics()
    assert code.split(m, block(10), [1] * 10, 10.0, 0, 75) == 5  # 5 lines + 20 padding = 70
    assert code.split(m, block(10), [1] * 10, 10.0, 8, 75) == 2  # only two lines are left
    assert code.split_points(block(4)) == range(1, 4)


def test_a_block_taller_than_a_slide_splits_between_lines_at_its_size():
    f = flow(120)  # at 16 pt: (120 - 20) // 16 = 6 lines a box
    code.place(f, block(10))
    assert [(len(frame.lines), frame.size_pt) for frame in placed(f)] == [(6, 16.0), (4, 16.0)]


def test_a_block_starts_a_new_slide_rather_than_show_fewer_than_three_lines():
    f = flow(120)
    text.place(f, TextGroup(tuple(TextPara((Run("text"),), pos=POS) for _ in range(3))))  # 50 pt
    code.place(f, block(10))  # 120 - 50 - 10 gap leaves room for 2 lines: moved on
    assert [len(frame.lines) for frame in placed(f)] == [6, 4]
    assert [bool(page.frames and isinstance(page.frames[0], CodeFrame)) for page in f.pages] == [False, True, True]


def test_a_block_that_fits_whole_may_grow_to_a_reading_size():
    f = flow(300)
    f.grow = True
    code.place(f, block(3))
    assert [frame.size_pt for frame in placed(f)] == [20.0]  # the largest of code_grow
    assert code.grown_size(flow(300), block(3, width=30), 16.0, 15.0) == 16.0  # 15 em at 20 pt: too wide


def test_a_lead_in_holds_three_lines_of_code():
    m = fake_metrics()
    area = Box(0, 0, 200, 300)
    assert code.lead_height(m, block(10), area, 10.0) == 3 * 16 + 2 * 10
    assert code.lead_height(m, block(10), area, 10.0, whole=True) == 10 * 16 + 2 * 10


def test_a_split_leaves_three_lines_to_the_next_part():
    c = Code("\n".join(f"x{i}" for i in range(10)), "text", POS)
    assert code.natural_cut(c, 0, 9) == 7  # not 9 + a widow of 1


def test_a_split_prefers_a_blank_line_or_a_prompt():
    blank = Code("\n".join(["a", "b", "c", "d", "", "e", "f", "g", "h", "i", "j", "k"]), "text", POS)
    assert code.natural_cut(blank, 0, 7) == 5  # after the blank line
    session = Code("\n".join(["$ one", "out", "out", "$ two", "out", "out", "out", "$ three", "out", "out", "out"]), "console", POS)
    assert code.natural_cut(session, 0, 8) == 7  # before "$ three": the command stays with its output


def test_a_line_longer_than_a_slide_continues_on_the_next_slides_every_character_kept():
    """A minified file or a long base64 string wraps to more lines than a slide holds: it is cut into
    pieces that each fit a slide, instead of one box running off the first slide."""
    long_line = "".join(chr(97 + i % 26) for i in range(3000))
    c = Code(f"before = 1\nx = '{long_line}'\nafter = 2\n", "python", POS, marked=frozenset({1, 2}))
    f = flow(120.0)
    code.place(f, c)
    frames = placed(f)
    assert len(frames) > 3 and all(frame.box.y + frame.box.h <= 120.0 + 1e-6 for frame in frames)
    lines = [line for frame in frames for line in frame.lines]
    assert "".join(lines[1:-1]) == f"x = '{long_line}'" and lines[0] == "before = 1" and lines[-1] == "after = 2"
    marked = [frame.lines[i] for frame in frames for i in frame.marked]
    assert "".join(marked) == f"x = '{long_line}'after = 2"  # every piece of a highlighted line stays marked
