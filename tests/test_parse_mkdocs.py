"""MkDocs lessons (Material for MkDocs, Python-Markdown, PyMdown Extensions): `!!!`/`???` boxes, PyMdown's
`///` blocks and attribute lists after headings, read into the model the way the site shows them."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Admonition, Code, ListBlock, Paragraph, plain_text
from slidegen.parse import parse_text


def blocks(text: str):
    return parse_text(text, Path("t.md")).sections[0].blocks


def box_summary(box: Admonition):
    return box.kind, plain_text(box.title), [type(block).__name__ for block in box.blocks]


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    return caplog


def test_classic_admonitions_hold_everything_indented_under_them():
    note, tip, warning, after = blocks(
        '## A\n\n!!! note "A *titled* note"\n    First.\n\n    ```python\n    print(1)\n    ```\n\n'
        "    - one\n    - two\n\n??? tip\n    Collapsed.\n\n???+ warning \"\"\n    Open, no title.\n\nAfter.\n")
    assert box_summary(note) == ("note", "A titled note", ["Paragraph", "Code", "ListBlock"])
    assert [r.italic for r in note.title if r.text == "titled"] == [True]
    assert isinstance(note.blocks[1], Code) and note.blocks[1].text == "print(1)\n"
    assert box_summary(tip) == ("tip", "", ["Paragraph"])  # the kind's own title
    assert box_summary(warning) == ("warning", "", ["Paragraph"])
    assert isinstance(after, Paragraph) and plain_text(after.runs) == "After."


def test_material_kinds_take_the_nearest_colours_and_keep_their_word_as_title():
    success, bug, example, quote = blocks("## A\n\n!!! success\n    a\n\n!!! bug\n    b\n\n"
                                          '!!! example "Try it"\n    c\n\n!!! quote\n    d\n')
    assert [(b.kind, plain_text(b.title)) for b in (success, bug, example, quote)] == [
        ("success", ""), ("danger", "Bug"), ("important", "Try it"), ("secondary", "Quote")]


def test_a_box_inside_a_list_item_stays_in_the_item():
    (listing,) = blocks("## A\n\n- item\n\n    !!! tip\n        inside\n")
    assert isinstance(listing, ListBlock)
    assert [box_summary(b) for b in listing.items[0].children] == [("tip", "", ["Paragraph"])]


def test_pymdown_blocks_are_boxes_with_their_title_and_options_hidden():
    tip, details, tab, after = blocks(
        "## A\n\n/// tip | 팁\n\nTip body.\n\n```bash\nls\n```\n\n///\n\n"
        "/// details | Summary here\n    type: warning\n    open: true\n\nHidden.\n///\n\n"
        "/// tab | Python\n\nprint\n///\n\nAfter.\n")
    assert box_summary(tip) == ("tip", "팁", ["Paragraph", "Code"])
    assert box_summary(details) == ("warning", "Summary here", ["Paragraph"])
    assert box_summary(tab) == ("note", "Python", ["Paragraph"])
    assert plain_text(after.runs) == "After."


def test_nested_pymdown_blocks_close_where_their_slashes_say():
    (outer,) = blocks("## A\n\n//// note | Outer\n\nout\n\n/// warning\n\nin\n\n///\n\nout again\n\n////\n")
    assert box_summary(outer) == ("note", "Outer", ["Paragraph", "Admonition", "Paragraph"])
    assert box_summary(outer.blocks[1]) == ("warning", "", ["Paragraph"])


def test_html_and_caption_blocks_show_their_content_without_a_box():
    content = blocks("## A\n\n/// html | div.box\n\nInside a div.\n///\n\n/// caption\nA caption.\n///\n")
    assert [plain_text(b.runs) for b in content] == ["Inside a div.", "A caption."]


def test_an_unclosed_block_is_shown_as_written_with_a_warning(warnings):
    (paragraph,) = blocks("## A\n\n/// tip | Never closed\n")
    assert plain_text(paragraph.runs) == "/// tip | Never closed"
    assert "t.md:3" in warnings.text and "never closed" in warnings.text


def test_blocks_in_code_are_code():
    (code,) = blocks("## A\n\n```text\n/// tip\nx\n///\n!!! note\n    y\n```\n")
    assert isinstance(code, Code) and code.text == "/// tip\nx\n///\n!!! note\n    y\n"


@pytest.mark.parametrize("line, title, anchor", [
    ("## 첫걸음 { #first-steps }", "첫걸음", "first-steps"),
    ("## Setup {: #setup .wide }", "Setup", "setup"),
    ('## Data {#data .cls key="a b"}', "Data", "data"),
    ("## Appendix {-}", "Appendix", None),
    ("## Appendix {.unnumbered}", "Appendix", None),
    ("## Sets {a, b}", "Sets {a, b}", None),
    ("## Closed {#closed} ##", "Closed", "closed"),
])
def test_attribute_lists_after_a_heading_name_it_and_are_not_text(line, title, anchor):
    (section,) = parse_text(line + "\n\ntext\n", Path("t.md")).sections
    assert (section.title_text, section.anchor) == (title, anchor)


def test_tabs_are_boxes_titled_by_their_tab_with_their_content_in_place():
    tab1, tab2, after = blocks('## A\n\n=== "Python"\n\n    ```python\n    print(1)\n    ```\n\n    Then run it.\n\n'
                               '=== "Bash"\n\n        indented code\n\nAfter.\n')
    assert box_summary(tab1) == ("note", "Python", ["Code", "Paragraph"])
    assert tab1.blocks[0].text == "print(1)\n"
    assert box_summary(tab2) == ("note", "Bash", ["Code"]) and tab2.blocks[0].text == "indented code\n"
    assert plain_text(after.runs) == "After."


def test_lines_python_markdown_would_not_read_as_boxes_stay_text():
    first, second, third = blocks("## A\n\n??? 왜 그럴까요?\n다음 줄.\n\n!!! 중요 !!!\n")
    assert [plain_text(b.runs) for b in (first, second, third)] == ["??? 왜 그럴까요?", "다음 줄.", "!!! 중요 !!!"]


def test_a_tab_inside_a_block_stays_inside_it():
    (outer, after) = blocks('## A\n\n/// note | Outer\n\n=== "Tab"\n\n    In the tab.\n\n///\n\nAfter.\n')
    assert box_summary(outer) == ("note", "Outer", ["Admonition"])
    assert box_summary(outer.blocks[0]) == ("note", "Tab", ["Paragraph"]) and plain_text(after.runs) == "After."
