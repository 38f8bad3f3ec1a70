"""One titled run of content (a `###`, or the text right under a `##`) → a `Flow` of slides.

Decides the body size: the items are flowed at each of the theme's `body` sizes and the largest size
that needs no more slides than the smallest wins; then code blocks and tables try their larger reading
sizes. Hands each item to its kind's module (`ELEMENTS`) and keeps a lead-in with what it introduces.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..metrics import Metrics, largest_fitting
from ..model import Box, Code, CodeFrame, Frame, Image, Layout, Notes, Table, TableFrame, TextFrame
from . import beside, callout, code, image, table, text
from .flow import Element, Flow
from .items import (
    MAX_LEVEL,
    BoxGroup,
    CalloutGroup,
    FlowItem,
    Nested,
    PageBreak,
    TextGroup,
    is_caption,
    is_code_caption,
    unwrap,
)

GROW_TRIALS = 12  # code blocks and tables of a run tried one by one for a larger size
WIDOW_SHARE = 0.2  # a last slide filled less than this, after one filled over twice as much, is rebalanced
BALANCE_SHARES = (0.5, 0.3)  # of the difference in fill: how much earlier the slide before it ends



class BoxElement:
    """A box of anything: `callout.place_box`, with this module's own placing and measuring of the
    items inside (the callout module knows no other kind)."""

    @staticmethod
    def place(flow: Flow, item: BoxGroup) -> None:
        callout.place_box(flow, item, place_items, whole_height)

    @staticmethod
    def lead_height(m: Metrics, item: BoxGroup, area: Box, size: float, whole: bool = False) -> float:
        return callout.container_height(m, item, area, size, whole_height, whole)


ELEMENTS: dict[type, Element] = {
    TextGroup: text,
    CalloutGroup: callout,
    BoxGroup: BoxElement,
    Table: table,
    Code: code,
    Image: image,
}


def whole_height(m: Metrics, item: FlowItem, area: Box, size: float) -> float:
    """An item's full height in `area` (text measured as set; a nested item at its indent)."""
    if isinstance(item, Nested):
        dx = min(item.level, MAX_LEVEL) * m.sp["indent"]
        return whole_height(m, item.item, Box(area.x + dx, area.y, area.w - dx, area.h), size)
    if isinstance(item, TextGroup):
        return m.paras_height(item.paras, area.w, size)
    return lead_height(m, item, area, size, whole=True)


def lead_height(m: Metrics, item: FlowItem, area: Box, size: float, whole: bool = False) -> float:
    """How much of an item must follow a lead-in on the same slide: all of it (`whole`), or its least
    part (a table's header and first row group, three lines of code, an admonition's title and first
    paragraph, most of an image)."""
    element = ELEMENTS.get(type(item))
    return element.lead_height(m, item, area, size, whole) if element is not None else 0.0


def place_lead_in(flow: Flow, group: TextGroup, following: FlowItem, area: Box, size: float) -> None:
    """A lead-in ("…:") goes with what follows: both to a new slide when they fit there together,
    else the lead-in stays and what follows starts right below it (split if needed)."""
    m = flow.m
    lead = m.paras_height(group.paras, area.w, size)
    together = lead + flow.gap + lead_height(m, following, area, size, whole=True)
    here = flow.text_height_with(group.paras) + flow.gap
    if (together <= area.h and here + lead_height(m, following, area, size, whole=True) > flow.text_room()) \
            or here + lead_height(m, following, area, size) > flow.text_room():
        flow.next_page()
    text.place(flow, group)
    flow.lead_in = True


def introduces(item: FlowItem, following: FlowItem | None) -> bool:
    """A lead-in followed by something that is not text: the two are placed together."""
    return isinstance(item, TextGroup) and item.keep_with_next and following is not None \
        and not isinstance(unwrap(following), (TextGroup, Notes, PageBreak))


