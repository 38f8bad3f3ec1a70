"""Formulas read back from the outputs: every formula item must be an equation in the deck and a drawn
picture in the handout, and no formula's TeX source may show as text in either.

Deck: each `a14:m` element of the slides (the native equation, whatever a viewer shows in its place)
with the text of its math runs, compared with the equation the formula converts to. Handout: each
formula's anchor (`formula-N`, a named destination WeasyPrint writes for the element's id) with
vector paths drawn at it. The formula package is loaded only for a lesson with formulas."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .items import FORMULA_KINDS, Item
from .text import norm

A14_M = "{http://schemas.microsoft.com/office/drawing/2010/main}m"
M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
ANCHOR = re.compile(r"formula-(\d+)$")
_TEX_LOOK = re.compile(r"[\\^_{]")


def formula_items(items: list[Item]) -> list[Item]:
    return [item for item in items if item.kind in FORMULA_KINDS.values()]


def equation_texts(slide_element) -> list[str]:
    """The text of each native equation on a slide (its math runs, normalized)."""
    return [norm("".join(t.text or "" for t in m.iter(M_T))) for m in slide_element.iter(A14_M)]


def expected_text(item: Item) -> str:
    """The text of the equation `item`'s TeX converts to."""
    from .. import formula

    omml = formula.to_omml(item.text, item.kind == FORMULA_KINDS[True])
    return norm("".join(t.text or "" for t in omml.iter(M_T)))


def missing_equations(formulas: list[Item], equations: list[str]) -> list[Item]:
    """The formulas without an equation of their own among the deck's `equations`."""
    left = Counter(equations)
    missing = []
    for item in formulas:
        text = expected_text(item)
        if left[text] > 0:
            left[text] -= 1
        else:
            missing.append(item)
    return missing


def shown_as_tex(formulas: list[Item], texts, items: list[Item] = ()) -> list[Item]:
    """Formulas whose TeX source (long enough to tell, with TeX's own characters) appears in `texts`,
    unless the lesson itself writes that TeX as text or code (a lesson about TeX shows it in a code
    block: that is the code, not the formula)."""
    written = [norm(item.text) for item in items if item.kind not in FORMULA_KINDS.values()]
    shown = []
    for item in formulas:
        source = norm(item.text)
        if len(source) >= 4 and _TEX_LOOK.search(source) and any(source in text for text in texts) \
                and not any(source in text for text in written):
            shown.append(item)
    return shown


def missing_pictures(formulas: list[Item], path: Path) -> list[Item]:
    """The formulas (in lesson order: the handout numbers its formulas so) not drawn in the handout."""
    drawn = drawn_formulas(path)
    return [item for number, item in enumerate(formulas, 1) if number not in drawn]


def drawn_formulas(path: Path) -> set[int]:
    """The numbers of the handout's formula anchors at which vector paths are drawn."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = {page.page_obj.pageid: page for page in pdf.pages}
        anchors = _formula_anchors(pdf.doc)
        return {number for number, (page_id, x, y) in anchors.items()
                if page_id in pages and _paths_at(pages[page_id], x, y)}


def _formula_anchors(doc) -> dict[int, tuple[int, float, float]]:
    """formula number → (page object id, x, y) of its named destination."""
    from pdfminer.pdftypes import resolve1

    names = resolve1(resolve1(doc.catalog.get("Names") or {}).get("Dests") or {})
    anchors = {}
    for name, dest in _name_tree(names, resolve1):
        match = ANCHOR.match(name.decode("latin-1") if isinstance(name, bytes) else str(name))
        dest = resolve1(dest)
        dest = resolve1(dest.get("D")) if isinstance(dest, dict) else dest
        if match and isinstance(dest, list) and len(dest) >= 4:
            anchors[int(match.group(1))] = (dest[0].objid, float(dest[2] or 0), float(dest[3] or 0))
    return anchors


def _name_tree(node, resolve1):
    pairs = resolve1(node.get("Names") or [])
    yield from zip(pairs[::2], pairs[1::2])
    for kid in resolve1(node.get("Kids") or []):
        yield from _name_tree(resolve1(kid), resolve1)


def _paths_at(page, x: float, y: float, below: float = 80.0) -> bool:
    """Vector paths starting at or right of `x` and just below the PDF point (x, y) on `page`."""
    top = page.height - y
    return any(shape["x0"] >= x - 2 and top - 5 <= shape["top"] <= top + below for shape in page.curves)
