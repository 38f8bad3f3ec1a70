"""Real-lesson fidelity, read back from the outputs: nothing dropped, nothing moved out of its box,
nothing cut that fits, nothing covered. One small lesson per construct in tests/fixtures/real/."""
from __future__ import annotations

import subprocess
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Emu

from slidegen.build import build_deck, build_handout

from conftest import CORPUS_LESSONS, FIXTURES, GOOD_FIXTURES, ROOT

TEMPLATES = ROOT / "templates"
REAL = FIXTURES / "real"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    cache: dict[str, tuple] = {}

    def build(name: str):
        if name not in cache:
            lesson = REAL / name
            cache[name] = (Presentation(build_deck(lesson, out, TEMPLATES)), build_handout(lesson, out, TEMPLATES))
        return cache[name]

    return build


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def slide_texts(prs) -> list[str]:
    """All text of each slide: shapes, and table cells."""
    texts = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts).replace("\v", "\n"))
    return texts


def inside(inner, outer) -> bool:
    return (outer.left <= inner.left and outer.top <= inner.top
            and inner.left + inner.width <= outer.left + outer.width
            and inner.top + inner.height <= outer.top + outer.height)


# --------------------------------------------------------------------------- content lost


@pytest.mark.parametrize("line", ["안녕", "/home/student", ".  ..  notes.txt", "1024", "'ABC'"])
def test_session_output_lines_are_in_both_outputs(built, line):
    prs, handout = built("console.md")
    assert any(line in text for text in slide_texts(prs))
    assert line in pdf_text(handout)


def test_superscript_and_subscript_are_runs_with_a_baseline(built):
    prs, handout = built("inline-html.md")
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    sup = [r for r in runs if r.text == "2" and int(r._r.get_or_add_rPr().get("baseline", "0")) > 0]
    sub = [r for r in runs if r.text == "2" and int(r._r.get_or_add_rPr().get("baseline", "0")) < 0]
    assert sup and sub
    assert "Ctrl" in pdf_text(handout)


def test_html_pre_is_code_with_its_spaces(built):
    prs, handout = built("inline-html.md")
    want = "| client | ---> | server |"
    mono = [sh for s in prs.slides for sh in s.shapes if sh.has_text_frame and want in sh.text_frame.text]
    assert mono, "the diagram's row with its spaces"
    fonts = {r.font.name for p in mono[0].text_frame.paragraphs for r in p.runs}
    assert any("Mono" in (f or "") for f in fonts)
    assert want in pdf_text(handout)


# --------------------------------------------------------------------------- content moved


def test_code_table_and_list_stay_inside_their_box(built):
    prs, _ = built("box-content.md")
    for slide in prs.slides:
        shapes = list(slide.shapes)
        boxes = [sh for sh in shapes if sh.has_text_frame and ("실행해 보기" in sh.text_frame.text or "버전 확인" in sh.text_frame.text)]
        for box in boxes:
            for sh in shapes:
                held = (sh.has_table or (sh.has_text_frame and ("python -m venv" in sh.text_frame.text)))
                if held and sh is not box:
                    assert inside(sh, box), f"{sh.name} lies outside its box on slide {slide.slide_id}"
    texts = slide_texts(prs)
    code_slide = next(i for i, t in enumerate(texts) if "python -m venv" in t)
    assert "실행해 보기" in texts[code_slide] and "그런 다음 출력을 확인하세요" in texts[code_slide]


def test_caption_follows_its_picture_on_the_same_slide(built):
    prs, _ = built("figures.md")
    for caption in ("Figure 1.", "Figure 2.", "Figure 3.", "그림 4."):
        slide = next(s for s in prs.slides if any(sh.has_text_frame and caption in sh.text_frame.text for sh in s.shapes))
        text_shape = next(sh for sh in slide.shapes if sh.has_text_frame and caption in sh.text_frame.text)
        pictures = [sh for sh in slide.shapes if sh.shape_type == 13 or "image" in sh.name.lower() or "picture" in sh.name.lower()]
        assert pictures, f"{caption}: no picture on its slide"
        assert min(p.top for p in pictures) < text_shape.top + text_shape.height


