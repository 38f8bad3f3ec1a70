"""Formulas: TeX → MathML → an editable OMML equation (the deck), an SVG picture (the handout),
readable linear text (for viewers that show no equations) and the formula's size (the paginator).

    tex.py      TeX → MathML (math-core)
    mathml.py   reading MathML: names, text, fences, large operators, accents
    omml.py     MathML → OMML (our own converter)
    linear.py   MathML → linear text pieces (x², (a+b)/c, [1, 2; 3, 4])
    svg.py      MathML → SVG and extents (ziamath), in em of the text size
    fonts.py    the text font ziamath falls back on for Hangul

Importing this package costs nothing: the converters load on the first formula, so a lesson
without math never imports them. TeX that cannot be read raises FormulaError."""
from __future__ import annotations

import functools

from .errors import FormulaError, shorten

__all__ = ["FormulaError", "shorten", "to_mathml", "to_omml", "to_linear", "linear_text", "to_svg", "extent_of"]


@functools.lru_cache(maxsize=2048)
def to_mathml(tex: str, display: bool) -> str:
    """The formula as MathML; FormulaError when the TeX cannot be read. Converted once per formula:
    its linear text, its equation, its picture and its size all start from it."""
    from . import tex as converter

    return converter.to_mathml(tex.strip(), display)


def to_omml(tex: str, display: bool):
    """A new m:oMath element (m:oMathPara holding one, centred, for a display formula)."""
    import copy

    return copy.deepcopy(_omml(tex.strip(), display))


@functools.lru_cache(maxsize=2048)
def _omml(tex: str, display: bool):
    from . import omml
    from .mathml import parse

    return omml.to_omml(parse(to_mathml(tex, display), tex), display)


@functools.lru_cache(maxsize=2048)
def to_linear(tex: str, display: bool = False) -> tuple:
    """The formula as linear text pieces (linear.Piece: text, script, italic, bold)."""
    from . import linear
    from .mathml import parse

    return tuple(linear.to_linear(parse(to_mathml(tex, display), tex), display))


def linear_text(tex: str, display: bool = False) -> str:
    """The linear reading as one string (lines of `aligned` joined by spaces)."""
    return "".join(" " if p.text == "\n" else p.text for p in to_linear(tex, display))


def to_svg(tex: str, display: bool):
    """svg.Picture: the SVG (sized in em, TeX as its accessible name) and its extent."""
    from .svg import render

    return render(to_mathml(tex, display), title=tex.strip())


def extent_of(tex: str, display: bool):
    """svg.Extent in em of the text size (`.at(size_pt)` for points): width, ascent, depth."""
    from .svg import extent as measured

    mathml = to_mathml(tex, display)
    try:
        return measured(mathml)
    except FormulaError as error:  # named by its TeX, not its MathML
        raise FormulaError(tex, error.reason) from None
