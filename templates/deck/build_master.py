"""Write master.pptx, the deck master with slidegen's named layouts, from theme.yaml.

usage: .venv/bin/python templates/deck/build_master.py
Starts from python-pptx's default template, makes it 16:9, names the theme fonts (Latin, East Asian
and the Hangul script font), and turns its layouts into the closed set slidegen uses (title, agenda,
section, content, two content, table, code, closing), each with only the placeholders it needs, at the
boxes of theme.yaml. Run it again after changing theme.yaml.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

HERE = Path(__file__).resolve().parent
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}

# layout name -> (index of the default layout it is made from, {placeholder idx: box name})
LAYOUTS = {
    "title": (0, {0: "title.title", 1: "title.subtitle"}),
    "agenda": (7, {0: "content.title", 1: "content.body"}),
    "section": (2, {0: "section.title"}),
    "content": (1, {0: "content.title", 1: "content.body"}),
    "two content": (3, {0: "content.title", 1: "two content.left", 2: "two content.right"}),
    "table": (5, {0: "content.title"}),
    "code": (4, {0: "content.title"}),
    "closing": (8, {0: "closing.title", 2: "closing.subtitle"}),
}


def main() -> int:
    theme = yaml.safe_load((HERE / "theme.yaml").read_text(encoding="utf-8"))
    prs = Presentation()
    prs.slide_width, prs.slide_height = _emu(theme["slide"]["width"]), _emu(theme["slide"]["height"])
    _set_fonts(prs, theme["fonts"]["body"])
    _place_master(prs, theme)
    originals = list(prs.slide_layouts)
    keep = []
    for name, (source, boxes) in LAYOUTS.items():
        layout = originals[source]
        layout.name = name
        _keep_placeholders(layout, boxes, theme)
        keep.append(layout)
    for layout in originals:
        if layout not in keep:
            prs.slide_layouts.remove(layout)
    _order_layouts(prs, keep)
    _section_background(prs.slide_layouts.get_by_name("section"), theme)
    out = HERE / "master.pptx"
    prs.save(out)
    print(f"wrote {out}")
    return 0


def _emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))


def _set_fonts(prs, family: str) -> None:
    """Major and minor fonts: Latin, East Asian and Hangul all name the Korean face."""
    theme_part = next(rel.target_part for rel in prs.slide_master.part.rels.values() if rel.reltype.endswith("/theme"))
    root = etree.fromstring(theme_part.blob)
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//a:fontScheme/a:{kind}", NS)
        font.find("a:latin", NS).set("typeface", family)
        font.find("a:ea", NS).set("typeface", family)
        for script in font.findall("a:font", NS):
            if script.get("script") in ("Hang", "Kore"):
                font.remove(script)
        hang = etree.SubElement(font, f"{{{NS['a']}}}font")
        hang.set("script", "Hang")
        hang.set("typeface", family)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place_master(prs, theme) -> None:
    boxes = theme["boxes"]
    for shape in list(prs.slide_master.placeholders):
        idx = shape.placeholder_format.idx
        if idx == 0:
            _set_box(shape, boxes["content.title"])
        elif idx == 1:
            _set_box(shape, boxes["content.body"])
        else:  # date, footer, slide number: slidegen writes its own footer
            shape._element.getparent().remove(shape._element)


def _keep_placeholders(layout, boxes: dict[int, str], theme) -> None:
    for shape in list(layout.placeholders):
        idx = shape.placeholder_format.idx
        if idx in boxes:
            _set_box(shape, theme["boxes"][boxes[idx]])
            for props in shape._element.iter(f"{{{NS['a']}}}defRPr"):
                props.attrib.pop("cap", None)  # never change the case of a lesson's words
        else:
            shape._element.getparent().remove(shape._element)


def _set_box(shape, xywh) -> None:
    x, y, w, h = xywh
    shape.left, shape.top, shape.width, shape.height = _emu(x), _emu(y), _emu(w), _emu(h)


def _order_layouts(prs, layouts) -> None:
    id_list = prs.slide_master._element.find("p:sldLayoutIdLst", NS)
    by_rid = {el.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"): el for el in id_list}
    for layout in layouts:
        rid = next(r for r, rel in prs.slide_master.part.rels.items() if rel.target_part is layout.part)
        element = by_rid[rid]
        id_list.remove(element)
        id_list.append(element)


def _section_background(layout, theme) -> None:
    fill = layout.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(theme["colors"]["section_bg"])


if __name__ == "__main__":
    sys.exit(main())