def flow_items(m: Metrics, items: list[FlowItem], area: Box, size: float, image_text: Callable[[Image], str],
               grow: frozenset[int] = frozenset()) -> Flow:
    """`grow`: the indexes of the code blocks and tables that may take a larger reading size."""
    reflow = partial(flowed, m, items, area, size, image_text, grow)
    return balanced(reflow({}), reflow)


def flowed(m: Metrics, items: list[FlowItem], area: Box, size: float, image_text: Callable[[Image], str],
           grow: frozenset[int], shortened: dict[int, float]) -> Flow:
    flow = Flow(m, area, size, image_text, shortened)
    place_items(flow, items, grow)
    flow.close_text()
    return flow


def last_two(flow: Flow) -> tuple[int, int] | None:
    """The indexes of the run's last two slides that hold anything (a flow may end on an empty page)."""
    filled = [index for index, page in enumerate(flow.pages) if not page.empty]
    return (filled[-2], filled[-1]) if len(filled) >= 2 else None


def widowed(flow: Flow) -> bool:
    """The run's last slide holds only a line or two of text, under a full slide."""
    pair = last_two(flow)
    if pair is None:
        return False
    before, last = (flow.pages[index] for index in pair)
    return all(isinstance(frame, TextFrame) for frame in last.frames) \
        and flow.used(last) < WIDOW_SHARE and flow.used(before) > 2 * WIDOW_SHARE


def balanced(flow: Flow, reflow: Callable[[dict[int, float]], Flow]) -> Flow:
    """A run whose last slide holds a line or two under a full slide, flowed again with the slide
    before it ending earlier (by shares of the difference), so that both carry part of the text; the
    trial whose emptier slide is fullest wins, among those that need no more slides."""
    if not widowed(flow):
        return flow
    before, last = last_two(flow)
    difference = (flow.used(flow.pages[before]) - flow.used(flow.pages[last])) * flow.area.h
    best = flow
    for share in BALANCE_SHARES:
        trial = reflow({before: difference * share})
        if last_two(trial) == (before, last) and emptier(trial) > emptier(best):
            best = trial
    return best


def emptier(flow: Flow) -> float:
    """How full the emptier of the run's last two slides is."""
    return min(flow.used(flow.pages[index]) for index in last_two(flow))


def place_items(flow: Flow, items: list[FlowItem], grow: frozenset[int] = frozenset()) -> None:
    """Each item through its kind's module, a lead-in kept with what it introduces."""
    m = flow.m
    for index, (item, following) in enumerate(zip(items, [*items[1:], None])):
        flow.grow = index in grow
        if introduces(item, following):
            place_lead_in(flow, item, unwrap(following), flow.area, flow.size)  # sets flow.lead_in
            continue
        flow.reserve = caption_room(m, item, following, flow.area, flow.size)
        flow.pending = flow.marks(item)
        if isinstance(item, Nested):
            with flow.indented(min(item.level, MAX_LEVEL) * m.sp["indent"]):
                place_item(flow, item.item)
        else:
            place_item(flow, item)
        flow.lead_in, flow.reserve, flow.pending = False, 0.0, []


def caption_room(m: Metrics, item: FlowItem, following: FlowItem | None, area: Box, size: float) -> float:
    """The height a picture or a code block leaves below itself for the caption that follows it (else
    nothing; nor for a caption so long that a picture would get less than its least share of the slide)."""
    if not isinstance(following, TextGroup):
        return 0.0
    if isinstance(unwrap(item), Image) and is_caption(following):
        room = m.paras_height(following.paras, area.w, size) + m.sp["frame_gap"]
        return room if room <= area.h * (1 - image.LEAST_SHARE) else 0.0
    if isinstance(unwrap(item), Code) and is_code_caption(following):  # a listing's number stays under it
        return m.paras_height(following.paras, area.w, size) + m.sp["frame_gap"]
    return 0.0


def place_item(flow: Flow, item: FlowItem) -> None:
    if isinstance(item, Notes):
        flow.add_notes(item.text)
    elif isinstance(item, PageBreak):
        flow.next_page()
    elif type(item) in ELEMENTS:
        ELEMENTS[type(item)].place(flow, item)


