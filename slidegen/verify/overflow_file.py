"""Overflow in the built deck file: `FileMeasure` reads the .pptx back and measures each text box and
table cell with the paginator's `Metrics`, at the fonts, sizes, insets, indents and spacing the file
itself states — what PowerPoint shows on opening (no autofit). It catches a box edited after the
build; each problem names the lesson line of the first item the box shows."""
from __future__ import annotations

from pathlib import Path

from pptx.util import Emu

from ..errors import UsageError
from ..measure import Piece, Style, face, line_height
from ..metrics import Metrics
from .deck import walk_shapes
from .items import Item
from .overflow_model import too_tall
from .text import norm, short

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


class FileMeasure:
    """The built deck read back and measured with the paginator's `Metrics`, at the fonts, sizes,
    insets, indents and spacing the file states: what PowerPoint shows on opening (no autofit)."""

    def __init__(self, theme, items: list[Item]):
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
                    problems += self.shape_problems(shape, number, deck_path)
        return problems

    def shape_problems(self, shape, number: int, deck_path: Path) -> list[str]:
        need = self.frame_height(shape.text_frame, Emu(shape.width).pt)
        return self.too_tall_at(shape.text_frame.text, number, deck_path,
                                f"{_shape_label(shape.text_frame.text)}", need, Emu(shape.height).pt)

    def too_tall_at(self, text: str, number: int, deck_path: Path, name: str, need: float, have: float) -> list[str]:
        """`too_tall` at the lesson line of `text`, looked up (a search of every item) only when it is."""
        if not too_tall("", name, need, have):
            return []
        return too_tall(self.where(text, number, deck_path), name, need, have)

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
                size, lh = default[0], default[1] or line_height(self.m.body, default[0])
            height += self.m.wrap(pieces, inner - _indent(para), size).lines * lh + (_space_before(para) if index else 0.0)
        return height

    def para_pieces(self, para):
        """(pieces, largest size, line height) of a paragraph's runs, line breaks and fields."""
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
                size, lh = max(size, run_size), max(lh, line_height(style, run_size))
        return pieces, size, lh

    def style(self, r_pr) -> Style:
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
        widths = [Emu(col.width).pt for col in table.columns]
        heights = [Emu(row.height).pt for row in table.rows]
        problems = []
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell.is_spanned or not norm(cell.text_frame.text):
                    continue
                have = sum(heights[r: r + cell.span_height])
                need = self.cell_height(cell, sum(widths[c: c + cell.span_width]))
                problems += self.too_tall_at(cell.text_frame.text, number, deck_path,
                                             f"table cell {_shape_label(cell.text_frame.text)}", need, have)
        return problems

    def cell_height(self, cell, width: float) -> float:
        inner = (width - _pt(cell.margin_left) - _pt(cell.margin_right)) * self.m.sp["safety"]
        border = 1.0  # the paginator's allowance for a row's border
        return _pt(cell.margin_top) + _pt(cell.margin_bottom) + border + self.paras_height(cell.text_frame.paragraphs, inner)


def _pt(emu) -> float:
    return Emu(emu or 0).pt


def _indent(para) -> float:
    p_pr = para._p.pPr
    return Emu(int(p_pr.get("marL", 0))).pt if p_pr is not None else 0.0


def _space_before(para) -> float:
    points = para._p.find(f"{_A}pPr/{_A}spcBef/{_A}spcPts")
    return int(points.get("val")) / 100 if points is not None else 0.0


def _shape_label(text: str) -> str:
    return f"\u201c{short(text, 40)}\u201d"
