"""The handout: render lessons to PDF and read them back (poppler's pdftotext, pdffonts; pdfplumber).

Each PDF is built once per module (`built`), so the suite stays quick; the deck comes from the real
paginator where the lesson has one, else a small hand-made deck.
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pytest

from slidegen import render_handout as rh
from slidegen.verify.items import prose
from slidegen.build import lesson_and_deck
from slidegen.errors import UsageError
from slidegen.model import (
    Box, Code, Deck, Image, Layout, Lesson, ListBlock, Paragraph, Run, Section, Slide,
    SourcePos, Table, TableFrame, TableRow, TextFrame, TextPara, plain_text,
)
from slidegen.parse import parse_file

from conftest import all_blocks, CONTENT_LESSON, FIXTURES, GOOD_FIXTURES, MATH_FIXTURES, ROOT

TEMPLATES = ROOT / "templates"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
EDGE = re.compile(r"^[^\w\uac00-\ud7a3]+|[^\w\uac00-\ud7a3]+$")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed; `make setup` installs it")


# ------------------------------------------------------------------------------------------ helpers


def norm(text: str) -> str:
    """Text without spaces and invisible joiners: robust to line wrapping."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u2060\u200b\u00ad]", "", text)


def pdf_lines(path: Path) -> list[list[str]]:
    """Each page's text lines, in poppler's reading order."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in ET.fromstring(out).iter(f"{ns}page"):
        pages.append([" ".join(w.text or "" for w in line.iter(f"{ns}word")) for line in page.iter(f"{ns}line")])
    return pages


def pdf_text(path: Path, title: str | None = None) -> str:
    """The normalized body text: running header (the title, atop pages after the first) and the
    "page / pages" footer left out, so that a paragraph running over a page break reads whole."""
    lines = []
    for number, page in enumerate(pdf_lines(path), 1):
        if number > 1 and title is not None and page and norm(page[0]) == norm(title):
            page = page[1:]
        lines.extend(line for line in page if not re.fullmatch(r"\d+ / \d+", line))
    return norm("\n".join(lines))


def all_sections(sections):
    for section in sections:
        yield section
        yield from all_sections(section.subsections)


def lesson_items(lesson: Lesson):
    """(kind, text) for every heading, paragraph line, list item, table cell and code line; text without
    its formulas (each a picture in the handout, checked in test_verify_formulas)."""
    blocks = list(all_blocks(lesson.preamble))
    for section in all_sections(lesson.sections):
        yield "heading", section.title_text
        blocks.extend(all_blocks(section.blocks))
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from (("line", t) for t in prose(block.runs).split("\n") if t.strip())
        elif isinstance(block, ListBlock):
            yield from (("item", prose(i.runs)) for i in block.items if prose(i.runs).strip())
        elif isinstance(block, Table):
            for cells in (block.header,) + tuple(r.cells for r in block.rows):
                yield from (("cell", prose(c)) for c in cells if prose(c).strip())
        elif isinstance(block, Code):
            yield from (("code", line) for line in block.lines if line.strip())


def missing_items(lesson: Lesson, pdf: Path) -> list[tuple[str, str]]:
    text = pdf_text(pdf, lesson.title)

    def present(kind, value):
        if norm(value) in text:
            return True  # a cell set on several lines interleaves with its neighbours: its words suffice
        return kind == "cell" and all(norm(w) in text for w in value.split())

    return [(k, v) for k, v in lesson_items(lesson) if not present(k, v)]


def korean_words(lesson_text: str) -> set[str]:
    return {w for w in (EDGE.sub("", t) for t in lesson_text.split()) if HANGUL.search(w) and len(w) > 1}


def split_words(pdf: Path, vocabulary: set[str]) -> list[tuple[str, str]]:
    """Lines that end in part of a Korean word whose rest starts the next line."""
    splits = []
    for page in pdf_lines(pdf):
        for first, second in zip(page, page[1:]):
            if not first.split() or not second.split():
                continue
            tail, head = EDGE.sub("", first.split()[-1]), EDGE.sub("", second.split()[0])
            if tail and head and HANGUL.search(tail + head) and tail not in vocabulary and tail + head in vocabulary:
                splits.append((tail, head))
    return splits


def write_lesson(folder: Path, name: str, text: str) -> Lesson:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def render_to(path: Path, lesson: Lesson, deck: Deck | None = None, layout: str = "notes") -> Path:
    path.write_bytes(rh.render_handout(lesson, deck, TEMPLATES, layout))
    return path


class Built:
    """PDFs built once per test module, by name; the notes handouts are the test run's shared ones
    (conftest.Outputs: slidegen.build.build_handout, the same render of the same lesson and deck)."""

    def __init__(self, folder: Path, outputs):
        self.folder = folder
        self.outputs = outputs
        self.cache: dict[str, tuple[Lesson, Deck | None, Path]] = {}

    def lesson(self, source: Path, layout: str = "notes"):
        key = f"{source.name}-{layout}"
        if key not in self.cache:
            lesson, deck, _theme = lesson_and_deck(source, TEMPLATES)
            pdf = (self.outputs.handout(source) if layout == "notes"
                   else render_to(self.folder / f"{key}.pdf", lesson, deck, layout))
            self.cache[key] = (lesson, deck, pdf)
        return self.cache[key]


@pytest.fixture(scope="module")
def built(tmp_path_factory, lesson_outputs):
    return Built(tmp_path_factory.mktemp("handouts"), lesson_outputs)


def small_lesson(folder: Path, lang: str = "ko") -> Lesson:
    title = "작은 강의" if lang == "ko" else "Small lesson"
    return write_lesson(folder, f"small-{lang}.md", f"---\ntitle: {title}\nlang: {lang}\n---\n\n"
                        "## One\n\nFirst text.\n\n### One A\n\nSub text.\n\n## Two\n\nSecond text.\n")


def hand_deck(lesson: Lesson) -> Deck:
    """Slides 1 title; 2–3 → section One (2 on its heading, 3 on One A); 4 → section Two."""
    one, two = lesson.sections
    sub = one.subsections[0]

    def slide(layout, title, anchor, frames=()):
        return Slide(layout=layout, title=(Run(title),), title_pt=32, frames=frames, pos=anchor, anchor=anchor)

    body = TextFrame((TextPara((Run("First text."),), marker="•"),), Box(48, 120, 864, 360), 20)
    return Deck(lesson, (slide(Layout.TITLE, lesson.title, SourcePos(str(lesson.source), 1)) ,
                         slide(Layout.SECTION, one.title_text, one.pos),
                         slide(Layout.CONTENT, sub.title_text, sub.pos, (body,)),
                         slide(Layout.SECTION, two.title_text, two.pos)))


# ------------------------------------------------------------------------------------------ content


# Not the math fixtures: poppler's flow order cuts a one-line list item at the blank a formula picture
# leaves (a gap over ~1.5 em reads as a column gutter); slidegen check reads them (test_verify_formulas).
@pytest.mark.parametrize("source", [CONTENT_LESSON] + [p for p in GOOD_FIXTURES if p not in MATH_FIXTURES],
                         ids=lambda p: p.name)
@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_every_item_is_in_the_handout(built, source):
    lesson, _deck, pdf = built.lesson(source)
    assert missing_items(lesson, pdf) == []


def test_every_char_is_inside_the_page(built):
    for source in (CONTENT_LESSON, FIXTURES / "long-table.md"):
        _lesson, _deck, pdf = built.lesson(source)
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                outside = [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width
                           or c["top"] < 0 or c["bottom"] > page.height]
                assert outside == [], f"page {page.page_number}: {''.join(outside)[:80]}"


def test_fonts_are_embedded_and_none_is_type3(built):
    _lesson, _deck, pdf = built.lesson(CONTENT_LESSON)
    rows = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows
    names = [row.split()[0] for row in rows]
    assert all(" yes " in f" {row} " and "Type 3" not in row for row in rows), rows
    assert any(n.endswith("Noto-Sans-CJK-KR") for n in names) and any(n.endswith("Noto-Sans-CJK-KR-Bold") for n in names)


def test_bold_runs_are_set_in_a_bold_face(built):
    _lesson, _deck, pdf = built.lesson(FIXTURES / "admonitions.md")
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["text"].strip()]
    line = [c for c in chars if abs(c["top"] - next(x["top"] for x in chars if x["text"] == "D")) < 1]
    fonts = {c["text"]: c["fontname"] for c in line if c["text"] in "Donthis."}
    assert "".join(c["text"] for c in line).startswith("Donotdothis")
    bold = [c["fontname"] for c in line if c["text"] in "not" and c["fontname"].endswith("-Bold")]
    regular = [c["fontname"] for c in line if c["text"] in "Do" and not c["fontname"].endswith("-Bold")]
    assert len(bold) == 3 and regular, fonts


def test_korean_words_are_never_split_across_lines(built):
    lesson, _deck, pdf = built.lesson(CONTENT_LESSON)
    words = korean_words(CONTENT_LESSON.read_text(encoding="utf-8"))
    assert split_words(pdf, words) == []


def test_the_split_detector_catches_syllable_breaks(tmp_path, monkeypatch):
    """Without the word joiners WeasyPrint breaks between syllables: the check above must see it."""
    monkeypatch.setattr(rh, "WORD_JOINER", "")
    lesson = parse_file(CONTENT_LESSON)
    pdf = render_to(tmp_path / "plain.pdf", lesson)
    assert len(split_words(pdf, korean_words(CONTENT_LESSON.read_text(encoding="utf-8")))) > 5


def test_long_urls_identifiers_and_code_lines_wrap_inside_the_page(tmp_path):
    url = "https://example.com/" + "a-very-long-path-segment/" * 8
    ident = "configuration_value_" * 8
    code = "x = '" + "긴 코드 줄입니다 " * 20 + "'"
    lesson = write_lesson(tmp_path, "wrap.md", f"---\ntitle: Wrap\n---\n\n## Long\n\n{url} and {ident}\n\n"
                          f"| a | b | c |\n| --- | --- | --- |\n| {url} | {ident} | 짧은 값 |\n\n```python\n{code}\n```\n")
    pdf = render_to(tmp_path / "wrap.pdf", lesson)
    assert missing_items(lesson, pdf) == []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            assert all(0 <= c["x0"] and c["x1"] <= page.width - 50 for c in page.chars)


# ------------------------------------------------------------------------------------------ structure


def test_metadata_bookmarks_and_contents(built):
    lesson, _deck, pdf = built.lesson(CONTENT_LESSON)
    with pdfplumber.open(pdf) as doc:
        meta = doc.metadata
        lang = doc.doc.catalog.get("Lang")
        outline = [(level, title) for level, title, *_ in doc.doc.get_outlines()]
        first_page = doc.pages[0].extract_text()
    assert meta["Title"] == lesson.title and meta["Subject"] == lesson.description
    assert lang == b"ko"
    headings = [(s.level, s.title_text) for s in all_sections(lesson.sections)]
    assert outline == [(1, lesson.title)] + headings
    # contents: every section with its page number (the dot leader is drawn, not text to copy)
    for section in lesson.sections:
        assert re.search(re.escape(norm(section.title_text)) + r"\d+", norm(first_page))


def test_a_very_long_heading_is_whole_on_its_page_and_cut_where_it_guides_the_reader(tmp_path):
    """Bookmarks, the running title and the contents show a heading's first LABEL_CHARS characters; a
    100,000-character title repeated in every page's margin took WeasyPrint minutes."""
    long = "긴제목 " * 400
    lesson = write_lesson(tmp_path, "long.md", f"---\ntitle: {long}\n---\n\n## {long}\n\nText.\n")
    html = rh.render_html(lesson, None, TEMPLATES)
    labels = re.findall(r'data-(?:bookmark|title)="([^"]*)"', html)
    assert len(labels) >= 3 and all(len(label) <= rh.LABEL_CHARS + 1 and label.endswith("…") for label in labels)
    assert html.count(long.strip().split()[0]) > 2 * 400  # the heading and the title themselves, whole


