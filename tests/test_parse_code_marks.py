"""The lines a site highlights in a code block: Docusaurus's `{1,4-6}` and magic comments, Material's
`hl_lines`, MyST's `:emphasize-lines:`; read into `Code.marked` (0-based) with the comments left out."""
from __future__ import annotations

from pathlib import Path

import pytest

from slidegen.model import Code
from slidegen.parse import parse_text
from slidegen.parse.code_marks import directive_of, listed_lines, marked_lines


def code_of(text: str) -> Code:
    return next(b for b in parse_text(text, Path("t.md")).sections[0].blocks if isinstance(b, Code))


@pytest.mark.parametrize("info, lines", [
    ("js {1,4-6}", {0, 3, 4, 5}),
    ('js title="a.js" {2}', {1}),
    ('python hl_lines="2 4-5"', {1, 3, 4}),
    ("js {0-2}", {0, 1}),
    ("js", None),
    ("js {a-b}", None),
    ("js {3-,}", {2}),
    ("js title=\"{1}\"", None),
])
def test_a_fence_info_lists_lines(info, lines):
    listed = listed_lines(info)
    assert (None if listed is None else set(listed)) == lines


def test_a_huge_range_marks_a_bounded_number_of_lines():
    assert len(listed_lines("js {1-999999999999}")) <= 100_001


@pytest.mark.parametrize("line, directive", [
    ("// highlight-next-line", "highlight-next-line"),
    ("  # highlight-start", "highlight-start"),
    ("/* highlight-end */", "highlight-end"),
    ("{/* highlight-next-line */}", "highlight-next-line"),
    ("<!-- highlight-start -->", "highlight-start"),
    ("-- highlight-end", "highlight-end"),
    ("x = 1  # highlight-next-line", None),
    ("// highlight-next-line please, and more words to make it long", None),
    ("// highlight-line", None),
])
def test_a_magic_comment_is_a_whole_line_comment(line, directive):
    assert directive_of(line) == directive


def test_magic_comments_are_left_out_and_mark_their_lines():
    text, marked, removed = marked_lines(
        "a\n# highlight-next-line\nb\n# highlight-start\nc\nd\n# highlight-end\ne", "python", "python")
    assert (text, set(marked), removed) == ("a\nb\nc\nd\ne", {1, 2, 3}, 3)


def test_an_unclosed_start_marks_nothing_and_a_listed_range_keeps_comments():
    assert marked_lines("# highlight-start\na", "python", "python")[:2] == ("a", frozenset())
    text = "# highlight-next-line\na"
    assert marked_lines(text, "python {2}", "python") == (text, frozenset({1}), 0)
    assert marked_lines(text, "", "") == (text, frozenset(), 0)


def test_parsed_code_carries_its_marked_lines():
    code = code_of("## A\n\n```js\n// highlight-next-line\nlet a = 1;\nlet b = 2;\n```\n")
    assert (code.text.rstrip("\n"), set(code.marked)) == ("let a = 1;\nlet b = 2;", {0})
    assert set(code_of("## A\n\n```py {2}\na\nb\n```\n").marked) == {1}


def test_myst_emphasize_lines_and_caption_are_the_blocks_marks_and_title():
    code = code_of("## A\n\n```{code-block} python\n:emphasize-lines: 2\n:caption: demo.py\n\na = 1\nb = 2\n```\n")
    assert (code.title, set(code.marked), code.text.strip()) == ("demo.py", {1}, "a = 1\nb = 2")
