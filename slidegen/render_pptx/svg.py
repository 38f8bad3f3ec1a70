"""SVG drawings in the deck as PowerPoint stores them: the picture's blip is a PNG (what LibreOffice and
PowerPoint before 2016 show) with the SVG beside it in an `asvg:svgBlip` extension (what PowerPoint 2016
and later draw, as a vector).

The SVG written into the deck is a cleaned copy: no scripts, no event handlers, no references to other
files or to the web (PowerPoint would otherwise follow them when it draws the slide). The PNG is drawn by
WeasyPrint (the handout's own SVG renderer, so both outputs show the same drawing) and rasterised with
PDFium, at twice the picture's size on the slide, at most `MAX_FALLBACK_PX` on its long side."""
from __future__ import annotations

import base64
import copy
import io
import re

from lxml import etree
from pptx.oxml.ns import qn

SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAX_FALLBACK_PX = 2400
PX_PER_PT = 96 / 72
_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)


def cleaned_svg(root) -> bytes:
    """The drawing without scripts, event handlers or references outside itself (a `data:` picture stays)."""
    root = copy.deepcopy(root)
    for reference in list(root.iter(etree.Entity)):  # never expanded; without its DTD it would not parse
        drop_keeping_tail(reference)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname == "script":
            drop_keeping_tail(element)
            continue
        clean_attributes(element)
        if etree.QName(element).localname == "style" and element.text:
            element.text = inside_urls_only(_IMPORT.sub("", element.text))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def drop_keeping_tail(node) -> None:
    """Remove `node`, the text after it staying where it was."""
    parent, tail = node.getparent(), node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def clean_attributes(element) -> None:
    for name in list(element.attrib):
        local = etree.QName(name).localname
        value = element.get(name)
        if local.lower().startswith("on"):
            del element.attrib[name]
        elif (name == XLINK_HREF or local == "href") and not inside(value):
            del element.attrib[name]
        elif local == "style":
            element.set(name, inside_urls_only(value))


def inside_urls_only(css: str) -> str:
    """CSS with every `url(…)` that leaves the drawing replaced by `none` (one scan, no backtracking);
    an unclosed `url(` ends the text."""
    lower, out, at = css.lower(), [], 0
    while (start := lower.find("url(", at)) >= 0:
        end = css.find(")", start)
        out.append(css[at:start])
        if end < 0:
            return "".join(out) + "none"
        target = css[start + 4:end].strip().strip("'\"")
        out.append(css[start:end + 1] if target.startswith("#") else "none")
        at = end + 1
    return "".join(out) + css[at:]


def inside(url: str) -> bool:
    """A reference that stays inside the drawing: a fragment, or a picture carried as a `data:` URL."""
    url = url.strip()
    return url.startswith("#") or url[:11].lower() == "data:image/"


def fallback_png(svg: bytes, width_pt: float, height_pt: float) -> bytes:
    """The drawing as a PNG at twice its size on the slide (transparent where it draws nothing)."""
    import pypdfium2
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    scale = min(2.0, MAX_FALLBACK_PX / (max(width_pt, height_pt) * PX_PER_PT))
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    html = (f"<style>@page {{ size: {width_pt:.2f}pt {height_pt:.2f}pt; margin: 0 }} body {{ margin: 0 }}"
            f"img {{ display: block; width: {width_pt:.2f}pt; height: {height_pt:.2f}pt }}</style>"
            f'<img src="{uri}" alt="">')
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf()  # reads nothing else
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[0].render(scale=scale * PX_PER_PT, fill_color=(255, 255, 255, 0))
        out = io.BytesIO()
        bitmap.to_pil().save(out, format="PNG", optimize=True)
    finally:
        document.close()
    return out.getvalue()


def attach_svg(picture, svg_rid: str) -> None:
    """Add the `asvg:svgBlip` extension naming the SVG part to the picture's PNG blip."""
    blip = picture._element.blipFill.find(qn("a:blip"))
    ext_list = blip.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_BLIP_EXT)
    etree.SubElement(ext, f"{{{ASVG}}}svgBlip", {qn("r:embed"): svg_rid}, nsmap={"asvg": ASVG})
