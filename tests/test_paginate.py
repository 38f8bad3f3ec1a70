"""The paginator on the Deck model: no python-pptx involved."""
from __future__ import annotations

import pytest

from slidegen.model import CodeFrame, Layout, TableFrame, TextFrame, plain_text
from slidegen.paginate import paginate
from slidegen.parse import parse_file
from slidegen.theme import load_theme

from conftest import CONTENT_LESSON, FIXTURES, ROOT

TEMPLATES = ROOT / "templates"


def deck_of(path):
    lesson = parse_file(path)
    return paginate(lesson, load_theme(TEMPLATES, lesson.lang))


@pytest.fixture(scope="module")
def content_deck():
    return deck_of(CONTENT_LESSON)


def titles(deck):
    return [plain_text(s.title) for s in deck.slides]


def test_content_deck_structure(content_deck):
    slides = content_deck.slides
    assert slides[0].layout == Layout.TITLE and plain_text(slides[0].title) == "생성형 AI와 LLM"
    assert slides[1].layout == Layout.AGENDA and plain_text(slides[1].title) == "목차"
    assert slides[-1].layout == Layout.CLOSING
    sections = [plain_text(s.title) for s in slides if s.layout == Layout.SECTION]
    assert sections == [s.title_text for s in content_deck.lesson.sections]
    for sub in [sub for s in content_deck.lesson.sections for sub in s.subsections]:
        assert sub.title_text in titles(content_deck)
    assert 20 <= len(slides) <= 30


def test_continuation_titles_come_from_the_template(content_deck):
    continued = [t for t in titles(content_deck) if t.endswith("(계속)")]
    assert continued and all(t[: -len(" (계속)")] in titles(content_deck) for t in continued)
    english = titles(deck_of(FIXTURES / "long-list.md"))
    assert any(t.endswith("(cont. 2/5)") for t in english)  # numbered from the section slide that opens the run
    continued = [t for t in english if "(cont." in t]
    assert len(set(continued)) == len(continued), "continuation titles tell the slides apart"


def test_every_frame_inside_the_content_area(content_deck):
    theme = load_theme(TEMPLATES, "ko")
    body = theme.box("content.body")
    for deck in (content_deck, deck_of(FIXTURES / "long-table.md"), deck_of(FIXTURES / "long-list.md")):
        for slide in deck.slides:
            if slide.layout in (Layout.TITLE, Layout.CLOSING):
                continue
            for frame in slide.frames:
                assert frame.box.y >= body.y - 0.01 and frame.box.bottom <= body.bottom + 0.01, plain_text(slide.title)


def test_body_sizes_stay_in_range(content_deck):
    sizes = [f.size_pt for s in content_deck.slides for f in s.frames if isinstance(f, TextFrame)]
    assert min(sizes) >= 18 and max(sizes) <= 28


def test_table_split_repeats_header_and_keeps_groups():
    deck = deck_of(FIXTURES / "long-table.md")
    lesson_table = deck.lesson.sections[0].blocks[0]
    pieces = [f for s in deck.slides for f in s.frames if isinstance(f, TableFrame)]
    assert len(pieces) > 1
    assert all(p.header == lesson_table.header for p in pieces)
    shown = [row.pos for p in pieces for row in p.rows]
    assert shown == [row.pos for row in lesson_table.rows]  # every row once, in order
    assert all(not p.rows[0].continues_group for p in pieces)
    assert all(p.size_pt >= 12 for p in pieces)
    # a group's second row is never the first row of a piece: groups stay together
    for p in pieces:
        first = p.rows[0]
        original = next(r for r in lesson_table.rows if r.pos == first.pos)
        assert not original.continues_group


def test_content_table_is_one_native_table(content_deck):
    pieces = [f for s in content_deck.slides for f in s.frames if isinstance(f, TableFrame)]
    assert sum(len(p.rows) for p in pieces) == 8


def test_list_items_stay_with_their_children():
    deck = deck_of(FIXTURES / "long-list.md")
    list_slides = [s for s in deck.slides if plain_text(s.title).startswith("A long list") and s.frames]
    assert len(list_slides) > 1
    for slide in list_slides:
        first = slide.frames[0].paras[0]
        assert first.level == 0 and first.marker == "•"


def test_long_paragraph_splits_between_sentences():
    deck = deck_of(FIXTURES / "long-list.md")
    slides = [s for s in deck.slides if plain_text(s.title).startswith("A long paragraph") and s.frames]
    assert len(slides) > 1
    for slide in slides:
        text = plain_text(slide.frames[0].paras[0].runs)
        assert text.startswith("Sentence number") and text.endswith("hold.")


