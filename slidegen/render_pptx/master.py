"""The master deck and its placeholders. Decides what of the template is kept (no example slides, no
custom shows or sections naming them, no master that no slide uses), that a view properties part
exists, and how a placeholder's kind is read: which placeholder takes the title, which take body
text, and whether the template sets titles in capitals."""
from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..layouts import match_template
from ..template_style import theme_package_part, theme_part

SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # p14:sectionLst
TITLE_KINDS = ("title", "center_title")
TEXT_KINDS = ("body", "object", "subtitle")  # body placeholders that take text
VIEW_PROPS = ('<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')


def open_master(master: Path) -> tuple[Presentation, dict]:
    """The master deck (a .pptx, or a .potx read as the deck it templates) without its example slides
    (their parts are no longer related from the presentation, so none is written to the output), and
    the layout that plays each slidegen layout (`layouts.match_template`; reference.py said which fell
    back)."""
    from ..reference import open_reference

    prs = open_reference(Path(master))
    chosen, _fell_back = match_template(prs)
    drop_example_slides(prs)
    add_view_properties(prs)
    return prs, chosen


def set_link_colour(prs, colour: str) -> None:
    """The themes' colours for links (followed or not) set to the colour the deck writes its links in:
    LibreOffice shows some link runs in the theme's colour rather than their own (one word of a
    link in its colour, the next in the template's default blue), and PowerPoint may show a followed
    link in it."""
    for master in prs.slide_masters:
        part = theme_package_part(master)
        try:
            theme = theme_part(master)
        except etree.XMLSyntaxError:
            continue
        if theme is None:
            continue
        for slot in theme.iter(qn("a:hlink"), qn("a:folHlink")):
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, qn("a:srgbClr"), val=colour)
        # python-pptx keeps a theme as bytes and offers no setter for them
        part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_example_slides(prs) -> None:
    """The template's own slides, and the custom shows and sections that name them."""
    presentation = prs.part._element
    for unused in presentation.findall(qn("p:custShowLst")):  # custom shows name the example slides
        presentation.remove(unused)
    for ext in presentation.findall(f"{qn('p:extLst')}/{qn('p:ext')}"):
        if ext.get("uri") == SECTIONS_EXT:  # sections list the example slides' ids
            ext.getparent().remove(ext)
    for slide_id in list(prs.slides._sldIdLst):
        prs.part.drop_rel(slide_id.rId)
        prs.slides._sldIdLst.remove(slide_id)


def add_view_properties(prs) -> None:
    """A view properties part where the template has none (LibreOffice writes none): PowerPoint
    repairs a deck without one."""
    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    part = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, prs.part.package,
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + VIEW_PROPS.encode())
    prs.part.relate_to(part, RT.VIEW_PROPS)


def drop_unused_masters(prs) -> None:
    """Masters no slide uses are not written (a LibreOffice template has one per master page, each
    with its own pictures)."""
    used = {slide.slide_layout.slide_master.part for slide in prs.slides}
    id_list = prs.slide_masters._sldMasterIdLst
    for master_id in list(id_list):
        if prs.part.related_part(master_id.rId) not in used and len(id_list) > 1:
            id_list.remove(master_id)
            prs.part.drop_rel(master_id.rId)


def placeholder_kind(element) -> str:
    """A placeholder's type as `layouts.BODY_TYPES` names them ("title", "center_title", "object", …):
    LibreOffice writes a body as `<p:ph/>`, whose idx is 0 like a title's."""
    return str(getattr(element.ph_type, "name", "")).lower()


def title_placeholder(pptx_slide):
    return next((ph for ph in pptx_slide.placeholders if placeholder_kind(ph._element) in TITLE_KINDS), None)


def body_placeholders(pptx_slide) -> list:
    """The slide's placeholders that take body text, in the layout's order."""
    return [ph for ph in pptx_slide.placeholders if placeholder_kind(ph._element) in TEXT_KINDS]


def capitalised(pptx_slide) -> bool:
    """Whether the layout's title placeholder or its master's title style sets titles in capitals."""
    layout = pptx_slide.slide_layout
    styles = [ph._element for ph in layout.placeholders if placeholder_kind(ph._element) in TITLE_KINDS]
    styles += layout.slide_master._element.findall(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
    return any(node.get("cap") not in (None, "none") for style in styles for node in style.iter(qn("a:defRPr")))


def drop_unfilled_placeholders(pptx_slide, unused: set) -> None:
    """The text placeholders in `unused` (no frame took them), and every picture, chart, …
    placeholder (its prompt would show)."""
    for element in list(pptx_slide.shapes._spTree.iter_ph_elms()):
        if element in unused or placeholder_kind(element) not in (*TEXT_KINDS, *TITLE_KINDS):
            element.getparent().remove(element)
