"""Shapes a frame or the footer is drawn in: a text box with the theme's insets, a filled and outlined
(optionally rounded) box, and a placeholder moved onto a frame's box. Decides the outline width, the
corner rounding and that no shape casts the template's shadow."""
from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from ..model import Box
from .text import TextWriter
from .units import emu


def textbox(pptx_slide, box: Box, text: TextWriter):
    shape = pptx_slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    text.prepare_frame(shape.text_frame)
    return shape


def box_shape(pptx_slide, box: Box, fill: str, line: str, rounded: bool = False):
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE
    shape = pptx_slide.shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    if rounded:
        shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    shape.line.color.rgb = RGBColor.from_string(line)
    shape.line.width = Pt(1.25)
    shape.shadow.inherit = False
    return shape


def set_box(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = emu(box.x), emu(box.y), emu(box.w), emu(box.h)


def same_place(shape, box: Box, tolerance: float = 1.0) -> bool:
    """Whether the shape (its own or inherited position) lies at `box`, within `tolerance` points."""
    if shape.left is None or shape.width is None:
        return False
    placed = (Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)
    return all(abs(a - b) <= tolerance for a, b in zip(placed, (box.x, box.y, box.w, box.h)))