def test_keywords_come_from_tags(tmp_path):
    lesson = write_lesson(tmp_path, "tags.md", "---\ntitle: Tagged\ndescription: About tags\n"
                          "tags: [alpha, 베타]\n---\n\n## Part\n\nText.\n")
    pdf = render_to(tmp_path / "tags.pdf", lesson)
    with pdfplumber.open(pdf) as doc:
        assert doc.metadata["Keywords"] == "alpha, 베타" and doc.metadata["Subject"] == "About tags"
        assert "베타" in doc.pages[0].extract_text().replace("\u2060", "")


def test_running_header_and_page_footer(built):
    lesson, _deck, pdf = built.lesson(CONTENT_LESSON)
    pages = pdf_lines(pdf)
    for number, lines in enumerate(pages, 1):
        assert f"{number} / {len(pages)}" in lines
        if number > 1:
            assert norm(lines[0]) == norm(lesson.title)


def test_table_header_repeats_and_groups_merge(built):
    lesson, _deck, pdf = built.lesson(FIXTURES / "long-table.md")
    pages = [page for page in pdf_lines(pdf) if any("항목" in line for line in page)]
    assert len(pages) >= 2, "the fixture's table should run over pages"
    for lines in pages:
        assert norm("이름 설명 값") in norm("".join(lines))
    table = next(b for s in lesson.sections for b in s.blocks if isinstance(b, Table))
    html = rh.render_html(lesson, None, TEMPLATES)
    groups = rh.row_groups(table.rows)
    assert html.count('<tbody class="group">') == len(groups)
    assert html.count('rowspan="2"') == sum(len(g) == 2 for g in groups) > 0


