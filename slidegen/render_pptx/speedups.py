"""A faster `p:ph` lookup and `qn` for python-pptx, the same answers as its own.

python-pptx finds whether a shape is a placeholder with the XPath `./*[1]/p:nvPr/p:ph`, compiled anew on
every call (about 40 µs); a deck asks it some 60 times a slide (placeholder lists, inherited positions,
the next placeholder name), a third of writing the slides. Walking the same three steps with `find`
gives the same element in about a tenth of the time. And its element classes turn a prefixed tag into
a Clark name (`qn("a:rPr")`) through a new object on every child lookup, some 270 times a slide: the
answer depends on the tag alone, so it is remembered. Installed once, when the deck writer is imported."""
from __future__ import annotations

import functools

from pptx.oxml import xmlchemy
from pptx.oxml.ns import qn
from pptx.oxml.shapes.shared import BaseShapeElement

_NV_PR, _PH = qn("p:nvPr"), qn("p:ph")


def placeholder_element(shape_element):
    """The `p:ph` of a shape element's first child's `p:nvPr`, or None (as `./*[1]/p:nvPr/p:ph`)."""
    first = next((child for child in shape_element if isinstance(child.tag, str)), None)  # elements only
    if first is None:
        return None
    for nv_pr in first.iterchildren(_NV_PR):
        ph = nv_pr.find(_PH)
        if ph is not None:
            return ph
    return None


def install() -> None:
    BaseShapeElement.ph = property(placeholder_element, doc=BaseShapeElement.ph.__doc__)
    if not hasattr(xmlchemy.qn, "cache_info"):
        xmlchemy.qn = functools.lru_cache(maxsize=None)(xmlchemy.qn)
