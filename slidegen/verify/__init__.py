"""Proof that a built deck and handout still say everything their lesson says, and that nothing is
hidden off a slide: `slidegen check`.

The stages, in order:
1. what the lesson says, from slidegen's own parse: `lesson_items` (headings, sentences, list items,
   code lines, admonition titles, speaker notes, and table rows with their header);
2. what the outputs say, read back: `read_deck` (python-pptx: every shape, grouped shapes, table cells,
   tables row by row, notes) and `read_handout` (poppler's `pdftotext -bbox-layout`, running headers and
   footers dropped; pdfplumber only where poppler is absent, since pdfminer loses the text of some
   subset fonts WeasyPrint writes);
3. compare: `check_deck`, `check_handout`. Text is compared after `norm`, which ignores wrapping,
   whitespace, soft hyphens and invisible joiners (the handout glues Hangul syllables with U+2060; PDF
   text layers drop the joiners and variation selectors of emoji) and folds Unicode compatibility forms
   and typographic quotes — nothing else. A paragraph the paginator continued on the next slide is
   found across the two shapes; the handout is read in three orders (see `reading_orders`);
4. overflow: `model_overflow` re-measures every box of the paginated deck with the paginator's own
   `Metrics` (a consistency check: it should find nothing); `FileMeasure` measures the built file the
   same way at the sizes, insets and boxes it states (it catches a box edited after the build); and
   `render_decks` + `chars_outside` let LibreOffice draw the deck, autofit stripped first, and count
   characters outside their own shape.

`run_check` ties them together for the command line and returns whether everything passed.
"""
from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..model import (
    Admonition, Box, CalloutFrame, Code, CodeFrame, Deck, ImageFrame, Inline, Layout, Lesson, ListBlock, Notes,
    Paragraph, Quote, Run, Section, SourcePos, Table, TableFrame, TextFrame, TextPara, plain_text,
)

DECK_AND_HANDOUT = ("deck", "handout")
EMU_PER_PT = 12700
TOLERANCE_PT = 3.0  # a rendered character may stray this far outside its shape
EPSILON_PT = 0.5  # rounding slack for the model's own measurements

# ----------------------------------------------------------------------------------------- text


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})
# Invisible: whitespace, soft hyphen, zero-width space and (non-)joiners, word joiners, variation
# selectors (an emoji's text or picture form; PDF text layers drop them and the joiners of emoji sequences).
_IGNORED = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)|\n")