def test_notes_and_thematic_break():
    deck = deck_of(FIXTURES / "notes.md")
    talk = [s for s in deck.slides if plain_text(s.title).startswith("Talk") and s.layout != Layout.SECTION]
    assert len(talk) == 2  # `---` forces a new slide
    assert talk[0].notes == "Say this out loud." and talk[1].notes == ""


def test_each_warning_is_reported_once(caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="slidegen"):
        deck_of(FIXTURES / "bad" / "word-3000-chars.md")
    assert len(caplog.messages) == len(set(caplog.messages)) == 1


def test_a_long_url_does_not_take_the_table(tmp_path):
    url = "https://towardsdatascience.com/enhancing-rag-pipelines-in-haystack-45f14e2bc9f5"
    prose = "이 설명은 표의 가장 중요한 내용이므로 넓은 열에 들어가야 합니다. " * 4
    lesson = tmp_path / "t.md"
    lesson.write_text(f"## T\n\n| 설명 | 논문 |\n|---|---|\n| {prose} | {url} |\n", encoding="utf-8")
    table = next(f for s in deck_of(lesson).slides for f in s.frames if isinstance(f, TableFrame))
    prose_width, url_width = table.col_widths
    assert url_width <= sum(table.col_widths) / 3 + 13 and prose_width > url_width


def test_deck_strings_render_alike_with_and_without_jinja():
    from jinja2 import Environment, StrictUndefined

    theme = load_theme(TEMPLATES, "ko")
    values = dict(title="제목", lesson_title="강의", number=3, n=2, total=9, tags=["a", "b"], alt="그림", kind="tip", part="부분")
    for key, template in theme.strings.items():
        expected = Environment(undefined=StrictUndefined).from_string(template).render(**values)
        assert theme.text(key, **values) == expected, key


def test_code_takes_a_larger_reading_size_only_without_a_slide_more(tmp_path):
    short = "```python\nprint('hello')\nx = 1\n```\n"
    long_lines = "\n".join(f"value_{i} = compute({i})" for i in range(60))
    lesson = tmp_path / "t.md"
    lesson.write_text(f"## Short\n\n{short}\n## Long\n\n```python\n{long_lines}\n```\n", encoding="utf-8")
    deck = deck_of(lesson)
    codes = [(plain_text(s.title), f.size_pt) for s in deck.slides for f in s.frames if isinstance(f, CodeFrame)]
    assert codes[0] == ("Short (cont.)", 20.0)  # under its section slide; fits whole where it stands: the largest `code_grow` size
    assert {size for title, size in codes[1:]} == {16.0}  # split over slides: the plain code size


def test_a_bold_label_stays_with_what_follows(tmp_path):
    """Whatever room the text above leaves, a bold label (`**macOS**`) is never the last line of a slide
    whose code starts on the next one."""
    for count in range(4, 16):
        filler = "\n\n".join(f"문단 {i}은 슬라이드를 채우는 설명입니다." for i in range(count))
        lesson = tmp_path / f"t{count}.md"
        lesson.write_text(f"## T\n\n{filler}\n\n**macOS**\n\n```bash\nbrew install python\nbrew upgrade\n```\n",
                          encoding="utf-8")
        holder = next(s for s in deck_of(lesson).slides if any(isinstance(f, CodeFrame) for f in s.frames))
        texts = [plain_text(p.runs) for f in holder.frames if isinstance(f, TextFrame) for p in f.paras]
        assert "macOS" in texts, count


def test_small_tables_grow_and_each_slide_keeps_one_code_size(tmp_path):
    lesson = tmp_path / "t.md"
    lesson.write_text("## Table\n\n| 명령 | 설명 |\n|---|---|\n| `ls` | 목록 |\n| `cd` | 이동 |\n\n"
                      "## Two codes\n\n" + "설명 문단입니다. " * 30 + "\n\n```bash\necho one\n```\n\n```bash\necho two\n```\n",
                      encoding="utf-8")
    deck = deck_of(lesson)
    tables = [f.size_pt for s in deck.slides for f in s.frames if isinstance(f, TableFrame)]
    assert tables == [20.0]
    for slide in deck.slides:
        assert len({f.size_pt for f in slide.frames if isinstance(f, CodeFrame)}) <= 1


