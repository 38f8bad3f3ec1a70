"""Pictures: as wide as the area allows, as tall as their shape makes them, never split.

A picture starts a new slide when less than `LEAST_SHARE` of the area is left (unless a lead-in
introduces it) and is then scaled to the room left, centred; the room its caption needs below it
(`Flow.reserve`) is kept free, so the two share a slide. A picture that cannot be found is a
box with its alt text, moved to a new slide when it does not fit.
"""
from __future__ import annotations

from .. import pictures
from ..metrics import Metrics
from ..model import Box, Image, ImageFrame, Run, TextPara
from .flow import Flow

LEAST_SHARE = 0.45  # of the area's height: less room than this and a picture starts a new slide
DEFAULT_RATIO = pictures.DEFAULT_RATIO
ROUNDING = 0.01  # pt a picture gives up so the caption room it leaves survives floating-point rounding


def ratio(image: Image) -> float:
    """Height / width of the picture; `DEFAULT_RATIO` when it cannot be read."""
    return pictures.ratio(image.path)


def height(image: Image, width: float) -> float:
    """The picture's height at `width`."""
    return width * ratio(image)


def placeholder_height(m: Metrics, para: TextPara, width: float, size: float) -> float:
    """The box standing for a missing picture: its text at `size` inside the box padding."""
    pad = m.sp["box_pad"]
    return m.paras_height((para,), width - 2 * pad, size) + 2 * pad


def split_points(image: Image) -> tuple[()]:
    """A picture never breaks across slides (so it has no `split`: `scaled_to_room` shrinks it instead)."""
    return ()


PT_PER_PX = 0.75  # a CSS pixel


def asked_width(image: Image) -> float | None:
    """The width in points the lesson asks for (`<img width="20">`: an icon stays an icon)."""
    return image.width_px * PT_PER_PX if image.width_px else None


def scaled_to_room(flow: Flow, image: Image) -> tuple[float, float]:
    """(width, height) of the picture scaled to fit the room left on the slide (less what it leaves for
    its caption), the area's width and the width the lesson asks for."""
    room = max(flow.free_height() - flow.reserve - (ROUNDING if flow.reserve else 0.0), 1.0)
    shape = ratio(image)
    w = min(flow.area.w, room / shape, asked_width(image) or flow.area.w)
    return w, w * shape


def fits_asked_size_here(flow: Flow, image: Image) -> bool:
    """A picture of an asked width (an icon, a small logo) fits at that width in the room left."""
    asked = asked_width(image)
    return asked is not None and min(asked, flow.area.w) * ratio(image) <= flow.free_height() - flow.reserve


def place(flow: Flow, image: Image) -> None:
    if image.path is None:
        place_placeholder(flow, image, flow.image_text(image))
        return
    if flow.free_height() - flow.reserve < flow.area.h * LEAST_SHARE and not flow.page.empty and not flow.lead_in \
            and not fits_asked_size_here(flow, image):
        flow.next_page()
    w, h = scaled_to_room(flow, image)
    x = flow.area.x + (flow.area.w - w) / 2
    flow.place_at(lambda box: ImageFrame(image, box), x, w, h)


def place_placeholder(flow: Flow, image: Image, text: str) -> None:
    para = TextPara((Run(text),), 0, None, "body", image.pos)
    box_height = placeholder_height(flow.m, para, flow.area.w, flow.size)
    if box_height + flow.reserve > flow.free_height() and not flow.page.empty:
        flow.next_page()
    flow.place(lambda box: ImageFrame(image, box, flow.size, text), box_height)


def lead_height(m: Metrics, item: Image, area: Box, size: float, whole: bool = False) -> float:
    """Most of a picture: the least room it takes on a slide it shares."""
    return area.h * LEAST_SHARE