def norm(text: str) -> str:
    """Text as compared: NFKC, quotes folded, without whitespace, soft hyphens and invisible joiners."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def sentences(text: str) -> list[str]:
    """Sentences and explicit lines of a paragraph, each with its spaces collapsed."""
    parts = (" ".join(part.split()) for part in _SENTENCE_END.split(text))
    return [part for part in parts if norm(part)]


@functools.lru_cache(maxsize=None)
def has_font(char: str) -> bool:
    """Whether some installed font (fontconfig) has a glyph for `char`; True when that cannot be told."""
    if char.isascii() or shutil.which("fc-list") is None:
        return True
    out = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True,
                         check=False).stdout
    return bool(out.strip())


def unshowable(text: str) -> list[str]:
    """The characters of `text` that no installed font can draw (a PDF shows a box for them)."""
    return [ch for ch in dict.fromkeys(norm(text)) if not has_font(ch)]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------------------- the lesson


@dataclass(frozen=True)
class Item:
    """One thing the lesson says, as plain text, and the outputs that must show it."""

    kind: str  # title | heading | sentence | list item | code line | admonition title | note
    text: str
    pos: SourcePos
    outputs: tuple[str, ...] = DECK_AND_HANDOUT

    def missing_line(self) -> str:
        return f"{self.pos}: missing {self.kind}: {_short(self.text)}"


@dataclass(frozen=True)
class RowItem:
    """A table row (the header too) as its cells' texts; `label` is the group's first cell for a row
    that continues a group (its own first cell is empty, and a continuation slide may repeat it)."""

    cells: tuple[str, ...]
    pos: SourcePos
    label: str = ""

    @property
    def wanted(self) -> tuple[str, ...]:
        return tuple(n for n in map(norm, self.cells) if n)

    def missing_line(self) -> str:
        return f"{self.pos}: missing table row: {_short(' | '.join(c for c in self.cells if c.strip()))}"


class _Collector:
    """Walks the lesson model with one handler per block kind and collects its items and rows."""

    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        self.items: list[Item] = []
        self.rows: list[RowItem] = []
        try:
            self.source_lines = Path(lesson.source).read_text(encoding="utf-8-sig").split("\n")
        except OSError:
            self.source_lines = []

    def add(self, kind: str, text: str, pos: SourcePos, outputs: tuple[str, ...] = DECK_AND_HANDOUT) -> None:
        if norm(text):
            self.items.append(Item(kind, " ".join(text.split()), pos, outputs))

    def add_sentences(self, kind: str, runs: Inline, pos: SourcePos) -> None:
        for sentence in sentences(plain_text(runs)):
            self.add(kind, sentence, pos)

    def collect(self) -> "_Collector":
        self.add("title", self.lesson.title, SourcePos(str(self.lesson.source), 1))
        self.blocks(self.lesson.preamble)
        for section in self.lesson.sections:
            self.section(section)
        return self

    def section(self, section: Section) -> None:
        self.add("heading", section.title_text, section.pos)
        self.blocks(section.blocks)
        for sub in section.subsections:
            self.section(sub)

    def blocks(self, blocks) -> None:
        for block in blocks:
            handler = _COLLECT.get(type(block))
            if handler is not None:
                handler(self, block)

    def paragraph(self, block: Paragraph) -> None:
        self.add_sentences("sentence", block.runs, block.pos)

    def list_block(self, block: ListBlock) -> None:
        for item in block.items:
            self.add_sentences("list item", item.runs, item.pos)
            self.blocks(item.children)

    def table(self, block: Table) -> None:
        self.rows.append(RowItem(tuple(plain_text(c) for c in block.header), block.pos))
        label = ""
        for row in block.rows:
            cells = tuple(plain_text(c) for c in row.cells)
            if not row.continues_group:
                label = cells[0] if cells else ""
            self.rows.append(RowItem(cells, row.pos, label if row.continues_group else ""))

    def code(self, block: Code) -> None:
        first = block.pos.line + (1 if self._is_fence(block.pos.line) else 0)
        for offset, line in enumerate(block.lines):
            self.add("code line", line, SourcePos(block.pos.file, first + offset))

    def _is_fence(self, line: int) -> bool:
        text = self.source_lines[line - 1].lstrip(" >") if 0 < line <= len(self.source_lines) else ""
        return text.startswith(("```", "~~~"))

    def admonition(self, block: Admonition) -> None:
        self.add("admonition title", plain_text(block.title), block.pos)
        self.blocks(block.blocks)

    def quote(self, block: Quote) -> None:
        self.blocks(block.blocks)

    def notes(self, block: Notes) -> None:
        self.add("note", block.text, block.pos, outputs=("deck",))


_COLLECT = {
    Paragraph: _Collector.paragraph,
    ListBlock: _Collector.list_block,
    Table: _Collector.table,
    Code: _Collector.code,
    Admonition: _Collector.admonition,
    Quote: _Collector.quote,
    Notes: _Collector.notes,
}


def lesson_items(lesson: Lesson) -> tuple[list[Item], list[RowItem]]:
    """Everything the outputs must carry: text items and table rows, each with its lesson line."""
    collector = _Collector(lesson).collect()
    return collector.items, collector.rows


# ----------------------------------------------------------------------------------------- the deck


@dataclass
class DeckText:
    slides: int
    segments: list[str]  # normalized text of every shape on the slides (and of every table cell)
    notes: list[str]  # normalized notes, one per slide
    rows: list[tuple[str, ...]]  # every native table row: its cells' normalized texts


def walk_shapes(shapes):
    """Shapes with grouped shapes flattened."""
    for shape in shapes:
        if getattr(shape, "shape_type", None) == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from walk_shapes(shape.shapes)
        else:
            yield shape


def read_deck(path: Path) -> DeckText:
    from pptx import Presentation

    prs = Presentation(str(path))
    deck = DeckText(len(prs.slides), [], [], [])
    for slide in prs.slides:
        for shape in walk_shapes(slide.shapes):
            if shape.has_text_frame:
                deck.segments.append(norm(shape.text_frame.text))
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    cells = tuple(norm(cell.text_frame.text) for cell in row.cells)
                    deck.rows.append(cells)
                    deck.segments.extend(cells)
        if slide.has_notes_slide:
            deck.notes.append(norm(slide.notes_slide.notes_text_frame.text))
    return deck


def found_in(needle: str, segments: list[str]) -> bool:
    """`needle` inside one segment, or continued from the end of one segment into the start of another
    (a paragraph the paginator split between slides; a sentence too long for one slide may also span
    a whole segment in between)."""
    if any(needle in segment for segment in segments):
        return True
    starts = {needle[:k] for k in range(1, len(needle))}
    for segment in segments:
        for k in range(min(len(segment), len(needle) - 1), 0, -1):
            if needle[:k] in starts and segment.endswith(needle[:k]) and _continues(needle[k:], segments, 2):
                return True
    return False


def _continues(rest: str, segments: list[str], depth: int) -> bool:
    if any(segment.startswith(rest) for segment in segments):
        return True
    return depth > 0 and any(segment and rest.startswith(segment) and _continues(rest[len(segment):], segments, depth - 1)
                             for segment in segments if len(segment) < len(rest))


def row_found(row: RowItem, deck_rows: list[tuple[str, ...]]) -> bool:
    """A native table row with the row's non-empty cells in order; a row continuing a group may show
    the group's label in its first cell (repeated on a continuation slide)."""
    wanted = row.wanted
    with_label = (norm(row.label),) + wanted if row.label else None
    for cells in deck_rows:
        got = tuple(c for c in cells if c)
        if got == wanted or (with_label is not None and got == with_label):
            return True
    return False