def test_code_inside_a_list_item_is_set_in_and_stays_with_the_item(tmp_path):
    filler = "\n\n".join(f"문단 {i}은 슬라이드를 채우는 설명입니다." for i in range(12))
    lesson = tmp_path / "t.md"
    lesson.write_text(f"## T\n\n{filler}\n\n1. 가상환경을 만듭니다\n\n   ```bash\n   python3 -m venv .venv\n"
                      "   source .venv/bin/activate\n   ```\n\n```bash\necho top\n```\n", encoding="utf-8")
    deck = deck_of(lesson)
    codes = {f.lines[0]: (s, f) for s in deck.slides for f in s.frames if isinstance(f, CodeFrame)}
    slide, nested = codes["python3 -m venv .venv"]
    _, top = codes["echo top"]
    assert nested.box.x > top.box.x and nested.box.x + nested.box.w == top.box.x + top.box.w
    texts = [plain_text(p.runs) for f in slide.frames if isinstance(f, TextFrame) for p in f.paras]
    assert "가상환경을 만듭니다" in texts


def test_a_long_section_title_is_one_line_in_the_agenda_and_whole_on_its_slide(tmp_path):
    """A quiz page's `##` questions run to three lines: in the agenda each entry is cut after a word,
    with "…", to fit one line (and still jumps to its section); the section slide has it whole."""
    long = ("`trainer.train()`을 실행하려고 시도했는데 정확히 어디서 에러가 발생했는지 알려주지 않는 알 수 없는 "
            "에러에 직면했다고 가정합니다. 다음 중 학습 파이프라인에서 에러를 찾아야 하는 첫 번째 위치는 어디일까요?")
    lesson = tmp_path / "q.md"
    lesson.write_text(f"# 퀴즈\n\n## 짧은 질문\n\n본문.\n\n## {long}\n\n본문.\n", encoding="utf-8")
    deck = deck_of(lesson)
    (agenda,) = [s for s in deck.slides if s.layout == Layout.AGENDA]
    short, cut = agenda.frames[0].paras
    assert plain_text(short.runs) == "짧은 질문"
    text = plain_text(cut.runs)
    assert text.endswith("…") and len(text) < len(long) and long.replace("`", "").startswith(text[:-1])
    assert cut.runs[0].code and all(r.link == cut.runs[0].link for r in cut.runs)
    assert any(plain_text(s.title) == long.replace("`", "") for s in deck.slides)


def test_a_box_over_three_slides_says_it_continues_once_on_each(tmp_path):
    from slidegen.model import CalloutFrame

    lesson = tmp_path / "box.md"
    paragraphs = "\n\n".join(f"문단 {i}: " + "상자 안의 긴 설명이 이어집니다. " * 12 for i in range(9))
    lesson.write_text(f"## 상자\n\n:::tip 알아두기\n{paragraphs}\n:::\n", encoding="utf-8")
    titles = [plain_text(f.title) for s in deck_of(lesson).slides for f in s.frames if isinstance(f, CalloutFrame)]
    assert len(titles) >= 3 and titles[0] == "알아두기"
    assert set(titles[1:]) == {titles[1]} and titles[1].count("알아두기") == 1 and titles[1] != titles[0]


def test_a_heading_too_long_for_a_slide_title_is_cut_there_and_shown_whole_on_the_slide(tmp_path):
    """A heading that needs more than three lines at the smallest title size ran out of its title box;
    the title shows its beginning and "…", the slide's text opens with the whole heading."""
    from slidegen.metrics import fits_as_title

    heading = " ".join(f"word{i}" for i in range(400))
    lesson = tmp_path / "long-heading.md"
    lesson.write_text(f"# Lesson\n\n## {heading}\n\nSome text.\n\n### {heading} again\n\nMore text.\n", encoding="utf-8")
    deck = deck_of(lesson)
    theme = load_theme(ROOT / "templates")
    from slidegen.paginate.deck import Paginator
    m = Paginator(parse_file(lesson), theme).m
    cut = [slide for slide in deck.slides if plain_text(slide.title).endswith("…")]
    assert len(cut) >= 2 and all(heading not in plain_text(slide.title) for slide in deck.slides)
    for slide in cut:
        box = theme.box("section.title" if slide.layout is Layout.SECTION else "content.title")
        assert fits_as_title(m, slide.title, box, slide.title_pt, 3)
    body = " ".join(plain_text(para.runs) for slide in deck.slides for frame in slide.frames
                    if isinstance(frame, TextFrame) for para in frame.paras)
    assert heading in body and f"{heading} again" in body