def test_no_table_row_is_split_across_pages(built):
    lesson, _deck, pdf = built.lesson(FIXTURES / "long-table.md")
    pages = [norm("".join(page)) for page in pdf_lines(pdf)]
    table = next(b for s in lesson.sections for b in s.blocks if isinstance(b, Table))
    for row in table.rows:
        cells = [norm(plain_text(c)) for c in row.cells if plain_text(c).strip()]
        assert any(all(c in page for c in cells) for page in pages), cells


def test_table_alignment_breaks_and_cells(tmp_path):
    lesson = parse_file(FIXTURES / "table-groups.md")
    html = rh.render_html(lesson, None, TEMPLATES)
    assert 'class="align-center"' in html and 'class="align-right"' in html
    breaks = parse_file(FIXTURES / "breaks.md")
    assert re.search(r"<td>one<br>two</td>", rh.render_html(breaks, None, TEMPLATES))


def test_code_is_highlighted_and_titled():
    lesson = parse_file(FIXTURES / "code.md")
    html = rh.render_html(lesson, None, TEMPLATES)
    assert '<span class="nb">print</span>' in html and "<figcaption>hello.py</figcaption>" in html


def test_lists_tasks_and_inline_formats(tmp_path):
    lesson = write_lesson(tmp_path, "inline.md", "---\ntitle: Inline\n---\n\n## Part\n\n"
                          "**b** *i* ~~s~~ `c` [link](https://example.com) and [bad](javascript:alert(1))\n\n"
                          "3. three\n4. four\n\n- [x] done\n- [ ] open\n")
    html = rh.render_html(lesson, None, TEMPLATES)
    for tag in ("<strong>b</strong>", "<em>i</em>", "<s>s</s>", "<code>c</code>", '<a href="https://example.com">link</a>',
                '<ol start="3">', '<span class="check">[x]</span>', '<span class="check">[ ]</span>'):
        assert tag in html
    assert 'href="javascript' not in html