# ----------------------------------------------------------------------------------------- the handout


@dataclass
class HandoutText:
    pages: int
    readings: tuple[str, ...]  # the body text (normalized, headers and footers dropped) in each reading order

    def has(self, needle: str) -> bool:
        return any(needle in text for text in self.readings)


@dataclass(frozen=True)
class PdfLine:
    top: float  # share of the page height
    x: float  # left edge, points
    y: float  # top edge, points
    block: int  # the text block (poppler's layout analysis) the line belongs to
    words: tuple[tuple[float, float, str], ...]  # (x, y, text)

    @property
    def text(self) -> str:
        return " ".join(w for _x, _y, w in self.words)


_PAGE_NUMBER = re.compile(r"^(page)?\d+((/|of|-|–)\d+)?(쪽|페이지|page)?$", re.I)
_BAND = 0.10  # running headers and footers sit in the top and bottom tenth of a page


def pdf_pages(path: Path) -> list[list[PdfLine]]:
    """Each page's text lines in poppler's reading order; pdfplumber's lines where poppler is absent."""
    if shutil.which("pdftotext"):
        return _poppler_pages(path)
    return _pdfplumber_pages(path)


def _utf8_from_cesu8(raw: bytes) -> str:
    """poppler writes a character beyond U+FFFF in a PDF's metadata as two UTF-8-encoded surrogates,
    which is not UTF-8 (any PDF: ours keep such characters out of their metadata)."""
    try:
        text = raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # not even that: read what can be read
        text = raw.decode("utf-8", "replace")
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _poppler_pages(path: Path) -> list[list[PdfLine]]:
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True,
                           timeout=300).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in ET.fromstring(_utf8_from_cesu8(xhtml)).iter(f"{ns}page"):
        height = float(page.get("height"))
        lines = []
        for number, block in enumerate(page.iter(f"{ns}block")):
            for line in block.iter(f"{ns}line"):
                words = tuple((float(w.get("xMin")), float(w.get("yMin")), w.text or "") for w in line.iter(f"{ns}word"))
                y = float(line.get("yMin"))
                lines.append(PdfLine(y / height, float(line.get("xMin")), y, number, words))
        pages.append(lines)
    return pages


def _pdfplumber_pages(path: Path) -> list[list[PdfLine]]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [[PdfLine(ln["top"] / page.height, ln["x0"], ln["top"], i, ((ln["x0"], ln["top"], ln["text"]),))
                 for i, ln in enumerate(page.extract_text_lines())] for page in pdf.pages]


def body_lines(pages: list[list[PdfLine]], title: str) -> list[list[PdfLine]]:
    """Pages without running headers and footers: lines in a page's top or bottom band that are a page
    number, or that recur in the bands of several pages or repeat the lesson title (the first
    occurrence, the title itself, stays)."""
    in_band = lambda line: line.top < _BAND or line.top > 1 - _BAND
    key = lambda line: re.sub(r"\d+", "#", norm(line.text))
    pages_with: dict[str, int] = {}
    for page in pages:
        for k in {key(line) for line in page if in_band(line)}:
            pages_with[k] = pages_with.get(k, 0) + 1
    title_key, seen, out = re.sub(r"\d+", "#", norm(title)), set(), []
    for page in pages:
        kept = []
        for line in page:
            k = key(line)
            furniture = in_band(line) and (bool(_PAGE_NUMBER.match(norm(line.text)))
                                           or ((pages_with.get(k, 0) >= 2 or k == title_key) and k in seen))
            seen.add(k)
            if not furniture:
                kept.append(line)
        out.append(kept)
    return out


def reading_orders(pages: list[list[PdfLine]]) -> tuple[str, ...]:
    """The body text read three ways, since no one order suits every page: poppler's flow (paragraphs,
    table cells one after another), physical lines left to right (code whose columns poppler tears
    apart), and text blocks column by column (a cell whose last line poppler moves elsewhere)."""
    flow = "".join(line.text for page in pages for line in page)
    rows = "".join(_physical_lines(page) for page in pages)
    columns = "".join(_columns(page) for page in pages)
    return tuple(norm(text) for text in (flow, rows, columns))


def _physical_lines(page: list[PdfLine], same_line: float = 2.0) -> str:
    """Words on (nearly) the same height form one line, read left to right."""
    rows: list[list[tuple[float, float, str]]] = []
    for word in sorted((w for line in page for w in line.words), key=lambda w: w[1]):
        if rows and word[1] - rows[-1][0][1] < same_line:
            rows[-1].append(word)
        else:
            rows.append([word])
    return " ".join(text for row in rows for _x, _y, text in sorted(row))


