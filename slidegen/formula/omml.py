"""MathML → OMML (Office Math Markup Language): the equations PowerPoint and Word edit natively.

Written here rather than taken from mathml2omml or mathml_to_omml: on the test formulas
(tests/test_formula_omml.py) both failed on math-core's MathML (undefined entities), both wrote an
accent as a limit above (`m:limUpp`) instead of `m:acc`, left unclosed elements for `\\underbrace`,
and wrote an empty upper limit for `\\prod_t`, which PowerPoint shows as a placeholder box.

Each MathML element maps to its OMML structure: mfrac → m:f, msqrt/mroot → m:rad, msub/msup →
m:sSub/m:sSup/m:sSubSup, a large operator with its limits and operand → m:nary, accents → m:acc,
bars → m:bar, braces → m:groupChr, other under/over scripts → m:limLow/m:limUpp, a row between
stretchy fences → m:d, mtable → m:m (columns aligned as in the TeX, so `aligned` lines up), and
tokens → runs (m:r) with the style (m:sty) TeX gives them. Run formatting for a host (font, size)
is the caller's: this module writes only OMML."""
from __future__ import annotations

from lxml import etree

from . import mathml as mm
from .errors import FormulaError

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SPACES = [(1.0, "\u2003"), (0.5, "\u2002"), (0.278, "\u2004"), (0.25, "\u2005"), (0.222, "\u205f"),
           (0.167, "\u2009")]
_TRANSPARENT = {"mrow", "mstyle", "mpadded", "menclose", "math", "mmultiscripts", "mtd"}
_NON_BREAKING_OPERATORS = mm.OPENING | mm.CLOSING | mm.INVISIBLE | {"/", "!", "′", "″", "."}


def m(tag: str, *children, **attributes) -> etree._Element:
    """An OMML element m:`tag` with m:-prefixed attributes and these children."""
    node = etree.Element(f"{{{M_NS}}}{tag}", nsmap={"m": M_NS})
    for key, value in attributes.items():
        node.set(f"{{{M_NS}}}{key}", value)
    node.extend(children)
    return node


def to_omml(root, display: bool) -> etree._Element:
    """An m:oMath for an inline formula; an m:oMathPara (centred) holding it for a display one."""
    math = m("oMath", *_Converter(display).row(mm.children(root)))
    if not display:
        return math
    return m("oMathPara", m("oMathParaPr", m("jc", val="centerGroup")), math)


