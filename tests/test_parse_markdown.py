"""The Markdown half of the parser, one construct at a time through `parse_text`: inline styles and links,
lists, code, tables, quotes and boxes, front matter and title, language, image files, heading anchors.
Small strings only, no lesson files (those are test_parse.py, marked slow)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.anchors import heading_anchors
from slidegen.errors import LessonError
from slidegen.model import (
    Admonition,
    Code,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    SourcePos,
    Table,
    ThematicBreak,
    plain_text,
)
from slidegen.parse import parse_file, parse_text

ONE_PIXEL_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"  # a real picture: a file Pillow cannot read has no path


def parse(text: str, name: str = "t.md"):
    return parse_text(text, Path(name))


def blocks(text: str):
    """The blocks of the lesson's first section."""
    return parse(text).sections[0].blocks


def styles(paragraph: Paragraph):
    return [(r.text, r.bold, r.italic, r.strike, r.code, r.link) for r in paragraph.runs]


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    return caplog


# ---------------------------------------------------------------------------------------------- inline


def test_inline_styles_are_runs_and_neighbours_of_one_style_merge():
    (para,) = blocks("## A\n\n**b** _i_ ~~s~~ `c` [l](https://x.org) and  \nnext\nline\n")
    assert styles(para) == [
        ("b", True, False, False, False, None), (" ", False, False, False, False, None),
        ("i", False, True, False, False, None), (" ", False, False, False, False, None),
        ("s", False, False, True, False, None), (" ", False, False, False, False, None),
        ("c", False, False, False, True, None), (" ", False, False, False, False, None),
        ("l", False, False, False, False, "https://x.org"), (" and", False, False, False, False, None),
        ("\n", False, False, False, False, None), ("next line", False, False, False, False, None)]


def test_nested_emphasis_carries_the_outer_style():
    (para,) = blocks("## A\n\n**bold _both_** [**linked**](#a)\n")
    assert styles(para) == [("bold ", True, False, False, False, None), ("both", True, True, False, False, None),
                            (" ", False, False, False, False, None), ("linked", True, False, False, False, "#a")]


@pytest.mark.parametrize("href, kept", [
    ("https://x.org/a", True), ("http://x.org", True), ("mailto:a@b.c", True), ("#part", True),
    ("other.md", True), ("ftp://x.org/f", False),
])
def test_only_web_mail_and_in_page_links_stay_links(href, kept):
    (para,) = blocks(f"## A\n\n[text]({href})\n")
    assert para.runs[0].link == (href if kept else None)


def test_refused_link_targets_stay_text_and_an_image_target_warns(warnings):
    (para,) = blocks("## A\n\n[j](javascript:alert(1)) ![x](file:///etc/passwd)\n")
    assert plain_text(para.runs) == "[j](javascript:alert(1)) ![x](file:///etc/passwd)"
    assert all(r.link is None for r in para.runs)
    assert any("t.md:3: warning: image 'file:///etc/passwd' is not a local file" in m for m in warnings.messages)


def test_a_hard_break_is_a_break_run_and_spaces_around_breaks_are_trimmed():
    (para,) = blocks("## A\n\n  first  \\\n  second<br>  third  \n")
    assert plain_text(para.runs) == "first\nsecond\nthird"
    assert [r.is_break for r in para.runs] == [False, True, False, True, False]


# ----------------------------------------------------------------------------------------------- lists


def test_ordered_list_keeps_its_start_and_nests_lists_and_headings():
    (lst,) = blocks("## A\n\n3. x\n4. y\n   - nested\n   ### inner head\n")
    assert isinstance(lst, ListBlock) and lst.ordered and lst.start == 3
    assert [plain_text(i.runs) for i in lst.items] == ["x", "y"]
    nested, heading = lst.items[1].children
    assert isinstance(nested, ListBlock) and not nested.ordered and plain_text(nested.items[0].runs) == "nested"
    assert isinstance(heading, Paragraph) and styles(heading) == [("inner head", True, False, False, False, None)]
    assert [i.pos.line for i in lst.items] == [3, 4]


def test_task_items_are_checked_or_not_and_lose_their_box():
    (tasks,) = blocks("## T\n\n- [x] done task\n- [ ] open task\n- [X] Big X\n- plain\n- `[x]` code\n")
    assert [i.checked for i in tasks.items] == [True, False, True, None, None]
    assert [plain_text(i.runs) for i in tasks.items] == ["done task", "open task", "Big X", "plain", "[x] code"]