def _columns(page: list[PdfLine]) -> str:
    blocks: dict[int, list[PdfLine]] = {}
    for line in page:
        blocks.setdefault(line.block, []).append(line)
    left = lambda lines: round(min(ln.x for ln in lines) / 3)
    ordered = sorted(blocks.values(), key=lambda lines: (left(lines), min(ln.y for ln in lines)))
    return "".join(line.text for lines in ordered for line in lines)


def read_handout(path: Path, title: str = "") -> HandoutText:
    pages = pdf_pages(path)
    return HandoutText(len(pages), reading_orders(body_lines(pages, title)))


# ----------------------------------------------------------------------------------------- reports


@dataclass
class OutputReport:
    """What one output lacks, and (for a deck) what does not fit."""

    output: str  # deck | handout
    path: str
    items: int = 0
    missing: list[Item] = field(default_factory=list)
    rows: int = 0
    missing_rows: list[RowItem] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)  # boxes (of the model or the file) too small for their text
    chars_outside: int | None = None  # after a LibreOffice render; None when not rendered
    outside: list[str] = field(default_factory=list)
    error: str = ""  # the output could not be read
    hints: dict = field(default_factory=dict)  # missing item → why it may be missing
    invalid: list[str] | None = None  # Open XML rule breaks (PowerPoint would repair); None: not checked

    @property
    def ok(self) -> bool:
        return not (self.error or self.missing or self.missing_rows or self.overflow or self.chars_outside
                    or self.invalid)

    def summary(self) -> str:
        if self.error:
            return f"{self.output} {self.error}"
        parts = [f"{self.items - len(self.missing)}/{self.items} items",
                 f"{self.rows - len(self.missing_rows)}/{self.rows} table rows"]
        if self.output == "deck":
            parts.append(f"{len(self.overflow)} boxes overflowing")
            if self.chars_outside is not None:
                parts.append(f"{self.chars_outside} chars outside")
            if self.invalid is not None:
                parts.append(f"{len(self.invalid)} Open XML errors")
        return f"{self.output} {', '.join(parts)} ({self.path})"

    def details(self) -> list[str]:
        lines = [item.missing_line() + self.hint(item) for item in [*self.missing, *self.missing_rows]]
        return lines + self.overflow + self.outside + (self.invalid or [])

    def hint(self, item) -> str:
        return f" ({self.hints[item]})" if item in self.hints else ""

    def as_json(self) -> dict:
        data = {"output": self.output, "path": self.path, "ok": self.ok, "error": self.error or None,
                "items": self.items, "present": self.items - len(self.missing),
                "table_rows": self.rows, "table_rows_present": self.rows - len(self.missing_rows),
                "missing": [{"kind": i.kind, "text": i.text, "file": i.pos.file, "line": i.pos.line,
                             "hint": self.hints.get(i)} for i in self.missing]
                + [{"kind": "table row", "text": " | ".join(r.cells), "file": r.pos.file, "line": r.pos.line,
                    "hint": self.hints.get(r)} for r in self.missing_rows]}
        if self.output == "deck":
            data.update(overflow=self.overflow, chars_outside=self.chars_outside, outside=self.outside,
                        open_xml_errors=self.invalid)
        return data


def check_deck(lesson: Lesson, path: Path) -> OutputReport:
    items, rows = lesson_items(lesson)
    report = OutputReport("deck", str(path))
    if not _readable(path, report, "slidegen slides"):
        return report
    try:
        deck = read_deck(path)
    except Exception as exc:  # python-pptx raises several kinds for a damaged package
        report.error = f"{path}: not a readable .pptx ({exc})"
        return report
    on_slides = [i for i in items if "deck" in i.outputs and i.kind != "note"]
    notes = [i for i in items if i.kind == "note"]
    report.items = len(on_slides) + len(notes)
    report.missing = ([i for i in on_slides if not found_in(norm(i.text), deck.segments)]
                      + [i for i in notes if not found_in(norm(i.text), deck.notes)])
    report.rows = len(rows)
    report.missing_rows = [r for r in rows if not row_found(r, deck.rows)]
    report.invalid = open_xml_errors(path)
    return report


def open_xml_errors(path: Path) -> list[str] | None:
    """What breaks the Open XML rules PowerPoint checks on opening (openxml-audit, a test dependency:
    None where it is not installed)."""
    try:
        from openxml_audit import validate_pptx
    except ImportError:
        return None
    return [f"{path}: {error}" for error in validate_pptx(path).errors]


def check_handout(lesson: Lesson, path: Path) -> OutputReport:
    items, rows = lesson_items(lesson)
    report = OutputReport("handout", str(path))
    if not _readable(path, report, "slidegen handout"):
        return report
    try:
        handout = read_handout(path, lesson.title)
    except (subprocess.SubprocessError, ET.ParseError, OSError) as exc:
        report.error = f"{path}: its text cannot be read ({exc})"
        return report
    wanted = [i for i in items if "handout" in i.outputs]
    report.items = len(wanted)
    report.missing = [i for i in wanted if not handout.has(norm(i.text))]
    report.rows = len(rows)
    report.missing_rows = [r for r in rows if not all(handout.has(cell) for cell in r.wanted)]
    for item in [*report.missing, *report.missing_rows]:
        chars = unshowable(item.text if isinstance(item, Item) else "".join(item.cells))
        if chars:
            report.hints[item] = "no installed font has " + ", ".join(f"U+{ord(c):04X} {c}" for c in chars)
    return report


