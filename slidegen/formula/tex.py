"""TeX → MathML, with math-core (a LaTeX-to-MathML-Core converter written in Rust).

Chosen over latex2mathml by tests on the same formulas (tests/test_formula_tex.py): math-core sets
`aligned` as a table with its alignment points (latex2mathml writes the `&` as a letter on one line),
refuses an unknown command (`\\foo`) instead of printing it as a letter, and converts a formula in
about 0.03 ms (latex2mathml: 0.5 ms). Its output is cleaned into plain XML here: named entities
(`&ApplyFunction;`) become characters, and the variation selectors it adds to script letters (ℒ︀)
go, since the fonts that show them lack those selectors."""
from __future__ import annotations

import functools
import html.entities
import re

from .errors import FormulaError

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_XML_ENTITIES = {"lt", "gt", "amp", "quot", "apos"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f]")

# How deep a formula may nest before it is refused unread. math-core recurses once per level and
# overflows its stack (the process dies, signal 11) near 4,000 braces or 6,000 bare commands; a formula
# nested over 256 deep cannot be drawn anyway (lxml refuses the MathML), and no lesson's formula comes
# near 100.
MAX_NESTING = 400
_NESTING_TOKEN = re.compile(r"\\(?:left|begin)(?![A-Za-z])|\\(?:right|end)(?![A-Za-z])|\\[A-Za-z]+|\\.|[{}]|\S")


@functools.lru_cache(maxsize=1)
def _converter():
    import math_core

    return math_core.LatexToMathML(xml_namespace=True, fancy_error=False)


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: bool) -> str:
    """The formula as a MathML string (`<math xmlns=…>`); display style for a display formula.
    Raises FormulaError for TeX that math-core cannot read."""
    if not tex.strip():
        raise FormulaError(tex, "empty formula")
    if nesting(tex) > MAX_NESTING:
        raise FormulaError(tex, f"nested more than {MAX_NESTING} deep")
    try:
        mathml = _converter().convert_with_local_state(tex, displaystyle=display)
    except Exception as error:  # math_core.LatexError: the only error it raises
        raise FormulaError(tex, _reason(str(error))) from None
    mathml = _plain_xml(mathml)
    if not display:  # stated, for renderers (ziamath) that take an unmarked <math> as display style
        mathml = mathml.replace("<math ", '<math display="inline" ', 1)
    return mathml


def nesting(tex: str) -> int:
    """An upper bound on how deep the formula nests: groups (`{`, `\\left`, `\\begin`) open, plus the
    longest run of commands in a row (`\\frac\\frac\\frac…` nests without braces)."""
    deepest = depth = run = 0
    for token in _NESTING_TOKEN.findall(tex):
        if token in ("{", "\\left", "\\begin"):
            depth += 1
        elif token == "}" or token in ("\\right", "\\end"):
            depth = max(depth - 1, 0)
        run = run + 1 if token.startswith("\\") and len(token) > 2 else 0
        deepest = max(deepest, depth + run)
    return deepest


def _reason(message: str) -> str:
    """math-core's message without its leading character offset ('9: Expected …')."""
    return re.sub(r"^\d+:\s*", "", message.strip()).rstrip(".")


# math-core writes `\texttt{x}` as HTML inside MathML (<mtext><code>x</code></mtext>), which MathML
# renderers cannot draw: monospace text instead
_CODE_TEXT = re.compile(r"<mtext><code>([^<]*)</code></mtext>")


def _plain_xml(mathml: str) -> str:
    def character(match: re.Match) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        return html.entities.html5.get(name + ";", "")

    mathml = _VARIATION_SELECTORS.sub("", _ENTITY.sub(character, mathml))
    return _CODE_TEXT.sub(r'<mtext mathvariant="monospace">\1</mtext>', mathml) if "<code>" in mathml else mathml
