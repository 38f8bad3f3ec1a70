"""Which of a template's slide layouts plays each of slidegen's layouts.

slidegen's own master names its layouts after `model.Layout` ("title", "content", …). A template made in
PowerPoint, Keynote, Google Slides or LibreOffice has other names, so each layout is found, in order:
1. by slidegen's own name;
2. by the layout's type (`p:sldLayout/@type`: `title`, `obj`, `secHead`, `twoObj`, `titleOnly`, …);
3. by the names PowerPoint gives its layouts, in English and Korean;
4. by its placeholders (a title and a body; a title alone).
What none of these finds falls back to the template's title-and-content layout (or any layout with a
title), and is reported once by the caller.

A template with several slide masters (LibreOffice writes one per master page: a cover, then plainer
ones) gives the cover, section and closing slides the layouts of the master its first example slide
uses, and every other slide those of the master whose decoration covers the least of the body
(`match_template`).
"""
from __future__ import annotations

from pptx.oxml.ns import qn

from .model import Layout

# slidegen layout -> layout types that can play it, best first
TYPES: dict[Layout, tuple[str, ...]] = {
    Layout.TITLE: ("title",),
    Layout.AGENDA: ("obj", "tx"),
    Layout.SECTION: ("secHead", "title"),
    Layout.CONTENT: ("obj", "tx"),
    Layout.TWO_CONTENT: ("twoObj", "twoTxTwoObj"),
    Layout.TABLE: ("tbl", "obj", "titleOnly"),
    Layout.CODE: ("titleOnly", "obj"),
    Layout.CLOSING: ("title", "secHead"),
}
# the names PowerPoint (and LibreOffice's exports) give those layouts, English and Korean, casefolded
NAMES: dict[Layout, tuple[str, ...]] = {
    Layout.TITLE: ("title slide", "제목 슬라이드", "title"),
    Layout.AGENDA: ("title and content", "제목 및 내용", "agenda", "title, content"),
    Layout.SECTION: ("section header", "구역 머리글", "section title", "section", "title slide", "제목 슬라이드"),
    Layout.CONTENT: ("title and content", "제목 및 내용", "title, content", "content"),
    Layout.TWO_CONTENT: ("two content", "콘텐츠 2개", "title, 2 content", "two column"),
    Layout.TABLE: ("title and table", "title and content", "제목 및 내용"),
    Layout.CODE: ("title only", "제목만", "title and content", "제목 및 내용"),
    Layout.CLOSING: ("title slide", "제목 슬라이드", "section header", "구역 머리글"),
}
TITLE_TYPES = {"title", "ctrTitle"}


def layout_type(layout) -> str:
    """The layout's `type` attribute (`cust` when it has none, as the schema says)."""
    return layout._element.get("type", "cust")


def placeholder_kinds(layout) -> tuple[bool, int]:
    """(has a title placeholder, number of body placeholders) of a layout, told by the placeholders'
    types: LibreOffice writes a body as `<p:ph/>`, whose idx is 0 like a title's."""
    title, bodies = False, 0
    for ph in layout.placeholders:
        name = str(getattr(ph._element.ph_type, "name", "")).lower()
        if name in ("title", "center_title"):
            title = True
        elif name in BODY_TYPES:
            bodies += 1
    return title, bodies


BODY_TYPES = {"body", "object", "subtitle", "table", "chart", "picture", "org_chart", "media_clip"}


def match_layouts(layouts) -> tuple[dict[Layout, object], list[Layout]]:
    """Each slidegen layout's template layout, and the slidegen layouts that only fell back."""
    layouts = list(layouts)
    chosen: dict[Layout, object] = {}
    fell_back: list[Layout] = []
    for wanted in Layout:
        found = _by_name(layouts, (wanted.value,)) or _by_type(layouts, TYPES[wanted]) \
            or _by_name(layouts, NAMES[wanted]) or _by_placeholders(layouts, wanted)
        if found is None:
            found = fallback(layouts)
            fell_back.append(wanted)
        chosen[wanted] = found
    return chosen, fell_back


