"""Overflow as LibreOffice draws it (`slidegen check --render`): `render_decks` draws each deck to PDF
with autofit stripped (`strip_autofit`: text at the sizes the file states), and `chars_outside` counts
the characters drawn outside their own shape (`shape_areas`, `assign_owners`) or outside the slide."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx.util import Emu

from ..errors import UsageError
from .deck import walk_shapes
from .text import norm, short

TOLERANCE_PT = 3.0  # a rendered character may stray this far outside its shape
_MIN_RUN = 3  # glyphs matched to a shape's text in a shorter run are not trusted to be that shape's


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
    plain = _plain_copies(decks, out_dir / "plain")
    profile = (out_dir / "lo-profile").resolve().as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out_dir), *map(str, plain.values())],
                          capture_output=True, text=True, timeout=120 + 30 * len(decks), check=False)
    pdfs = {deck: out_dir / f"{copy.stem}.pdf" for deck, copy in plain.items()}
    lost = [str(deck) for deck, pdf in pdfs.items() if not pdf.is_file()]
    if lost:
        raise UsageError(f"LibreOffice did not render {', '.join(lost)}: {done.stderr.strip()[:300]}")
    return pdfs


def _plain_copies(decks: list[Path], plain_dir: Path) -> dict[Path, Path]:
    """Deck → its copy with autofit stripped, numbered so that decks of one name stay apart."""
    plain_dir.mkdir(parents=True, exist_ok=True)
    plain = {}
    for index, deck in enumerate(decks):
        plain[Path(deck)] = plain_dir / f"{index:03d}-{Path(deck).stem}.pptx"
        strip_autofit(Path(deck), plain[Path(deck)])
    return plain


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
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    slides = []
    for slide in prs.slides:
        backdrop = [s for s in (*slide.slide_layout.slide_master.shapes, *slide.slide_layout.shapes)
                    if not s.is_placeholder]
        slides.append([_area(s, height) for s in (*backdrop, *slide.shapes) if s.width is not None])
    return slides, width, height


def _area(shape, slide_height: float) -> ShapeArea:
    x0, top = Emu(shape.left).pt, Emu(shape.top).pt
    x1, bottom = x0 + Emu(shape.width).pt, top + Emu(shape.height).pt
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
            bad = outside_on_page(page.chars, areas, width, height)
            if bad:
                total += len(bad)
                lines.append(f"{deck_path}: slide {number}: {len(bad)} chars outside: {short(''.join(bad), 60)}")
    return total, lines


def outside_on_page(chars: list[dict], areas: list[ShapeArea], width: float, height: float) -> list[str]:
    """The glyphs of one page's `chars` (pdfplumber's) drawn outside their shape's area or the slide."""
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
