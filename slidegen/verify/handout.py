"""A built handout read back and compared with its lesson: `pdf_pages` reads the PDF's text lines
(poppler's `pdftotext -bbox-layout`; pdfplumber only where poppler is absent, since pdfminer loses the
text of some subset fonts WeasyPrint writes), `body_lines` drops running headers, footers and page
numbers, and `reading_orders` reads the body three ways. `check_handout` finds each item and each
table row's cells in one of those readings, each formula as a picture (`formulas`) and, for what it
misses, says when no installed font can draw it."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..model import Lesson
from .formulas import formula_items, missing_pictures, shown_as_tex
from .items import Item, LessonItems, lesson_items
from .report import OutputReport, readable
from .text import norm, unshowable


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
    words: tuple[tuple, ...]  # (x, top, text) or (x, top, text, bottom)

    @property
    def text(self) -> str:
        return " ".join(word[2] for word in self.words)


_PAGE_NUMBER = re.compile(r"^(page)?\d+((/|of|-|–)\d+)?(쪽|페이지|page)?$", re.IGNORECASE)
_BAND = 0.10  # running headers and footers sit in the top and bottom tenth of a page
_SAME_LINE = 0.004  # of the page's height: lines this close share a baseline


def pdf_pages(path: Path) -> list[list[PdfLine]]:
    """Each page's text lines in poppler's reading order; pdfplumber's lines where poppler is absent."""
    if shutil.which("pdftotext"):
        return _poppler_pages(path)
    return _pdfplumber_pages(path)


def utf8_from_cesu8(raw: bytes) -> str:
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
    for page in ET.fromstring(utf8_from_cesu8(xhtml)).iter(f"{ns}page"):
        height = float(page.get("height"))
        lines = []
        for number, block in enumerate(page.iter(f"{ns}block")):
            for line in block.iter(f"{ns}line"):
                words = tuple((float(w.get("xMin")), float(w.get("yMin")), w.text or "", float(w.get("yMax")))
                              for w in line.iter(f"{ns}word"))
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
    key = lambda line: re.sub(r"\d+", "#", norm(line.text))
    pages_with: dict[str, int] = {}
    for page in pages:
        for k in {key(line) for line in page if _at_edge(line, page)}:
            pages_with[k] = pages_with.get(k, 0) + 1
    title_key, seen, out = re.sub(r"\d+", "#", norm(title)), set(), []
    for page in pages:
        kept = []
        for line in page:
            k = key(line)
            furniture = _at_edge(line, page) and (bool(_PAGE_NUMBER.match(norm(line.text)))
                                           or ((pages_with.get(k, 0) >= 2 or k == title_key) and k in seen))
            seen.add(k)
            if not furniture:
                kept.append(line)
        out.append(kept)
    return out


def _at_edge(line: PdfLine, page: list[PdfLine]) -> bool:
    """In the page's top or bottom band and the page's first or last line: where running headers and
    footers are; a table row or a lone number in the body near the bottom is not one of them."""
    if not (line.top < _BAND or line.top > 1 - _BAND):
        return False
    tops = [other.top for other in page]
    return abs(line.top - min(tops)) < _SAME_LINE or abs(line.top - max(tops)) < _SAME_LINE


def reading_orders(pages: list[list[PdfLine]]) -> tuple[str, ...]:
    """The body text read three ways, since no one order suits every page: poppler's flow (paragraphs,
    table cells one after another), physical lines left to right (code whose columns poppler tears
    apart), and text blocks column by column (a cell whose last line poppler moves elsewhere)."""
    flow = "".join(line.text for page in pages for line in page)
    rows = "".join(_physical_lines(page) for page in pages)
    columns = "".join(_columns(page) for page in pages)
    return tuple(norm(text) for text in (flow, rows, columns))


def _physical_lines(page: list[PdfLine], same_line: float = 2.0) -> str:
    """Words on (nearly) the same height form one line, read left to right; so does a word that shares
    at least half its height with the line (a superscript or subscript, raised or lowered off it)."""
    rows: list[list] = []  # [top, bottom, words]
    for word in sorted((w for line in page for w in line.words), key=lambda w: w[1]):
        top, bottom = word[1], word[3] if len(word) > 3 else word[1]
        if rows and (top - rows[-1][0] < same_line or _shares_height(rows[-1], top, bottom)):
            rows[-1][1] = max(rows[-1][1], bottom)
            rows[-1][2].append(word)
        else:
            rows.append([top, bottom, [word]])
    return " ".join(word[2] for row in rows for word in sorted(row[2], key=lambda w: w[0]))


def _shares_height(row: list, top: float, bottom: float) -> bool:
    shared = min(bottom, row[1]) - max(top, row[0])
    return shared > 0 and shared >= 0.5 * min(bottom - top, row[1] - row[0])


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


def check_handout(lesson: Lesson, path: Path, wanted: LessonItems | None = None) -> OutputReport:
    """What the handout at `path` lacks of the lesson (`wanted`: the lesson's items, when already listed)."""
    items, rows = lesson_items(lesson) if wanted is None else wanted
    report = OutputReport("handout", str(path))
    if not readable(path, report, "slidegen handout"):
        return report
    try:
        handout = read_handout(path, lesson.title)
    except (subprocess.SubprocessError, ET.ParseError, OSError) as exc:
        report.error = f"{path}: its text cannot be read ({exc})"
        return report
    formulas = formula_items(items)
    handout_items = [i for i in items if "handout" in i.outputs and i not in formulas]
    report.items = len(handout_items) + len(formulas)
    report.missing = [i for i in handout_items if not handout.has(norm(i.text))]
    if formulas:
        report.missing += missing_pictures(formulas, path)
        report.tex_shown = shown_as_tex(formulas, handout.readings, items)
    report.rows = len(rows)
    report.missing_rows = [r for r in rows if not all(handout.has(cell) for cell in r.wanted)]
    add_font_hints(report)
    return report


def add_font_hints(report: OutputReport) -> None:
    """For each missing item or row with characters no installed font has: a hint naming them."""
    for item in [*report.missing, *report.missing_rows]:
        chars = unshowable(item.text if isinstance(item, Item) else "".join(item.cells))
        if chars:
            report.hints[item] = "no installed font has " + ", ".join(f"U+{ord(c):04X} {c}" for c in chars)
