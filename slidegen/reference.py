"""An institution's own .pptx as the deck master: its layouts are found by name, and the boxes of their
placeholders replace the theme's boxes, so the paginator measures against the real geometry."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pptx.util import Emu

from .errors import UsageError
from .model import Box
from .theme import Theme

# layout name -> theme box names: the title placeholder's box, then the body placeholders' boxes in order
NEEDED = {
    "title": ("title.title", "title.subtitle"),
    "agenda": ("content.title", "content.body"),
    "section": ("section.title",),
    "content": ("content.title", "content.body"),
    "two content": ("content.title", "two content.left", "two content.right"),
    "table": ("content.title",),
    "code": ("content.title",),
    "closing": ("closing.title", "closing.subtitle"),
}


def theme_from_reference(theme: Theme, reference: Path) -> Theme:
    from .render_pptx import open_master

    prs = open_master(Path(reference))
    boxes: dict[str, Box] = {}
    problems: list[str] = []
    for layout in prs.slide_layouts:
        if layout.name not in NEEDED:
            continue
        placeholders = sorted(layout.placeholders, key=lambda ph: ph.placeholder_format.idx)
        titles = [ph for ph in placeholders if ph.placeholder_format.idx == 0]
        bodies = [ph for ph in placeholders if 0 < ph.placeholder_format.idx < 10]
        wanted = NEEDED[layout.name]
        found = titles[:1] + bodies[: len(wanted) - 1]
        if len(found) < len(wanted) or not titles:
            problems.append(f"layout '{layout.name}' needs a title and {len(wanted) - 1} body placeholder(s)")
            continue
        for name, shape in zip(wanted, found):
            boxes.setdefault(name, _box(shape))
    if problems:
        raise UsageError(f"{reference}: " + "; ".join(problems))
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    for name, box in theme.boxes.items():  # boxes no layout names (the footer) follow the slide's size
        if name not in boxes:
            boxes[name] = _scaled(box, width / theme.width, height / theme.height)
    return replace(theme.with_boxes(boxes), width=width, height=height)


def _scaled(box: Box, sx: float, sy: float) -> Box:
    return Box(box.x * sx, box.y * sy, box.w * sx, box.h * sy)


def _box(shape) -> Box:
    return Box(Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)
