"""Paragraphs and runs in a text frame. Decides every property a paragraph or run states (so that
PowerPoint and LibreOffice agree): frame insets, indents, spacing, bullets and list numbers, line
breaking, sizes within the schema, weight, slant, colour by paragraph style, typefaces, the language
(Korean for Hangul) and links — a web link at once, an in-deck link (`#heading`) kept in `jumps` for
the deck to resolve once every slide exists."""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from urllib.parse import unquote

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..metrics import para_indent
from ..model import Run, TextPara
from ..theme import Theme
from .equations import add_equation
from .units import emu

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # what a:t cannot hold: written as _xHHHH_, as python-pptx does
_A_R, _A_T, _A_RPR, _A_PPR, _A_END = (qn(tag) for tag in ("a:r", "a:t", "a:rPr", "a:pPr", "a:endParaRPr"))


@functools.lru_cache(maxsize=None)
def clark(tag: str) -> str:
    """`qn(tag)`, remembered: "a:latin" → "{http://…/main}latin"."""
    return qn(tag)


def element(tag: str, *children, **attributes):
    """An XML element `tag` ("a:latin") with these attributes and children."""
    node = etree.Element(clark(tag))
    for name, value in attributes.items():
        node.set(name, value)
    node.extend(children)
    return node


def new_run(p_element, text: str):
    """A run `<a:r><a:rPr/><a:t>text</a:t></a:r>` before the paragraph's end properties, and its
    `a:rPr`: what python-pptx's `add_r`, `text` and `get_or_add_rPr` make, without parsing XML and
    searching the schema's child order for every run (a third of writing a deck's text)."""
    r = etree.SubElement(p_element, _A_R)  # a child made in place: the document's namespaces and element classes
    rPr = etree.SubElement(r, _A_RPR)
    etree.SubElement(r, _A_T).text = _CONTROL.sub(lambda m: "_x%04X_" % ord(m.group()), text)
    end = p_element.find(_A_END)
    if end is not None:
        end.addprevious(r)
    return rPr


def paragraph_properties(p_element):
    """The paragraph's `a:pPr` (its first child in the schema's order), made when missing."""
    pPr = p_element.find(_A_PPR)
    if pPr is None:
        pPr = etree.SubElement(p_element, _A_PPR)
        p_element.insert(0, pPr)
    return pPr


def end_properties(p_element):
    """The paragraph's `a:endParaRPr` (its last child), made when missing."""
    end = p_element.find(_A_END)
    return end if end is not None else etree.SubElement(p_element, _A_END)


def text_size(points: float) -> str:
    """A run's `sz` (hundredths of a point) within the schema's 1-4000 pt: a size outside makes
    PowerPoint repair the file."""
    return str(min(max(round(points * 100), 100), 400000))


def written_number(marker: str) -> bool:
    """A list number PowerPoint cannot count from (its numbering runs 1 to 32767, a lesson's may
    start at 0): written as text in the marker's place instead."""
    return bool(re.fullmatch(r"\d+\.", marker)) and not 1 <= int(marker[:-1]) <= 32767


_CJK_CHAR = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"  # Chinese and Japanese break between any two
_LINK_PIECES = re.compile(rf"[{_CJK_CHAR}]|[^\s{_CJK_CHAR}]+|\s+")
_BASELINE = {"super": "30000", "sub": "-25000"}  # thousandths of a percent of the font size: PowerPoint's own offsets