class _Converter:
    def __init__(self, display: bool):
        self.display = display

    def row(self, nodes: list) -> list:
        """OMML for a sequence of MathML siblings; a large operator takes the terms after it."""
        out, i = [], 0
        while i < len(nodes):
            node = nodes[i]
            if _nary_base(node) is not None:
                end = _operand_end(nodes, i + 1)
                out.append(self.nary(node, nodes[i + 1:end]))
                i = end
                continue
            out.extend(self.node(node))
            i += 1
        return out

    def e(self, node, tag: str = "e") -> etree._Element:
        """An argument slot (m:e, m:num, m:sub, …) holding one MathML node."""
        return m(tag, *self.node(node))

    def node(self, node) -> list:
        kind = mm.name(node)
        if kind == "merror":
            raise FormulaError(mm.text(node), "the converter reported an error")
        if kind in ("mphantom", "annotation", "annotation-xml", "none", "mprescripts", "") or mm.is_invisible(node):
            return []
        if kind == "semantics":
            parts = mm.children(node)
            return self.node(parts[0]) if parts else []
        if kind == "mrow" and mm.fence_pair(node):
            return [self.fenced(node)]
        if kind in _TRANSPARENT:
            return self.row(mm.children(node))
        handler = getattr(self, kind, None)
        if handler is None:
            return self.row(mm.children(node))
        return handler(node)

    # tokens
    def mi(self, node) -> list:
        value = mm.text(node).strip()
        upright = len(value) > 1 or node.get("mathvariant") == "normal" or not value.isalpha() or ord(value) > 0x2000
        return [run(value, "p" if upright else None)]

    def mn(self, node) -> list:
        return [run(mm.text(node).strip(), "p")]

    def mo(self, node) -> list:
        return [run(mm.text(node).strip(), "p")]

    def mtext(self, node) -> list:
        return [run(mm.text(node), None, normal_text=True)]

    def ms(self, node) -> list:
        return [run(f'"{mm.text(node)}"', None, normal_text=True)]

    def mspace(self, node) -> list:
        return [run(spaces(mm.space_em(node)), "p")]

    # layouts
    def mfrac(self, node) -> list:
        num, den = _args(node, 2)
        props = [m("fPr", m("type", val="noBar"))] if node.get("linethickness") in ("0", "0px", "0em") else []
        return [m("f", *props, self.e(num, "num"), self.e(den, "den"))]

    def msqrt(self, node) -> list:
        return [m("rad", m("radPr", m("degHide", val="1")), m("deg"), m("e", *self.row(mm.children(node))))]

    def mroot(self, node) -> list:
        base, degree = _args(node, 2)
        return [m("rad", self.e(degree, "deg"), self.e(base))]

    def msub(self, node) -> list:
        base, sub = _args(node, 2)
        return [m("sSub", self.e(base), self.e(sub, "sub"))]

    def msup(self, node) -> list:
        base, sup = _args(node, 2)
        return [m("sSup", self.e(base), self.e(sup, "sup"))]

    def msubsup(self, node) -> list:
        base, sub, sup = _args(node, 3)
        return [m("sSubSup", self.e(base), self.e(sub, "sub"), self.e(sup, "sup"))]

    def munder(self, node) -> list:
        base, under = _args(node, 2)
        return [self.under_over(base, under, "bot")]

    def mover(self, node) -> list:
        base, over = _args(node, 2)
        return [self.under_over(base, over, "top")]

    def munderover(self, node) -> list:
        base, under, over = _args(node, 3)
        lower = self.under_over(base, under, "bot")
        return [m("limUpp", m("e", lower), self.e(over, "lim"))]

    def under_over(self, base, script, position: str) -> etree._Element:
        mark = mm.text(script).strip() if mm.name(script) == "mo" else ""
        if position == "top" and mark in mm.ACCENTS:
            return m("acc", m("accPr", m("chr", val=mm.ACCENTS[mark])), self.e(base))
        if mark and mark in mm.OVERBARS:
            return m("bar", m("barPr", m("pos", val=position)), self.e(base))
        if mark in mm.BRACES:
            props = m("groupChrPr", m("chr", val=mark), m("pos", val=mm.BRACES[mark]),
                      m("vertJc", val="top" if mm.BRACES[mark] == "bot" else "bot"))
            return m("groupChr", props, self.e(base))
        tag = "limLow" if position == "bot" else "limUpp"
        return m(tag, self.e(base), self.e(script, "lim"))

    def fenced(self, node) -> etree._Element:
        opening, closing = mm.fence_pair(node)
        inner = mm.children(node)[1:-1]
        props = m("dPr", m("begChr", val=opening), m("endChr", val=closing))
        return m("d", props, m("e", *self.row(inner)))

    def mtable(self, node) -> list:
        aligns = mm.column_alignments(node)
        columns = m("mcs", *[m("mc", m("mcPr", m("count", val="1"), m("mcJc", val=a))) for a in aligns])
        rows = []
        for row in (r for r in mm.children(node) if mm.name(r) in ("mtr", "mlabeledtr")):
            cells = [m("e", *self.row(mm.children(cell))) for cell in mm.children(row)]
            cells += [m("e") for _ in range(len(aligns) - len(cells))]
            rows.append(m("mr", *cells))
        return [m("m", m("mPr", columns), *rows)] if rows else []

    def nary(self, node, operand: list) -> etree._Element:
        symbol, lower, upper = _nary_base(node)
        location = "undOvr" if self.display and mm.name(node) in ("munder", "mover", "munderover") else "subSup"
        props = [m("chr", val=symbol), m("limLoc", val=location)]
        if lower is None:
            props.append(m("subHide", val="1"))
        if upper is None:
            props.append(m("supHide", val="1"))
        return m("nary", m("naryPr", *props),
                 self.e(lower, "sub") if lower is not None else m("sub"),
                 self.e(upper, "sup") if upper is not None else m("sup"),
                 m("e", *self.row(operand)))


def run(value: str, style: str | None, normal_text: bool = False) -> etree._Element:
    """A math run: m:rPr (normal text, or a style: 'p' plain, None for the math default, italic
    letters) and m:t, its spaces kept."""
    props = []
    if normal_text:
        props = [m("rPr", m("nor"))]
    elif style:
        props = [m("rPr", m("sty", val=style))]
    t = m("t")
    t.text = value
    if value != value.strip() or "  " in value:
        t.set(_XML_SPACE, "preserve")
    return m("r", *props, t)


def spaces(em: float) -> str:
    """Unicode spaces adding up to about `em` (an em space, an en space, … a thin space)."""
    out = ""
    for width, char in _SPACES:
        while em >= width - 0.01:
            out += char
            em -= width
    return out or "\u200a"


def _args(node, count: int) -> list:
    parts = mm.children(node)
    if len(parts) < count:
        raise FormulaError(mm.text(node), f"<{mm.name(node)}> needs {count} parts")
    return parts[:count]


def _nary_base(node):
    """(operator, lower limit, upper limit) when `node` is a large operator (∑, ∫, …) with or without
    limits; None otherwise."""
    kind, parts = mm.name(node), mm.children(node)
    if mm.is_large_operator(node):
        return mm.text(node).strip(), None, None
    if not parts or not mm.is_large_operator(parts[0]):
        return None
    symbol = mm.text(parts[0]).strip()
    if kind in ("msub", "munder") and len(parts) == 2:
        return symbol, parts[1], None
    if kind in ("msup", "mover") and len(parts) == 2:
        return symbol, None, parts[1]
    if kind in ("msubsup", "munderover") and len(parts) == 3:
        return symbol, parts[1], parts[2]
    return None


def _operand_end(nodes: list, start: int) -> int:
    """Where a large operator's operand ends: at the next operator (+, =, …) outside any fence."""
    i = start
    while i < len(nodes):
        node = nodes[i]
        if mm.name(node) == "mo" and mm.text(node).strip() not in _NON_BREAKING_OPERATORS:
            break
        if _nary_base(node) is not None:
            break
        i += 1
    return i