def _readable(path: Path, report: OutputReport, command: str) -> bool:
    if not Path(path).is_file():
        report.error = f"{path}: not found (build it first: {command} LESSON -o {Path(path).parent})"
        return False
    try:
        with open(path, "rb") as f:
            magic = f.read(5)
    except OSError as exc:
        report.error = f"{path}: cannot be read ({exc.strerror or exc})"
        return False
    expected = b"PK" if report.output == "deck" else b"%PDF-"
    if not magic.startswith(expected):
        report.error = f"{path}: not a {'.pptx' if report.output == 'deck' else 'PDF'} file"
        return False
    return True


# ----------------------------------------------------------------------------------------- overflow: model


_TITLE_BOX = {Layout.TITLE: "title.title", Layout.SECTION: "section.title", Layout.CLOSING: "closing.title"}


def model_overflow(deck: Deck, theme) -> list[str]:
    """Every box of the paginated deck re-measured with the paginator's `Metrics`: titles, frames,
    table rows and the footer fit their boxes, and every box lies inside the slide."""
    from ..metrics import Metrics

    m = Metrics(theme)
    problems: list[str] = []
    for number, slide in enumerate(deck.slides, start=1):
        where = f"{slide.pos}: slide {number}"
        title_box = theme.box(_TITLE_BOX.get(slide.layout, "content.title"))
        need = m.paras_height((TextPara(slide.title, style="heading"),), title_box.w, slide.title_pt)
        problems += _too_tall(where, "title", need, title_box.h)
        for frame in slide.frames:
            problems += frame_problems(m, frame, _frame_pos(frame, slide), number)
            problems += _outside_slide(f"{where}: {_frame_name(frame)}", frame.box, deck)
    if deck.footer and not m.fits_lines((Run(deck.footer),), theme.box("footer.text"), deck.footer_pt, 1):
        problems.append(f"{deck.lesson.source}:1: the footer does not fit its box on one line")
    return problems


def frame_problems(m, frame, pos: SourcePos, number: int) -> list[str]:
    if isinstance(frame, TableFrame):
        return _table_problems(m, frame, number)
    return _too_tall(f"{pos}: slide {number}", _frame_name(frame), frame_needs(m, frame), frame.box.h)


def frame_needs(m, frame) -> float:
    """The height a frame's content needs at its size and width, measured as the paginator measures."""
    from ..measure import Piece, line_height

    sp = m.sp
    if isinstance(frame, TextFrame):
        return m.paras_height(frame.paras, frame.box.w, frame.size_pt)
    if isinstance(frame, CalloutFrame):
        title = TextPara(frame.title, style="heading")
        return m.paras_height((title,) + frame.paras, frame.box.w - 2 * sp["box_pad"], frame.size_pt) + 2 * sp["box_pad"]
    if isinstance(frame, CodeFrame):
        avail = m.usable(frame.box.w - 2 * sp["box_pad"])
        lh = line_height(m.mono, frame.size_pt)
        lines = sum(m.wrap([Piece(line, m.mono)], avail, frame.size_pt).lines for line in frame.lines)
        return (lines + (1 if frame.title else 0)) * lh + 2 * sp["box_pad"] + 2 * sp["inset_y"]
    if isinstance(frame, ImageFrame) and frame.image.path is None:
        para = TextPara((Run(frame.caption),), style="meta")
        return m.paras_height((para,), frame.box.w - 2 * sp["box_pad"], frame.size_pt) + 2 * sp["box_pad"]
    return 0.0  # a picture: no text


def _table_problems(m, frame: TableFrame, number: int) -> list[str]:
    from ..metrics import row_heights

    table = Table(frame.header, frame.align, frame.rows, frame.pos)
    needs = row_heights(m, table, frame.col_widths, frame.size_pt)
    where = f"{frame.pos}: slide {number}"
    problems = []
    for index, (need, have) in enumerate(zip(needs, frame.row_heights)):
        row_where = f"{frame.rows[index - 1].pos}: slide {number}" if index else where
        problems += _too_tall(row_where, "table row" if index else "table header", need, have)
    problems += _too_tall(where, "table", sum(frame.row_heights), frame.box.h)
    if sum(frame.col_widths) > frame.box.w + EPSILON_PT:
        problems.append(f"{where}: table is {sum(frame.col_widths):.1f} pt wide in a {frame.box.w:.1f} pt box")
    return problems


def _too_tall(where: str, name: str, need: float, have: float) -> list[str]:
    if need <= have + EPSILON_PT:
        return []
    return [f"{where}: {name} needs {need:.1f} pt but its box is {have:.1f} pt tall"]


