"""The page-filling machinery for one titled run of content at one body size: slides as they fill.

`Flow` keeps the slides made so far and the open text frame of the last one; it decides where the next
frame goes (below everything, a frame gap apart), when an item is better moved to a new slide
(`should_move`), and how much room is left. It knows no element kind: each kind's module (text,
callout, code, table, image) places its items through it, as `Element` describes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..metrics import Metrics
from ..model import Box, Frame, Image, Run, TextFrame, TextPara
from .footnotes import marks_in, notes_frame, notes_height

NEARLY_EMPTY = 1 / 3  # a slide that holds only text, in less than this share of its area, is nearly bare


@dataclass
class Page:
    frames: list[Frame] = field(default_factory=list)
    text: list[TextPara] = field(default_factory=list)  # the open text frame
    text_top: float = 0.0
    y: float = 0.0  # next free y below closed frames
    notes: list[str] = field(default_factory=list)
    marks: list[Run] = field(default_factory=list)  # footnote marks in the closed frames

    @property
    def empty(self) -> bool:
        return not self.frames and not self.text


class Flow:
    """Places flow items onto the slides of one titled run of content at one body size.

    `image_text` gives the words shown in place of a picture that cannot be found."""

    def __init__(self, metrics: Metrics, area: Box, size: float, image_text: Callable[[Image], str],
                 shortened: dict[int, float] | None = None):
        self.m = metrics
        self.area = area
        self.shortened = shortened or {}  # page index → height kept free at its bottom (`balanced`)
        self.size = size
        self.image_text = image_text
        self.gap = metrics.sp["frame_gap"]
        self.pages: list[Page] = [self._new_page()]
        self.lead_in = False  # the text just placed introduces the next item: do not move that item away
        self.grow = False  # the item being placed may take a larger size if it fits whole where it stands
        self.reserve = 0.0  # room the item being placed leaves below itself (a picture, for its caption)
        self.pending: list[Run] = []  # footnote marks of the item being placed: their notes need room too
        self.warnings: dict[tuple[str, str], None] = {}  # reported once, for the flow that is kept

    def marks(self, thing: object) -> list[Run]:
        """The footnote marks in `thing` (none to look for in a lesson without footnotes)."""
        return marks_in(thing) if self.m.footnotes else []

    def warn(self, pos, message: str) -> None:
        self.warnings[(str(pos), message)] = None

    def should_move(self, height: float) -> bool:
        """Move an item that does not fit here to a new slide, when it fits there whole."""
        return height > self.free_height() and not self.page.empty and not self.lead_in \
            and height <= self.area.h - self.notes_room(self.pending, alone=True)

    def nearly_empty(self) -> bool:
        """The slide holds only a little text (an intro sentence): moving the next item to a new slide
        would leave it nearly bare, so the item had better shrink or split to stay."""
        self.close_text()
        return self.nearly_bare()

    def used(self, page: Page) -> float:
        """The share of the area a closed page fills."""
        return (page.y - self.area.y) / self.area.h

    def nearly_bare(self) -> bool:
        """The slide holds only text, in less than `NEARLY_EMPTY` of the area (the open text frame counted
        as it stands, left open)."""
        page = self.page
        if page.empty or not all(isinstance(frame, TextFrame) for frame in page.frames):
            return False
        bottom = page.text_top + self.m.paras_height(page.text, self.area.w, self.size) if page.text else page.y
        return bottom - self.area.y <= self.area.h * NEARLY_EMPTY

    # -- pages

    def _new_page(self) -> Page:
        return Page(y=self.area.y, text_top=self.area.y)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def next_page(self) -> None:
        self.close_text()
        if not self.page.empty:
            self.pages.append(self._new_page())

    def next_top(self) -> float:
        """Where a frame opened now would start: below the closed frames, a gap apart."""
        return self.page.y + (self.gap if self.page.frames else 0.0)

    def free_height(self) -> float:
        """Height left for a new closed frame on the current page."""
        self.close_text()
        return self.bottom() - self.next_top() - self.notes_room(self.pending)

    def bottom(self) -> float:
        """Where the current page's content must end."""
        return self.area.bottom - self.shortened.get(len(self.pages) - 1, 0.0)

    def place(self, frame_for_box: Callable[[Box], Frame], height: float) -> None:
        """Close the text frame, then put a frame of `height` below everything on the page."""
        self.place_at(frame_for_box, self.area.x, self.area.w, height)

    def place_at(self, frame_for_box: Callable[[Box], Frame], x: float, w: float, height: float) -> None:
        """`place`, at a left edge and width of the frame's own (a picture narrower than the area)."""
        self.close_text()
        top = self.next_top()
        frame = frame_for_box(Box(x, top, w, height))
        self.page.frames.append(frame)
        self.page.marks.extend(self.marks(frame))
        self.page.y = top + height

    # -- the open text frame

    def text_height_with(self, extra: tuple[TextPara, ...]) -> float:
        """The open text with `extra` below it, and the room the page's notes then take."""
        paras = tuple(self.page.text) + extra
        return self.m.paras_height(paras, self.area.w, self.size) + self.notes_room(self.marks(paras))

    def height_alone(self, paras: tuple[TextPara, ...]) -> float:
        """Paragraphs on a slide of their own, with the room their notes take."""
        return self.m.paras_height(paras, self.area.w, self.size) + self.notes_room(self.marks(paras), alone=True)

    def text_room(self) -> float:
        page = self.page
        top = self.next_top() if not page.text else page.text_top
        return self.bottom() - top

    def append_text(self, paras) -> None:
        """Add paragraphs to the open text frame (opening one below the closed frames)."""
        page = self.page
        if not page.text:
            page.text_top = self.next_top()
        page.text.extend(paras)

    def close_text(self) -> None:
        page = self.page
        if not page.text:
            return
        height = self.m.paras_height(page.text, self.area.w, self.size)
        box = Box(self.area.x, page.text_top, self.area.w, height)
        page.frames.append(TextFrame(tuple(page.text), box, self.size))
        page.marks.extend(self.marks(page.text))
        page.y = page.text_top + height
        page.text = []

    @contextmanager
    def indented(self, dx: float) -> Iterator[None]:
        """Frames placed inside are set in by `dx` from the left (text above is closed first)."""
        self.close_text()
        area = self.area
        self.area = Box(area.x + dx, area.y, area.w - dx, area.h)
        try:
            yield
        finally:
            self.area = area

    # -- notes

    def add_notes(self, text: str) -> None:
        self.page.notes.append(text)

    # -- footnotes

    def notes_room(self, marks: list[Run], alone: bool = False) -> float:
        """The height kept at the bottom of the area for the notes of the page's marks and `marks`
        (only `marks` when `alone`: on a new slide), a frame gap above them; 0 without notes."""
        every = marks if alone else self.page.marks + marks
        return notes_height(self.m, every, self.area.w) + self.gap if every else 0.0

    def frames_with_notes(self, page: Page) -> tuple[Frame, ...]:
        """The page's frames and, when they refer to notes, the notes' frame at the foot of the area."""
        frame = notes_frame(self.m, page.marks, self.area)
        return (*page.frames, frame) if frame is not None else tuple(page.frames)


class Element(Protocol):
    """What the flow asks of each element kind's module (text, callout, code, table, image).

    Each module also offers, in its kind's own terms, `height` (how tall at a size), `split_points`
    (where it may break across slides) and `split` (the part that fits a given room)."""

    def place(self, flow: Flow, item: Any) -> None:
        """Put the item on the flow's slides: whole where it fits, moved or split otherwise."""

    def lead_height(self, m: Metrics, item: Any, area: Box, size: float, whole: bool = False) -> float:
        """How much of the item must follow a lead-in on the same slide: its least part, or all of it."""
