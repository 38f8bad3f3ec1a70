"""What an accessibility checker would flag, read from the built files themselves.

The deck: the rules of PowerPoint's Accessibility Checker that the file shows — every slide has a
title, no two slides share one, the title comes first in reading order, every picture has alt text or is
marked decorative, every table marks its header row, every run states its language, and text keeps
WCAG AA contrast (4.5:1, 3:1 from 18 pt or 14 pt bold) on the fill behind it.
The handout: the PDF/UA rules a file shows — tagged, a structure tree, the document's language, its
title shown as the window title, headings that skip no level, figures with alt text, tables with header
cells, every font embedded.
Each function returns the problems as lines; no problem, an empty list."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import etree

from ..colors import contrast

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
BODY_RATIO, LARGE_RATIO = 4.5, 3.0
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0


# ----------------------------------------------------------------------------------------------- deck


def deck_problems(path: Path) -> list[str]:
    from pptx import Presentation

    prs = Presentation(str(path))
    problems: list[str] = []
    titles: list[str] = []
    for number, slide in enumerate(prs.slides, start=1):
        title = slide_title(slide)
        if not title:
            problems.append(f"slide {number}: no title in a title placeholder")
        titles.append(title)
        problems += [f"slide {number}: {problem}" for problem in slide_problems(slide)]
    repeated = [title for title, count in Counter(t for t in titles if t).items() if count > 1]
    problems += [f"slides {', '.join(str(i) for i, t in enumerate(titles, 1) if t == title)}: "
                 f"share the title '{title}'" for title in repeated]
    return problems


def slide_title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text.strip() if shape is not None and shape.has_text_frame else ""


def slide_problems(slide) -> list[str]:
    tree = slide.shapes._spTree
    problems = reading_order(slide)
    for pic in tree.iter(f"{{{_NS['p']}}}pic"):
        problems += picture_problems(pic)
    for tbl in tree.iter(f"{{{_NS['a']}}}tbl"):
        pr = tbl.find("a:tblPr", _NS)
        if pr is None or pr.get("firstRow") not in ("1", "true"):
            problems.append("a table does not mark its header row")
    problems += run_problems(slide)
    return problems


def reading_order(slide) -> list[str]:
    """The title is the first shape a screen reader reaches."""
    first, title = next(iter(slide.shapes), None), slide.shapes.title
    if title is not None and first is not None and first.shape_id != title.shape_id:
        return [f"the title is not first in reading order (first: '{first.name}')"]
    return []


def picture_problems(pic) -> list[str]:
    c_nv_pr = pic.find("p:nvPicPr/p:cNvPr", _NS)
    if c_nv_pr is None:
        return ["a picture has no properties"]
    decorative = any(el.get("val") in ("1", "true") for el in c_nv_pr.iter(DECORATIVE))
    if not (c_nv_pr.get("descr") or "").strip() and not decorative:
        return [f"picture '{c_nv_pr.get('name')}' has no alt text and is not marked decorative"]
    return []


def run_problems(slide) -> list[str]:
    """Runs without a language, and text colours too faint on the fill behind them."""
    problems: set[str] = set()
    background = slide_background(slide)
    for shape in slide.shapes:
        fill = shape_fill(shape) or background
        for r in shape._element.iter(f"{{{_NS['a']}}}r"):
            problems |= set(one_run_problems(r, cell_fill(r) or fill))
    return sorted(problems)


def one_run_problems(r, fill: str) -> list[str]:
    rpr = r.find("a:rPr", _NS)
    text = "".join(t.text or "" for t in r.iter(f"{{{_NS['a']}}}t"))
    if rpr is None or not text.strip():
        return []
    problems = [] if rpr.get("lang") else [f"text '{text[:30]}' states no language"]
    colour = rpr.find("a:solidFill/a:srgbClr", _NS)
    if colour is not None:
        size = int(rpr.get("sz", "1800")) / 100
        large = size >= LARGE_PT or (size >= LARGE_BOLD_PT and rpr.get("b") in ("1", "true"))
        needed = LARGE_RATIO if large else BODY_RATIO
        ratio = contrast(colour.get("val"), fill)
        if ratio < needed:
            problems.append(f"text colour {colour.get('val')} on {fill} has contrast {ratio:.2f}:1 "
                            f"(needs {needed:g}:1), e.g. '{text[:30]}'")
    return problems


def shape_fill(shape) -> str | None:
    fill = shape._element.find("p:spPr/a:solidFill/a:srgbClr", _NS)
    return fill.get("val") if fill is not None else None


def cell_fill(r) -> str | None:
    for parent in r.iterancestors(f"{{{_NS['a']}}}tc"):
        fill = parent.find("a:tcPr/a:solidFill/a:srgbClr", _NS)
        return fill.get("val") if fill is not None else None
    return None


def slide_background(slide) -> str:
    """The solid colour behind a slide (its own, its layout's or its master's background); white when
    none is a plain colour."""
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        fill = part._element.find("p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr", _NS)
        if fill is not None:
            return fill.get("val")
    return "FFFFFF"


# -------------------------------------------------------------------------------------------- handout


def handout_problems(path: Path) -> list[str]:
    import logging

    logging.getLogger("pikepdf").setLevel(logging.WARNING)  # it announces its logger bridge at INFO
    import pikepdf

    with pikepdf.open(str(path)) as pdf:
        root = pdf.Root
        if not (root.get("/MarkInfo") and bool(root.MarkInfo.get("/Marked"))) or "/StructTreeRoot" not in root:
            return ["not tagged (no structure tree): a screen reader reads a flat stream of text"]
        problems = document_problems(pdf)
        tags = structure_tags(root.StructTreeRoot)
        problems += heading_problems([tag for tag, _ in tags if tag in _HEADINGS])
        problems += ["a figure has no alt text" for tag, node in tags if tag == "Figure" and not node.get("/Alt")][:1]
        if any(tag == "Table" for tag, _ in tags) and not any(tag == "TH" for tag, _ in tags):
            problems.append("a table has no header cells (TH)")
        problems += font_problems(pdf)
    return problems


_HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


def document_problems(pdf) -> list[str]:
    root = pdf.Root
    problems = [] if str(root.get("/Lang", "")).strip() else ["the document states no language"]
    prefs = root.get("/ViewerPreferences")
    if not (prefs and bool(prefs.get("/DisplayDocTitle"))):
        problems.append("the window shows the file name, not the document title")
    with pdf.open_metadata() as meta:
        if not (meta.get("dc:title") or "").strip():
            problems.append("the document has no title")
    return problems


def structure_tags(root) -> list[tuple[str, object]]:
    """(tag, node) of every structure element, in document order."""
    import pikepdf

    found: list[tuple[str, object]] = []
    stack = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append((str(node.S)[1:], node))
            if "/K" in node:
                stack.append(node.K)
    return found


def heading_problems(headings: list[str]) -> list[str]:
    """Headings go down one level at a time (H1 → H2 → H3), never skipping one."""
    problems, level = [], 0
    for tag in headings:
        new = int(tag[1])
        if new > level + 1:
            problems.append(f"heading {tag} follows H{level} (a level is skipped)" if level else
                            f"the first heading is {tag}, not H1")
        level = new
    return problems[:3]


def font_problems(pdf) -> list[str]:
    missing: set[str] = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            descendant = font.get("/DescendantFonts")
            described = descendant[0] if descendant else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                if str(font.get("/Subtype")) != "/Type3":
                    missing.add(str(font.get("/BaseFont")))
    return [f"font {name} is not embedded" for name in sorted(missing)]
