"""The .pptx read back with python-pptx: native tables, title placeholders, Korean fonts, notes,
document properties, reproducible bytes, and layouts from the master."""
from __future__ import annotations

import zipfile

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from slidegen.build import build_deck
from slidegen.model import plain_text
from slidegen.parse import parse_file
from slidegen.theme import load_theme

from conftest import CONTENT_LESSON, FIXTURES, GOOD_FIXTURES, ROOT

TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def content_pptx(lesson_outputs):
    return lesson_outputs.deck(CONTENT_LESSON)


def test_table_rows_are_native_rows(content_pptx):
    prs = Presentation(content_pptx)
    rows = [[c.text for c in row.cells] for s in prs.slides for sh in s.shapes if sh.has_table for row in sh.table.rows]
    table = next(b for b in parse_file(CONTENT_LESSON).sections[1].blocks if hasattr(b, "rows"))
    for row in table.rows:
        want = [plain_text(c).replace("\n", "\v") for c in row.cells if plain_text(c)]
        assert any(all(w in got for w in want) for got in rows), want
    assert rows[0] == ["분야", "기능", "세부 내용"]


def test_group_cells_are_merged(content_pptx):
    prs = Presentation(content_pptx)
    table = next(sh.table for s in prs.slides for sh in s.shapes if sh.has_table)
    first = table.cell(1, 0)
    assert first.is_merge_origin and first.span_height == 3 and first.text == "시각 콘텐츠"


def test_titles_are_in_title_placeholders(content_pptx):
    prs = Presentation(content_pptx)
    titles = [s.shapes.title.text for s in prs.slides]
    lesson = parse_file(CONTENT_LESSON)
    for section in lesson.sections:
        assert section.title_text in titles
        for sub in section.subsections:
            assert sub.title_text in titles


def test_korean_fonts_and_language(content_pptx):
    with zipfile.ZipFile(content_pptx) as z:
        slide = z.read("ppt/slides/slide4.xml").decode()
        theme = z.read("ppt/theme/theme1.xml").decode()
    assert '<a:ea typeface="Noto Sans CJK KR"/>' in slide and 'lang="ko-KR"' in slide
    assert 'eaLnBrk="0"' in slide
    assert '<a:ea typeface="Noto Sans CJK KR"/>' in theme and 'script="Hang" typeface="Noto Sans CJK KR"' in theme


def test_font_sizes_are_stated_and_at_least_the_minimums(content_pptx):
    prs = Presentation(content_pptx)
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for tf in frames:
                for p in tf.paragraphs:
                    for r in p.runs:
                        assert r.font.size is not None
                        assert r.font.size >= Pt(12) or shape.top > Pt(495)  # footer is 11 pt


def test_document_properties(content_pptx):
    props = Presentation(content_pptx).core_properties
    assert props.title == "생성형 AI와 LLM"
    assert props.subject.startswith("생성형 AI와 그 핵심 기술인")


def test_rebuild_is_byte_identical(content_pptx, tmp_path):
    again = build_deck(CONTENT_LESSON, tmp_path, TEMPLATES)
    assert again.read_bytes() == content_pptx.read_bytes()


def test_notes_are_attached(tmp_path):
    prs = Presentation(build_deck(FIXTURES / "notes.md", tmp_path, TEMPLATES))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert "Say this out loud." in notes


def test_layouts_come_from_the_master_by_name(content_pptx, tmp_path):
    used = {s.slide_layout.name for s in Presentation(content_pptx).slides}
    assert {"title", "agenda", "section", "content", "closing"} <= used
    tables = Presentation(build_deck(FIXTURES / "long-table.md", tmp_path, TEMPLATES))
    assert "table" in {s.slide_layout.name for s in tables.slides}  # a slide of a table alone


def test_reference_deck_without_our_layout_names_builds_with_its_own(tmp_path):
    from pptx import Presentation as New

    plain = tmp_path / "plain.pptx"
    New().save(plain)
    out = build_deck(CONTENT_LESSON, tmp_path, TEMPLATES, reference=plain)
    used = {s.slide_layout.name for s in Presentation(out).slides}
    assert {"Title Slide", "Title and Content", "Section Header"} <= used


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in GOOD_FIXTURES])
def test_every_fixture_builds_a_deck(path, lesson_outputs):
    out = lesson_outputs.deck(path)
    assert len(Presentation(out).slides) >= 2


