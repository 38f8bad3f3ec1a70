"""The parser on whole lessons: the content lesson, one fixture per construct, bad inputs, and the
real-world corpus (marked slow). The constructs one at a time, on small strings: test_parse_markdown.py
(Markdown), test_parse_html.py (raw HTML and MDX), test_parse_source.py (reading the file)."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from slidegen.errors import LessonError
from slidegen.model import Admonition, Code, Image, ListBlock, Notes, Paragraph, Table, ThematicBreak, plain_text
from slidegen.parse import parse_file, parse_text, read_source

from conftest import all_blocks, CONTENT_LESSON, FIXTURES, GOOD_FIXTURES, corpus_params

pytestmark = pytest.mark.slow


def lesson_blocks(lesson):
    yield from all_blocks(lesson.preamble)
    stack = list(lesson.sections)
    while stack:
        section = stack.pop(0)
        yield from all_blocks(section.blocks)
        stack[0:0] = section.subsections


def test_content_lesson_structure(caplog):
    lesson = parse_file(CONTENT_LESSON)
    assert lesson.title == "생성형 AI와 LLM"
    assert lesson.lang == "ko"
    assert lesson.meta["sidebar_position"] == 1
    assert [s.title_text for s in lesson.sections] == [
        "1. 생성형 AI(Generative AI)의 이해", "2. 생성형 AI의 응용 분야 및 서비스", "3. 생성형 AI의 한계와 과제",
        "4. 대규모 언어 모델(LLM) 심층 분석", "5. LLM의 부상과 비즈니스 가치"]
    subs = [sub.title_text for s in lesson.sections for sub in s.subsections]
    assert subs == ["1.1. 정의 및 작동 원리", "1.2. AI 기술 체계 내 위치", "1.3. 생성형 AI의 중요성",
                    "4.1. LLM의 정의 및 개념", "4.2. 대표 사례: ChatGPT", "4.3. LLM 훈련 프로세스",
                    "4.4. LLM의 핵심 기능", "5.1. LLM이 중요한 이유", "5.2. LLM 도입의 이점"]


def test_content_lesson_table_and_ragged_row(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = parse_file(CONTENT_LESSON)
    table = next(b for b in lesson_blocks(lesson) if isinstance(b, Table))
    assert table.columns == 3 and len(table.rows) == 8
    assert all(len(r.cells) == 3 for r in table.rows)
    ragged = [r for r in table.rows if r.pos.line == 50][0]
    assert plain_text(ragged.cells[1]).startswith("음성 변환") and ragged.cells[2] == ()
    assert [r.continues_group for r in table.rows] == [False, True, True, False, True, False, True, False]
    assert any(":50: warning: table row has 2 of 3 cells" in m for m in caplog.messages)


def test_content_lesson_lists_and_breaks():
    lesson = parse_file(CONTENT_LESSON)
    lists = [b for b in lesson_blocks(lesson) if isinstance(b, ListBlock)]
    top_items = sum(len(lst.items) for lst in lists)
    nested = [lst for lst in lists if any(item.children for item in lst.items)]
    assert len(nested) == 1 and [len(i.children[0].items) for i in nested[0].items] == [2, 3]
    ordered = [lst for lst in lists if lst.ordered]
    assert [len(lst.items) for lst in ordered] == [6, 8, 8]
    assert top_items == 4 + 2 + 2 + 6 + 4 + 8 + 4 + 8 + (2 + 3)  # nested lists count too
    first = lesson.sections[0].subsections[0].blocks[0]
    assert sum(r.is_break for r in first.runs) == 2


def fixture(name):
    return parse_file(FIXTURES / name)


def test_admonitions_fixture():
    lesson = fixture("admonitions.md")
    boxes = [b for b in lesson_blocks(lesson) if isinstance(b, Admonition)]
    assert [(b.kind, plain_text(b.title)) for b in boxes] == [("tip", "알아두기"), ("warning", "Careful"), ("note", "")]
    assert plain_text(boxes[2].blocks[0].runs) == "A GitHub callout."
    assert boxes[1].blocks[0].runs[1].bold


def test_breaks_fixture():
    lesson = fixture("breaks.md")
    blocks = lesson.sections[0].blocks
    assert len(blocks) == 2  # the lone <br/> between blocks carries no text
    assert plain_text(blocks[0].runs) == "first line\nsecond line\nthird line\nfourth line"
    assert plain_text(blocks[1].rows[0].cells[0]) == "one\ntwo"


def test_lists_fixture():
    lesson = fixture("lists.md")
    assert lesson.title == "Lists" and [s.title_text for s in lesson.sections] == ["Nested"]
    bullets, ordered = lesson.sections[0].blocks
    assert plain_text(bullets.items[0].children[0].items[0].children[0].items[0].runs) == "grandchild"
    assert ordered.ordered and ordered.start == 3


def test_table_groups_fixture(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        table = fixture("table-groups.md").sections[0].blocks[0]
    assert table.align == ("left", "center", "right")
    assert [r.continues_group for r in table.rows] == [False, True, False]
    assert any("table-groups.md:11: warning" in m for m in caplog.messages)


def test_code_fixture():
    first, second = fixture("code.md").sections[0].blocks
    assert (first.language, first.title, first.lines) == ("python", "hello.py", ('print("안녕")',))
    assert second.language == "" and second.lines == ("plain",)


def test_mdx_fixture(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = fixture("mdx.mdx")
    texts = [plain_text(b.runs) for b in lesson_blocks(lesson) if isinstance(b, Paragraph)]
    assert "Visible text inside tabs." in texts
    assert any("Hidden detail text." in t for t in texts)
    assert not any("import" in t or "alert" in t or "display" in t for t in texts)
    assert any("<DocCardList> has no text" in m for m in caplog.messages)
    assert any("<script>" in m for m in caplog.messages) and any("<style>" in m for m in caplog.messages)


def test_images_fixture(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = fixture("images.md")
    images = [b for b in lesson_blocks(lesson) if isinstance(b, Image)]
    assert [i.alt for i in images] == ["A missing chart", "Secret", "Remote"]  # file: stays text (markdown-it)
    assert all(i.path is None for i in images)
    assert len([m for m in caplog.messages if "images.md:" in m]) == 4


def test_no_front_matter_fixture():
    lesson = fixture("no-front-matter.md")
    assert lesson.title == "Plain Title"
    assert plain_text(lesson.preamble[0].runs) == "Intro text."
    assert [s.title_text for s in lesson.sections] == ["Part"]


def test_notes_fixture():
    blocks = fixture("notes.md").sections[0].blocks
    assert [type(b) for b in blocks] == [Paragraph, Notes, ThematicBreak, Paragraph]
    assert blocks[1].text == "Say this out loud."


@pytest.mark.parametrize("name, message", [
    ("invalid-yaml.md", r"invalid-yaml\.md:2: invalid YAML front matter"),
    ("invalid-utf8.md", r"invalid-utf8\.md:7: not valid UTF-8"),
])
def test_bad_input_is_a_lesson_error(name, message):
    with pytest.raises(LessonError, match=message):
        parse_file(FIXTURES / "bad" / name)


def test_empty_and_meta_only_lessons_parse():
    assert parse_file(FIXTURES / "bad" / "empty.md").sections == ()
    assert parse_file(FIXTURES / "bad" / "only-front-matter.md").title == "Only meta"


def test_bom_crlf_gives_the_same_model_as_lf():
    crlf = parse_text(read_source(FIXTURES / "bad" / "bom-crlf.md"), Path("x.md"))
    lf = parse_text(read_source(FIXTURES / "bad" / "bom-crlf.lf.md"), Path("x.md"))
    assert crlf.sections == lf.sections and crlf.title == lf.title == "CRLF"


def test_unclosed_fence_warns(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        code = parse_file(FIXTURES / "bad" / "unclosed-fence.md").sections[0].blocks[0]
    assert isinstance(code, Code) and code.lines == ("print(1)", "never closed")
    assert any("unclosed-fence.md:7: warning: code fence is never closed" in m for m in caplog.messages)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in GOOD_FIXTURES])
def test_every_fixture_parses(path):
    assert parse_file(path).title


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_lesson_parses_with_positioned_warnings(path, caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = parse_file(path)
    assert lesson.title
    for message in caplog.messages:
        assert re.match(rf"{re.escape(str(path))}:\d+: warning: ", message), message
