"""Formulas in a paragraph: a native PowerPoint equation (OMML in `a14:m`) that the instructor can
click and edit, inside `mc:AlternateContent` whose `mc:Fallback` is the formula as linear text
(x², (a+b)/c) in the body font, for viewers that draw no equations.

LibreOffice (7.x) takes any `mc:Choice` that requires the prefix "a14" and then draws the equation as
nothing; it compares the prefix as a string. The Choice therefore requires the same namespace under
a prefix of its own ("a14eq"): PowerPoint resolves prefixes to namespaces as Markup Compatibility
says and takes the equation; LibreOffice, Keynote and Google Slides show the fallback.

The math runs (m:r) carry no DrawingML run properties: the math schema allows none there (PowerPoint
writes them all the same, and the Open XML audit rejects them). Their size, colour and fonts come
from the text frame's list style instead (`a:lstStyle`, each level's `a:defRPr`), which PowerPoint
applies to every run that states nothing itself; the fallback's runs state everything."""
from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from ..model import Run

A14_NS = "http://schemas.microsoft.com/office/drawing/2010/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REQUIRES = "a14eq"
MATH_FONT = "Cambria Math"


def add_equation(writer, p, run: Run, size: float, color: str | None) -> None:
    """The formula `run.math` at the end of paragraph `p`: equation first, linear text as fallback."""
    from .. import formula  # loaded on a deck's first formula only

    alternate = etree.Element(f"{{{MC_NS}}}AlternateContent", nsmap={"mc": MC_NS})
    choice = etree.SubElement(alternate, f"{{{MC_NS}}}Choice", nsmap={"a14": A14_NS, REQUIRES: A14_NS})
    choice.set("Requires", REQUIRES)
    holder = etree.SubElement(choice, f"{{{A14_NS}}}m")
    holder.append(formula.to_omml(run.math, run.display))
    fallback = etree.SubElement(alternate, f"{{{MC_NS}}}Fallback")
    _fallback_runs(writer, p, fallback, run, size, color)
    p._p.get_or_add_pPr()  # before the equation: python-pptx would put it after an element it does not know
    set_math_defaults(writer, p._p.getparent(), size, color)
    end = p._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(alternate)
    else:
        p._p.append(alternate)


def set_math_defaults(writer, body, size: float, color: str | None) -> None:
    """The text frame's list style gives runs that state nothing (the math runs) their size, colour,
    Cambria Math and the body font for Hangul, at every level; the frame's first formula sets it."""
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = etree.Element(qn("a:lstStyle"))
        body.find(qn("a:bodyPr")).addnext(styles)
    if len(styles):
        return
    for level in range(1, 10):
        defaults = etree.SubElement(etree.SubElement(styles, qn(f"a:lvl{level}pPr")), qn("a:defRPr"))
        defaults.set("sz", writer.run_size(size))
        if color:
            defaults.append(_fill(color))
        defaults.append(_font("a:latin", MATH_FONT))
        defaults.append(_font("a:ea", writer.body_font))


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