def test_picture_keeps_aspect_ratio_and_alt_text(tmp_path):
    prs = Presentation(build_deck(FIXTURES / "image-real.md", tmp_path, TEMPLATES))
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 1
    assert abs(pictures[0].width / pictures[0].height - 2.0) < 0.01
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "A wide diagram with a green circle"


def test_missing_image_is_a_visible_placeholder(tmp_path):
    prs = Presentation(build_deck(FIXTURES / "images.md", tmp_path, TEMPLATES))
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert any("A missing chart" in t for t in texts)


def test_slides_command_does_not_import_weasyprint(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from slidegen.cli import main; main(['-q', 'slides', %r, '-o', %r]); "
            "print('weasyprint' in sys.modules)") % (str(CONTENT_LESSON), str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "False"


def test_own_master_works_as_reference_deck(tmp_path):
    out = build_deck(CONTENT_LESSON, tmp_path, TEMPLATES, reference=TEMPLATES / "deck" / "master.pptx")
    assert len(Presentation(out).slides) > 20


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_a_4_by_3_reference_deck_gets_its_own_geometry(tmp_path):
    from pptx.util import Emu

    from slidegen.verify import check_deck

    reference = Presentation(TEMPLATES / "deck" / "master.pptx")
    reference.slide_width = Emu(720 * 12700)
    for layout in reference.slide_layouts:
        for ph in layout.placeholders:
            ph.left, ph.width = Emu(int(ph.left * 0.75)), Emu(int(ph.width * 0.75))
    reference.save(tmp_path / "ref.pptx")
    out = build_deck(CONTENT_LESSON, tmp_path, TEMPLATES, reference=tmp_path / "ref.pptx")
    deck = Presentation(out)
    assert deck.slide_width == Emu(720 * 12700)
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width + 12700, shape.name
    report = check_deck(parse_file(CONTENT_LESSON), out)
    assert report.ok, report.details()[:5]


def test_list_levels_are_stated_for_numbering_and_outline(tmp_path):
    prs = Presentation(build_deck(FIXTURES / "lists.md", tmp_path, TEMPLATES))
    levels = [p._p.pPr.get("lvl") for s in prs.slides for sh in s.shapes if sh.has_text_frame
              for p in sh.text_frame.paragraphs if "child" in p.text]
    assert levels and set(levels) == {"1", "2"}


def test_in_page_links_jump_to_their_slide(tmp_path):
    lesson = tmp_path / "links.md"
    lesson.write_text("## 목록\n\n- [문장 요약](#문장-요약)\n- [없는 곳](#missing)\n\n## 문장 요약\n\n본문입니다.\n",
                      encoding="utf-8")
    prs = Presentation(build_deck(lesson, tmp_path, TEMPLATES))
    slides = list(prs.slides)
    jumps = []
    for slide in slides:
        if slide.slide_layout.name == "agenda":  # its entries jump to the section slides (tested below)
            continue
        for shape in slide.shapes:
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    for r in p.runs:
                        link = r._r.find(".//" + "{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkClick")
                        if link is not None:
                            jumps.append((r.text, link.get("action"), slide.part.related_part(link.get(
                                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))))
    # a link of several words is a linked run per word (LibreOffice cannot wrap inside one), all to one slide
    assert [(text, action) for text, action, _ in jumps] == [("문장", "ppaction://hlinksldjump"),
                                                            ("요약", "ppaction://hlinksldjump")]
    assert {part.slide.shapes.title.text for _, _, part in jumps} == {"문장 요약"}


def test_a_long_link_is_a_linked_run_per_word_in_the_theme_link_colour(tmp_path):
    """LibreOffice makes a linked run a field it cannot break: a link longer than the rest of its line
    was set on lines of its own and pushed the text under it out of the box. Each word is linked, the
    spaces between are underlined runs, and the theme's link colours are the accent the deck uses."""
    lesson = tmp_path / "refs.md"
    title = "Large language models effectively leverage document-level context for literary translation"
    lesson.write_text(f"## 참고\n\n- [{title}](https://arxiv.org/abs/2304.02210) (April 2023)\n", encoding="utf-8")
    deck = build_deck(lesson, tmp_path, TEMPLATES)
    prs = Presentation(deck)
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
            for r in p.runs if r.text.strip() in title.split() or (r.text.isspace() and r.hyperlink.address is None)]
    words = [r for r in runs if not r.text.isspace()]
    assert " ".join(r.text for r in words) == title
    assert {r.hyperlink.address for r in words} == {"https://arxiv.org/abs/2304.02210"}
    assert all(r.font.underline for r in runs if r.text.isspace())
    with zipfile.ZipFile(deck) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
    accent = load_theme(TEMPLATES, "ko").colors["accent"]
    assert f'<a:hlink><a:srgbClr val="{accent}"/></a:hlink>' in theme and f'<a:folHlink><a:srgbClr val="{accent}"/>' in theme