# --------------------------------------------------------------------------- cut or covered


def test_every_table_cell_states_its_size(built):
    prs, _ = built("table-empty-cells.md")
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for tc in shape._element.iter(f"{A}tc"):
                for para in tc.iter(f"{A}p"):
                    end = para.find(f"{A}endParaRPr")
                    runs = para.findall(f"{A}r")
                    sized = [r.find(f"{A}rPr") is not None and r.find(f"{A}rPr").get("sz") for r in runs]
                    assert all(sized) and end is not None and end.get("sz"), "a cell paragraph without a size"


def test_no_list_item_fitting_a_slide_is_cut(built):
    prs, _ = built("list-cuts.md")
    texts = slide_texts(prs)
    for i in range(1, 13):
        assert any(f"explanation of point number {i}, written" in t and "cut it in the middle" in t.split(f"number {i},")[1]
                   for t in texts), f"point {i} cut"
    lead = next(k for k, t in enumerate(texts) if "Vanishing gradients:" in t)
    assert "If the largest singular value" in texts[lead]


def _code_pieces(prs, marker: str) -> list[int]:
    return [len(sh.text_frame.text.split("\n")) for s in prs.slides for sh in s.shapes
            if sh.has_text_frame and marker in sh.text_frame.text]


def test_short_code_is_not_split_and_splits_leave_three_lines(built):
    prs, _ = built("code-widows.md")
    texts = slide_texts(prs)
    assert sum("|  A  |" in t or "|  B  |" in t for t in texts) >= 1
    diagram = next(t for t in texts if "|  A  |" in t)
    assert "|  B  |" in diagram, "a 7-line diagram split"
    for s in prs.slides:
        for sh in s.shapes:
            if sh.has_text_frame and ("step_" in sh.text_frame.text or sh.text_frame.text.strip() == "}"):
                assert len(sh.text_frame.text.split("\n")) >= 3
    console = next(t for t in texts if "$ make all" in t)
    assert "$ make check" in console and "ok" in console.split("$ make check")[1]


def test_title_without_front_matter_is_the_first_heading(built):
    prs, _ = built("no-title.md")
    assert prs.slides[0].shapes.title.text == "First section"


# --------------------------------------------------------------------------- markup the site hides


def test_site_markup_is_hidden_and_mdx_text_is_markdown(built):
    prs, handout = built("liquid.md")
    deck = "\n".join(slide_texts(prs))
    text = pdf_text(handout)
    for hidden in ("{% comment %}", "hidden.", "{% raw %}", "{% endraw %}", "{: .lead }", "{alt="):
        assert hidden not in deck and hidden not in text, hidden
    assert "Templates use" in deck and "A paragraph with a class." in deck
    assert "`torch.nn`" not in deck and "torch.nn" in deck


def test_outline_into_a_closed_pipe_is_quiet():
    run = subprocess.run(f"{ROOT}/.venv/bin/slidegen outline {ROOT}/content/01-generative-ai-llm.md | head -1",
                         shell=True, capture_output=True, text=True)
    assert "Error" not in run.stderr and "internal error" not in run.stderr


# --------------------------------------------------------------------------- every character accounted for


def _lessons():
    return sorted(REAL.glob("*.md")) + list(GOOD_FIXTURES) + list(CORPUS_LESSONS)


def test_highlighting_keeps_every_character_of_every_lesson():
    from slidegen.highlight import token_lines
    from slidegen.parse import parse_file

    from conftest import all_blocks
    from slidegen.model import Code

    def sections(items):
        for section in items:
            yield section
            yield from sections(section.subsections)

    seen = 0
    for lesson in _lessons():
        parsed = parse_file(lesson)
        blocks = list(parsed.preamble) + [b for section in sections(parsed.sections) for b in section.blocks]
        for block in all_blocks(blocks):
            if isinstance(block, Code):
                got = ["".join(t for _tok, t in line) for line in token_lines("\n".join(block.lines), block.language)]
                assert got == list(block.lines) or not block.lines, f"{lesson.name}: {block.language}"
                seen += 1
    assert seen