def test_item_with_several_paragraphs_keeps_the_rest_as_children():
    (lst,) = blocks("## A\n\n- first\n\n  second para\n\n  ```\n  code\n  ```\n")
    item = lst.items[0]
    assert plain_text(item.runs) == "first"
    assert [type(c) for c in item.children] == [Paragraph, Code]


# ------------------------------------------------------------------------------------------------ code


def test_code_blocks_say_whether_they_were_fenced():
    indented, backticks, tildes = blocks("## A\n\n    indented code\n\n```py title=\"a.py\"\nx\n```\n\n~~~\ny\n~~~\n")
    assert (indented.text, indented.language, indented.fenced) == ("indented code\n", "", False)
    assert (backticks.language, backticks.title, backticks.fenced, backticks.lines) == ("py", "a.py", True, ("x",))
    assert (tildes.language, tildes.fenced, tildes.pos.line) == ("", True, 9)


def test_the_language_is_the_first_info_word_in_lower_case():
    (code,) = blocks("## A\n\n```Python {1,3} title='x y.py'\npass\n```\n")
    assert (code.language, code.title) == ("python", "x y.py")


def test_a_code_block_made_without_the_flag_counts_as_fenced():
    assert Code("x\n", "py", SourcePos("t.md", 1)).fenced


def test_an_unclosed_fence_runs_to_the_end_with_a_warning(warnings):
    (code,) = blocks("## A\n\n```python\nprint(1)\n\nnever closed\n")
    assert code.fenced and code.lines == ("print(1)", "", "never closed")
    assert any("t.md:3: warning: code fence is never closed" in m for m in warnings.messages)
    blocks("## A\n\n````\ncode\n````\n")
    assert len([m for m in warnings.messages if "never closed" in m]) == 1


# ---------------------------------------------------------------------------------------------- tables


def test_table_alignment_groups_images_and_ragged_rows(warnings):
    (table,) = blocks("## A\n\n| a | b |\n|:--|--:|\n| 1 | ![pic](x.png) |\n|   | 2 |\n| 1 | 2 | 3 |\n| only |\n")
    assert isinstance(table, Table) and table.columns == 2 and table.align == ("left", "right")
    assert [[plain_text(c) for c in r.cells] for r in table.rows] == [["1", "[pic]"], ["", "2"], ["1", "2"], ["only", ""]]
    assert [r.continues_group for r in table.rows] == [False, True, False, False]
    assert [r.pos.line for r in table.rows] == [5, 6, 7, 8]
    assert any("t.md:7: warning: table row has 3 cells but the header has 2" in m for m in warnings.messages)
    assert any("t.md:8: warning: table row has 1 of 2 cells" in m for m in warnings.messages)


def test_escaped_pipes_are_not_cells(warnings):
    (table,) = blocks("## A\n\n| a | b |\n|---|---|\n| a \\| b | c |\n")
    assert [plain_text(c) for c in table.rows[0].cells] == ["a | b", "c"]
    assert not [m for m in warnings.messages if "cells" in m]


def test_an_empty_first_cell_does_not_continue_a_one_column_table():
    (table,) = blocks("## A\n\n| a |\n|---|\n| 1 |\n|   |\n")
    assert [r.continues_group for r in table.rows] == [False, False]


# ------------------------------------------------------------------------------------ quotes and boxes


def test_github_callouts_become_boxes_and_other_quotes_stay_quotes():
    callout, quote, rule = blocks("## A\n\n> [!WARNING]\n> careful **now**\n\n> plain quote\n\n---\n")
    assert isinstance(callout, Admonition) and (callout.kind, callout.title) == ("warning", ())
    assert styles(callout.blocks[0]) == [("careful ", False, False, False, False, None),
                                         ("now", True, False, False, False, None)]
    assert isinstance(quote, Quote) and plain_text(quote.blocks[0].runs) == "plain quote"
    assert isinstance(rule, ThematicBreak) and rule.pos.line == 8


def test_a_callout_mark_alone_leaves_an_empty_box_body():
    (box,) = blocks("## A\n\n> [!NOTE]\n")
    assert (box.kind, box.blocks) == ("note", ())