def test_agenda_entries_jump_to_their_section_slides(content_pptx):
    prs = Presentation(content_pptx)
    agenda = next(s for s in prs.slides if s.slide_layout.name == "agenda")
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = [(paragraph, agenda.part.related_part(link.get(rel)).slide.shapes.title.text)
               for paragraph in agenda._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}p")
               for link in paragraph.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkClick")]
    per_entry = {paragraph: title for paragraph, title in targets}  # each word of an entry: one slide
    assert len(per_entry) == len({(p, t) for p, t in targets})
    assert list(per_entry.values()) == [s.title_text for s in parse_file(CONTENT_LESSON).sections]


EDGE_LESSON = ("---\ntitle: 가장자리\n---\n\n## 번호\n\n0. 영부터 세는 목록\n1. 다음\n\n## 큰 번호\n\n40000. 큰 수\n40001. 더 큰 수\n\n"
               "## 링크와 노트\n\n[위로](#번호), [밖으로](https://example.com) 그리고 `code` **굵게** *기울임* ~~취소~~.\n\n"
               "<!-- notes: 발표자 노트 -->\n\n---\n\n> 인용\n\n- [x] 완료\n- [ ] 할 일\n")


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_decks_are_valid_office_open_xml(tmp_path, lesson_outputs):
    """PowerPoint repairs or rejects a part that breaks the ECMA-376 schemas or the Open XML SDK's rules
    (a list numbered from 0 did); openxml-audit applies both, part by part."""
    audit = pytest.importorskip("openxml_audit", reason="openxml-audit is a test dependency: pip install -e '.[test]'")
    (tmp_path / "edge.md").write_text(EDGE_LESSON, encoding="utf-8")
    decks = [build_deck(tmp_path / "edge.md", tmp_path / "decks", TEMPLATES)]
    decks += [lesson_outputs.deck(lesson) for lesson in [CONTENT_LESSON, *(p for p in GOOD_FIXTURES if p.suffix in (".md", ".mdx"))]]
    problems = []
    for deck in decks:
        problems += [f"{deck.name}: {error}" for error in audit.validate_pptx(deck).errors]
    assert not problems, "\n".join(problems[:20])


def test_a_list_item_that_opens_with_code_keeps_its_number(tmp_path):
    """PowerPoint shows no bullet or number on an empty paragraph: such an item gets an invisible run."""
    (tmp_path / "steps.md").write_text("## A\n\n1. ```bash\n   echo one\n   ```\n2. 둘\n", encoding="utf-8")
    prs = Presentation(build_deck(tmp_path / "steps.md", tmp_path, TEMPLATES))
    paras = [p for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
             if p._p.find(".//" + qn("a:buAutoNum")) is not None]
    assert [p.text for p in paras] == ["\u200b", "둘"]


def test_a_japanese_link_is_linked_per_character_so_libreoffice_can_wrap_it(tmp_path):
    lesson = tmp_path / "ja.md"
    title = "【徹底解説】これからのエンジニアの必携スキル、プロンプトエンジニアリングの手引「Prompt Engineering Guide」"
    lesson.write_text(f"## 읽을거리\n\n- [{title}](https://example.jp/a)\n", encoding="utf-8")
    prs = Presentation(build_deck(lesson, tmp_path, TEMPLATES))
    linked = [r.text for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
              for r in p.runs if r.hyperlink.address == "https://example.jp/a"]
    assert "".join(linked) == title.replace(" ", "") and "徹" in linked and "Prompt" in linked
