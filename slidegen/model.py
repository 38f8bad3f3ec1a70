"""The nouns of slidegen: a parsed lesson, and the deck the paginator makes of it.

Frozen dataclasses only, no behaviour beyond small read-only helpers. Geometry in the deck model is in
points (1/72 inch) from the slide's top-left corner; renderers convert to their own units.
"""
from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Union

# ---------------------------------------------------------------------------------------------- lesson


@dataclass(frozen=True)
class SourcePos:
    """Where something came from: a file and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one formatting. A text of exactly "\\n" is an explicit line break."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: str | None = None
    script: str = ""  # "super" or "sub": set above or below the baseline, smaller
    underline: bool = False
    highlight: bool = False  # <mark>
    math: str = ""  # a formula's TeX; `text` is then its linear reading (x², a/b), what measuring counts
    display: bool = False  # a display formula ($$…$$): set centred in a paragraph of its own
    note: tuple[Run, ...] = ()  # a footnote mark (`text` its number, set super): the note's own runs

    @property
    def is_math(self) -> bool:
        return bool(self.math)

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


Inline = tuple[Run, ...]
LINE_BREAK = Run("\n")


def plain_text(runs: Inline) -> str:
    """The visible text of runs; explicit breaks stay as newlines."""
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Paragraph:
    runs: Inline
    pos: SourcePos


@dataclass(frozen=True)
class ListItem:
    """One item: its own text (first paragraph) and what is nested in it (lists, more paragraphs, code)."""

    runs: Inline
    children: tuple[Block, ...]
    pos: SourcePos
    checked: bool | None = None  # a GFM task item: True/False; None for a plain item


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    pos: SourcePos
    build: bool = False  # `<!-- build -->` before it: on a slide, its items appear one click at a time


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Inline, ...]
    pos: SourcePos
    continues_group: bool = False  # empty first cell: the row belongs to the group of the row above


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    align: tuple[str | None, ...]  # "left" | "center" | "right" | None per column
    rows: tuple[TableRow, ...]
    pos: SourcePos

    @property
    def columns(self) -> int:
        return len(self.header)


@dataclass(frozen=True)
class Code:
    text: str
    language: str
    pos: SourcePos
    title: str | None = None
    fenced: bool = True  # written between ``` or ~~~ fences; False for an indented code block
    marked: frozenset[int] = frozenset()  # 0-based lines the site highlights (`code_marks`)

    @functools.cached_property
    def lines(self) -> tuple[str, ...]:
        """The block's lines (split once: the paginator asks at every cut)."""
        return tuple(self.text.rstrip("\n").split("\n")) if self.text.strip() else ()


_FILE_NAME = re.compile(r"[\w.-]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)", re.IGNORECASE)


@dataclass(frozen=True)
class Image:
    """An image; `path` is None when the file is missing, remote or outside the content folder."""

    src: str
    alt: str
    path: Path | None
    pos: SourcePos
    title: str | None = None
    width_px: float | None = None  # the width an HTML `<img width="…">` asks for, in CSS pixels

    @property
    def caption(self) -> str:
        """The text shown under the picture: its title, else its alt text unless that is only a file
        name ("seldon-fields-0.png", the picture's own name), which tells a reader nothing."""
        if self.title:
            return self.title
        alt = self.alt.strip()
        name = PurePosixPath(self.src)
        named = alt in (name.name, name.stem) or _FILE_NAME.fullmatch(alt)
        return "" if named else alt

    @property
    def shown_src(self) -> str:
        """The address as a reader is shown it (in a warning, a placeholder): `shown_address(src)`."""
        return shown_address(self.src)


SHOWN_ADDRESS_CHARS = 100  # a longer address is cut where it is shown: a 100 KB one took WeasyPrint 50 s


def shown_address(src: str) -> str:
    """`src` short enough to read: an embedded `data:` picture named by its type and size, any other
    address over `SHOWN_ADDRESS_CHARS` cut with "…"."""
    if src[:5].lower() == "data:":
        kind = src[5:].split(",", 1)[0].split(";", 1)[0] or "data"
        return f"data:{kind[:40]} ({len(src) * 3 // 4 // 1024} KB embedded)"
    return src if len(src) <= SHOWN_ADDRESS_CHARS else src[:SHOWN_ADDRESS_CHARS - 1] + "…"


@dataclass(frozen=True)
class Admonition:
    kind: str  # note | tip | info | caution | warning | danger | important
    title: Inline
    blocks: tuple[Block, ...]
    pos: SourcePos


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    pos: SourcePos


@dataclass(frozen=True)
class ThematicBreak:
    pos: SourcePos


@dataclass(frozen=True)
class Notes:
    """Speaker notes from `<!-- notes: ... -->`: they belong to the slide of the block before them."""

    text: str
    pos: SourcePos


@dataclass(frozen=True)
class Pause:
    """A pause (`. . .` or `<!-- pause -->`): on a slide, what follows it appears on the next click."""

    pos: SourcePos


Block = Union[Paragraph, ListBlock, Table, Code, Image, Admonition, Quote, ThematicBreak, Notes, Pause]


@dataclass(frozen=True)
class Section:
    """A heading and everything under it up to the next heading of the same or a higher level."""

    level: int
    title: Inline
    pos: SourcePos
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    anchor: str | None = None  # an id the lesson gives the heading ({#id}, {/*id*/}, [[id]])

    @property
    def title_text(self) -> str:
        return plain_text(self.title)


