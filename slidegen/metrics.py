"""What the paginator, the deck writer and the checker must agree on: how tall and wide text is.

`Metrics` measures the deck's text at the theme's fonts and spacing (paragraph heights, usable widths,
indents); `fit_size` picks a title's size; `row_heights` is a table's rows at given column widths. The
paginator decides with these, the deck writer indents with `para_indent`, and the checker re-measures
the built deck with the same functions, so all three use one set of numbers.

Every choice of a size, here and in the paginator, goes through `largest_fitting`: candidates are
tried in the order given (largest first) and the first that fits wins; `sizes_down` lists the sizes
of a choice made in fixed steps.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from .measure import (
    Piece,
    Style,
    Wrapped,
    face,
    line_height,
    natural_width,
    widest_word,
    wrap,
)
from .model import Box, Inline, Table, TextPara
from .theme import Theme

T = TypeVar("T")
U = TypeVar("U")


def largest_fitting(candidates: Iterable[T], fits: Callable[[T], bool], otherwise: Callable[[], U]) -> T | U:
    """The first of `candidates` (sizes, or what was laid out at each size, largest first) that `fits`;
    `otherwise()` when none does. Candidates are made lazily: those after the winner are never made."""
    for candidate in candidates:
        if fits(candidate):
            return candidate
    return otherwise()


def sizes_down(largest: float, above: float, step: float) -> list[float]:
    """`largest`, then `step` smaller each time, while the size stays above `above`."""
    sizes = []
    size = largest
    while size > above:
        sizes.append(size)
        size -= step
    return sizes


def size_after(sizes: list[float], largest: float, step: float) -> float:
    """The size one `step` below the last of `sizes_down(largest, …)` (`largest` itself when that is
    empty): where stepping down stops when no size fits."""
    return sizes[-1] - step if sizes else largest


def para_indent(para: TextPara, step: float) -> float:
    """Left margin of a paragraph: a step per list level (the marker hangs in the last step), one for a quote."""
    if para.marker:
        return step * (para.level + 1)
    return step * (para.level + (1 if para.style == "quote" else 0))


class Metrics:
    """Heights and widths of the deck's text, at the theme's fonts and spacing."""

    def __init__(self, theme: Theme, footnotes: bool = True):
        self.theme = theme
        self.footnotes = footnotes  # whether the text may hold footnote marks (whose notes need room)
        self.body = Style(theme.fonts["body"])
        self.bold = Style(theme.fonts["body"], True)
        self.mono = Style(theme.fonts["mono"])
        self.sp = theme.spacing
        self.autospace = theme.spacing.get("autospace", 0.0)
        self._heights: dict[tuple[TextPara, float, float], float] = {}  # a paragraph is measured once per size

    def wrap(self, pieces: list[Piece], width: float, size: float) -> Wrapped:
        return wrap(pieces, width, size, self.autospace)

    def widest_word(self, pieces: list[Piece], size: float) -> float:
        return widest_word(pieces, size, self.autospace)

    def natural_width(self, pieces: list[Piece], size: float) -> float:
        return natural_width(pieces, size, self.autospace)

    def pieces(self, runs: Inline, bold: bool = False) -> list[Piece]:
        return [Piece(r.text, self.mono if r.code else (self.bold if (r.bold or bold) else self.body),
                      self.formula_box(r.math, r.display) if r.math else None) for r in runs]

    def formula_box(self, tex: str, display: bool) -> tuple[float, float]:
        """A formula's (width, line height) in em: as wide as its picture or its linear text's widest
        line, as tall as the picture with the font's leading or as its linear text's lines (what viewers
        without equations show)."""
        width, height = formula_box(tex, display, face(self.body).line_height)
        return max(width, linear_width(tex, display, self.body)), height

    def lines_height(self, wrapped: Wrapped, size: float) -> float:
        """The wrapped text's height: a line per line, each line holding a taller formula as tall as it."""
        taller = sum(max(0.0, t - face(self.body).line_height) for t in wrapped.tall) * size if wrapped.tall else 0.0
        return wrapped.lines * line_height(self.body, size) + taller

    def usable(self, width: float) -> float:
        return (width - 2 * self.sp["inset_x"]) * self.sp["safety"]

    def para_indent(self, para: TextPara) -> float:
        return para_indent(para, self.sp["indent"])

    def para_wrapped(self, para: TextPara, width: float, size: float) -> Wrapped:
        avail = self.usable(width) - self.para_indent(para)
        return self.wrap(self.pieces(para.runs, para.style == "heading"), avail, size)

    def para_lines(self, para: TextPara, width: float, size: float) -> int:
        return self.para_wrapped(para, width, size).lines

    def para_height(self, para: TextPara, width: float, size: float) -> float:
        key = (para, width, size)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = self.lines_height(self.para_wrapped(para, width, size), size)
        return height

    def paras_height(self, paras: tuple[TextPara, ...] | list[TextPara], width: float, size: float) -> float:
        if not paras:
            return 0.0
        lines = sum(self.para_height(p, width, size) for p in paras)
        return lines + self.sp["paragraph"] * (len(paras) - 1) + 2 * self.sp["inset_y"]

    def fits_lines(self, runs: Inline, box: Box, size: float, max_lines: int, bold: bool = False) -> bool:
        wrapped = self.wrap(self.pieces(runs, bold), self.usable(box.w), size)
        return wrapped.lines <= max_lines and self.lines_height(wrapped, size) + 2 * self.sp["inset_y"] <= box.h


