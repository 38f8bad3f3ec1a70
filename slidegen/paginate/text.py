"""Text groups (a paragraph; a list item with its children's text) in the flow's open text frame.

A group goes whole where it fits, else whole onto a new slide when it fits there, else paragraph by
paragraph; a paragraph that does not fit is split between sentences (the longest head that fits stays),
and only a sentence larger than an empty slide is broken between words.
"""
from __future__ import annotations

from dataclasses import replace

from ..measure import line_height
from ..metrics import Metrics, largest_fitting, sizes_down
from ..model import Box, TextFrame, TextPara, plain_text
from .flow import Flow
from .items import TextGroup, introduces_next
from .runs import RunCuts, sentence_cuts, strip_runs, word_cuts


def height(m: Metrics, paras: tuple[TextPara, ...] | list[TextPara], width: float, size: float) -> float:
    """Paragraphs set in one text frame of `width` at `size`."""
    return m.paras_height(paras, width, size)


def split_points(para: TextPara, by_words: bool = False) -> list[int]:
    """Offsets in the paragraph's text where it may break: after sentences, or after words."""
    text = plain_text(para.runs)
    return word_cuts(text) if by_words else sentence_cuts(text)


class Rest:
    """What is left of a paragraph set across slides: an offset into its text, which is cut and measured
    only as far as one slide could hold, so a paragraph many slides long costs linear time."""

    def __init__(self, para: TextPara):
        self.para = para
        self.cuts = RunCuts(para.runs)
        self.start = 0
        self.end = len(self.cuts.text.rstrip())

    @property
    def chars(self) -> int:
        return self.end - self.start

    @property
    def done(self) -> bool:
        return self.start >= self.end

    def whole(self) -> TextPara:
        if self.start == 0:
            return self.para
        return replace(self.para, runs=strip_runs(self.cuts.slice(self.start, len(self.cuts.text))), marker=None)

    def head(self, cut: int) -> TextPara:
        """The text up to `cut`, as measured (ends not stripped)."""
        marker = self.para.marker if self.start == 0 else None
        return replace(self.para, runs=self.cuts.slice(self.start, cut), marker=marker)

    def take(self, cut: int) -> TextPara:
        """The head up to `cut`, stripped; the rest then starts at the next text after it."""
        head = self.head(cut)
        self.start = self.cuts.next_text(cut)
        return replace(head, runs=strip_runs(head.runs))


def slide_chars(flow: Flow) -> float:
    """More characters than an empty slide could hold even if each were a tenth of an em wide: known
    without measuring, so the rest of a paragraph many slides long is never measured whole."""
    m = flow.m
    lines = flow.area.h / line_height(m.body, flow.size) + 1
    return lines * m.usable(flow.area.w) / (0.1 * flow.size)


def longest_head(flow: Flow, rest: Rest, room: float, by_words: bool = False) -> int | None:
    """The cut of the longest head of `rest` (whole sentences, or words, or at the last characters) that
    fits in `room` below the open text; None when no head fits."""
    limit = rest.start + int(slide_chars(flow)) + 1
    best = fitting_cut(flow, rest, room, rest.cuts.cuts_between(rest.start, limit, by_words))
    if best is None and by_words:  # not even one word fits: cut between its characters
        best = fitting_cut(flow, rest, room, rest.cuts.cuts_between(rest.start, limit, by_chars=True))
    return best


def fitting_cut(flow: Flow, rest: Rest, room: float, cuts: list[int]) -> int | None:
    def fits(cut: int) -> bool:
        return flow.text_height_with((rest.head(cut),)) <= room

    lo, hi = 0, 1  # gallop, then binary search: the number of leading cuts that fit. Probing from the
    while hi <= len(cuts) and fits(cuts[hi - 1]):  # start measures heads of at most twice what fits
        lo, hi = hi, hi * 2
    hi = min(hi - 1, len(cuts))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(cuts[mid - 1]) else (lo, mid - 1)
    return cuts[lo - 1] if lo else None


def split(flow: Flow, para: TextPara, room: float, by_words: bool = False):
    """(head, tail): the longest head of `para` (whole sentences, or words) that fits in `room` below
    the open text, and the rest (None when nothing is left); (None, None) when no head fits."""
    rest = Rest(para)
    cut = longest_head(flow, rest, room, by_words)
    if cut is None:
        return None, None
    head = rest.take(cut)
    return head, (None if rest.done else rest.whole())


def place(flow: Flow, group: TextGroup) -> None:
    if flow.text_height_with(group.paras) <= flow.text_room():
        flow.append_text(group.paras)
    elif not flow.page.empty and flow.height_alone(group.paras) <= flow.area.h:
        stay = staying_here(flow, group.paras) if flow.nearly_bare() else 0
        if stay:
            flow.append_text(group.paras[:stay])
        flow.next_page()
        flow.append_text(group.paras[stay:])
    else:
        paras = group.paras
        for para, following in zip(paras, [*paras[1:], None]):
            if following is not None and leads(para):
                keep_with(flow, para, following)
            place_para(flow, para)


