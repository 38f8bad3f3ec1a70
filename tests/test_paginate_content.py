"""One run of content: the body size, lead-ins kept with what they introduce, and grown sizes."""
from __future__ import annotations

from test_metrics import POS, fake_metrics

from slidegen.model import Box, Code, CodeFrame, Run, TextPara
from slidegen.paginate import content
from slidegen.paginate.items import Notes, PageBreak, TextGroup

from conftest import ROOT

AREA = Box(0, 0, 100, 100)


def group(*texts: str, keep: bool = False) -> TextGroup:
    return TextGroup(tuple(TextPara((Run(t),), pos=POS) for t in texts), keep_with_next=keep)


def best(items, **sizes):
    return content.best_flow(fake_metrics(**sizes), items, AREA, lambda image: "")


def test_the_largest_body_size_that_needs_no_more_slides_wins():
    # four one-line paragraphs: at 10 pt 40 + 30 between = 70 pt; at 20 pt 80 + 30 = 110 pt, two slides
    items = [group("a", "b", "c", "d")]
    assert best(items, body=[20, 10]).size == 10.0
    assert best(items, body=[30, 20, 15, 10]).size == 15.0  # 60 + 30 = 90 pt: one slide, like 10 pt
    # once the smallest size needs two slides, the largest size with two slides wins
    assert len(best([group("a", "b"), PageBreak(POS), group("c")], body=[20, 10]).pages) == 2
    assert best([group("a", "b"), PageBreak(POS), group("c")], body=[20, 10]).size == 20.0


def test_notes_go_with_the_slide_they_follow():
    flow = best([group("a"), Notes("say this", POS), PageBreak(POS), group("b")], body=[10])
    assert [page.notes for page in flow.pages] == [["say this"], []]


def test_a_lead_in_moves_with_the_code_it_introduces():
    code = Code("1\n2\n3\n", "text", POS)  # 3 lines at 16 pt in 20 pt of padding: 68 pt
    # the lead-in would fit at the foot of the first slide (90 pt of text), the code not: both move on
    items = [group("a", "b", "c", "d", "e"), group("Like this:", keep=True), code]
    flow = best(items, body=[10])
    assert len(flow.pages) == 2
    second = flow.pages[1].frames
    assert second[0].paras[0].runs[0].text == "Like this:" and isinstance(second[1], CodeFrame)


def test_code_grows_only_where_no_slide_is_added():
    code = Code("x = 1\ny = 2\n", "python", POS)
    flow = best([group("a"), code], body=[10])
    assert [f.size_pt for f in flow.pages[0].frames if isinstance(f, CodeFrame)] == [20.0]
    assert content.layout_of(flow.pages[0].frames).value == "content"


def test_runs_of_a_section_share_one_body_size_when_it_costs_no_slide(tmp_path):
    from slidegen.build import lesson_and_deck
    from slidegen.model import TextFrame

    long = " ".join(f"Sentence number {i} explains one more thing about the topic." for i in range(40))
    lesson = tmp_path / "sizes.md"
    lesson.write_text(f"# Sizes\n\n## Part\n\n### Long\n\n{long}\n\n### Short\n\nOne short sentence.\n", encoding="utf-8")
    _lesson, deck, _theme = lesson_and_deck(lesson, ROOT / "templates")
    sizes = {frame.size_pt for slide in deck.slides if slide.section == "Part"
             for frame in slide.frames if isinstance(frame, TextFrame)}
    assert len(sizes) == 1, sizes


def test_a_last_slide_with_one_line_under_a_full_one_is_balanced():
    # six one-line paragraphs at 10 pt: five fill a slide (90 pt), the sixth would stand alone (10 pt)
    flow = best([group("a", "b", "c", "d", "e", "f")], body=[10])
    counts = [len(page.frames[0].paras) for page in flow.pages if not page.empty]
    assert counts == [3, 3]


def test_balancing_never_adds_a_slide_nor_touches_a_fuller_last_slide():
    flow = best([group("a", "b", "c", "d", "e", "f", "g", "h")], body=[10])  # 5 + 3: the last is not bare
    assert [len(page.frames[0].paras) for page in flow.pages if not page.empty] == [5, 3]
