"""A text font for the characters the math font lacks (Hangul in `\\text{…}`), in a form ziafont
reads: ziafont draws TrueType and plain CFF outlines but not the CID-keyed CFF of Noto Sans CJK,
so the few glyphs a formula needs are cut from the body font with fontTools and their cubic
outlines turned into TrueType quadratics. Each set of characters is made once and kept in the
cache folder."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..measure import cache_dir, find_font

TEXT_FAMILY = "Noto Sans CJK KR"


def fallback_font_file(chars: str, family: str = TEXT_FAMILY) -> Path | None:
    """A TrueType file holding `chars` from `family` (None when the family has none of them)."""
    wanted = "".join(sorted(set(chars)))
    key = hashlib.sha1(f"{family}|{wanted}".encode()).hexdigest()[:16]
    folder = cache_dir() / "formula-fonts"
    path = folder / f"{key}.ttf"
    if path.exists():
        return path
    font = _subset(family, wanted)
    if font is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    _to_truetype(font)
    tmp = path.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(path)
    return path


def _subset(family: str, chars: str):
    from fontTools import subset
    from fontTools.ttLib import TTFont

    file, index = find_font(family)
    font = TTFont(file, fontNumber=index, lazy=True)
    cmap = font.getBestCmap() or {}
    present = "".join(ch for ch in chars if ord(ch) in cmap)
    if not present:
        return None
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=present)
    subsetter.subset(font)
    return font


def _to_truetype(font) -> None:
    """Replaces the font's CFF outlines by TrueType ones (cubic curves approximated by quadratics)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxPoints",
                 "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(font["maxp"], attr, 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