def test_admonitions_take_a_bracket_or_a_trailing_title():
    warning, tip, note = blocks("## T\n\n:::warning[Careful *now*]\nbody\n:::\n\n:::tip 알아두기\nx\n:::\n\n:::note\ny\n:::\n")
    assert (warning.kind, plain_text(warning.title), warning.title[1].italic) == ("warning", "Careful now", True)
    assert (tip.kind, plain_text(tip.title)) == ("tip", "알아두기")
    assert (note.kind, note.title, plain_text(note.blocks[0].runs)) == ("note", (), "y")


def test_any_container_word_makes_a_box():
    """Docusaurus's kinds have their colours; `:::details` (VitePress and others) is a box too, not
    a paragraph of colons."""
    lesson = parse("## A\n\n:::details 더 보기\n숨은 본문.\n:::\n\n:::Important\n중요.\n:::\n", "a.md")
    boxes = [b for b in lesson.sections[0].blocks if isinstance(b, Admonition)]
    assert [(b.kind, plain_text(b.title)) for b in boxes] == [("details", "더 보기"), ("important", "")]


def test_a_heading_inside_a_box_is_a_bold_paragraph():
    lesson = parse("## A\n\n:::tip\n### Inside\ntext\n:::\n\n## B\n")
    (box,) = lesson.sections[0].blocks
    assert [s.title_text for s in lesson.sections] == ["A", "B"]
    assert styles(box.blocks[0]) == [("Inside", True, False, False, False, None)]


def test_an_unclosed_box_is_named(warnings):
    parse("## A\n\n:::tip\nok\n:::\n\n> :::note\n> quoted\n> :::\n\n:::Hello there\n\n## Next\n", "u.md")
    messages = [m for m in warnings.messages if "never closed" in m]
    assert len(messages) == 1 and "u.md:11:" in messages[0] and "':::hello'" in messages[0]


# ------------------------------------------------------------------------- front matter, title, sections


def test_front_matter_gives_title_description_and_tags_and_its_h1_is_not_a_section():
    lesson = parse("---\ntitle: Front\ndescription: D\ntags: [a, {label: b}]\n---\n\n# Front\n\nintro\n\n## S\n")
    assert (lesson.title, lesson.description, lesson.tags) == ("Front", "D", ("a", "b"))
    assert [plain_text(b.runs) for b in lesson.preamble] == ["intro"]
    assert [s.title_text for s in lesson.sections] == ["S"]


def test_an_h1_that_differs_from_the_front_matter_title_stays_a_section():
    lesson = parse("---\ntitle: Other\n---\n\n# Heading one\n\n## S\n")
    assert lesson.title == "Other"
    assert [(s.level, s.title_text, [t.title_text for t in s.subsections]) for s in lesson.sections] == [
        (1, "Heading one", ["S"])]


def test_two_h1_headings_are_both_sections_and_the_first_is_the_title():
    lesson = parse("# One\n\n# Two\n")
    assert lesson.title == "One" and [s.title_text for s in lesson.sections] == ["One", "Two"]


def test_without_heading_or_front_matter_the_file_name_is_the_title():
    lesson = parse("just text\n", "my-lesson.md")
    assert lesson.title == "My lesson" and lesson.sections == () and len(lesson.preamble) == 1


def test_sections_nest_by_level():
    lesson = parse("## A\n\n#### deep\n\n### B\n\n## C\n")
    tree = [(s.title_text, [(t.title_text, [u.title_text for u in t.subsections]) for t in s.subsections])
            for s in lesson.sections]
    assert tree == [("A", [("deep", []), ("B", [])]), ("C", [])]


def test_invalid_front_matter_is_a_lesson_error_at_its_line():
    with pytest.raises(LessonError, match=r"t\.md:3: invalid YAML front matter"):
        parse("---\ntitle: ok\nbad: [unclosed\n---\n\n## A\n")
    with pytest.raises(LessonError, match=r"t\.md:1: front matter must be a YAML mapping"):
        parse("---\n- a list\n---\n")


def test_empty_front_matter_is_no_meta():
    assert parse("---\n---\n\n## A\n").meta == {}


@pytest.mark.parametrize("text, lang", [
    ("## 안녕하세요\n\n한국어 문장입니다 with some English.\n", "ko"),
    ("## Hello\n\nAn English lesson with one 단어.\n", "en"),
    ("---\nlang: ko-KR\n---\nhello\n", "ko"),
    ("---\nlanguage: en\n---\n안녕하세요 여러분\n", "en"),
    ("## 코드\n\n```\nthe code says nothing of the language at all\n```\n\n짧은 글.\n", "ko"),
])
def test_the_language_is_declared_or_told_from_the_prose(text, lang):
    assert parse(text).lang == lang