def best_flow(m: Metrics, items: list[FlowItem], area: Box, image_text: Callable[[Image], str]) -> Flow:
    """The largest body size that needs no more slides than the smallest size does: the smallest
    size is flowed first (it sets the target), then sizes from the largest down until one meets it."""
    sizes = m.theme.sizes_of("body")
    smallest = flow_items(m, items, area, sizes[-1], image_text)
    larger = (flow_items(m, items, area, size, image_text) for size in sizes[:-1])
    best = largest_fitting(larger, lambda flow: len(flow.pages) <= len(smallest.pages), lambda: smallest)
    return beside.or_stacked(m, items, with_grown_sizes(m, items, area, best, image_text), image_text)


def at_size(m: Metrics, items: list[FlowItem], area: Box, image_text: Callable[[Image], str], size: float,
            best: Flow) -> Flow:
    """The run flowed at `size` (with its grown code and tables) when that needs no more slides than
    `best`, its own best flow; else `best`."""
    trial = flow_items(m, items, area, size, image_text)
    if len(trial.pages) > len(best.pages):
        return best
    return beside.or_stacked(m, items, with_grown_sizes(m, items, area, trial, image_text), image_text)


def with_grown_sizes(m: Metrics, items: list[FlowItem], area: Box, flow: Flow,
                     image_text: Callable[[Image], str]) -> Flow:
    """The flow with code blocks and tables at their larger reading sizes (`code_grow`, `table_grow`)
    where that needs no more slides and mixes no grown size with another on a slide: all of them at
    once if that works, else one at a time in reading order (the first GROW_TRIALS of them: each trial
    flows the whole run again)."""
    candidates = [index for index, item in enumerate(items) if isinstance(unwrap(item), (Code, Table))]
    if not candidates:
        return flow
    grow_sizes = set(m.theme.sizes_of("code_grow", optional=True)) | set(m.theme.sizes_of("table_grow", optional=True))

    def acceptable(trial: Flow) -> bool:
        return len(trial.pages) <= len(flow.pages) and grown_sizes_stand_alone(trial, grow_sizes)

    every = flow_items(m, items, area, flow.size, image_text, frozenset(candidates))
    if acceptable(every):
        return every
    allowed: frozenset[int] = frozenset()
    best = flow
    for index in candidates[:GROW_TRIALS] if len(candidates) > 1 else ():
        trial = flow_items(m, items, area, flow.size, image_text, allowed | {index})
        if acceptable(trial):
            allowed, best = allowed | {index}, trial
    return best


def grown_sizes_stand_alone(flow: Flow, grow_sizes: set[float]) -> bool:
    """No slide sets grown code (or a grown table) beside code (a table) of another size."""
    for page in flow.pages:
        for kind in (CodeFrame, TableFrame):
            sizes = {frame.size_pt for frame in page.frames if isinstance(frame, kind)}
            if len(sizes) > 1 and sizes & grow_sizes:
                return False
    return True


def layout_of(frames: list[Frame]) -> Layout:
    """The master layout for a slide's frames: two content when two stand side by side (`beside`), a
    table or code layout when they are all tables (code)."""
    if side_by_side(frames):
        return Layout.TWO_CONTENT
    if frames and all(isinstance(f, TableFrame) for f in frames):
        return Layout.TABLE
    if frames and all(isinstance(f, CodeFrame) for f in frames):
        return Layout.CODE
    return Layout.CONTENT


def side_by_side(frames: list[Frame]) -> bool:
    """Two frames share a stretch of the slide's height but none of its width: they stand in columns
    (a frame inside a box shares both with the box)."""
    return any(a.box.y < b.box.bottom and b.box.y < a.box.bottom
               and (a.box.x + a.box.w <= b.box.x or b.box.x + b.box.w <= a.box.x)
               for i, a in enumerate(frames) for b in frames[i + 1:])
