"""The flow, text and admonitions at 10 pt with the half-em fake face: a character is 5 pt, a line
10 pt, so a 100 pt wide area holds 20 characters a line and a 25 pt tall one two lines."""
from __future__ import annotations

from test_metrics import POS, fake_metrics

from slidegen.model import Box, CalloutFrame, Run, TextFrame, TextPara
from slidegen.paginate import callout, text
from slidegen.paginate.flow import Flow
from slidegen.paginate.items import CalloutGroup, TextGroup

# three sentences of 19 characters (95 pt): one line each in a 100 pt wide area
S1, S2, S3 = "Aaaaaaaaaaaaaaaaaa.", "Bbbbbbbbbbbbbbbbbb.", "Cccccccccccccccccc."


def flow(h: float, w: float = 100.0) -> Flow:
    return Flow(fake_metrics(), Box(0, 0, w, h), 10.0, lambda image: f"missing {image.src}")


def para(words: str, **kw) -> TextPara:
    return TextPara((Run(words),), pos=POS, **kw)


def frames(f: Flow, kind=TextFrame) -> list[list]:
    f.close_text()
    return [[frame for frame in page.frames if isinstance(frame, kind)] for page in f.pages]


# -- the flow


def test_frames_stack_a_gap_apart_and_room_shrinks():
    f = flow(100)
    assert f.free_height() == 100 and f.next_top() == 0
    f.place(lambda box: TextFrame((), box, 10.0), 30)
    assert f.next_top() == 40 and f.free_height() == 60  # 10 pt frame gap
    assert f.should_move(70) and not f.should_move(60) and not f.should_move(101)  # too tall anywhere: stays


def test_indented_frames_are_set_in_then_the_area_comes_back():
    f = flow(100)
    with f.indented(20):
        assert (f.area.x, f.area.w) == (20, 80)
    assert (f.area.x, f.area.w) == (0, 100)


# -- text


def test_a_paragraph_may_split_after_each_sentence():
    assert text.split_points(para(f"{S1} {S2} {S3}")) == [20, 40, 59]
    assert text.split_points(para("ab cd"), by_words=True) == [3, 5]


def test_split_keeps_the_sentences_that_fit_the_room():
    head, tail = text.split(flow(100), para(f"{S1} {S2} {S3}"), room=25)  # two lines fit
    assert head.runs == (Run(f"{S1} {S2}"),) and tail.runs == (Run(S3),)
    assert text.split(flow(100), para(f"{S1} {S2}"), room=5) == (None, None)


def test_a_long_paragraph_continues_on_the_next_slide():
    f = flow(25, w=120)  # the number hangs in a 20 pt indent: 100 pt lines, one sentence each
    text.place(f, TextGroup((para(f"{S1} {S2} {S3}", marker="1."),)))
    pages = frames(f)
    assert [[p.runs[0].text for frame in page for p in frame.paras] for page in pages] == [[f"{S1} {S2}"], [S3]]
    assert pages[1][0].paras[0].marker is None  # the number is not repeated on the continuation


def test_a_group_moves_whole_to_the_next_slide_when_it_fits_there():
    f = flow(30)
    text.place(f, TextGroup((para(f"{S1} {S2}"),)))  # 20 pt
    text.place(f, TextGroup((para(S1), para(S2))))  # 10 + 10 + 10 between: 30 pt, only on a slide of its own
    assert [[len(frame.paras) for frame in page] for page in frames(f)] == [[1], [2]]


def test_only_a_sentence_larger_than_a_slide_breaks_between_words():
    f = flow(20)  # two lines; "aaaaaaaaa" is 45 pt: two words a line, so six words need three lines
    text.place(f, TextGroup((para(" ".join(["aaaaaaaaa"] * 6)),)))
    assert [sum(len(p.runs[0].text.split()) for frame in page for p in frame.paras) for page in frames(f)] == [4, 2]
    assert any("too long for one slide" in message for _pos, message in f.warnings)


# -- admonitions


def group(*texts: str) -> CalloutGroup:
    return CalloutGroup("note", (Run("Title"),), tuple(para(t) for t in texts), POS)


def test_an_admonitions_height_is_title_and_paragraphs_inside_the_padding():
    m = fake_metrics()
    title = callout.title_para(m, group("x"))
    assert title.style == "heading" and title.runs == (Run("Title", bold=True),)
    # inside 10 pt padding on each side: title line, one paragraph line, 10 pt between
    assert callout.height(m, title, [para("x")], 100, 10) == 10 + 10 + 10 + 2 * 10
    assert callout.title_para(m, CalloutGroup("tip", (), (), POS)).runs[0].text  # the theme's word for the kind


def test_an_admonition_splits_between_paragraphs_with_its_title_repeated_and_marked():
    f = flow(70)  # title and two paragraphs: 30 pt lines + 20 between + 20 padding = 70
    callout.place(f, group("one", "two", "three"))
    boxes = [frame for page in frames(f, CalloutFrame) for frame in page]
    assert [[p.runs[0].text for p in box.paras] for box in boxes] == [["one", "two"], ["three"]]
    assert boxes[0].title == (Run("Title", bold=True),)
    assert boxes[1].title[0].text.startswith("Title") and boxes[1].title[0].text != "Title"
    assert callout.split_points(group("a", "b", "c")) == range(1, 3)
    assert callout.split([para("a"), para("b")], lambda ps: len(ps) < 2) == [para("a")]


def test_a_box_holding_code_sets_it_inside_on_every_slide():
    from slidegen.model import Code
    from slidegen.paginate.content import place_items
    from slidegen.paginate.items import BoxGroup, TextGroup

    f = flow(200)
    code = Code("\n".join(f"line {i}" for i in range(12)), "text", POS)
    box = BoxGroup("tip", (Run("Title"),), (TextGroup((para("Run this:"),), True), code, TextGroup((para("then"),))), POS)
    place_items(f, [box])
    f.close_text()
    for page in f.pages:
        boxes = [fr for fr in page.frames if isinstance(fr, CalloutFrame)]
        assert len(boxes) == 1, "one box frame behind its items on each slide"
        outer = boxes[0].box
        for inner in page.frames:
            if inner is not boxes[0]:
                assert outer.x <= inner.box.x and inner.box.x + inner.box.w <= outer.x + outer.w
                assert outer.y < inner.box.y and inner.box.bottom <= outer.bottom
    assert len(f.pages) >= 2


def test_a_list_item_that_fits_a_slide_moves_whole_rather_than_be_cut():
    item = para(f"{S1} {S2}", marker="•")
    m = fake_metrics()
    f = flow(m.paras_height((para(S3), para(S3), para(S3)), 100, 10.0))  # three one-line paragraphs
    assert m.paras_height((item,), 100, 10.0) <= f.area.h
    text.place(f, TextGroup((para(S3), para(S3), item)))
    pages = [[p.runs[0].text for frame in page for p in frame.paras] for page in frames(f)]
    assert pages[-1] == [f"{S1} {S2}"], pages


def test_a_lead_in_inside_a_group_goes_to_the_slide_of_what_it_introduces():
    f = flow(35)
    group = TextGroup((para(S1), para(S2), para("Vanishing:"), para(f"{S1} {S2}")))
    text.place(f, group)
    pages = [[p.runs[0].text for frame in page for p in frame.paras] for page in frames(f)]
    assert any(page[:1] == ["Vanishing:"] for page in pages), pages