def staying_here(flow: Flow, paras: tuple[TextPara, ...]) -> int:
    """How many of a group's first paragraphs stay, whole, on a nearly bare slide rather than leave it
    with an intro sentence alone: as many as fit here, never ending on a lead-in."""
    stay = 0
    for count in range(1, len(paras)):
        if flow.text_height_with(paras[:count]) > flow.text_room():
            break
        if not leads(paras[count - 1]):
            stay = count
    return stay


def leads(para: TextPara) -> bool:
    """A heading, a lead-in ("…:") or a bold label: it belongs on the slide of the paragraph after it."""
    return para.style == "heading" or introduces_next(para.runs)


def keep_with(flow: Flow, para: TextPara, following: TextPara) -> None:
    """Start a new slide for `para` when it and the paragraph it introduces fit there but not here."""
    both = (para, following)
    if flow.text_height_with(both) > flow.text_room() and not flow.page.empty \
            and flow.height_alone(both) <= flow.area.h:
        flow.next_page()


FORMULA_FLOOR = 1.0  # a displayed formula too tall for a slide shrinks as far as it must (and is warned about)


def is_display_formula(para: TextPara) -> bool:
    """The paragraph is one displayed formula (`$$…$$` on its own lines), which cannot be split."""
    shown = [run for run in para.runs if run.text.strip() or run.math]
    return len(shown) == 1 and bool(shown[0].math) and shown[0].display


def largest_formula_size(flow: Flow, para: TextPara, room: float) -> float:
    """The largest size, in whole points below the flow's and down to `FORMULA_FLOOR`, at which the
    formula fits `room`."""
    return largest_fitting(sizes_down(flow.size - 1, FORMULA_FLOOR - 1, 1),
                           lambda size: flow.m.paras_height((para,), flow.area.w, size) <= room, lambda: FORMULA_FLOOR)


def formula_size(flow: Flow, para: TextPara) -> float | None:
    """For a displayed formula taller than an empty slide at the flow's size (a large matrix): the
    largest smaller size at which it fits one; else None."""
    if not is_display_formula(para) or flow.height_alone((para,)) <= flow.area.h:
        return None
    return largest_formula_size(flow, para, flow.area.h)


def place_tall_formula(flow: Flow, para: TextPara, size: float) -> None:
    """The formula in a frame of its own at `size` (the largest that fits a slide), below the text
    before it when it fits there at nearly that size (what introduces it stays with it), else on
    the next slide; a warning when that is smaller than the theme's smallest body size."""
    flow.close_text()
    if not flow.page.empty:
        here = largest_formula_size(flow, para, flow.free_height())
        if here >= size - 2:
            size = here
        else:
            flow.next_page()
    height = flow.m.paras_height((para,), flow.area.w, size)
    flow.place(lambda box: TextFrame((para,), box, size), min(height, flow.free_height()))
    if size < float(flow.m.theme.sizes["body_min"]):
        flow.warn(para.pos or "?", f"a formula is too tall for a slide; it is set at {size:g} pt "
                                   "(split it, or show part of it)")


def place_para(flow: Flow, para: TextPara) -> None:
    """One paragraph, split across slides as often as it needs. A list item that fits on a slide moves
    to the next one whole rather than be cut; other paragraphs break between sentences; a displayed
    formula taller than a slide is set smaller on a slide of its own."""
    size = formula_size(flow, para)
    if size is not None:
        place_tall_formula(flow, para, size)
        return
    rest = Rest(para)
    while not place_whole(flow, rest):
        cut = cut_for_this_slide(flow, rest)
        if cut is None:
            flow.append_text((rest.whole(),))
            return
        flow.append_text((rest.take(cut),))
        if rest.done:
            return
        flow.next_page()


def place_whole(flow: Flow, rest: Rest) -> bool:
    """Set the rest whole where it fits, or (a list item) on the next slide when it fits there."""
    if rest.chars > slide_chars(flow):
        return False
    whole = rest.whole()
    if flow.text_height_with((whole,)) <= flow.text_room():
        flow.append_text((whole,))
        return True
    if whole.marker and not flow.page.empty and flow.height_alone((whole,)) <= flow.area.h:
        flow.next_page()
        flow.append_text((whole,))
        return True
    return False


def cut_for_this_slide(flow: Flow, rest: Rest) -> int | None:
    """Where the rest breaks on this slide (or the next, when not even a sentence fits here): between
    sentences, or between words when one sentence is larger than an empty slide."""
    cut = longest_head(flow, rest, flow.text_room())
    if cut is None and not flow.page.empty:
        flow.next_page()
        cut = longest_head(flow, rest, flow.text_room())
    if cut is None:
        cut = longest_head(flow, rest, flow.text_room(), by_words=True)
        flow.warn(rest.para.pos or "?", "a sentence is too long for one slide and continues on the next")
    return cut


def lead_height(m: Metrics, item: TextGroup, area: Box, size: float, whole: bool = False) -> float:
    """Text after a lead-in joins the lead-in's own group: nothing of it is held to the lead-in."""
    return 0.0
