"""A template's own look, read from its theme part: the fonts it names (major/minor, Latin and East
Asian) and its colour scheme. Used for a reference deck, so that slides look like the institution's.

A font is used only when fontconfig finds it installed and, for a Korean lesson, it draws Hangul: the
paginator measures with the font the deck names, so a font the machine lacks cannot be measured."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from .colors import contrast
from .errors import UsageError, warn

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def theme_package_part(master):
    """A slide master's theme part, or None when it has none."""
    for rel in master.part.rels.values():
        if rel.reltype == THEME_REL and not rel.is_external:
            return rel.target_part
    return None


def theme_part(master):
    """A slide master's theme XML (`a:theme`), or None when it has none."""
    part = theme_package_part(master)
    return etree.fromstring(part.blob, _PARSER) if part is not None else None


def named_fonts(scheme) -> list[str]:
    """The template's fonts for body text, best first: minor East Asian, minor Latin, major ones."""
    if scheme is None:
        return []
    names = []
    for group in ("minorFont", "majorFont"):
        for script in ("ea", "latin"):
            node = scheme.find(f".//{A}fontScheme/{A}{group}/{A}{script}")
            name = (node.get("typeface") or "").strip() if node is not None else ""
            if name and not name.startswith("+") and name not in names:
                names.append(name)
    return names


def body_font(scheme, default: str, lang: str, reference: Path) -> str:
    """The first font the template names that is installed (and draws Hangul for a Korean lesson);
    otherwise `default`, said once."""
    names = named_fonts(scheme)
    for name in names:
        if _usable(name, lang):
            return name
    if names:
        why = "not installed" + (" or without Hangul" if lang == "ko" else "")
        warn(str(reference), f"the template's fonts ({', '.join(names)}) are {why}; the deck is measured and "
             f"written in {default}")
    return default


def _usable(family: str, lang: str) -> bool:
    from .measure import find_font

    try:
        path, index = find_font(family)
    except UsageError:
        return False
    return lang != "ko" or _draws_hangul(path, index)


def _draws_hangul(path: str, index: int) -> bool:
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(path, fontNumber=index, lazy=True).getBestCmap() or {}
    except Exception:  # noqa: BLE001 -- an unreadable font file draws nothing we can measure
        return False
    return all(ord(ch) in cmap for ch in "가한글")


def scheme_colours(scheme) -> dict[str, str]:
    """{dk1, lt1, dk2, lt2, accent1, …: hex} of the template's colour scheme."""
    if scheme is None:
        return {}
    found = {}
    clr = scheme.find(f".//{A}clrScheme")
    for slot in (clr if clr is not None else ()):
        value = slot.find(f"{A}srgbClr")
        hex_value = value.get("val") if value is not None else None
        if hex_value is None and slot.find(f"{A}sysClr") is not None:
            hex_value = slot.find(f"{A}sysClr").get("lastClr")
        if hex_value and len(hex_value) == 6:
            found[etree.QName(slot).localname] = hex_value.upper()
    return found


def template_colors(scheme, colors: dict) -> dict:
    """The theme's colours with the template's text (dk1) and accent (accent1) where they stay
    readable on white (WCAG AA, 4.5:1); the rest (boxes, code) keep slidegen's."""
    found = scheme_colours(scheme)
    picked = dict(colors)
    for ours, theirs in (("text", "dk1"), ("accent", "accent1"), ("table_header_bg", "accent1")):
        value = found.get(theirs)
        if value and contrast(value, "FFFFFF") >= 4.5:
            picked[ours] = value
    return picked