def walk_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    """Every section, each before its subsections (document order)."""
    for section in sections:
        yield section
        yield from walk_sections(section.subsections)


_ANCHOR_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def section_anchors(sections: tuple[Section, ...]) -> dict[SourcePos, str]:
    """Heading ids as Docusaurus and GitHub make them ("문장 요약" → "문장-요약"; repeats get -1, -2), or
    the id the lesson gives a heading (`{#id}`), by the heading's position: so a lesson's own in-page
    links (`[…](#문장-요약)`) reach their heading (a PDF destination in the handout, a slide jump in the
    deck)."""
    anchors: dict[SourcePos, str] = {}
    seen: dict[str, int] = {}
    for section in walk_sections(sections):
        slug = section.anchor or _ANCHOR_DROP.sub("", section.title_text.strip().lower()).replace(" ", "-") \
            or f"h{section.pos.line}"
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors[section.pos] = slug if count == 0 else f"{slug}-{count}"
    return anchors


@dataclass(frozen=True)
class Lesson:
    source: Path
    title: str
    description: str
    lang: str  # "ko" or "en"
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    preamble: tuple[Block, ...] = ()  # blocks before the first section heading
    sections: tuple[Section, ...] = ()
    # Each heading's id by its position (`section_anchors`), derived from `sections` once, when the lesson
    # is made (also by `dataclasses.replace`); not an argument, and left out of equality, hashing and repr.
    anchors: dict[SourcePos, str] = field(init=False, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchors", section_anchors(self.sections))

    @property
    def written_as_slides(self) -> bool:
        """The lesson is itself a slide deck (Quarto's `format: revealjs`, `pptx` or `beamer`; Marp's
        `marp: true`): each `##` is a slide of its own, not a part that a divider slide opens."""
        formats = self.meta.get("format")
        names = set(formats) if isinstance(formats, dict) else {formats} if isinstance(formats, str) else set()
        return bool(names & {"revealjs", "pptx", "beamer"}) or self.meta.get("marp") is True

    @property
    def tags(self) -> tuple[str, ...]:
        tags = self.meta.get("tags") or ()
        if isinstance(tags, str):
            tags = [tags]
        return tuple(str(t.get("label", t)) if isinstance(t, dict) else str(t) for t in tags)


# ------------------------------------------------------------------------------------------------ deck


class Layout(enum.Enum):
    """The closed set of slide layouts; each value is the layout's name in the deck master."""

    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    CONTENT = "content"
    TWO_CONTENT = "two content"
    TABLE = "table"
    CODE = "code"
    CLOSING = "closing"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class TextPara:
    """One paragraph of a text frame as the slide shows it."""

    runs: Inline
    level: int = 0
    marker: str | None = None  # "•", "3." or None
    style: str = "body"  # body | heading | quote | subtitle | meta | footnote (a slide's notes, at its foot)
    pos: SourcePos | None = None
    step: int = 0  # the click on which it appears (builds): 0 with the slide, then 1, 2, … on its slide


@dataclass(frozen=True)
class TextFrame:
    paras: tuple[TextPara, ...]
    box: Box
    size_pt: float


@dataclass(frozen=True)
class TableFrame:
    header: tuple[Inline, ...]
    rows: tuple[TableRow, ...]
    align: tuple[str | None, ...]
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]  # header first
    box: Box
    size_pt: float
    pos: SourcePos
    step: int = 0  # the click on which the frame appears, as `TextPara.step`


@dataclass(frozen=True)
class CodeFrame:
    lines: tuple[str, ...]
    language: str
    box: Box
    size_pt: float
    pos: SourcePos
    title: str | None = None
    step: int = 0  # the click on which the frame appears, as `TextPara.step`
    marked: frozenset[int] = frozenset()  # 0-based lines of `lines` the site highlights


@dataclass(frozen=True)
class ImageFrame:
    """A picture, or (when `image.path` is None) a placeholder box showing `caption`."""

    image: Image
    box: Box
    size_pt: float = 0.0
    caption: str = ""
    step: int = 0  # the click on which the frame appears, as `TextPara.step`


@dataclass(frozen=True)
class CalloutFrame:
    """An admonition box: a coloured frame per kind with its title and body paragraphs."""

    kind: str
    title: Inline
    paras: tuple[TextPara, ...]
    box: Box
    size_pt: float
    pos: SourcePos
    step: int = 0  # the click on which the frame appears, as `TextPara.step`


Frame = Union[TextFrame, TableFrame, CodeFrame, ImageFrame, CalloutFrame]


@dataclass(frozen=True)
class Slide:
    layout: Layout
    title: Inline
    title_pt: float
    frames: tuple[Frame, ...]
    pos: SourcePos
    notes: str = ""
    section: str = ""  # title of the ## section the slide belongs to ("" for title, agenda, closing)
    anchor: SourcePos | None = None  # position of the heading whose content the slide shows


@dataclass(frozen=True)
class Deck:
    lesson: Lesson
    slides: tuple[Slide, ...]
    width: float = 960.0
    height: float = 540.0
    footer: str = ""
    footer_pt: float = 11.0