def _by_name(layouts, names: tuple[str, ...]):
    for name in names:
        for layout in layouts:
            if layout.name.strip().casefold() == name:
                return layout
    return None


def _by_type(layouts, types: tuple[str, ...]):
    for kind in types:
        for layout in layouts:
            if layout_type(layout) == kind and placeholder_kinds(layout)[0]:
                return layout
    return None


def _by_placeholders(layouts, wanted: Layout):
    bodies = 2 if wanted == Layout.TWO_CONTENT else 1
    for layout in layouts:
        title, count = placeholder_kinds(layout)
        if title and count >= bodies:
            return layout
    return None


def fallback(layouts):
    """Title and content, else any layout with a title, else the first (our own boxes go on it)."""
    return (_by_type(layouts, ("obj", "tx")) or next((lay for lay in layouts if placeholder_kinds(lay)[0]), None)
            or layouts[0])


COVER = (Layout.TITLE, Layout.SECTION, Layout.CLOSING)


def match_template(prs) -> tuple[dict[Layout, object], list[Layout]]:
    """`match_layouts` over a whole template: the cover's master for `COVER`, the plainest master for
    the rest (one master: its layouts for all). Call before the example slides are removed."""
    masters = list(prs.slide_masters)
    if len(masters) < 2:
        return match_layouts(prs.slide_layouts)
    plain = min(masters, key=lambda m: decoration(m, prs.slide_width, prs.slide_height))  # the first of equals
    cover = prs.slides[0].slide_layout.slide_master if len(prs.slides) else masters[0]
    by_master = {m.part: match_layouts(m.slide_layouts) for m in (plain, cover)}
    chosen: dict[Layout, object] = {}
    fell_back: list[Layout] = []
    for wanted in Layout:
        layouts, missing = by_master[(cover if wanted in COVER else plain).part]
        chosen[wanted] = layouts[wanted]
        if wanted in missing:
            fell_back.append(wanted)
    return chosen, fell_back


_DRAWN = {qn("p:sp"), qn("p:pic"), qn("p:grpSp"), qn("p:cxnSp"), qn("p:graphicFrame")}


def decoration(master, width: int, height: int) -> float:
    """How much a master's drawing (its own shapes and its content layout's, not placeholders; a
    background picture counts as all of it) covers its content layout's body: the share of the body
    box covered, plus a quarter of the share of the slide (`width` x `height`, EMU)."""
    layout = match_layouts(master.slide_layouts)[0][Layout.CONTENT]
    parts = [layout._element] + ([master._element] if layout._element.get("showMasterSp") != "0" else [])
    if any(part.find(f"{qn('p:cSld')}/{qn('p:bg')}//{qn('a:blip')}") is not None for part in parts):
        return 2.0
    bodies = [ph for ph in layout.placeholders if str(getattr(ph._element.ph_type, "name", "")).lower() in BODY_TYPES]
    body = (bodies[0].left or 0, bodies[0].top or 0, bodies[0].width or 0, bodies[0].height or 0) if bodies \
        else (0, 0, width, height)
    shapes = [box for part in parts for box in _drawn_boxes(part)]
    slide = (0, 0, width, height)
    return (sum(_overlap(box, body) for box in shapes) / max(body[2] * body[3], 1)
            + sum(_overlap(box, slide) for box in shapes) / max(width * height, 1) / 4)


def _drawn_boxes(part):
    tree = part.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for shape in tree if tree is not None else ():
        if shape.tag not in _DRAWN or (shape.tag == qn("p:sp") and shape.find(f".//{qn('p:ph')}") is not None):
            continue
        off, ext = shape.find(f".//{qn('a:off')}"), shape.find(f".//{qn('a:ext')}")
        if off is not None and ext is not None:
            yield (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def _overlap(a, b) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)