def test_admonitions_quotes_and_missing_images_are_drawn(tmp_path):
    admonitions = rh.render_html(parse_file(FIXTURES / "admonitions.md"), None, TEMPLATES)
    assert 'class="admonition kind-tip"' in admonitions and 'class="admonition kind-warning"' in admonitions
    assert "알\u2060아\u2060두\u2060기" in admonitions  # the tip's own title, words glued
    images = rh.render_html(parse_file(FIXTURES / "images.md"), None, TEMPLATES)
    assert images.count('class="image-missing"') == 3 and "<img" not in images


def test_present_images_are_embedded(tmp_path):
    from PIL import Image as PILImage

    (tmp_path / "img").mkdir()
    PILImage.new("RGB", (40, 20), "red").save(tmp_path / "img" / "dot.png")
    lesson = write_lesson(tmp_path, "pic.md", "---\ntitle: Pic\n---\n\n## P\n\n![A red dot](img/dot.png)\n")
    pdf = render_to(tmp_path / "pic.pdf", lesson)
    with pdfplumber.open(pdf) as doc:
        assert sum(len(p.images) for p in doc.pages) == 1
        assert "A red dot" in doc.pages[-1].extract_text()


# ------------------------------------------------------------------------------------------ slides


def test_slide_ranges_follow_the_deck(tmp_path):
    lesson = small_lesson(tmp_path)
    ranges = rh.slide_ranges(lesson, hand_deck(lesson))
    one, two = lesson.sections
    assert ranges == {one.pos: [(2, 3)], one.subsections[0].pos: [(3, 3)], two.pos: [(4, 4)]}
    assert rh.slide_ranges(lesson, None) == {}
    assert rh._runs_of([1, 2, 3, 5, 7, 8]) == [(1, 3), (5, 5), (7, 8)]