def _outside_slide(where: str, box: Box, deck: Deck) -> list[str]:
    e = EPSILON_PT
    if box.x >= -e and box.y >= -e and box.x + box.w <= deck.width + e and box.bottom <= deck.height + e:
        return []
    return [f"{where} lies outside the slide ({box.x:.0f}, {box.y:.0f}, {box.w:.0f} × {box.h:.0f} pt)"]


def _frame_pos(frame, slide) -> SourcePos:
    if isinstance(frame, TextFrame):
        return next((p.pos for p in frame.paras if p.pos is not None), slide.pos)
    if isinstance(frame, ImageFrame):
        return frame.image.pos
    return frame.pos


def _frame_name(frame) -> str:
    return {TextFrame: "text box", CalloutFrame: "admonition box", CodeFrame: "code box", ImageFrame: "image box",
            TableFrame: "table"}[type(frame)]


# ----------------------------------------------------------------------------------------- overflow: the file


class FileMeasure:
    """The built deck read back and measured with the paginator's `Metrics`, at the fonts, sizes,
    insets, indents and spacing the file states: what PowerPoint shows on opening (no autofit)."""

    def __init__(self, theme, items: list[Item]):
        from ..metrics import Metrics

        self.m = Metrics(theme)
        self.items = items

    def problems(self, deck_path: Path) -> list[str]:
        from pptx import Presentation

        problems = []
        for number, slide in enumerate(Presentation(str(deck_path)).slides, start=1):
            for shape in walk_shapes(slide.shapes):
                if getattr(shape, "has_table", False) and shape.has_table:
                    problems += self.table_problems(shape, number, deck_path)
                elif shape.has_text_frame and shape.height is not None and norm(shape.text_frame.text):
                    need = self.frame_height(shape.text_frame, shape.width / EMU_PER_PT)
                    problems += _too_tall(self.where(shape.text_frame.text, number, deck_path),
                                          f"{_shape_label(shape.text_frame.text)}", need, shape.height / EMU_PER_PT)
        return problems

    def where(self, text: str, number: int, deck_path: Path) -> str:
        """The lesson line of the first item the shape shows, else the deck."""
        shown = norm(text)
        pos = next((i.pos for i in self.items if norm(i.text) in shown), None)
        return f"{pos or deck_path}: slide {number}"

    def frame_height(self, tf, width: float) -> float:
        inner = (width - _pt(tf.margin_left) - _pt(tf.margin_right)) * self.m.sp["safety"]
        return _pt(tf.margin_top) + _pt(tf.margin_bottom) + self.paras_height(tf.paragraphs, inner)

    def paras_height(self, paras, inner: float) -> float:
        """Lines × line height plus the space before each paragraph but the first. An empty paragraph
        (a blank code line) takes one line at the size of the text around it."""
        measured = [self.para_pieces(p) for p in paras]
        default = next(((size, lh) for pieces, size, lh in measured if pieces), (18.0, None))
        height = 0.0
        for index, (para, (pieces, size, lh)) in enumerate(zip(paras, measured)):
            if not pieces:
                size, lh = default[0], default[1] or self._line_height(self.m.body, default[0])
            p_pr = para._p.pPr
            indent = int(p_pr.get("marL", 0)) / EMU_PER_PT if p_pr is not None else 0.0
            height += self.m.wrap(pieces, inner - indent, size).lines * lh + (_space_before(para) if index else 0.0)
        return height

    @staticmethod
    def _line_height(style, size: float) -> float:
        from ..measure import line_height

        return line_height(style, size)

    def para_pieces(self, para):
        """(pieces, largest size, line height) of a paragraph's runs, line breaks and fields."""
        from ..measure import Piece

        pieces, size, lh = [], 0.0, 0.0
        for child in para._p:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "br":
                pieces.append(Piece("\n", self.m.body))
            elif tag in ("r", "fld"):
                r_pr = child.find(_A + "rPr")
                run_size = int(r_pr.get("sz")) / 100 if r_pr is not None and r_pr.get("sz") else 18.0
                style = self.style(r_pr)
                pieces.append(Piece("".join(t.text or "" for t in child.iter(_A + "t")), style))
                size, lh = max(size, run_size), max(lh, self._line_height(style, run_size))
        return pieces, size, lh

    def style(self, r_pr):
        from ..measure import Style, face

        bold = r_pr is not None and r_pr.get("b") in ("1", "true")
        latin = r_pr.find(_A + "latin") if r_pr is not None else None
        family = latin.get("typeface") if latin is not None else self.m.body.family
        style = Style(family, bold)
        try:
            face(style)
        except UsageError:  # a font that is not installed: measured as the body font
            style = Style(self.m.body.family, bold)
        return style

    def table_problems(self, shape, number: int, deck_path: Path) -> list[str]:
        table = shape.table
        widths = [col.width / EMU_PER_PT for col in table.columns]
        heights = [row.height / EMU_PER_PT for row in table.rows]
        problems = []
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell.is_spanned or not norm(cell.text_frame.text):
                    continue
                have = sum(heights[r: r + cell.span_height])
                need = self.cell_height(cell, sum(widths[c: c + cell.span_width]))
                problems += _too_tall(self.where(cell.text_frame.text, number, deck_path),
                                      f"table cell {_shape_label(cell.text_frame.text)}", need, have)
        return problems

    def cell_height(self, cell, width: float) -> float:
        inner = (width - _pt(cell.margin_left) - _pt(cell.margin_right)) * self.m.sp["safety"]
        border = 1.0  # the paginator's allowance for a row's border
        return _pt(cell.margin_top) + _pt(cell.margin_bottom) + border + self.paras_height(cell.text_frame.paragraphs, inner)


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _pt(emu) -> float:
    return (emu or 0) / EMU_PER_PT


