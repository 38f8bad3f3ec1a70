"""Admonitions (`!!! note`, `:::tip`): a titled box of paragraphs.

A box that does not fit where it stands moves to a new slide when it fits there whole; otherwise it is
split between paragraphs, each part a box of its own with the title repeated.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..measure import line_height
from ..metrics import Metrics
from ..model import Box, CalloutFrame, Run, TextPara
from .flow import Flow
from .items import CalloutGroup


def title_para(m: Metrics, group: CalloutGroup) -> TextPara:
    """The box's title in bold: its own, or the theme's word for its kind."""
    title = group.title or (Run(m.theme.text("admonition", kind=group.kind), bold=True),)
    return TextPara(tuple(replace(r, bold=True) for r in title), 0, None, "heading", group.pos)


def height(m: Metrics, title: TextPara, paras, width: float, size: float) -> float:
    """A box of `width` holding the title and `paras` at `size`."""
    pad = m.sp["box_pad"]
    return m.paras_height((title,) + tuple(paras), width - 2 * pad, size) + 2 * pad


def split_points(group: CalloutGroup) -> range:
    """A box may break before any paragraph but its first."""
    return range(1, len(group.paras))


def split(paras: list[TextPara], fits: Callable[[list[TextPara]], bool]) -> list[TextPara]:
    """The leading paragraphs that `fits` accepts together."""
    taken: list[TextPara] = []
    for para in paras:
        if not fits([*taken, para]):
            break
        taken.append(para)
    return taken


def place(flow: Flow, group: CalloutGroup) -> None:
    m = flow.m
    title = title_para(m, group)

    def box_height(paras) -> float:
        return height(m, title, paras, flow.area.w, flow.size)

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
        flow.place(lambda box, ps=tuple(taken): CalloutFrame(group.kind, title.runs, ps, box, flow.size, group.pos),
                   box_height(taken))
        paras = paras[len(taken):]
        if not paras:
            return
        flow.next_page()


def lead_height(m: Metrics, item: CalloutGroup, area: Box, size: float, whole: bool = False) -> float:
    """The title and first paragraph (or all of them)."""
    paras = item.paras if whole else item.paras[:1]
    return m.paras_height(paras, area.w, size) + line_height(m.body, size) + 2 * m.sp["box_pad"]