@pytest.mark.parametrize("lang, words", [("ko", ["슬라이드 2–3", "슬라이드 3", "슬라이드 4"]),
                                         ("en", ["Slides 2–3", "Slide 3", "Slide 4"])])
def test_slide_references_beside_headings(tmp_path, lang, words):
    lesson = small_lesson(tmp_path, lang)
    pdf = render_to(tmp_path / f"refs-{lang}.pdf", lesson, hand_deck(lesson))
    text = "\n".join(line for page in pdf_lines(pdf) for line in page)
    for word in words:
        assert word in text
    plain = render_to(tmp_path / f"norefs-{lang}.pdf", lesson, None)
    assert "2–3" not in "\n".join(line for page in pdf_lines(plain) for line in page)


def test_slide_references_match_the_real_deck(built):
    lesson, deck, pdf = built.lesson(CONTENT_LESSON)
    text = "\n".join(line for page in pdf_lines(pdf) for line in page)
    for section in lesson.sections:
        numbers = [n for n, s in enumerate(deck.slides, 1) if s.anchor is not None and
                   s.anchor in {x.pos for x in all_sections((section,))}]
        first, last = min(numbers), max(numbers)
        assert (f"슬라이드 {first}–{last}" if last > first else f"슬라이드 {first}") in text
        assert numbers == list(range(first, last + 1))


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_slides_layout_draws_every_slide(built):
    lesson, deck, pdf = built.lesson(CONTENT_LESSON, "slides")
    pages = pdf_lines(pdf)
    assert len(pages) == -(-len(deck.slides) // 3)
    assert missing_items(lesson, pdf) == []
    assert all(f"슬라이드 {n}" in norm_join(pages) for n in (1, len(deck.slides)))


def norm_join(pages) -> str:
    return "\n".join(line.replace("\u2060", "") for page in pages for line in page)


def test_slides_layout_with_a_hand_made_table(tmp_path):
    lesson = small_lesson(tmp_path, "en")
    header = ((Run("Name"),), (Run("Value"),))
    rows = (TableRow(((Run("alpha"),), (Run("one"),)), SourcePos("x", 1)),
            TableRow(((), (Run("two"),)), SourcePos("x", 2), continues_group=True))
    frame = TableFrame(header, rows, (None, "right"), (300, 300), (30, 30, 30), Box(48, 120, 600, 90), 18,
                       SourcePos("x", 1))
    deck = hand_deck(lesson)
    deck = Deck(lesson, deck.slides + (Slide(Layout.TABLE, (Run("Table"),), 32, (frame,), SourcePos("x", 1)),))
    html = rh.render_html(lesson, deck, TEMPLATES, "slides")
    assert 'rowspan="2"' in html
    pdf = render_to(tmp_path / "slides.pdf", lesson, deck, "slides")
    text = norm_join(pdf_lines(pdf))
    for word in ("Name", "Value", "alpha", "one", "two", "First text.", "Slide 5"):
        assert word in text
    assert len(pdf_lines(pdf)) == 2


def test_slides_layout_needs_a_deck_and_layouts_are_checked(tmp_path):
    lesson = small_lesson(tmp_path)
    with pytest.raises(UsageError):
        rh.render_html(lesson, None, TEMPLATES, "slides")
    with pytest.raises(UsageError):
        rh.render_html(lesson, None, TEMPLATES, "poster")


# ------------------------------------------------------------------------------------------ safety


class _Watch:
    """Records file opens and socket connections (audit events) while active."""

    active: "_Watch | None" = None
    installed = False

    def __init__(self):
        self.opened: list[str] = []
        self.connected: list[object] = []

    @classmethod
    def hook(cls, event, args):
        watch = cls.active
        if watch is None:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, Path)):
            watch.opened.append(str(args[0]))
        elif event == "socket.connect":
            watch.connected.append(args[1] if len(args) > 1 else args)

    def __enter__(self):
        if not _Watch.installed:
            sys.addaudithook(_Watch.hook)
            _Watch.installed = True
        _Watch.active = self
        return self

    def __exit__(self, *exc):
        _Watch.active = None


