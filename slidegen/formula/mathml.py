"""Reading a MathML tree: element names without namespace, text, and what a node is (a large
operator, an accent, a fence) — the facts both the OMML converter and the linear text need."""
from __future__ import annotations

import re

from lxml import etree

from .errors import FormulaError
from .tex import MATHML_NS

LARGE_OPERATORS = set("∑∏∐∫∬∭∮∯∰⋀⋁⋂⋃⨀⨁⨂⨄⨆")
OPENING = set("([{⟨⌈⌊|‖⟦")
CLOSING = set(")]}⟩⌉⌋|‖⟧")
INVISIBLE = set("\u2061\u2062\u2063\u2064")  # function application, invisible times, separator, plus
OVERBARS = set("\u00af\u0305\u0332\u203e\u2015\u2012\u2013\u2500")
# spacing accents as math-core writes them → the combining marks OMML's m:acc and plain text use
ACCENTS = {"ˆ": "\u0302", "^": "\u0302", "\u0302": "\u0302", "˜": "\u0303", "~": "\u0303", "\u0303": "\u0303",
           "¯": "\u0304", "˙": "\u0307", "\u0307": "\u0307", "¨": "\u0308", "\u0308": "\u0308", "ˇ": "\u030c",
           "˘": "\u0306", "´": "\u0301", "`": "\u0300", "→": "\u20d7", "⃗": "\u20d7", "\u20d7": "\u20d7"}
BRACES = {"⏟": "bot", "⏞": "top"}
_EM = re.compile(r"^\s*(-?[\d.]+)\s*em\s*$")


def parse(mathml: str, tex: str = "") -> etree._Element:
    """The MathML tree of the formula `tex`; FormulaError when lxml refuses it (nested over 256 deep)."""
    try:
        return etree.fromstring(mathml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise FormulaError(tex, f"nested too deeply to be drawn ({exc.msg.split(',')[0]})") from None


def name(node) -> str:
    """The element's local name ('mfrac'); '' for comments and processing instructions."""
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(MATHML_NS) + 2:] if tag.startswith("{") else tag


def children(node) -> list:
    return [child for child in node if name(child)]


def text(node) -> str:
    """All text under a node, as written."""
    return "".join(node.itertext())


def is_large_operator(node) -> bool:
    return name(node) == "mo" and text(node).strip() in LARGE_OPERATORS


def is_invisible(node) -> bool:
    """An empty mspace or an invisible operator: nothing to show."""
    if name(node) == "mspace":
        return space_em(node) == 0
    return name(node) == "mo" and all(ch in INVISIBLE for ch in text(node)) and text(node) != ""


def space_em(node) -> float:
    """An mspace's width in em (0 when it states none, or states it in another unit)."""
    match = _EM.match(node.get("width", ""))
    return float(match.group(1)) if match else 0.0


def fence_pair(node) -> tuple[str, str] | None:
    """(opening, closing) for an mrow set between stretchy fences — \\left( … \\right), a matrix's
    brackets, cases' brace (its closing side is empty); None for any other row."""
    parts = children(node)
    if name(node) != "mrow" or len(parts) < 2:
        return None
    first, last = parts[0], parts[-1]
    if name(first) != "mo" or name(last) != "mo" or "false" in (first.get("stretchy"), last.get("stretchy")):
        return None
    opening, closing = text(first).strip(), text(last).strip()
    if closing in INVISIBLE:
        closing = ""
    if opening in OPENING | {""} and closing in CLOSING | {""} and (opening or closing):
        return opening, closing
    return None


def column_alignments(table) -> list[str]:
    """Each column's alignment ('left', 'center', 'right') from the first row's cells."""
    rows = [row for row in children(table) if name(row) == "mtr"]
    if not rows:
        return []
    aligns = []
    for cell in children(rows[0]):
        style = cell.get("style", "") + " " + cell.get("columnalign", "")
        found = re.search(r"(left|right|center)", style)
        aligns.append(found.group(1) if found else "center")
    return aligns
