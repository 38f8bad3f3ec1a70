"""Admonitions (`!!! note`, `:::tip`): a titled box of paragraphs, or of anything (`BoxGroup`).

A box that does not fit where it stands moves to a new slide when it fits there whole; otherwise it is
split between paragraphs, each part a box of its own with the title repeated and marked as continued.
A box holding code, tables or pictures is a container: its items are placed inside its padding and
below its title by the same flow as any other item (split the way their kind splits), and a box frame
is drawn behind them on every slide they reach.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..measure import line_height
from ..metrics import Metrics
from ..model import Box, CalloutFrame, Run, TextPara, plain_text
from .flow import Flow
from .items import BoxGroup, CalloutGroup, introduces_next


def title_para(m: Metrics, group: CalloutGroup | BoxGroup) -> TextPara:
    """The box's title in bold: its own, or the theme's word for its kind."""
    title = group.title or (Run(m.theme.text("admonition", kind=group.kind), bold=True),)
    return TextPara(tuple(replace(r, bold=True) for r in title), 0, None, "heading", group.pos)


def continued(m: Metrics, title: TextPara) -> TextPara:
    """The title a box repeats on the next slide, marked as continued."""
    return replace(title, runs=(Run(m.theme.text("continued", title=plain_text(title.runs)), bold=True),))


def height(m: Metrics, title: TextPara, paras, width: float, size: float) -> float:
    """A box of `width` holding the title and `paras` at `size`."""
    pad = m.sp["box_pad"]
    return m.paras_height((title,) + tuple(paras), width - 2 * pad, size) + 2 * pad


def split_points(group: CalloutGroup) -> range:
    """A box may break before any paragraph but its first."""
    return range(1, len(group.paras))


def split(paras: list[TextPara], fits: Callable[[list[TextPara]], bool]) -> list[TextPara]:
    """The leading paragraphs that `fits` accepts together, not ending on a lead-in or a bold label
    when more follow (it goes on with what it introduces)."""
    taken: list[TextPara] = []
    for para in paras:
        if not fits([*taken, para]):
            break
        taken.append(para)
    while len(taken) > 1 and len(taken) < len(paras) and introduces_next(taken[-1].runs):
        taken.pop()
    return taken


def place(flow: Flow, group: CalloutGroup) -> None:
    m = flow.m
    title = title_para(m, group)

    def box_height(paras) -> float:
        return height(m, title, paras, flow.area.w, flow.size)

    again = continued(m, title)
    paras = list(group.paras)
    if flow.should_move(box_height(paras)):
        flow.next_page()
    while True:
        room = flow.free_height()
        taken = split(paras, lambda ps, room=room: box_height(ps) <= room)
        if not taken and not flow.page.empty:
            flow.next_page()
            continue
        taken = taken or paras[:1]
        flow.place(lambda box, ps=tuple(taken), t=title: CalloutFrame(group.kind, t.runs, ps, box, flow.size, group.pos),
                   box_height(taken))
        paras = paras[len(taken):]
        if not paras:
            return
        flow.next_page()
        title = again  # every part after the first says it continues, once


def lead_height(m: Metrics, item: CalloutGroup, area: Box, size: float, whole: bool = False) -> float:
    """The title and first paragraph (or all of them)."""
    paras = item.paras if whole else item.paras[:1]
    return m.paras_height(paras, area.w, size) + line_height(m.body, size) + 2 * m.sp["box_pad"]


# ------------------------------------------------------------------------------- boxes of anything


def container_height(m: Metrics, group: BoxGroup, area: Box, size: float, item_height, whole: bool = True) -> float:
    """The box with all its items (or its title and first item), each measured by `item_height`."""
    pad = m.sp["box_pad"]
    inner = Box(area.x + pad, area.y, area.w - 2 * pad, area.h)
    items = group.items if whole else group.items[:1]
    heights = [item_height(m, item, inner, size) for item in items]
    title = m.paras_height((title_para(m, group),), inner.w, size)
    return title + sum(heights) + m.sp["frame_gap"] * len(heights) + 2 * pad


def place_box(flow: Flow, group: BoxGroup, place_items, item_height) -> None:
    """The items inside the box's padding, below its title, then a box frame behind them on each slide
    they reach; `place_items(flow, items)` is the content flow's own placing of a run of items."""
    m, outer, pad = flow.m, flow.area, flow.m.sp["box_pad"]
    title = title_para(m, group)
    title_h = m.paras_height((title,), outer.w - 2 * pad, flow.size)
    if flow.should_move(container_height(m, group, outer, flow.size, item_height)):
        flow.next_page()
    flow.close_text()
    first, top, before = len(flow.pages) - 1, flow.next_top(), flow.page.y
    marks = {first: (len(flow.page.frames), top)}
    flow.page.y = top + pad + title_h - (flow.gap if flow.page.frames else 0.0)
    flow.area = Box(outer.x + pad, outer.y + pad + title_h, outer.w - 2 * pad, outer.h - 2 * pad - title_h)
    try:
        place_items(flow, list(group.items))
        flow.close_text()
    finally:
        flow.area = outer
    for index in range(first, len(flow.pages)):
        start, box_top = marks.get(index, (0, outer.y))
        if index == first and len(flow.pages[index].frames) == start:  # everything went to the next slide
            flow.pages[index].y = before
            continue
        _draw_box(flow, index, start, box_top, title if index == first else continued(m, title), group)


def _draw_box(flow: Flow, index: int, start: int, top: float, title: TextPara, group: BoxGroup) -> None:
    """The box frame behind the frames placed on page `index` from `start` on."""
    page, pad = flow.pages[index], flow.m.sp["box_pad"]
    inside = page.frames[start:]
    bottom = max((frame.box.bottom for frame in inside), default=top + pad) + pad
    frame = CalloutFrame(group.kind, title.runs, (), Box(flow.area.x, top, flow.area.w, bottom - top), flow.size, group.pos)
    page.frames.insert(start, frame)
    page.y = max(page.y, bottom)
