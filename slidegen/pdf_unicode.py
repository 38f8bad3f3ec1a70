"""The handout's text layer: what a PDF reader copies, searches and extracts must be the lesson's text.

WeasyPrint maps every glyph of the PDF to the characters of its cluster, one mapping per glyph for the
whole file. Two things get lost that way, and are put back here by rewriting the ToUnicode maps in a
WeasyPrint `finisher` step:

- Emoji joiners. Pango gives U+FE0F (emoji presentation) and U+200D (zero-width joiner) an empty glyph
  of their own, which maps to nothing, so '⚠️' reads '⚠' and '🧑‍🔬' reads '🧑🔬'. A character's mapping is
  extended only when every occurrence of that character in the document carries the same joiners.
- Keycaps ('1️⃣'). The emoji font draws them with one ligature glyph that WeasyPrint maps to nothing;
  the font's own ligature table says which glyph stands for which keycap of the document.
- Aligned code. Readers built on poppler (pdftotext, Evince, Okular) skip space glyphs and take a gap
  wider than 1.5 em for a column gutter, so `name    = value    # note` set in aligned columns is read
  column by column. `wide_gap` sets each pair of spaces inside a code line as one EM SPACE, which is two
  columns wide in a CJK monospace face, and the code font's EM SPACE glyph maps back to two spaces: a
  glyph that stands for two characters is read as part of the line, so the line reads whole, spaces kept.
"""
from __future__ import annotations

import re

JOINERS = "\ufe0f\u200d"
GAP = "\u2003"  # EM SPACE: two columns of a CJK monospace face
# CJK faces draw EM SPACE and IDEOGRAPHIC SPACE with one glyph, whose one text is whichever came first:
# either way it is two columns of blank, read back as two spaces.
_GAP_GLYPH_TEXTS = (GAP, "\u3000")
_JOINED = re.compile(f"([^{JOINERS}])[{JOINERS}]")
_CMAP_START = b"/CIDInit /ProcSet findresource begin"
_BFCHAR = re.compile(rb"<([0-9a-f]{2,4})> <([0-9a-f]*)>")
_KEYCAP = re.compile("([0-9#*])\ufe0f?\u20e3")


# ------------------------------------------------------------------------------------------ HTML side


def joiner_suffixes(text: str) -> dict[str, str]:
    """{character: the joiners that follow it at every one of its occurrences in `text`}."""
    suffixes = {}
    for char in {m.group(1) for m in _JOINED.finditer(text)}:
        found = set(re.findall(re.escape(char) + f"([{JOINERS}]*)", text))
        if len(found) == 1:
            suffixes[char] = found.pop()
    return suffixes


def wide_gap(blanks: str) -> str:
    """A run of spaces inside a code line, set as GAPs (a space left over stays a space)."""
    return GAP * (len(blanks) // 2) + " " * (len(blanks) % 2)


# ------------------------------------------------------------------------------------------ PDF side


def fix_text_layer(pdf, suffixes: dict[str, str], fonts=(), keycaps: set[str] = frozenset()) -> None:
    """Rewrite the ToUnicode maps of a pydyf PDF: joiners from `suffixes`, code gaps as two spaces, and
    the `keycaps` of the document in the ligature glyphs of `fonts` (WeasyPrint's, by PDF font name)."""
    dictionaries = [font for font in pdf.objects if isinstance(font, dict) and font.get("Type") == "/Font"]
    mono = {font.get("ToUnicode") for font in dictionaries if "Mono" in str(font.get("BaseFont"))}
    ligatures = {font.get("ToUnicode"): ligature_texts(source, keycaps)
                 for font in dictionaries for source in fonts if font.get("BaseFont") == source.name
                 and keycaps and "" in source.to_unicode.values()}
    for obj in pdf.objects:
        lines = getattr(obj, "stream", None)
        if isinstance(lines, list) and lines and lines[0] == _CMAP_START:
            gaps, glyphs = obj.reference in mono, ligatures.get(obj.reference, {})
            obj.stream = [_remapped(line, suffixes, gaps, glyphs) for line in lines]


def ligature_texts(font, sequences: set[str]) -> dict[int, str]:
    """{glyph id: text} for the ligatures of a WeasyPrint font that draw one of `sequences`, read from
    the installed font file (the PDF holds a subset, without the glyphs the ligatures are made of)."""
    from fontTools.ttLib import TTFont

    from .errors import UsageError
    from .measure import find_font

    try:
        path, index = find_font(font.family, bold=font.weight >= 600)
    except UsageError:
        return {}
    face = TTFont(path, fontNumber=index, lazy=True)
    if "GSUB" not in face:
        return {}
    cmap = face.getBestCmap()
    wanted = {tuple(cmap.get(ord(c)) for c in text if c != "\ufe0f"): text for text in sequences}
    found = {}
    for lookup in face["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
            for first, ligatures in (getattr(sub, "ligatures", None) or {}).items():
                for ligature in ligatures:
                    text = wanted.get((first, *ligature.Component))
                    if text:
                        found[face.getGlyphID(ligature.LigGlyph)] = text
    return found


def keycaps_in(text: str) -> set[str]:
    return {m.group(0) for m in _KEYCAP.finditer(text)}


def _remapped(line, suffixes: dict[str, str], gaps: bool, glyphs: dict[int, str]):
    match = _BFCHAR.fullmatch(line) if isinstance(line, bytes) else None
    if not match:
        return line
    text = bytes.fromhex(match.group(2).decode()).decode("utf-16-be", errors="replace")
    if not text and int(match.group(1), 16) in glyphs:
        mapped = glyphs[int(match.group(1), 16)]
    elif gaps and text in _GAP_GLYPH_TEXTS:
        mapped = "  "
    elif text in suffixes:
        mapped = text + suffixes[text]
    else:
        return line
    return b"<" + match.group(1) + b"> <" + mapped.encode("utf-16-be").hex().encode() + b">"