@pytest.mark.parametrize("intro, held", [("아래 표는", "table"), ("다음은 이번 실습", "templates/report.html")])
def test_an_intro_sentence_is_not_left_alone_on_a_slide(built, intro, held):
    """A table or code block that fits a slide at a smaller size stays whole under its intro sentence."""
    prs, _ = built("near-empty.md")
    slide = next(s for s in prs.slides if any(sh.has_text_frame and intro in sh.text_frame.text for sh in s.shapes))
    if held == "table":
        assert any(sh.has_table for sh in slide.shapes)
    else:
        assert any(sh.has_text_frame and held in sh.text_frame.text and sh.name.startswith("Code") for sh in slide.shapes)


def test_a_section_intro_opens_the_first_subsection_slide_rather_than_a_bare_one(built):
    """A `##` intro sentence that would make a nearly bare slide of its own ("(계속)" with one line)
    shares the first `###` slide, before its table, when that takes no more slides."""
    prs, _ = built("near-empty.md")
    slide = next(s for s in prs.slides if any(sh.has_text_frame and "이 절에서는" in sh.text_frame.text for sh in s.shapes))
    assert slide.shapes.title.text == "축 1: 완성도" and any(sh.has_table for sh in slide.shapes)
    assert not any(s.shapes.title.text.startswith("평가 기준 (") for s in prs.slides)


def test_a_long_run_is_titled_by_its_level_four_headings(built):
    """A ### run needing more than two slides is cut at its #### headings, which title its slides:
    no two slides of the run share a title."""
    prs, _ = built("parts.md")
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    run = [t for t in titles if t.startswith("메모리와 할당")]
    assert any("스택" in t for t in run) and any("순환 참조" in t for t in run)
    assert len(run) == len(set(run)), run


# --------------------------------------------------------------------------- highlighted lines

MARKED = ["return `안녕, ${name}`;", "const first = 1;", "const second = 2;", "import math",
          "root = math.sqrt(unmarked)", "material_two = 2"]
UNMARKED = ["function greet(name) {", "console.log(first + second);", "unmarked = 2", "plain_one = 1",
            "shown as written"]


def deck_code_lines(prs) -> dict[str, bool]:
    """Each code line of the deck and whether all its runs carry a highlight."""
    lines = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.name.startswith("Code"):
                for para in shape.text_frame.paragraphs:
                    runs = [r for r in para.runs if r.text.strip()]
                    if runs:
                        lines[para.text.strip()] = all(r._r.find(f"{A}rPr/{A}highlight") is not None for r in runs)
    return lines


def handout_marked_lines(path) -> dict[str, bool]:
    """Each code line of the handout and whether it lies on a highlight (a pale yellow rectangle)."""
    import pdfplumber

    lines = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            yellow = [r for r in page.rects if _is_highlight(r.get("non_stroking_color"))]
            for line in page.extract_text_lines():
                middle = (line["top"] + line["bottom"]) / 2
                lines[line["text"].strip()] = any(r["top"] <= middle <= r["bottom"] and r["x0"] <= line["x0"] + 2
                                                  for r in yellow)
    return lines


def _is_highlight(color) -> bool:
    return isinstance(color, (tuple, list)) and len(color) == 3 and color[0] > 0.95 and color[2] < 0.8


def test_the_lines_a_site_highlights_are_highlighted_and_magic_comments_are_not_shown(built):
    prs, handout = built("highlighted-lines.md")
    for lines in (deck_code_lines(prs), handout_marked_lines(handout)):
        assert {line: lines.get(line) for line in MARKED} == dict.fromkeys(MARKED, True)
        assert {line: lines.get(line) for line in UNMARKED} == dict.fromkeys(UNMARKED, False)
        magic = [line for line in lines if "highlight-" in line]
        assert magic == ["// highlight-next-line"], "only the block without a language keeps its comment"
