"""The parser: the content lesson, one fixture per construct, bad inputs, and the real-world corpus."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from slidegen.errors import LessonError
from slidegen.model import Admonition, Code, Image, ListBlock, Notes, Paragraph, Table, ThematicBreak, plain_text
from slidegen.parse import parse_file, parse_text, read_source

from conftest import all_blocks, CONTENT_LESSON, FIXTURES, corpus_params


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


def test_task_items_and_bracket_titles():
    lesson = parse_text("## T\n\n- [x] done task\n- [ ] open task\n\n:::warning[Careful]\nbody\n:::\n", Path("t.md"))
    tasks, box = lesson.sections[0].blocks
    assert [i.checked for i in tasks.items] == [True, False]
    assert plain_text(tasks.items[0].runs) == "done task"
    assert (box.kind, plain_text(box.title)) == ("warning", "Careful")


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


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in sorted(FIXTURES.glob("*.md*"))])
def test_every_fixture_parses(path):
    assert parse_file(path).title


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_lesson_parses_with_positioned_warnings(path, caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = parse_file(path)
    assert lesson.title
    for message in caplog.messages:
        assert re.match(rf"{re.escape(str(path))}:\d+: warning: ", message), message


def test_heading_ids_are_anchors_not_text():
    """`{#id}` (Docusaurus), `{/*id*/}` (react.dev's MDX) and `[[id]]` (Hugging Face) name a heading;
    they are left out of its text and become its anchor. In a code fence they are code."""
    lesson = parse_text("# T\n\n## Custom {#my-id}\n\n## 모의 시안 {/*start-with-the-mockup*/}\n\n"
                        "## Welcome to the Course![[welcome]]\n\n```bash\n# comment {#x}\n# see [[wiki]]\n```\n\n"
                        "## Plain\n", Path("t.md"))
    assert [(s.title_text, s.anchor) for s in lesson.sections] == [
        ("Custom", "my-id"), ("모의 시안", "start-with-the-mockup"), ("Welcome to the Course!", "welcome"),
        ("Plain", None)]
    code = lesson.sections[2].blocks[0]
    assert isinstance(code, Code) and code.text == "# comment {#x}\n# see [[wiki]]\n"
    odd = parse_text("## Install {/* TODO rename */}\n\n## Select df[[0]]\n\n````md\n```\n## x {#y}\n````\n\n"
                     "~~~\n## z [[w]]\n~~~\n\n## Real {#real}\n", Path("t.md"))
    assert [(s.title_text, s.anchor) for s in odd.sections] == [
        ("Install", None), ("Select df[[0]]", None), ("Real", "real")]


def test_component_labels_are_shown_in_bold_before_their_content():
    """A Docusaurus tab's label (its value when it has none) and a box component's title are text the
    page shows; the paginator keeps such a bold label with what follows it."""
    lesson = parse_text("## 설치\n\n<Tabs>\n  <TabItem value=\"mac\" label=\"macOS\" default>\n\n맥은 brew.\n\n"
                        "  </TabItem>\n  <TabItem value=\"linux\">\n\n리눅스는 apt.\n\n  </TabItem>\n</Tabs>\n\n"
                        "<Admonition type=\"tip\" title=\"알아두기\">\n상자 안의 글.\n</Admonition>\n\n"
                        "<Tabs>\n<TabItem value=\"x\" label=\"A > B\">Text B</TabItem>\n</Tabs>\n", Path("t.mdx"))
    runs = [(r.text, r.bold) for b in lesson.sections[0].blocks if isinstance(b, Paragraph) for r in b.runs
            if r.text.strip()]
    assert runs == [("macOS", True), ("맥은 brew.", False), ("linux", True), ("리눅스는 apt.", False),
                    ("알아두기", True), ("상자 안의 글.", False), ("A > B", True), ("Text B", False)]


def test_embedded_videos_become_named_links_with_a_warning(caplog):
    text = ("## 영상\n\n<iframe src=\"https://www.youtube.com/embed/abc\" title=\"LLM 소개\"></iframe>\n\n"
            "<video src=\"./demo.mp4\" controls></video>\n")
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        lesson = parse_text(text, Path("v.md"))
    paras = [b for b in lesson.sections[0].blocks if isinstance(b, Paragraph)]
    assert [(plain_text(p.runs), p.runs[-1].link) for p in paras] == [
        ("▶ LLM 소개", "https://www.youtube.com/embed/abc"), ("▶ ./demo.mp4", None)]
    messages = [r.getMessage() for r in caplog.records]
    assert any("v.md:3:" in m and "<iframe> cannot play" in m for m in messages)
    assert any("v.md:5:" in m and "<video>" in m for m in messages)
    assert lesson.lang == "ko"  # the player's markup does not make a Korean lesson English
    inline = parse_text("## A\n\n영상: <video controls><source src=\"https://e.com/a.mp4\"></video> 끝.\n\n"
                        "| a | b |\n|---|---|\n| <Youtube id=\"1pedAIvTWXk\"/> | <iframe src=\"http://[bad\"></iframe> |\n",
                        Path("i.md"))
    para, table = inline.sections[0].blocks
    assert plain_text(para.runs) == "영상: ▶ https://e.com/a.mp4 끝."
    assert [plain_text(c) for c in table.rows[0].cells] == ["▶ https://www.youtube.com/watch?v=1pedAIvTWXk",
                                                           "▶ http://[bad"]  # no address to link, no crash
    youtube = parse_text("## 영상\n\n<Youtube id=\"00GKzGyWFEs\" />\n", Path("y.mdx"))
    assert [(plain_text(b.runs), b.runs[-1].link) for b in youtube.sections[0].blocks] == [
        ("▶ https://www.youtube.com/watch?v=00GKzGyWFEs", "https://www.youtube.com/watch?v=00GKzGyWFEs")]


def test_any_container_word_makes_a_box():
    """Docusaurus's kinds have their colours; `:::details` (VitePress and others) is a box too, not
    a paragraph of colons."""
    lesson = parse_text("## A\n\n:::details 더 보기\n숨은 본문.\n:::\n\n:::Important\n중요.\n:::\n", Path("a.md"))
    boxes = [b for b in lesson.sections[0].blocks if isinstance(b, Admonition)]
    assert [(b.kind, plain_text(b.title)) for b in boxes] == [("details", "더 보기"), ("important", "")]


def test_html_summary_and_headings_are_bold_labels():
    lesson = parse_text("## A\n\n<details>\n<summary>더 알아보기</summary>\n\n본문입니다.\n\n</details>\n\n"
                        "<div><h3>HTML 제목</h3><p>설명 글.</p></div>\n", Path("d.md"))
    paras = [b for b in lesson.sections[0].blocks if isinstance(b, Paragraph)]
    assert [[(r.text, r.bold) for r in p.runs if r.text.strip()] for p in paras] == [
        [("더 알아보기", True)], [("본문입니다.", False)], [("HTML 제목", True), ("설명 글.", False)]]


def test_an_unclosed_box_is_named(caplog):
    with caplog.at_level(logging.WARNING, logger="slidegen"):
        parse_text("## A\n\n:::tip\nok\n:::\n\n> :::note\n> quoted\n> :::\n\n:::Hello there\n\n## Next\n", Path("u.md"))
    messages = [r.getMessage() for r in caplog.records if "never closed" in r.getMessage()]
    assert len(messages) == 1 and "u.md:11:" in messages[0] and "':::hello'" in messages[0]