def test_bad_image_targets_are_never_read(tmp_path, caplog):
    source = FIXTURES / "images.md"
    with caplog.at_level(logging.WARNING, logger="slidegen"), _Watch() as watch:
        lesson = parse_file(source)
        pdf = rh.render_handout(lesson, None, TEMPLATES)
    assert pdf.startswith(b"%PDF")
    assert not [p for p in watch.opened if "passwd" in p] and not watch.connected
    for src in ("../../../../etc/passwd", "http://127.0.0.1:9/x.png", "file:///etc/passwd"):
        assert any(src in m and "warning:" in m and re.match(r"^\S+\.md:\d+: warning: ", m) for m in caplog.messages), src


def test_the_fetcher_refuses_what_the_model_should_never_hold(tmp_path, caplog):
    """A hand-made model that points outside the lesson folder: the url_fetcher refuses and warns."""
    source = tmp_path / "lesson" / "evil.md"
    source.parent.mkdir()
    pos = SourcePos(str(source), 7)
    images = tuple(Image(src, "bad", Path(p), pos) for src, p in
                   (("/etc/passwd", "/etc/passwd"), ("../outside.png", str(tmp_path / "outside.png"))))
    (tmp_path / "outside.png").write_bytes(b"not an image")
    lesson = Lesson(source, "Evil", "", "en", sections=(Section(2, (Run("S"),), pos, images),))
    with caplog.at_level(logging.WARNING), _Watch() as watch:
        pdf = rh.render_handout(lesson, None, TEMPLATES)
    assert pdf.startswith(b"%PDF")
    assert not [p for p in watch.opened if "passwd" in p or "outside.png" in p]
    refused = [m for m in caplog.messages if "it is not read" in m]
    assert len(refused) == 2 and all(m.startswith(f"{source}:7: warning: ") for m in refused)
    assert not [m for m in caplog.messages if "Failed to load" in m]  # one warning each, not two


def test_fetcher_urls():
    assert rh.local_path("http://127.0.0.1:9/x.png") is None
    assert rh.local_path("file://evil.example/etc/passwd") is None
    assert rh.local_path("file:///tmp/../etc/passwd") == Path("/etc/passwd").resolve()


def test_style_and_script_never_reach_the_html(built):
    lesson, _deck, pdf = built.lesson(FIXTURES / "mdx.mdx")
    html = rh.render_html(lesson, None, TEMPLATES)
    assert "<script" not in html and "display: none" not in html and "alert" not in html
    text = pdf_text(pdf)
    assert norm("Visible text inside tabs.") in text and norm("Hidden detail text.") in text


def test_markup_in_lesson_text_is_escaped(tmp_path):
    pos = SourcePos("x.md", 1)
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)"><style>body{display:none}</style>'
    lesson = Lesson(tmp_path / "x.md", evil, evil, "en", meta={"tags": [evil]},
                    sections=(Section(2, (Run(evil),), pos, (Paragraph((Run(evil, link="javascript:x"),), pos),)),))
    html = rh.render_html(lesson, None, TEMPLATES)
    assert "<script" not in html and "<img" not in html and "<style>body" not in html and "javascript:" not in html
    pdf = render_to(tmp_path / "x.pdf", lesson)
    assert pdf_text(pdf).count(norm("alert(1)")) >= 3  # title, heading and paragraph are visible text