def _space_before(para) -> float:
    points = para._p.find(f"{_A}pPr/{_A}spcBef/{_A}spcPts")
    return int(points.get("val")) / 100 if points is not None else 0.0


def _shape_label(text: str) -> str:
    return f"\u201c{_short(text, 40)}\u201d"


# ----------------------------------------------------------------------------------------- overflow: render


def strip_autofit(src: Path, dst: Path) -> None:
    """A copy of a deck whose text is drawn at the sizes the file states, as PowerPoint shows a freshly
    opened file: `a:normAutofit` without a stored scale and `a:spAutoFit` become `a:noAutofit`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith(("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/")) \
                    and item.filename.endswith(".xml"):
                data = _no_autofit(data)
            zout.writestr(item, data)


def _no_autofit(xml: bytes) -> bytes:
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(xml)
    changed = False
    for tag in ("normAutofit", "spAutoFit"):
        for element in root.iter(f"{ns}{tag}"):
            if element.get("fontScale") is None:
                element.getparent().replace(element, etree.Element(f"{ns}noAutofit"))
                changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else xml


def render_decks(decks: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Each deck (autofit stripped) drawn to PDF by LibreOffice, all in one `soffice` run (it is slow
    to start). Returns deck → PDF."""
    if shutil.which("soffice") is None:
        raise UsageError("--render needs LibreOffice's soffice (install libreoffice-impress)")
    out_dir = Path(out_dir)
    plain_dir = out_dir / "plain"
    plain_dir.mkdir(parents=True, exist_ok=True)
    plain = {}
    for index, deck in enumerate(decks):
        plain[Path(deck)] = plain_dir / f"{index:03d}-{Path(deck).stem}.pptx"
        strip_autofit(Path(deck), plain[Path(deck)])
    profile = (out_dir / "lo-profile").resolve().as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out_dir), *map(str, plain.values())],
                          capture_output=True, text=True, timeout=120 + 30 * len(decks), check=False)
    pdfs = {deck: out_dir / f"{copy.stem}.pdf" for deck, copy in plain.items()}
    lost = [str(deck) for deck, pdf in pdfs.items() if not pdf.is_file()]
    if lost:
        raise UsageError(f"LibreOffice did not render {', '.join(lost)}: {done.stderr.strip()[:300]}")
    return pdfs


@dataclass(frozen=True)
class ShapeArea:
    text: str  # the shape's text as drawn, normalized, in drawing order
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in points, tolerance included


def shape_areas(deck_path: Path) -> tuple[list[list[ShapeArea]], float, float]:
    """Per slide, in drawing order, each shape's text and the area its text may occupy: its box, a
    table's down to the slide's bottom (rows grow), widened by the tolerance. The layout's and master's
    own drawn shapes come first."""
    from pptx import Presentation

    prs = Presentation(str(deck_path))
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    slides = []
    for slide in prs.slides:
        backdrop = [s for s in (*slide.slide_layout.slide_master.shapes, *slide.slide_layout.shapes)
                    if not s.is_placeholder]
        slides.append([_area(s, height) for s in (*backdrop, *slide.shapes) if s.width is not None])
    return slides, width, height


def _area(shape, slide_height: float) -> ShapeArea:
    x0, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
    x1, bottom = x0 + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT
    text = ""
    if getattr(shape, "has_table", False) and shape.has_table:
        bottom = max(bottom, slide_height)
        text = "".join(norm(cell.text_frame.text) for row in shape.table.rows for cell in row.cells)
    elif getattr(shape, "shape_type", None) == 6:
        text = "".join(norm(s.text_frame.text) for s in walk_shapes(shape.shapes) if s.has_text_frame)
    elif shape.has_text_frame:
        text = norm(shape.text_frame.text)
    t = TOLERANCE_PT
    return ShapeArea(text, (x0 - t, top - t, x1 + t, bottom + t))