class TextWriter:
    """Writes paragraphs and runs in the theme's look; `jumps` collects the in-deck links written."""

    run_size = staticmethod(text_size)

    def __init__(self, theme: Theme, korean: bool):
        self.theme = theme
        self.korean = korean
        self.body_font = theme.fonts["body"]
        self.mono_font = theme.fonts["mono"]
        self.jumps: list[tuple[object, object, str]] = []  # (slide part, run properties, heading id)

    def write_paras(self, tf, paras, size: float, pad: float = 0.0, heading_color: str | None = None) -> None:
        self.prepare_frame(tf, pad)
        sp = self.theme.spacing
        for i, para in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            indent = self.indent(para)
            self.set_paragraph(p, para, indent, sp["paragraph"] if i else 0.0, size)
            if para.marker and written_number(para.marker):
                self.add_run(p, Run(para.marker + " "), size, **self.para_style(para))
            elif para.marker and not any(run.text.strip() for run in para.runs):
                # an item that opens with code or a table: PowerPoint shows no bullet on an empty line
                self.add_run(p, Run("\u200b"), size, **self.para_style(para))
            style = self.para_style(para)
            if heading_color and para.style == "heading":
                style["color"] = heading_color
            for run in para.runs:
                self.add_inline(p, run, size, **style)
            if para.runs and all(run.display for run in para.runs if run.text.strip()) and any(r.display for r in para.runs):
                paragraph_properties(p._p).set("algn", "ctr")  # a display formula: centred on its own line

    def para_style(self, para: TextPara) -> dict:
        colors = self.theme.colors
        if para.style == "heading":
            return {"bold": True, "color": colors["accent"]}
        if para.style == "quote":
            return {"italic": True, "color": colors["muted"]}
        if para.style == "subtitle":  # a template's subtitle colour is its own (None: inherited)
            return {"color": colors.get("subtitle", colors["muted"])}
        if para.style in ("meta", "footnote"):
            return {"color": colors["muted"]}
        return {"color": colors["text"]}

    def indent(self, para: TextPara) -> float:
        return para_indent(para, self.theme.spacing["indent"])

    def prepare_frame(self, tf, pad: float = 0.0) -> None:
        sp = self.theme.spacing
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = emu(pad + sp["inset_x"])
        tf.margin_top = tf.margin_bottom = emu(pad + sp["inset_y"])
        tf.vertical_anchor = MSO_ANCHOR.TOP

    def set_paragraph(self, p, para: TextPara | None, indent: float, space_before: float, size: float) -> None:
        """Bullets, indents, spacing, line breaking and the end-of-paragraph size of one paragraph, stated
        in full: a paragraph without runs (an empty table cell, a blank code line) is as tall as its end
        size, which PowerPoint and LibreOffice otherwise take as 18 pt."""
        end = end_properties(p._p)
        end.set("sz", text_size(size))
        self.set_language(end, "")
        pPr = paragraph_properties(p._p)
        marker = para.marker if para is not None else None
        pPr.set("algn", "l")
        pPr.set("lvl", str(min(para.level, 8) if para is not None else 0))  # list level: outline and numbering
        pPr.set("marL", str(emu(indent)))
        pPr.set("indent", str(-emu(self.theme.spacing["indent"])) if marker else "0")
        pPr.set("eaLnBrk", "0")  # do not break an East Asian word (a Korean eojeol) between lines
        pPr.set("latinLnBrk", "0")
        pPr.set("hangingPunct", "0")  # punctuation stays inside the box
        for tag in ("a:lnSpc", "a:spcBef", "a:buNone", "a:buAutoNum", "a:buChar", "a:buFont"):
            for old in pPr.findall(clark(tag)):
                pPr.remove(old)
        line = element("a:lnSpc", element("a:spcPct", val="100000"))
        before = element("a:spcBef", element("a:spcPts", val=str(round(space_before * 100))))
        for index, child in enumerate([line, before, *self.bullet(marker)]):  # schema order, before any other child
            pPr.insert(index, child)

    def bullet(self, marker: str | None) -> list:
        """A paragraph's bullet: none (no marker, or a number written as text), PowerPoint's own
        numbering from the marker's number, or the marker as the bullet character."""
        if marker is None or written_number(marker):
            return [element("a:buNone")]
        if re.fullmatch(r"\d+\.", marker):
            return [element("a:buFont", typeface="+mj-lt"),
                    element("a:buAutoNum", type="arabicPeriod", startAt=marker[:-1])]
        return [element("a:buFont", typeface=self.body_font), element("a:buChar", char=marker)]

    def add_inline(self, p, run: Run, size: float, **style) -> None:
        """A run of text, or a formula (an equation with its fallback)."""
        if run.math:
            add_equation(self, p, run, size, style.get("color"))
        elif run.link and _LINK_PIECES.fullmatch(run.text.strip()) is None:
            self.add_linked_words(p, run, size, **style)
        else:
            self.add_run(p, run, size, **style)

    def add_linked_words(self, p, run: Run, size: float, **style) -> None:
        """A link of several words as a linked run per word (per character of Chinese or Japanese,
        which breaks between any two), the spaces between them underlined runs of their own:
        LibreOffice makes each linked run a field it cannot break, so a link longer than the rest of
        a line was set apart on lines of its own and pushed the text below out of the box.
        PowerPoint shows the same words, wrapped where they were measured."""
        for part in _LINK_PIECES.findall(run.text):
            if part.isspace():  # its underline in the links' colour when the text has one
                accent = self.theme.colors["accent"] if style.get("color") else None
                self.add_run(p, replace(run, text=part, link=None, underline=True), size, **{**style, "color": accent})
            else:
                self.add_run(p, replace(run, text=part), size, **style)

    def add_run(self, p, run: Run, size: float, bold: bool = False, italic: bool = False, color: str | None = None,
                mono: bool = False) -> None:
        """One run with every property stated: size, weight, slant, colour, typefaces and language.
        The run properties are written as XML directly (schema order: fill, latin, ea, link): the
        font API of python-pptx is several times slower for the same result."""
        if run.is_break:
            p.add_line_break()
            return
        rPr = new_run(p._p, run.text)
        rPr.set("sz", text_size(size))
        rPr.set("b", "1" if (bold or run.bold) else "0")
        rPr.set("i", "1" if (italic or run.italic) else "0")
        if run.strike:
            rPr.set("strike", "sngStrike")
        if run.underline:
            rPr.set("u", "sng")
        if run.script:
            rPr.set("baseline", _BASELINE[run.script])
        self.set_language(rPr, run.text)
        if color and not run.link:  # a link takes the theme's link colour (set to the accent)
            rPr.append(element("a:solidFill", element("a:srgbClr", val=color)))
        if run.highlight:
            rPr.append(element("a:highlight", element("a:srgbClr", val=self.theme.colors.get("highlight", "FFF3A3"))))
        family = self.mono_font if (mono or run.code) else self.body_font
        rPr.append(element("a:latin", typeface=family))
        rPr.append(element("a:ea", typeface=family))  # Korean glyph forms wherever Hangul is set
        if run.link:
            self.add_link(p, rPr, run.link)

    def add_link(self, p, rPr, link: str) -> None:
        """A web link on the run; an in-page link (`#heading`) is kept in `jumps`, linked once every
        slide exists."""
        if link.startswith("#"):
            self.jumps.append((p.part, rPr, unquote(link[1:])))
        else:
            rId = p.part.relate_to(link, RT.HYPERLINK, is_external=True)
            rPr.append(element("a:hlinkClick", **{qn("r:id"): rId}))

    def set_language(self, rPr, text: str) -> None:
        hangul = bool(_HANGUL.search(text))
        rPr.set("lang", "ko-KR" if (hangul or (self.korean and not text.isascii())) else "en-US")
        if self.korean:
            rPr.set("altLang", "en-US")