def test_weasyprint_is_not_imported_by_the_deck_path():
    code = ("import sys, slidegen.render_handout, slidegen.build, slidegen.render_pptx; "
            "assert 'weasyprint' not in sys.modules, 'weasyprint imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_environment_is_strict_and_escaping(tmp_path):
    env = rh.make_environment(TEMPLATES / "handout")
    assert env.autoescape is True
    from jinja2 import StrictUndefined

    assert env.undefined is StrictUndefined


def test_in_page_links_reach_their_headings(tmp_path):
    lesson = tmp_path / "links.md"
    lesson.write_text("## 문장 요약\n\n본문.\n\n## Other\n\n[요약으로](#문장-요약), [nowhere](#missing).\n", encoding="utf-8")
    html = rh.render_html(parse_file(lesson), None, TEMPLATES)
    assert 'id="문장-요약"' in html and 'href="#문장-요약"' in html
    assert 'href="#missing"' not in html and "nowhere" in html


def test_emoji_joiners_survive_in_the_text_layer(tmp_path):
    """Pango draws U+FE0F and ZWJ as empty glyphs; the text layer must still carry them so that a
    student who copies or searches '⚠️' or '🧑‍🔬' finds it."""
    lesson = write_lesson(tmp_path, "emoji.md", "---\ntitle: 경고 ⚠️\n---\n\n## ⚠️ 주의\n\n🧑\u200d🔬 연구자와 ⚙️ 설정, 그리고 다시 ⚠️.\n\n"
                          "Bare ✂ here and ✂️ there.\n")
    text = subprocess.run(["pdftotext", str(render_to(tmp_path / "emoji.pdf", lesson)), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert "⚠\ufe0f 주의" in text and "🧑\u200d🔬" in text and "⚙\ufe0f" in text
    assert "Bare ✂ here" in text  # one glyph, two spellings: left as drawn, never a joiner added


def test_joiner_suffixes_only_where_every_occurrence_agrees():
    from slidegen.pdf_unicode import joiner_suffixes

    assert joiner_suffixes("⚠️ a ⚠️ 🧑\u200d🔬 ✂ ✂️") == {"⚠": "\ufe0f", "🧑": "\u200d"}


ALIGNED = ("```\n가\u3000나  다\n```\n\n```\nNAME      STATUS    AGE\nnode-1\tReady\t5d\n```\n\n"
           "```yaml\nmodel:\n    provider: openai          # openai, anthropic\n    name: gpt-4-turbo\n"
           "    endpoint: \"\"              # 커스텀 엔드포인트\n```\n\n"
           "```hcl\nenable_ingress_nginx = true      # Ingress\nenable_jupyterhub    = true      # Notebooks\n```\n")


def test_aligned_code_reads_row_by_row_with_its_spaces(tmp_path):
    """poppler takes a gap wider than 1.5 em for a column gutter; code gaps are set so that each line
    still reads whole, with its spaces, and its columns stay aligned on the page."""
    pdf = render_to(tmp_path / "aligned.pdf", write_lesson(tmp_path, "aligned.md", "## Config\n\n" + ALIGNED))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for line in ("NAME      STATUS    AGE", "node-1  Ready   5d",  # a tab: the spaces it shows
                 "    provider: openai          # openai, anthropic", 'endpoint: ""              # 커스텀 엔드포인트',
                 "enable_ingress_nginx = true      # Ingress", "enable_jupyterhub    = true      # Notebooks"):
        assert line.strip() in text
    with pdfplumber.open(pdf) as doc:
        words = [w for page in doc.pages for w in page.extract_words()]
    hashes = sorted({round(w["x0"], 1) for w in words if w["text"] == "#"})
    assert len(hashes) == 2, hashes  # one comment column per block


def test_links_reach_headings_by_their_own_ids(tmp_path):
    lesson = tmp_path / "ids.md"
    lesson.write_text("## 설정 {#setup}\n\n본문.\n\n## Other[[other]]\n\n[설정으로](#setup), [other](#other).\n",
                      encoding="utf-8")
    html = rh.render_html(parse_file(lesson), None, TEMPLATES)
    assert 'id="setup"' in html and 'href="#setup"' in html and 'id="other"' in html and 'href="#other"' in html
    assert "{#setup}" not in html and "[[other]]" not in html


def test_an_emoji_title_stays_on_the_page_and_out_of_the_metadata(tmp_path):
    """poppler writes characters beyond U+FFFF of a PDF's metadata as invalid UTF-8 (CESU-8), which broke
    every tool reading pdftotext's output; the cover still shows the emoji."""
    from slidegen.verify import pdf_pages

    lesson = write_lesson(tmp_path, "emoji-title.md", "---\ntitle: 생성형 🧑\u200d🔬 강의\n---\n\n## 하나\n\n본문.\n")
    pdf = render_to(tmp_path / "emoji-title.pdf", lesson)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+생성형 강의$", info, re.M)
    assert "🧑\u200d🔬" in pdf_text(pdf)
    foreign = tmp_path / "foreign.pdf"  # a PDF from elsewhere, emoji in its metadata: still readable
    from weasyprint import HTML
    HTML(string="<title>제목 🧑‍🔬</title><p>본문 글</p>").write_pdf(foreign)
    assert any("본문" in line.text for page in pdf_pages(foreign) for line in page)


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_slides_layout_links_land_on_slides(tmp_path, caplog):
    """The agenda's entries (and a lesson's own in-page links) jump to the first slide of their heading;
    WeasyPrint has no anchor to complain about."""
    lesson, deck, _ = lesson_and_deck(CONTENT_LESSON, TEMPLATES)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        html = rh.render_html(lesson, deck, TEMPLATES, "slides")
        pdf = render_to(tmp_path / "slides.pdf", lesson, deck, "slides")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and all(f'id="{t}"' in html for t in targets)
    assert not [r for r in caplog.records if "No anchor" in r.getMessage()]
    assert pdf.stat().st_size > 0


def test_keycaps_have_their_text(tmp_path):
    """The emoji font draws '1️⃣' with one ligature glyph that WeasyPrint maps to nothing; the font's
    ligature table gives it back its text."""
    from slidegen.errors import UsageError
    from slidegen.measure import find_font

    try:
        find_font("Noto Emoji")
    except UsageError:
        pytest.skip("the Noto Emoji font is not installed (`python -m slidegen.emoji_font`)")
    lesson = write_lesson(tmp_path, "keycaps.md", "## 1\ufe0f\u20e3 설치\n\n1\ufe0f\u20e3 설치하고 2\ufe0f\u20e3 실행합니다.\n")
    text = subprocess.run(["pdftotext", str(render_to(tmp_path / "keycaps.pdf", lesson)), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert "1\ufe0f\u20e3 설치하고 2\ufe0f\u20e3 실행합니다." in text


def test_a_formula_keeps_the_korean_particle_after_it_on_its_line():
    """`$L$를`: a word joiner between the formula and the particle (and before a formula glued to a word),
    so that a line never starts with the particle; a formula after a space may still start a line."""
    from slidegen.model import Run
    from slidegen.render_handout import WORD_JOINER, inline_pieces

    formula = Run("L", math="L")
    glued = inline_pieces((Run("손실 "), formula, Run("를 쓴다")))
    assert not glued[1][1].startswith(WORD_JOINER) and glued[2][1].startswith(WORD_JOINER)
    before = inline_pieces((Run("값"), formula, Run(" 이다")))
    assert before[1][1].startswith(WORD_JOINER) and not before[2][1].startswith(WORD_JOINER)


def test_the_contents_page_shortens_for_a_lesson_of_many_headings():
    """Sections and subsections; only sections past CONTENTS_ENTRIES entries; no contents page past
    that many sections (the bookmarks list every heading)."""
    from pathlib import Path

    from slidegen.parse import parse_text
    from slidegen.render_handout import CONTENTS_ENTRIES, contents_depth

    def lesson(sections: int, subsections: int):
        text = "".join(f"## S{i}\n\nx\n\n" + "".join(f"### T{i}.{j}\n\ny\n\n" for j in range(subsections))
                       for i in range(sections))
        return parse_text(text, Path("t.md"))

    assert contents_depth(lesson(5, 3)) == 2
    assert contents_depth(lesson(40, 3)) == 1
    assert contents_depth(lesson(CONTENTS_ENTRIES + 1, 0)) == 0