# ------------------------------------------------------------------------------------------- images


def test_a_local_image_inside_the_content_folder_has_its_path(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(ONE_PIXEL_PNG)
    lesson = parse_text("## A\n\n![Alt](img/a.png \"Title\")\n\n![Root](/img/a.png)\n", tmp_path / "l.md")
    first, second = lesson.sections[0].blocks
    assert isinstance(first, Image) and (first.alt, first.title) == ("Alt", "Title")
    assert first.path == second.path == (tmp_path / "img" / "a.png").resolve()


@pytest.mark.parametrize("src, message", [
    ("missing.png", "not found"),
    ("https://x.org/a.png", "is not a local file"),
    ("//cdn.x.org/a.png", "is not a local file"),
    ("../outside.png", "is outside the content folder"),
])
def test_an_image_without_a_readable_file_has_no_path_and_a_warning(tmp_path, warnings, src, message):
    (tmp_path / "outside.png").write_bytes(b"png")
    lesson = parse_text(f"## A\n\n![alt]({src})\n", tmp_path / "sub" / "l.md")
    (image,) = lesson.sections[0].blocks
    assert image.path is None and image.src == src
    assert any(f"l.md:3: warning: image '{src}' {message}" in m for m in warnings.messages)


def test_images_in_a_paragraph_follow_its_text():
    text, image = blocks("## A\n\nSee ![chart](c.png) here.\n")
    assert plain_text(text.runs) == "See  here." and isinstance(image, Image) and image.alt == "chart"


# ----------------------------------------------------------------------------------------- anchors


def test_heading_anchors_are_carried_on_the_lesson():
    lesson = parse("## Intro\n\n## Intro\n\n### Über Straße!\n\n## {#x}\n\n## `code` here\n\n## 문장 요약\n\n## !!!\n")
    assert list(lesson.anchors.values()) == ["intro", "intro-1", "über-straße", "x", "code-here", "문장-요약", "h13"]
    assert heading_anchors(lesson) is lesson.anchors


def test_anchors_are_not_part_of_equality_or_repr():
    one, two = parse("## A\n"), parse("## A\n")
    assert one == two and hash(one) == hash(two) and "anchors" not in repr(one)


def test_without_front_matter_the_first_heading_of_any_level_is_the_title():
    assert parse("intro\n\n## First part\n\ntext\n", "owner__repo__01-intro.md").title == "First part"
    assert parse("text\n", "owner__repo__03-getting_started.md").title == "Getting started"


def test_site_markup_is_hidden_with_one_warning_each_and_code_is_left_alone(caplog):
    text = ("{% comment %}\nhidden note\n{% endcomment %}\n\nShown.\n{: .lead }\n\n"
            "![a](p.png){alt='x'}\n\n```\n{% raw %}kept{% endraw %}\n{: .kept }\n```\n")
    lesson = parse(text, "site.md")
    words = " ".join(plain_text(b.runs) for b in lesson.preamble if hasattr(b, "runs"))
    assert "hidden note" not in words and "Shown." in words and "{:" not in words
    code = next(b for b in lesson.preamble if hasattr(b, "lines"))
    assert code.lines == ("{% raw %}kept{% endraw %}", "{: .kept }")
    assert sum("left out" in r.getMessage() for r in caplog.records) == 3


def test_cross_reference_anchor_lines_are_hidden(caplog):
    """Sphinx/d2lbook `:label:` lines name a heading or an equation and show nothing on the site."""
    text = "## Loss\n:label:`sec_loss`\n\nThe loss is small.\n\n$$l = 0$$\n:eqlabel:`eq_loss`\n\n```\n:label:`kept`\n```\n"
    lesson = parse(text, "labels.md")
    section = lesson.sections[0]
    words = " ".join(plain_text(b.runs) for b in section.blocks if hasattr(b, "runs"))
    assert "label" not in words and "The loss is small." in words
    code = next(b for b in section.blocks if hasattr(b, "lines"))
    assert code.lines == (":label:`kept`",)
    assert sum("anchor line" in r.getMessage() for r in caplog.records) == 1


def test_a_lesson_file_reads_pictures_from_the_site_it_belongs_to(tmp_path, warnings):
    """A course site keeps its pictures beside the pages folder: Nextra's `../../img/x.png`,
    Docusaurus's `/img/x.png` served from `static/`. The content folder of a lesson file is the
    nearest folder above it that holds a site (here a `package.json`); a file outside it is not read."""
    site = tmp_path / "site"
    for folder in ("pages/techniques", "img", "static/img"):
        (site / folder).mkdir(parents=True)
    (site / "package.json").write_text("{}")
    (site / "img" / "a.png").write_bytes(ONE_PIXEL_PNG)
    (site / "static" / "img" / "b.png").write_bytes(ONE_PIXEL_PNG)
    (tmp_path / "secret.png").write_bytes(ONE_PIXEL_PNG)
    lesson_path = site / "pages" / "techniques" / "l.md"
    lesson_path.write_text("## A\n\n![a](../../img/a.png)\n\n![b](/img/b.png)\n\n![s](../../../secret.png)\n")
    first, second, third = parse_file(lesson_path).sections[0].blocks
    assert (first.path, second.path, third.path) == (
        (site / "img" / "a.png").resolve(), (site / "static" / "img" / "b.png").resolve(), None)
    assert any("image '../../../secret.png' is outside the content folder" in m for m in warnings.messages)


def test_a_pictures_caption_is_its_title_or_alt_text_but_never_just_a_file_name():
    from slidegen.model import Image, SourcePos

    def caption(alt, src="./img/seldon-fields-0.png", title=None):
        return Image(src, alt, None, SourcePos("l.md", 1), title).caption

    assert caption("seldon-fields-0.png") == caption("seldon-fields-0") == caption("other.PNG") == ""
    assert caption("Seldon의 구성 요소") == "Seldon의 구성 요소"
    assert caption("seldon-fields-0.png", title="구성도") == "구성도"


def test_a_heading_inside_a_box_or_quote_is_bold_and_its_id_is_not_shown():
    lesson = parse_text("## A\n\n<DeepDive>\n\n#### Props vs State {/*props-vs-state*/}\n\n본문\n\n</DeepDive>\n\n"
                        "> ### 인용 제목 {#quoted}\n> 글\n", Path("t.mdx"))
    box, quote = lesson.sections[0].blocks
    assert [(r.text, r.bold) for r in box.blocks[0].runs] == [("Props vs State", True)]
    assert [(r.text, r.bold) for r in quote.blocks[0].runs] == [("인용 제목", True)]


def test_a_picture_on_a_line_of_its_own_keeps_its_place_in_the_paragraph():
    """`![…](…)` then `*Figure 1. …*` on the next line is one paragraph: the caption once came first."""
    first, caption, text, inline = blocks("## A\n\n![chart](c.png)\n*Figure 1. The chart*\n\nSee ![icon](i.png) here.\n")
    assert isinstance(first, Image) and plain_text(caption.runs) == "Figure 1. The chart"
    assert plain_text(text.runs) == "See  here." and isinstance(inline, Image) and inline.alt == "icon"


def test_abbreviation_definitions_are_hidden_as_the_site_hides_them(caplog):
    """MkDocs Material's `*[HTTP]: …` lines become tooltips on the site; they showed as text."""
    lesson = parse("## APIs\n\nHTTP is a protocol. *[emphasis](x.md)* stays.\n\n*[HTTP]: Hypertext Transfer Protocol\n", "abbr.md")
    words = " ".join(plain_text(b.runs) for s in lesson.sections for b in s.blocks if hasattr(b, "runs"))
    assert "Hypertext" not in words and "HTTP is a protocol." in words and "emphasis" in words
    assert sum("abbreviation definition" in r.getMessage() for r in caplog.records) == 1


def test_a_readme_s_html_h1_is_the_title_when_nothing_else_names_the_lesson():
    """A README opens with `<h1 align="center">…</h1>` and then `## Table of contents`: the title was
    "Table of contents"."""
    lesson = parse('<h1 align="center">Awesome &amp; Course</h1>\n\n## Table of contents\n\n- [Setup](#setup)\n\n'
                   "## Setup\n\nRun it.\n", "readme.md")
    assert lesson.title == "Awesome & Course" and [s.title_text for s in lesson.sections] == ["Table of contents", "Setup"]
    titled = parse('---\ntitle: Given\n---\n\n<h1>Shown</h1>\n\n## A\n\nText.\n', "t.md")
    assert titled.title == "Given" and plain_text(titled.preamble[0].runs) == "Shown"