def chars_outside(deck_path: Path, pdf_path: Path) -> tuple[int, list[str]]:
    """Characters LibreOffice drew outside their own shape (or outside the slide): the count and one
    line per slide with some, e.g. `slide 7: 12 chars outside: …`."""
    import pdfplumber

    slides, width, height = shape_areas(deck_path)
    total, lines = 0, []
    with pdfplumber.open(str(pdf_path)) as pdf:
        if len(pdf.pages) != len(slides):
            lines.append(f"{pdf_path}: {len(pdf.pages)} pages rendered for {len(slides)} slides")
        for number, (page, areas) in enumerate(zip(pdf.pages, slides), start=1):
            bad = _outside_on_page(page.chars, areas, width, height)
            if bad:
                total += len(bad)
                lines.append(f"{deck_path}: slide {number}: {len(bad)} chars outside: {_short(''.join(bad), 60)}")
    return total, lines


def _outside_on_page(chars: list[dict], areas: list[ShapeArea], width: float, height: float) -> list[str]:
    glyphs = [(g, c) for c in chars for g in norm(c["text"])]
    owners = assign_owners([g for g, _ in glyphs], [a.text for a in areas])
    t = TOLERANCE_PT
    page = (-t, -t, width + t, height + t)
    bad = []
    for (glyph, char), owner in zip(glyphs, owners):
        box = (char["x0"], char["top"], char["x1"], char["bottom"])
        inside = (_within(box, areas[owner].box) if owner is not None
                  else any(_within(box, a.box) for a in areas))
        if not (inside and _within(box, page)):
            bad.append(glyph)
    return bad


def _within(inner, outer) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


_MIN_RUN = 3  # glyphs matched to a shape's text in a shorter run are not trusted to be that shape's


def assign_owners(glyphs: list[str], texts: list[str]) -> list[int | None]:
    """Which shape drew each glyph. LibreOffice draws shape after shape, so the glyph stream is the
    shapes' texts in order, plus bullets and list numbers (and a glyph or two a font lacks): the stream
    is aligned with the shapes' texts (difflib) and each run of at least `_MIN_RUN` matching glyphs
    goes to its shape. Glyphs left over are only required to lie inside some shape."""
    from difflib import SequenceMatcher

    owner_of = [index for index, text in enumerate(texts) for _ch in text]
    owners: list[int | None] = [None] * len(glyphs)
    matcher = SequenceMatcher(None, glyphs, [ch for text in texts for ch in text], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        if size >= _MIN_RUN:
            for k in range(size):
                owners[a + k] = owner_of[b + k]
    return owners


# ----------------------------------------------------------------------------------------- the command


@dataclass
class LessonReport:
    lesson: str
    outputs: list[OutputReport]

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outputs)


def check_lesson(lesson_path: Path, deck_path: Path, handout_path: Path, templates: Path,
                 rendered: dict[Path, Path] | None = None) -> LessonReport:
    from ..build import lesson_and_deck

    lesson, model, theme = lesson_and_deck(lesson_path, templates)
    deck = check_deck(lesson, deck_path)
    if not deck.error:
        deck.overflow = model_overflow(model, theme) + FileMeasure(theme, lesson_items(lesson)[0]).problems(deck_path)
    if rendered is not None and not deck.error:
        pdf = rendered.get(Path(deck_path))
        if pdf is None:
            deck.error = f"{deck_path}: not rendered"
        else:
            deck.chars_outside, deck.outside = chars_outside(Path(deck_path), pdf)
    handout = check_handout(lesson, handout_path)
    return LessonReport(str(lesson_path), [deck, handout])


def output_paths(args) -> list[tuple[Path, Path, Path]]:
    """(lesson, deck, handout) per lesson: `--deck`/`--handout`, else `OUTPUT/NAME.pptx` and `.pdf`."""
    lessons = [Path(p) for p in args.lessons]
    if (args.deck or args.handout) and len(lessons) != 1:
        raise UsageError("--deck and --handout name the outputs of one lesson; give exactly one lesson")
    out = Path(args.output)
    return [(lesson, Path(args.deck or out / f"{lesson.stem}.pptx"), Path(args.handout or out / f"{lesson.stem}.pdf"))
            for lesson in lessons]


def run_check(args) -> bool:
    """`slidegen check`: one summary line per output (or a JSON document); True when all passed."""
    from ..cli import DEFAULT_TEMPLATES

    templates = Path(getattr(args, "templates", None) or DEFAULT_TEMPLATES)
    triples = output_paths(args)
    with tempfile.TemporaryDirectory(prefix="slidegen-check-") as tmp:
        rendered = None
        if args.render:
            decks = [deck for _lesson, deck, _handout in triples if deck.is_file()]
            rendered = render_decks(decks, Path(tmp)) if decks else {}
        reports = [check_lesson(lesson, deck, handout, templates, rendered) for lesson, deck, handout in triples]
    print_reports(reports, args.json)
    return all(r.ok for r in reports)


def print_reports(reports: list[LessonReport], as_json: bool) -> None:
    if as_json:
        doc = {"ok": all(r.ok for r in reports),
               "lessons": [{"lesson": r.lesson, "ok": r.ok, "outputs": {o.output: o.as_json() for o in r.outputs}}
                           for r in reports]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for report in reports:
        for output in report.outputs:
            print(output.summary())
            for line in output.details():
                print(f"  {line}")