# A title is set on one line as long as it fits: a few per cent of width kept free, since LibreOffice
# sets the spaces of a bold CJK title wider than the font's own (0.28 em against 0.23 em measured).
TITLE_MARGIN = 0.95


TITLE_MOST_LINES = 3  # lines a title may take at the smallest title size (a longer heading is cut there)


def fits_as_title(metrics: Metrics, runs: Inline, box: Box, size: float, lines: int, bold: bool = True) -> bool:
    """`runs` in at most `lines` lines of the title box `box`, less its margin, at `size`."""
    return metrics.fits_lines(runs, Box(box.x, box.y, box.w * TITLE_MARGIN, box.h), size, lines, bold)


def fit_size(metrics: Metrics, runs: Inline, box: Box, largest: float, smallest: float, bold: bool = True) -> float:
    """The largest size (in 2 pt steps) at which `runs` fit the box in at most two lines (one line at
    `largest`); else `smallest` when three lines fit there, else smaller still."""
    def fits(size: float) -> bool:
        return fits_as_title(metrics, runs, box, size, 1 if size == largest else 2, bold)

    def last_resort() -> float:
        fits_smallest = fits_as_title(metrics, runs, box, smallest, TITLE_MOST_LINES, bold)
        return smallest if fits_smallest else max(12.0, smallest * 0.75)

    return largest_fitting(sizes_down(largest, smallest, 2), fits, last_resort)


def row_heights(m: Metrics, table: Table, widths: tuple[float, ...], size: float) -> tuple[float, ...]:
    lh = line_height(m.body, size)
    pad_x, pad_y = m.sp["cell_x"], m.sp["cell_y"]

    def height(cells, bold) -> float:
        heights = [m.lines_height(m.wrap(m.pieces(cell, bold), (w - 2 * pad_x) * m.sp["safety"], size), size)
                   for cell, w in zip(cells, widths)]
        return max(heights, default=lh) + 2 * pad_y + 1.0

    return (height(table.header, True),) + tuple(height(row.cells, False) for row in table.rows)


@functools.lru_cache(maxsize=2048)
def linear_width(tex: str, display: bool, style: Style) -> float:
    """The widest line of a formula's linear text in em of `style` (a matrix's rows, `aligned`'s lines)."""
    from . import formula

    lines = "".join(piece.text for piece in formula.to_linear(tex, display)).split("\n")
    return max(face(style).width(line) for line in lines)


@functools.lru_cache(maxsize=2048)
def formula_box(tex: str, display: bool, line_em: float) -> tuple[float, float]:
    """(width, line height) in em of a formula (`Metrics.formula_box`); the formula package is loaded on
    the first formula measured, so a lesson without math never loads it."""
    from . import formula

    extent = formula.extent_of(tex, display)
    rows = 1 + sum(piece.text == "\n" for piece in formula.to_linear(tex, display))
    return extent.width, max(extent.height + line_em - 1.0, rows * line_em)
