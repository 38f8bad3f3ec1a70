"""Builds: on which click each paragraph and frame of a content slide appears.

Decided after the slides are made, from the lesson's click stops and the source lines of what each
slide shows, so that builds never change where a run splits. A stop is a pause (`. . .`: what comes
after it on the slide waits for a click) or an item of a list that builds (`<!-- build -->`, or every
list with `incremental: true` in the front matter: the item waits for a click of its own). On each
slide the steps are counted again from 0 (shown with the slide): a continuation slide keeps the builds
of its items, and a pause before a slide's first line does not hide that slide's content. Lists and
pauses inside a box (an admonition) build as anywhere else: the box appears with its title, its
paragraphs and what it holds on their own clicks.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import (
    Admonition,
    Block,
    CalloutFrame,
    Deck,
    Frame,
    ImageFrame,
    Layout,
    Lesson,
    ListBlock,
    Pause,
    Quote,
    Slide,
    SourcePos,
    TextFrame,
    TextPara,
    walk_sections,
)

BUILT_LAYOUTS = (Layout.CONTENT, Layout.TWO_CONTENT, Layout.TABLE, Layout.CODE)


@dataclass(frozen=True)
class Stop:
    """A click stop: a pause at `pos` (what follows it on the slide waits for the click), or a list
    item of a list that builds (`item_end`: the last line its own content starts on; only the item
    waits for the click, what follows the list is shown as it was before the list)."""

    pos: SourcePos
    item_end: int | None = None

    @property
    def is_pause(self) -> bool:
        return self.item_end is None

    def holds(self, pos: SourcePos) -> bool:
        """The stop is an item whose content starts at `pos`."""
        return not self.is_pause and self.pos.file == pos.file and self.pos.line <= pos.line <= self.item_end

    def on_slide(self, first: SourcePos, pos: SourcePos) -> bool:
        """The stop stands between the slide's first line and `pos` (an item may start the slide; a
        pause before the slide's first line hides nothing on it)."""
        if self.pos.file != pos.file:
            return False
        low = first.line <= self.pos.line if not self.is_pause else first.line < self.pos.line
        return low and self.pos.line <= pos.line


def incremental(lesson: Lesson) -> bool:
    """`incremental: true` in the front matter (pandoc's own key): every list builds."""
    value = lesson.meta.get("incremental")
    return value is True or str(value).strip().lower() in ("true", "yes")


def click_stops(lesson: Lesson) -> list[Stop]:
    """The lesson's click stops in document order."""
    every_list = incremental(lesson)
    stops = list(stops_in(lesson.preamble, every_list))
    for section in walk_sections(lesson.sections):
        stops.extend(stops_in(section.blocks, every_list))
    return stops


def stops_in(blocks: tuple[Block, ...], every_list: bool, building: bool = False) -> Iterator[Stop]:
    for block in blocks:
        if isinstance(block, Pause):
            yield Stop(block.pos)
        elif isinstance(block, ListBlock):
            builds = every_list or block.build or building
            for item in block.items:
                if builds:
                    yield Stop(item.pos, last_line(item))
                yield from stops_in(item.children, every_list)
        elif isinstance(block, (Quote, Admonition)):
            yield from stops_in(block.blocks, every_list)


def last_line(node) -> int:
    """The last line any part of a block (or list item) starts on."""
    lines = [node.pos.line]
    for child in (*getattr(node, "items", ()), *getattr(node, "children", ()), *getattr(node, "blocks", ())):
        lines.append(last_line(child))
    return max(lines)


def click_count(pos: SourcePos, first: SourcePos, stops: list[Stop]) -> int:
    """How many clicks of its slide come before `pos` shows: a pause adds a click that shows everything
    after it, an item of a building list a click that shows only that item."""
    clicks = shown_at = 0
    for stop in stops:
        if not stop.on_slide(first, pos):
            continue
        clicks += 1
        if stop.is_pause or stop.holds(pos):
            shown_at = clicks
    return shown_at


def with_builds(deck: Deck) -> Deck:
    """The deck with each content slide's paragraphs and frames stepped; unchanged without stops."""
    stops = click_stops(deck.lesson)
    if not stops:
        return deck
    slides = tuple(stepped(slide, stops) if slide.layout in BUILT_LAYOUTS else slide for slide in deck.slides)
    return replace(deck, slides=slides)


def frame_pos(frame: Frame) -> SourcePos | None:
    return frame.image.pos if isinstance(frame, ImageFrame) else getattr(frame, "pos", None)


def shown_positions(slide: Slide) -> list[SourcePos]:
    """The source lines a slide shows: each text paragraph's and each other frame's."""
    out: list[SourcePos] = []
    for frame in slide.frames:
        if not isinstance(frame, TextFrame) and frame_pos(frame) is not None:
            out.append(frame_pos(frame))
        out.extend(para.pos for para in getattr(frame, "paras", ()) if para.pos is not None)
    return out


def stepped(slide: Slide, stops: list[Stop]) -> Slide:
    """The slide with a step on every paragraph and frame that waits for a click."""
    shown = shown_positions(slide)
    if not shown:
        return slide
    first = min(shown, key=lambda pos: pos.line)
    raw = {pos: click_count(pos, first, stops) for pos in shown}
    ranks = {count: rank for rank, count in enumerate(sorted(set(raw.values()) | {0}))}

    def step(pos: SourcePos | None) -> int:
        return ranks[raw[pos]] if pos is not None else 0

    return replace(slide, frames=tuple(stepped_frame(frame, step) for frame in slide.frames))


def stepped_frame(frame: Frame, step) -> Frame:
    """A text frame's paragraphs each on their click; a box on its own click, and each of its body
    paragraphs on its own (never before the box); any other frame as a whole."""
    if isinstance(frame, TextFrame):
        return replace(frame, paras=tuple(stepped_para(para, step) for para in frame.paras))
    if isinstance(frame, CalloutFrame):
        shown = step(frame.pos)
        return replace(frame, step=shown, paras=tuple(replace(para, step=max(shown, step(para.pos)))
                                                      for para in frame.paras))
    return replace(frame, step=step(frame_pos(frame)))


def stepped_para(para: TextPara, step) -> TextPara:
    return replace(para, step=step(para.pos))