def test_a_displayed_formula_taller_than_a_slide_is_set_smaller_inside_the_content_area(tmp_path):
    """A 20 x 20 matrix was one text box 1,501 pt tall on a 540 pt slide: measured as one line of linear
    text as wide as all its rows, then placed whole at the text's size."""
    from slidegen import formula

    matrix = r"\begin{pmatrix}" + r"\\".join("&".join(str(i * j) for j in range(20)) for i in range(20)) + r"\end{pmatrix}"
    lesson = tmp_path / "matrix.md"
    lesson.write_text(f"# M\n\n## Matrix\n\nThe matrix:\n\n$${matrix}$$\n\nAfter it.\n", encoding="utf-8")
    deck = deck_of(lesson)
    area = load_theme(TEMPLATES).box("content.body")
    frames = [(slide, frame) for slide in deck.slides for frame in slide.frames if isinstance(frame, TextFrame)]
    formula_frames = [frame for _s, frame in frames if any(run.math for p in frame.paras for run in p.runs)]
    assert len(formula_frames) == 1 and formula_frames[0].size_pt < 18
    for slide, frame in frames:
        if slide.layout is Layout.CONTENT:
            assert frame.box.y + frame.box.h <= area.y + area.h + 0.5
    lines = "".join(piece.text for piece in formula.to_linear(matrix, True)).split("\n")
    assert len(lines) == 20 and lines[1].startswith("0, 1, 2")  # a displayed matrix: a row a line


def test_the_text_before_the_first_section_is_titled_as_an_introduction(tmp_path):
    lesson = tmp_path / "intro.md"
    lesson.write_text("# Git\n\nWhy branches matter.\n\n## Branches\n\nText.\n", encoding="utf-8")
    assert titles(deck_of(lesson))[1] == "Introduction"
    alone = tmp_path / "alone.md"
    alone.write_text("# Git\n\nOnly text here.\n", encoding="utf-8")
    assert titles(deck_of(alone))[:2] == ["Git", "Git (cont.)"]  # a lesson of text alone continues its cover


def test_a_table_of_a_header_and_no_body_is_on_its_slide(tmp_path):
    """`| a |` over `|---|` (and a one-row HTML table) has a header and no rows: it was left out."""
    lesson = tmp_path / "header-only.md"
    lesson.write_text("# T\n\n## A\n\n| only | header |\n|---|---|\n\nafter\n", encoding="utf-8")
    frames = [f for s in deck_of(lesson).slides for f in s.frames if isinstance(f, TableFrame)]
    assert len(frames) == 1 and [plain_text(c) for c in frames[0].header] == ["only", "header"] and not frames[0].rows


def test_a_page_that_is_one_section_titled_by_its_heading_has_no_divider_repeating_the_cover(tmp_path):
    """An mdBook chapter starts with `## Variables` and has no title of its own: the cover shows the
    heading, and a divider after it read "Variables (2)"."""
    lesson = tmp_path / "chapter.md"
    lesson.write_text("## Variables\n\nValues are immutable.\n\n### Constants\n\nUse const.\n", encoding="utf-8")
    shown = titles(deck_of(lesson))
    assert shown[0] == "Variables" and "Variables (2)" not in shown and "Constants" in shown
    assert not [s for s in deck_of(lesson).slides if s.layout is Layout.SECTION]


def test_a_numbered_listing_caption_stays_under_its_code(tmp_path):
    """"예제 3-1: …" under a code block went to the top of the next slide when the block filled this one."""
    code = "\n".join(f"    let x{i} = {i};" for i in range(14))
    lesson = tmp_path / "listing.md"
    lesson.write_text(f"# R\n\n## Code\n\nIntro line one.\n\n```rust\nfn main() {{\n{code}\n}}\n```\n\n"
                      "예제 3-1: 불변 변수에 값을 두 번 할당하기\n\nAfter.\n", encoding="utf-8")
    for slide in deck_of(lesson).slides:
        kinds = [type(f).__name__ for f in slide.frames]
        texts = [plain_text(p.runs) for f in slide.frames if isinstance(f, TextFrame) for p in f.paras]
        if any(t.startswith("예제 3-1") for t in texts):
            assert "CodeFrame" in kinds, kinds


@pytest.mark.parametrize("front", ["format: revealjs", "format:\n  revealjs:\n    incremental: false", "marp: true"])
def test_a_lesson_written_as_slides_has_a_slide_per_heading_and_no_dividers(tmp_path, front):
    lesson = tmp_path / "deck.qmd"
    lesson.write_text(f"---\ntitle: Regression\n{front}\n---\n\n## The model\n\nText.\n\n## Fitting\n\nMore.\n",
                      encoding="utf-8")
    deck = deck_of(lesson)
    assert not [s for s in deck.slides if s.layout is Layout.SECTION]
    assert titles(deck)[2:4] == ["The model", "Fitting"]
