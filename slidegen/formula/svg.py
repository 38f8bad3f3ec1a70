"""MathML → SVG for the handout, with ziamath (pure Python: the STIX Two Math font's MATH table, no
TeX installation, no browser). Glyphs become paths, so the PDF is vector and its text layer holds no
TeX. Characters the math font lacks (Hangul in `\\text{…}`) are drawn from the body font
(`fonts.py`). Sizes are in em of the surrounding text, so one SVG fits a paragraph, a table cell
or a box; `depth` is how far the formula reaches below the baseline, for `vertical-align`."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import mathml as mm
from .errors import FormulaError
from .fonts import fallback_font_file

REFERENCE_SIZE = 100.0  # ziamath lays out at this size; everything is returned in em of it


@dataclass(frozen=True)
class Extent:
    """A formula's box in em of the text size: width, height above the baseline, depth below it."""

    width: float
    ascent: float
    depth: float

    @property
    def height(self) -> float:
        return self.ascent + self.depth

    def at(self, size_pt: float) -> "Extent":
        return Extent(self.width * size_pt, self.ascent * size_pt, self.depth * size_pt)


@dataclass(frozen=True)
class Picture:
    svg: str  # an <svg> element, sized in em, to place inline in HTML
    extent: Extent


def render(mathml: str, title: str = "") -> Picture:
    """The formula drawn as SVG, sized in em, with `title` as its accessible name."""
    math = _layout(mathml)
    extent = _extent(math)
    svg = _sized(math.svg(), extent, title)
    return Picture(svg, extent)


def extent(mathml: str) -> Extent:
    return _extent(_layout(mathml))


def _ziamath():
    """ziamath, imported with the one DeprecationWarning its import raises silenced: ziamath 0.13 finds
    its font with `importlib.resources.path`, deprecated since Python 3.11 — ziamath's to fix, not ours.
    Only that warning, only from ziamath, only during the import."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ziamath(\.|$)")
        import ziamath
        import ziamath.zmath
    return ziamath


@functools.lru_cache(maxsize=1024)
def _layout(mathml: str):
    ziamath = _ziamath()
    ziamath.config.svg2 = False  # paths in place: no <symbol> ids repeated across a page's formulas
    try:
        return ziamath.Math(_inline_limits(mathml), size=REFERENCE_SIZE, font=_font_key(mathml), margin=0)
    except Exception as error:  # ziamath fails on MathML it has no layout for (an IndexError, a KeyError…)
        raise FormulaError(mathml, f"cannot be drawn ({type(error).__name__})") from None


def _inline_limits(mathml: str) -> str:
    """In an inline formula a large operator's limits go beside it (∑ᵢ), as TeX sets them: ziamath
    keeps math-core's munder/mover there, so they become msub/msup."""
    if 'display="inline"' not in mathml:
        return mathml
    from lxml import etree

    root = mm.parse(mathml)
    renamed = {"munder": "msub", "mover": "msup", "munderover": "msubsup"}
    changed = False
    for node in root.iter():
        kind = mm.name(node)
        parts = mm.children(node) if kind in renamed else []
        if parts and mm.is_large_operator(parts[0]):
            node.tag = node.tag[: -len(kind)] + renamed[kind]
            changed = True
    return etree.tostring(root, encoding="unicode") if changed else mathml


def _extent(math) -> Extent:
    box = math.node.bbox
    return Extent((box.xmax - box.xmin) / REFERENCE_SIZE, max(box.ymax, 0.0) / REFERENCE_SIZE,
                  (max(-box.ymin, 0.0) or 0.0) / REFERENCE_SIZE)


def _sized(svg: str, extent: Extent, title: str) -> str:
    """ziamath's SVG with its width and height in em and the accessible name set."""
    from xml.sax.saxutils import quoteattr

    head, rest = svg.split(">", 1)
    attributes = {name: value for name, value in _attributes(head)}
    label = f' role="img" aria-label={quoteattr(title)}' if title else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{extent.width:.3f}em" height="{extent.height:.3f}em" '
            f'viewBox="{attributes["viewBox"]}"{label}>' + rest)


def _attributes(head: str):
    import re

    return re.findall(r'([\w:]+)="([^"]*)"', head)


def _font_key(mathml: str) -> str:
    """ziamath's default font, or — when the formula holds characters it lacks — the math font with
    a text font behind it for those, registered under a key of its own."""
    zmath = _ziamath().zmath
    default = zmath.loadedfonts["default"]
    missing = "".join(sorted({ch for ch in _characters(mathml) if not ch.isspace() and default.glyphindex(ch) == 0}))
    if not missing:
        return "default"
    key = f"slidegen-fallback:{missing}"
    if key not in zmath.loadedfonts:
        zmath.loadedfonts[key] = _font_with_fallback(missing)
    return key


def _characters(mathml: str) -> str:
    return mm.text(mm.parse(mathml))


def _font_with_fallback(missing: str):
    import ziafont

    zmath = _ziamath().zmath
    from ziamath.mathfont import MathFont

    class MathFontWithFallback(MathFont):
        """The math font, asking a text font for the glyphs it does not have."""

        fallback = None

        def findglyph(self, char, variant):
            if self.fallback is not None and self.glyphindex(char) == 0 and self.fallback.glyphindex(char):
                return self.fallback.glyph(char)
            return super().findglyph(char, variant)

    font = MathFontWithFallback(zmath.loadedfonts["default"].fname)
    path = fallback_font_file(missing)
    if path is not None:
        font.fallback = ziafont.Font(str(path))
    return font
