"""Text groups (a paragraph; a list item with its children's text) in the flow's open text frame.

A group goes whole where it fits, else whole onto a new slide when it fits there, else paragraph by
paragraph; a paragraph that does not fit is split between sentences (the longest head that fits stays),
and only a sentence larger than an empty slide is broken between words.
"""
from __future__ import annotations

from dataclasses import replace

from ..measure import line_height
from ..metrics import Metrics
from ..model import Box, TextPara, plain_text
from .flow import Flow
from .items import TextGroup, introduces_next
from .runs import sentence_cuts, slice_runs, strip_runs, word_cuts


def height(m: Metrics, paras: tuple[TextPara, ...] | list[TextPara], width: float, size: float) -> float:
    """Paragraphs set in one text frame of `width` at `size`."""
    return m.paras_height(paras, width, size)


def split_points(para: TextPara, by_words: bool = False) -> list[int]:
    """Offsets in the paragraph's text where it may break: after sentences, or after words."""
    text = plain_text(para.runs)
    return word_cuts(text) if by_words else sentence_cuts(text)


def split(flow: Flow, para: TextPara, room: float, by_words: bool = False):
    """(head, tail): the longest head of `para` (whole sentences, or words) that fits in `room` below
    the open text, and the rest (None when nothing is left); (None, None) when no head fits."""
    text = plain_text(para.runs)
    cuts = split_points(para, by_words)

    def fits(cut: int) -> bool:
        return flow.text_height_with((replace(para, runs=slice_runs(para.runs, 0, cut)),)) <= room

    lo, hi = 0, 1  # gallop, then binary search: the number of leading cuts that fit. Probing from the
    while hi <= len(cuts) and fits(cuts[hi - 1]):  # start measures heads of at most twice what fits, so a
        lo, hi = hi, hi * 2  # paragraph many slides long costs linear time, not a slide per half of it
    hi = min(hi - 1, len(cuts))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(cuts[mid - 1]) else (lo, mid - 1)
    if lo == 0:
        return None, None
    best = cuts[lo - 1]
    head = replace(para, runs=strip_runs(slice_runs(para.runs, 0, best)))
    tail_runs = strip_runs(slice_runs(para.runs, best, len(text)))
    tail = replace(para, runs=tail_runs, marker=None) if tail_runs else None
    return head, tail


def place(flow: Flow, group: TextGroup) -> None:
    if flow.text_height_with(group.paras) <= flow.text_room():
        flow.append_text(group.paras)
    elif not flow.page.empty and flow.height_alone(group.paras) <= flow.area.h:
        flow.next_page()
        flow.append_text(group.paras)
    else:
        paras = group.paras
        for para, following in zip(paras, [*paras[1:], None]):
            if following is not None and leads(para):
                keep_with(flow, para, following)
            place_para(flow, para)


def leads(para: TextPara) -> bool:
    """A heading, a lead-in ("…:") or a bold label: it belongs on the slide of the paragraph after it."""
    return para.style == "heading" or introduces_next(para.runs)


def keep_with(flow: Flow, para: TextPara, following: TextPara) -> None:
    """Start a new slide for `para` when it and the paragraph it introduces fit there but not here."""
    both = (para, following)
    if flow.text_height_with(both) > flow.text_room() and not flow.page.empty \
            and flow.height_alone(both) <= flow.area.h:
        flow.next_page()


def too_long_for_a_slide(flow: Flow, para: TextPara) -> bool:
    """More characters than an empty slide could hold even if each were a tenth of an em wide: known
    without measuring, so the rest of a paragraph many slides long is not measured whole at each cut."""
    m = flow.m
    lines = flow.area.h / line_height(m.body, flow.size) + 1
    return len(plain_text(para.runs)) > lines * m.usable(flow.area.w) / (0.1 * flow.size)


def place_para(flow: Flow, para: TextPara) -> None:
    """One paragraph, split across slides as often as it needs. A list item that fits on a slide moves
    to the next one whole rather than be cut; other paragraphs break between sentences."""
    if not too_long_for_a_slide(flow, para) and flow.text_height_with((para,)) <= flow.text_room():
        flow.append_text((para,))
        return
    if para.marker and not too_long_for_a_slide(flow, para) and not flow.page.empty and flow.height_alone((para,)) <= flow.area.h:
        flow.next_page()
        flow.append_text((para,))
        return
    head, tail = split(flow, para, flow.text_room())
    if head is None and not flow.page.empty:
        flow.next_page()
        head, tail = split(flow, para, flow.text_room())
    if head is None:  # one sentence larger than an empty slide: break it between words
        head, tail = split(flow, para, flow.text_room(), by_words=True)
        flow.warn(para.pos or "?", "a sentence is too long for one slide and continues on the next")
        if head is None:
            flow.append_text((para,))
            return
    flow.append_text((head,))
    if tail is not None:
        flow.next_page()
        place_para(flow, tail)


def lead_height(m: Metrics, item: TextGroup, area: Box, size: float, whole: bool = False) -> float:
    """Text after a lead-in joins the lead-in's own group: nothing of it is held to the lead-in."""
    return 0.0
