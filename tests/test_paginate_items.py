"""Flattening blocks into flow items, and cutting runs: pure, nothing measured."""
from __future__ import annotations

from slidegen.model import (
    Code,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Section,
    SourcePos,
    ThematicBreak,
)
from slidegen.paginate.items import (
    BULLETS,
    Nested,
    PageBreak,
    TextGroup,
    bullet,
    flatten,
    introduces_next,
    section_items,
)
from slidegen.paginate.runs import sentence_cuts, slice_runs, strip_runs, word_cuts

POS = SourcePos("lesson.md", 1)


def paragraph(text: str, bold: bool = False) -> Paragraph:
    return Paragraph((Run(text, bold=bold),), POS)


# -- runs


def test_sentence_cuts_follow_sentence_ends_and_lines():
    assert sentence_cuts("One. Two! Three") == [5, 10, 15]
    assert sentence_cuts("a\nb") == [2, 3]
    assert sentence_cuts("no end") == [6]


def test_word_cuts_follow_spaces_or_characters_of_one_word():
    assert word_cuts("ab cd  ef") == [3, 7, 9]
    assert word_cuts("abc") == [1, 2, 3]


def test_slicing_runs_keeps_their_formatting():
    runs = (Run("Hello "), Run("bold", bold=True), Run(" world"))
    assert slice_runs(runs, 3, 8) == (Run("lo "), Run("bo", bold=True))
    assert strip_runs((Run("  "), Run(" a "), Run("b "), Run(" "))) == (Run("a "), Run("b"))


# -- items


def test_a_lead_in_or_a_bold_label_introduces_what_follows():
    assert introduces_next((Run("For example:"),))
    assert introduces_next((Run("Step 1", bold=True),))
    assert not introduces_next((Run("A plain sentence."),))


def test_a_lead_in_and_the_paragraph_after_it_are_one_group():
    items = flatten((paragraph("Such as:"), paragraph("this."), paragraph("Then that.")))
    assert [len(item.paras) for item in items] == [2, 1]


def test_a_list_items_code_is_nested_and_follows_the_item():
    code = Code("x = 1\n", "python", POS)
    block = ListBlock(False, 1, (ListItem((Run("item"),), (code,), POS),), POS)
    group, nested = flatten((block,))
    assert isinstance(group, TextGroup) and group.keep_with_next
    assert group.paras[0].marker == BULLETS[0]
    assert nested == Nested(code, 1)


def test_markers_by_level_and_task_boxes():
    assert [bullet(level, None) for level in range(5)] == [*BULLETS, BULLETS[0]]
    assert (bullet(0, True), bullet(0, False)) == (None, None)  # a task's box is text: [x] / [ ]


def test_a_thematic_break_is_a_page_break():
    assert flatten((ThematicBreak(POS),)) == [PageBreak(POS)]


def test_section_items_put_each_subheading_in_bold_before_its_text():
    section = _section("Top", (paragraph("Intro."),), (_section("Sub", (paragraph("Body."),), ()),))
    items = section_items(section)
    texts = [[(r.text, r.bold) for p in item.paras for r in p.runs] for item in items]
    assert texts == [[("Intro.", False)], [("Sub", True), ("Body.", False)]]


def _section(title: str, blocks, subsections) -> Section:
    return Section(3, (Run(title),), POS, blocks, subsections)


def test_boxes_deeper_than_three_are_set_as_their_bold_title_and_content_inside_the_third():
    from slidegen.model import Admonition
    from slidegen.paginate.items import MAX_BOX_DEPTH, CalloutGroup, BoxGroup, within_box_depth

    inner: tuple = (paragraph("deepest"),)
    for depth in range(6, 0, -1):
        inner = (Admonition("note", (Run(f"box {depth}"),), (paragraph(f"text {depth}"), *inner), POS),)
    kept = within_box_depth(inner[0].blocks)

    def depth_of(blocks, depth=1):
        boxes = [b for b in blocks if isinstance(b, Admonition)]
        return max((depth_of(b.blocks, depth + 1) for b in boxes), default=depth)

    assert depth_of(kept) == MAX_BOX_DEPTH
    (group,) = flatten(inner)
    assert isinstance(group, (CalloutGroup, BoxGroup))


def test_a_box_split_between_slides_does_not_end_a_part_on_a_bold_label():
    from slidegen.model import TextPara
    from slidegen.paginate.callout import split

    paras = [TextPara((Run(t, bold=t.startswith("Step")),), pos=POS) for t in ("one", "Step 2", "two", "three")]
    assert [p.runs[0].text for p in split(paras, lambda ps: len(ps) <= 2)] == ["one"]
    assert [p.runs[0].text for p in split(paras, lambda ps: len(ps) <= 3)] == ["one", "Step 2", "two"]
