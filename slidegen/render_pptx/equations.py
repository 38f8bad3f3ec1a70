"""Formulas in a paragraph: a native PowerPoint equation (OMML in `a14:m`) that the instructor can
click and edit, inside `mc:AlternateContent` whose `mc:Fallback` is the formula as linear text
(x², (a+b)/c) in the body font, for viewers that draw no equations.

LibreOffice (7.x) takes any `mc:Choice` that requires the prefix "a14" and then draws the equation as
nothing; it compares the prefix as a string. The Choice therefore requires the same namespace under
a prefix of its own ("a14eq"): PowerPoint resolves prefixes to namespaces as Markup Compatibility
says and takes the equation; LibreOffice, Keynote and Google Slides show the fallback."""
from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from ..model import Run

A14_NS = "http://schemas.microsoft.com/office/drawing/2010/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REQUIRES = "a14eq"
MATH_FONT = "Cambria Math"


def add_equation(writer, p, run: Run, size: float, color: str | None) -> None:
    """The formula `run.math` at the end of paragraph `p`: equation first, linear text as fallback."""
    from .. import formula  # loaded on a deck's first formula only

    alternate = etree.Element(f"{{{MC_NS}}}AlternateContent", nsmap={"mc": MC_NS})
    choice = etree.SubElement(alternate, f"{{{MC_NS}}}Choice", nsmap={"a14": A14_NS, REQUIRES: A14_NS})
    choice.set("Requires", REQUIRES)
    holder = etree.SubElement(choice, f"{{{A14_NS}}}m")
    holder.append(_styled(formula.to_omml(run.math, run.display), writer, size, color))
    fallback = etree.SubElement(alternate, f"{{{MC_NS}}}Fallback")
    _fallback_runs(writer, p, fallback, run, size, color)
    end = p._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(alternate)
    else:
        p._p.append(alternate)


def _styled(omml, writer, size: float, color: str | None):
    """Each math run gets PowerPoint's run properties (a:rPr after m:rPr): size, colour, Cambria Math,
    italic for the letters OMML sets in math italic, the body font for Hangul."""
    for r in omml.iter(f"{{{M_NS}}}r"):
        text = "".join(t.text or "" for t in r.iter(f"{{{M_NS}}}t"))
        m_props = r.find(f"{{{M_NS}}}rPr")
        italic = m_props is None
        rPr = etree.Element(qn("a:rPr"))
        rPr.set("sz", writer.run_size(size))
        rPr.set("b", "0")
        rPr.set("i", "1" if italic else "0")
        writer.set_language(rPr, text)
        if color:
            rPr.append(_fill(color))
        rPr.append(_font("a:latin", MATH_FONT))
        rPr.append(_font("a:ea", writer.body_font))
        if m_props is not None:
            m_props.addnext(rPr)
        else:
            r.insert(0, rPr)
    return omml


def _fallback_runs(writer, p, fallback, run: Run, size: float, color: str | None) -> None:
    """The linear text as ordinary runs, moved from the paragraph into the fallback."""
    kept = list(p._p)  # holding the elements keeps their proxies, so id() below is stable
    existing = set(map(id, kept))
    from .. import formula

    for piece in formula.to_linear(run.math, run.display):
        writer.add_run(p, Run(piece.text, bold=piece.bold, italic=piece.italic, script=piece.script or ""),
                       size, color=color)
    added = [child for child in p._p if id(child) not in existing and child.tag in (qn("a:r"), qn("a:br"))]
    for child in added:
        fallback.append(child)


def _fill(color: str):
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", color)
    return fill


def _font(tag: str, typeface: str):
    node = etree.Element(qn(tag))
    node.set("typeface", typeface)
    return node
