"""`Lesson` → `Deck`: every fit and split decision, made by measuring text with the deck's fonts.

The passes, in order:
1. slides the deck writes itself: title, agenda (the `##` sections), a section slide per `##`, closing;
2. flatten each titled run of content (a `###`, or text right under a `##`) into flow items:
   text groups (a paragraph; a list item with its children), tables, code, images, admonitions,
   explicit breaks (`---`) and speaker notes;
3. flow the items onto slides at each candidate body size and keep the largest size that needs the
   fewest slides; an item that does not fit moves to the next slide whole when it fits there, and is
   split otherwise: lists between items, paragraphs between sentences, tables between row groups
   (header repeated), code between lines; only a sentence larger than a slide breaks between words.
Pure: no python-pptx here; geometry and sizes come from the `Theme`.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ..anchors import heading_anchors
from ..errors import warn
from ..measure import Piece, line_height
from ..metrics import Metrics, fit_size, row_heights
from ..model import (
    Admonition, Block, Box, CalloutFrame, Code, CodeFrame, Deck, Frame, Image, ImageFrame, Inline, Layout,
    Lesson, ListBlock, Notes, Paragraph, Quote, Run, Section, Slide, SourcePos, Table, TableFrame, TextFrame, TextPara, ThematicBreak, plain_text,
)
from ..theme import Theme

BULLETS = ("•", "–", "◦", "▪")
GROW_TRIALS = 12  # code blocks and tables of a run tried one by one for a larger size
MAX_LEVEL = 6  # deeper list levels are shown at this indent, so text keeps a usable width
_SENTENCE_END = re.compile(r"(?<=[.!?。…:;)\]])\s+|\n")


# ------------------------------------------------------------------------------------- flow items


@dataclass(frozen=True)
class TextGroup:
    paras: tuple[TextPara, ...]
    keep_with_next: bool = False


@dataclass(frozen=True)
class CalloutGroup:
    kind: str
    title: Inline
    paras: tuple[TextPara, ...]
    pos: SourcePos


@dataclass(frozen=True)
class PageBreak:
    pos: SourcePos


@dataclass(frozen=True)
class Nested:
    """A code block, table, picture or box inside a list item: set in from the left like the item's text."""
    item: "FlowItem"
    level: int


FlowItem = TextGroup | CalloutGroup | Table | Code | Image | PageBreak | Notes | Nested


def unwrap(item: FlowItem | None) -> FlowItem | None:
    return item.item if isinstance(item, Nested) else item


def flatten(blocks: tuple[Block, ...], level: int = 0, style: str = "body") -> list[FlowItem]:
    """Blocks → flow items. Text inside lists and quotes becomes paragraphs with a level and style;
    anything that is not text (code, a table) inside them becomes an item of its own."""
    items: list[FlowItem] = []
    for block in blocks:
        items.extend(_FLATTEN[type(block)](block, level, style))
    return _merge_keep_with_next(items)


def _flatten_paragraph(block: Paragraph, level: int, style: str) -> list[FlowItem]:
    para = TextPara(block.runs, min(level, MAX_LEVEL), None, style, block.pos)
    return [TextGroup((para,), keep_with_next=introduces_next(block.runs))]


def introduces_next(runs: Inline) -> bool:
    """A lead-in ("…:") or a label set all in bold (`**Step 1**`, a tab's label) belongs with what follows."""
    text = plain_text(runs).strip()
    visible = [run for run in runs if run.text.strip()]
    return text.endswith(":") or (bool(visible) and len(text) <= 80 and all(run.bold for run in visible))


def _flatten_list(block: ListBlock, level: int, style: str) -> list[FlowItem]:
    items: list[FlowItem] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}." if block.ordered else _bullet(level, item.checked)
        group = [TextPara(item.runs, min(level, MAX_LEVEL), marker, style, item.pos)]
        rest: list[FlowItem] = []
        for child in flatten(item.children, level + 1, style):
            if isinstance(child, TextGroup) and not rest:
                group.extend(child.paras)
            else:
                rest.append(child)
        # an item's own code, table or picture follows it onto the slide, like what a lead-in introduces
        introduces = bool(rest) and not isinstance(rest[0], (Notes, PageBreak))
        items.append(TextGroup(tuple(group), keep_with_next=introduces))
        items.extend(rest)
    return items


def _bullet(level: int, checked: bool | None) -> str:
    if checked is not None:
        return "▣" if checked else "□"  # both are in Noto Sans CJK (☑/☐ are not)
    return BULLETS[level % len(BULLETS)]


def _flatten_quote(block: Quote, level: int, style: str) -> list[FlowItem]:
    return flatten(block.blocks, level, "quote")


def _flatten_admonition(block: Admonition, level: int, style: str) -> list[FlowItem]:
    inner = flatten(block.blocks, 0, "body")
    paras = tuple(p for item in inner if isinstance(item, TextGroup) for p in item.paras)
    others = [_nested(item, level) if not isinstance(item, (Notes, Nested)) else item
              for item in inner if not isinstance(item, TextGroup)]
    return [_nested(CalloutGroup(block.kind, block.title, paras, block.pos), level), *others]


def _flatten_self(block, level: int, style: str) -> list[FlowItem]:
    return [block if isinstance(block, Notes) else _nested(block, level)]


def _nested(item: FlowItem, level: int) -> FlowItem:
    return Nested(item, level) if level > 0 else item


def _flatten_break(block: ThematicBreak, level: int, style: str) -> list[FlowItem]:
    return [PageBreak(block.pos)]


_FLATTEN = {
    Paragraph: _flatten_paragraph,
    ListBlock: _flatten_list,
    Quote: _flatten_quote,
    Admonition: _flatten_admonition,
    Table: _flatten_self,
    Code: _flatten_self,
    Image: _flatten_self,
    Notes: _flatten_self,
    ThematicBreak: _flatten_break,
}


def _merge_keep_with_next(items: list[FlowItem]) -> list[FlowItem]:
    """A lead-in ("주요 사례:") or a heading travels with the text group after it."""
    out: list[FlowItem] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(prev, TextGroup) and prev.keep_with_next and isinstance(item, TextGroup):
            out[-1] = TextGroup(prev.paras + item.paras, item.keep_with_next)
        else:
            out.append(item)
    return out


def heading_group(section: Section) -> TextGroup:
    runs = tuple(replace(r, bold=True) for r in section.title)
    return TextGroup((TextPara(runs, 0, None, "heading", section.pos),), keep_with_next=True)


def section_items(section: Section) -> list[FlowItem]:
    """A section's own blocks; deeper headings become bold lines in the same flow."""
    items = flatten(section.blocks)
    for sub in section.subsections:
        items.extend(_merge_keep_with_next([heading_group(sub)] + section_items(sub)))
    return _merge_keep_with_next(items)


# ------------------------------------------------------------------------------------- the flow


@dataclass
class _Page:
    frames: list[Frame] = field(default_factory=list)
    text: list[TextPara] = field(default_factory=list)  # the open text frame
    text_top: float = 0.0
    y: float = 0.0  # next free y below closed frames
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.frames and not self.text


class Flow:
    """Places flow items onto the slides of one titled run of content at one body size."""

    def __init__(self, metrics: Metrics, area: Box, size: float):
        self.m = metrics
        self.area = area
        self.size = size
        self.gap = metrics.sp["frame_gap"]
        self.pages: list[_Page] = [self._new_page()]
        self.lead_in = False  # the text just placed introduces the next item: do not move that item away
        self.grow = False  # the item being placed may take a larger size if it fits whole where it stands
        self.warnings: dict[tuple[str, str], None] = {}  # reported once, for the flow that is kept

    def warn(self, pos, message: str) -> None:
        self.warnings[(str(pos), message)] = None

    def should_move(self, height: float) -> bool:
        """Move an item that does not fit here to a new slide, when it fits there whole."""
        return height > self.free_height() and not self.page.empty and height <= self.area.h and not self.lead_in

    # -- pages

    def _new_page(self) -> _Page:
        return _Page(y=self.area.y, text_top=self.area.y)

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def next_page(self) -> None:
        self.close_text()
        if not self.page.empty:
            self.pages.append(self._new_page())

    def free_height(self) -> float:
        """Height left for a new closed frame on the current page."""
        self.close_text()
        top = self.page.y + (self.gap if self.page.frames else 0.0)
        return self.area.bottom - top

    def place(self, frame_for_box, height: float) -> None:
        """Close the text frame, then put a frame of `height` below everything on the page."""
        self.close_text()
        top = self.page.y + (self.gap if self.page.frames else 0.0)
        self.page.frames.append(frame_for_box(Box(self.area.x, top, self.area.w, height)))
        self.page.y = top + height

    # -- text

    def text_height_with(self, extra: tuple[TextPara, ...]) -> float:
        return self.m.paras_height(tuple(self.page.text) + extra, self.area.w, self.size)

    def text_room(self) -> float:
        page = self.page
        top = page.y + (self.gap if page.frames else 0.0) if not page.text else page.text_top
        return self.area.bottom - top

    def add_text(self, group: TextGroup) -> None:
        if self.text_height_with(group.paras) <= self.text_room():
            self._append(group.paras)
        elif not self.page.empty and self.m.paras_height(group.paras, self.area.w, self.size) <= self.area.h:
            self.next_page()
            self._append(group.paras)
        else:
            for para in group.paras:
                self._add_para(para)

    def _append(self, paras) -> None:
        page = self.page
        if not page.text:
            page.text_top = page.y + (self.gap if page.frames else 0.0)
        page.text.extend(paras)

    def _add_para(self, para: TextPara) -> None:
        if self.text_height_with((para,)) <= self.text_room():
            self._append((para,))
            return
        head, tail = self._split_para(para, self.text_room())
        if head is None and not self.page.empty:
            self.next_page()
            head, tail = self._split_para(para, self.text_room())
        if head is None:  # one sentence larger than an empty slide: break it between words
            head, tail = self._split_para(para, self.text_room(), by_words=True)
            self.warn(para.pos or "?", "a sentence is too long for one slide and continues on the next")
            if head is None:
                self._append((para,))
                return
        self._append((head,))
        if tail is not None:
            self.next_page()
            self._add_para(tail)

    def _split_para(self, para: TextPara, room: float, by_words: bool = False):
        """The longest head of `para` (whole sentences, or words) that fits in `room`."""
        text = plain_text(para.runs)
        cuts = _word_cuts(text) if by_words else _sentence_cuts(text)
        fits = lambda cut: self.text_height_with((replace(para, runs=_slice_runs(para.runs, 0, cut)),)) <= room
        lo, hi = 0, len(cuts)  # binary search: the number of leading cuts that fit
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(cuts[mid - 1]) else (lo, mid - 1)
        if lo == 0:
            return None, None
        best = cuts[lo - 1]
        head = replace(para, runs=_strip_runs(_slice_runs(para.runs, 0, best)))
        tail_runs = _strip_runs(_slice_runs(para.runs, best, len(text)))
        tail = replace(para, runs=tail_runs, marker=None) if tail_runs else None
        return head, tail

    def close_text(self) -> None:
        page = self.page
        if not page.text:
            return
        height = self.m.paras_height(page.text, self.area.w, self.size)
        box = Box(self.area.x, page.text_top, self.area.w, height)
        page.frames.append(TextFrame(tuple(page.text), box, self.size))
        page.y = page.text_top + height
        page.text = []

    @contextmanager
    def indented(self, dx: float):
        """Frames placed inside are set in by `dx` from the left (text above is closed first)."""
        self.close_text()
        area = self.area
        self.area = Box(area.x + dx, area.y, area.w - dx, area.h)
        try:
            yield
        finally:
            self.area = area

    # -- notes and breaks

    def add_notes(self, notes: Notes) -> None:
        self.page.notes.append(notes.text)

    def add_break(self, _item: PageBreak) -> None:
        self.next_page()


# ------------------------------------------------------------------------------------- callouts


def add_callout(flow: Flow, group: CalloutGroup) -> None:
    m, pad = flow.m, flow.m.sp["box_pad"]
    inner_w = flow.area.w - 2 * pad
    title = group.title or (Run(m.theme.text("admonition", kind=group.kind), bold=True),)
    title_para = TextPara(tuple(replace(r, bold=True) for r in title), 0, None, "heading", group.pos)

    def height(paras) -> float:
        return m.paras_height((title_para,) + tuple(paras), inner_w, flow.size) + 2 * pad

    paras = list(group.paras)
    if flow.should_move(height(paras)):
        flow.next_page()
    while True:
        room = flow.free_height()
        taken = _take_paras(paras, lambda ps: height(ps) <= room)
        if not taken and not flow.page.empty:
            flow.next_page()
            continue
        taken = taken or paras[:1]
        flow.place(lambda box, ps=tuple(taken): CalloutFrame(group.kind, title_para.runs, ps, box, flow.size, group.pos),
                   height(taken))
        paras = paras[len(taken):]
        if not paras:
            return
        flow.next_page()


def _take_paras(paras: list[TextPara], fits) -> list[TextPara]:
    taken: list[TextPara] = []
    for para in paras:
        if not fits(taken + [para]):
            break
        taken.append(para)
    return taken


# ------------------------------------------------------------------------------------- code


def code_size(m: Metrics, longest_ems: float, width: float, sizes: tuple[float, ...]) -> float:
    """The largest code size at which the longest line (`longest_line_ems`) needs no wrapping (else the
    smallest)."""
    return next((size for size in sizes if fits_unwrapped(m, longest_ems, width, size)), sizes[-1])


def longest_line_ems(m: Metrics, code: Code) -> float:
    return max((m.natural_width([Piece(line, m.mono)], 1.0) for line in code.lines), default=0.0)


def fits_unwrapped(m: Metrics, longest_ems: float, width: float, size: float) -> bool:
    return longest_ems * size <= m.usable(width - 2 * m.sp["box_pad"])


def add_code(flow: Flow, code: Code) -> None:
    if not code.lines:
        return
    m = flow.m
    longest = longest_line_ems(m, code)
    size = code_size(m, longest, flow.area.w, m.theme.sizes_of("code"))
    avail = m.usable(flow.area.w - 2 * m.sp["box_pad"])
    counts = [m.wrap([Piece(line, m.mono)], avail, size).lines for line in code.lines]  # wrapped lines
    if flow.should_move(code_height(m, code, counts, size, 0)):
        flow.next_page()
    bigger = grown_code_size(flow, code, size, longest) if flow.grow else size
    if bigger != size:
        size, counts = bigger, [1] * len(code.lines)
    start = 0
    while start < len(counts):
        room, n = flow.free_height(), 0
        while start + n < len(counts) and code_height(m, code, counts[start: start + n + 1], size, start) <= room:
            n += 1
        if n < min(3, len(counts) - start) and not flow.page.empty:
            flow.next_page()
            continue
        n = max(n, 1)
        lines, title = code.lines[start: start + n], (code.title if start == 0 else None)
        flow.place(lambda box, ls=lines, t=title: CodeFrame(ls, code.language, box, size, code.pos, t),
                   code_height(m, code, counts[start: start + n], size, start))
        start += n
        if start < len(counts):
            flow.next_page()


def code_height(m: Metrics, code: Code, counts: list[int], size: float, start: int) -> float:
    """The height of a code box whose lines take `counts` lines each, from line `start` of the block
    (the block's title sits on its first box)."""
    lh = line_height(m.mono, size)
    title = lh if code.title and start == 0 else 0.0
    return sum(counts) * lh + title + 2 * m.sp["box_pad"] + 2 * m.sp["inset_y"]


def grown_code_size(flow: Flow, code: Code, size: float, longest: float) -> float:
    """A larger reading size (`code_grow`) for a block that fits whole, unwrapped, where it stands:
    code read from the back of a room gains (`with_grown_sizes` keeps it only when no slide is added)."""
    m, room = flow.m, flow.free_height()
    for bigger in m.theme.sizes_of("code_grow", optional=True):
        if bigger > size and fits_unwrapped(m, longest, flow.area.w, bigger) and \
                code_height(m, code, [1] * len(code.lines), bigger, 0) <= room:
            return bigger
    return size


# ------------------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableFit:
    size: float
    widths: tuple[float, ...]
    heights: tuple[float, ...]  # header first, then each body row
    too_wide: bool = False  # even the smallest size breaks words inside cells


def fit_table(m: Metrics, table: Table, width: float, sizes: tuple[float, ...], room: float | None = None) -> TableFit:
    """Column widths from the measured content at the largest size whose words all fit their columns
    and, when `room` is given, whose whole table fits in it (else the largest size that fits the width)."""
    fallback = None
    for size in sizes:
        widths = column_widths(m, table, width, size)
        if widths is None:
            continue
        fit = TableFit(size, widths, row_heights(m, table, widths, size))
        if room is None or sum(fit.heights) <= room:
            return fit
        fallback = fallback or fit
    if fallback is not None:
        return fallback
    size = sizes[-1]
    widths = column_widths(m, table, width, size, force=True)
    return TableFit(size, widths, row_heights(m, table, widths, size), too_wide=True)


def column_widths(m: Metrics, table: Table, width: float, size: float, force: bool = False):
    pad = 2 * m.sp["cell_x"]
    rows = [table.header] + [row.cells for row in table.rows]
    n = table.columns
    # A word wider than a third of the table (a long URL) may break inside its cell rather than make its
    # column so wide that the prose beside it wraps into a tall, narrow strip: such a column asks for
    # no more than that third.
    cap = pad + width / 3
    widest = [pad + max(m.widest_word(m.pieces(r[c], i == 0), size) for i, r in enumerate(rows) if c < len(r)) * 1.04
              for c in range(n)]
    longest = [pad + max(m.natural_width(m.pieces(r[c], i == 0), size) for i, r in enumerate(rows) if c < len(r)) * 1.04
               for c in range(n)]
    least = [min(cap, w) for w in widest]
    natural = [cap if w > cap else max(low, nat) for w, low, nat in zip(widest, least, longest)]
    if sum(least) > width and not force:
        return None
    if sum(natural) <= width:
        scale = width / sum(natural)
        return tuple(w * scale for w in natural)
    if sum(least) >= width:
        return tuple(width * w / sum(least) for w in least)
    spare = width - sum(least)
    extra = [nat - low for nat, low in zip(natural, least)]
    return tuple(low + spare * e / sum(extra) for low, e in zip(least, extra))


def table_groups(table: Table) -> list[list[int]]:
    """Row indexes grouped: a row with an empty first cell stays with the group above it."""
    groups: list[list[int]] = []
    for i, row in enumerate(table.rows):
        if row.continues_group and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def add_table(flow: Flow, table: Table) -> None:
    m = flow.m
    sizes = m.theme.sizes_of("table")
    fit = fit_table(m, table, flow.area.w, sizes[:2], flow.free_height())  # a bit smaller, to stay here
    if sum(fit.heights) > flow.free_height():
        fit = fit_table(m, table, flow.area.w, sizes, flow.area.h)  # else whole on the next slide
        if flow.should_move(sum(fit.heights)):
            flow.next_page()
    if flow.grow:
        fit = grown_table_fit(flow, table, fit)
    if fit.too_wide:
        flow.warn(table.pos, f"table is too wide for the slide even at {fit.size:g} pt; long words are broken inside cells")
    header_h, heights = fit.heights[0], fit.heights[1:]
    groups = _split_oversized(table_groups(table), heights, flow.area.h - header_h)
    while groups:
        room = flow.free_height() - header_h
        taken: list[int] = []
        while groups and sum(heights[i] for i in taken + groups[0]) <= room:
            taken.extend(groups.pop(0))
        if not taken and not flow.page.empty:
            flow.next_page()
            continue
        if not taken:  # a single row taller than a slide
            flow.warn(table.rows[groups[0][0]].pos, "table row is taller than a slide at the smallest table size")
            taken = groups.pop(0)
        _place_table_piece(flow, table, fit, taken)
        if groups:
            flow.next_page()


def grown_table_fit(flow: Flow, table: Table, fit: TableFit) -> TableFit:
    """A larger reading size (`table_grow`) for a table that fits whole where it stands, no word broken."""
    for size in (s for s in flow.m.theme.sizes_of("table_grow", optional=True) if s > fit.size):
        bigger = fit_table(flow.m, table, flow.area.w, (size,), flow.free_height())
        if not bigger.too_wide and sum(bigger.heights) <= flow.free_height():
            return bigger
    return fit


def _split_oversized(groups: list[list[int]], heights, room: float) -> list[list[int]]:
    """A group taller than a slide is split into rows (it cannot stay together anyway)."""
    out: list[list[int]] = []
    for group in groups:
        if sum(heights[i] for i in group) > room:
            out.extend([i] for i in group)
        else:
            out.append(group)
    return out


def _place_table_piece(flow: Flow, table: Table, fit: TableFit, indexes: list[int]) -> None:
    rows = [table.rows[i] for i in indexes]
    if rows and rows[0].continues_group:  # a group split across slides: repeat its label
        label = _group_label(table, indexes[0])
        rows[0] = replace(rows[0], cells=(label,) + rows[0].cells[1:], continues_group=False)
    heights = (fit.heights[0],) + tuple(fit.heights[1 + i] for i in indexes)
    flow.place(lambda box: TableFrame(table.header, tuple(rows), table.align, fit.widths, heights, box, fit.size,
                                      table.pos), sum(heights))


def _group_label(table: Table, index: int) -> Inline:
    for row in reversed(table.rows[:index]):
        if not row.continues_group:
            return tuple(replace(r, italic=True) for r in row.cells[0])
    return ()


# ------------------------------------------------------------------------------------- images


def add_image(flow: Flow, image: Image, placeholder_text: str) -> None:
    m = flow.m
    if image.path is None:
        runs = (Run(placeholder_text),)
        para = TextPara(runs, 0, None, "body", image.pos)
        height = m.paras_height((para,), flow.area.w - 2 * m.sp["box_pad"], flow.size) + 2 * m.sp["box_pad"]
        if height > flow.free_height() and not flow.page.empty:
            flow.next_page()
        flow.place(lambda box: ImageFrame(image, box, flow.size, placeholder_text), height)
        return
    ratio = _image_ratio(image)
    if flow.free_height() < flow.area.h * 0.45 and not flow.page.empty and not flow.lead_in:
        flow.next_page()
    room = flow.free_height()
    w = min(flow.area.w, room / ratio)
    h = w * ratio
    x = flow.area.x + (flow.area.w - w) / 2
    flow.close_text()
    top = flow.page.y + (flow.gap if flow.page.frames else 0.0)
    flow.page.frames.append(ImageFrame(image, Box(x, top, w, h)))
    flow.page.y = top + h


def _image_ratio(image: Image) -> float:
    """Height / width of the picture; 0.6 when it cannot be read."""
    try:
        from PIL import Image as PILImage

        with PILImage.open(image.path) as picture:
            w, h = picture.size
        return h / w if w else 0.6
    except Exception:  # an unreadable picture is shown at a default shape; the renderer reports it
        return 0.6


# ------------------------------------------------------------------------------------- one run of content


def lead_height(m: Metrics, item: FlowItem, area: Box, size: float, whole: bool = False) -> float:
    """How much of an item must follow a lead-in on the same slide: all of it (`whole`), or its least
    part (a table's header and first row group, three lines of code, an admonition's title and first
    paragraph, most of an image)."""
    if isinstance(item, Table):
        sizes = m.theme.sizes_of("table")
        fit = fit_table(m, item, area.w, sizes[-1:] if whole else sizes[:1])
        rows = range(len(item.rows)) if whole else (table_groups(item)[0] if item.rows else [])
        return fit.heights[0] + sum(fit.heights[1 + i] for i in rows)
    if isinstance(item, Code):
        lines = (len(item.lines) if whole else min(3, len(item.lines))) + (1 if item.title else 0)
        size = code_size(m, longest_line_ems(m, item), area.w, m.theme.sizes_of("code"))
        return line_height(m.mono, size) * lines + 2 * (m.sp["box_pad"] + m.sp["inset_y"])
    if isinstance(item, CalloutGroup):
        paras = item.paras if whole else item.paras[:1]
        return m.paras_height(paras, area.w, size) + line_height(m.body, size) + 2 * m.sp["box_pad"]
    if isinstance(item, Image):
        return area.h * 0.45
    return 0.0


def place_lead_in(flow: Flow, group: TextGroup, following: FlowItem, area: Box, size: float) -> None:
    """A lead-in ("…:") goes with what follows: both to a new slide when they fit there together,
    else the lead-in stays and what follows starts right below it (split if needed)."""
    m = flow.m
    lead = m.paras_height(group.paras, area.w, size)
    together = lead + flow.gap + lead_height(m, following, area, size, whole=True)
    here = flow.text_height_with(group.paras) + flow.gap
    if together <= area.h and here + lead_height(m, following, area, size, whole=True) > flow.text_room():
        flow.next_page()
    elif here + lead_height(m, following, area, size) > flow.text_room():
        flow.next_page()
    flow.add_text(group)
    flow.lead_in = True


def flow_items(m: Metrics, items: list[FlowItem], area: Box, size: float, image_text,
               grow: frozenset[int] = frozenset()) -> Flow:
    """`grow`: the indexes of the code blocks and tables that may take a larger reading size."""
    flow = Flow(m, area, size)
    for index, (item, following) in enumerate(zip(items, items[1:] + [None])):
        flow.grow = index in grow
        if isinstance(item, TextGroup) and item.keep_with_next and following is not None \
                and not isinstance(unwrap(following), (TextGroup, Notes, PageBreak)):
            place_lead_in(flow, item, unwrap(following), area, size)  # sets flow.lead_in for what follows
            continue
        if isinstance(item, Nested):
            with flow.indented(min(item.level, MAX_LEVEL) * m.sp["indent"]):
                place_item(flow, item.item, image_text)
        else:
            place_item(flow, item, image_text)
        flow.lead_in = False
    flow.close_text()
    return flow


def place_item(flow: Flow, item: FlowItem, image_text) -> None:
    if isinstance(item, TextGroup):
        flow.add_text(item)
    elif isinstance(item, CalloutGroup):
        add_callout(flow, item)
    elif isinstance(item, Table):
        add_table(flow, item)
    elif isinstance(item, Code):
        add_code(flow, item)
    elif isinstance(item, Image):
        add_image(flow, item, image_text(item))
    elif isinstance(item, Notes):
        flow.add_notes(item)
    elif isinstance(item, PageBreak):
        flow.add_break(item)


def best_flow(m: Metrics, items: list[FlowItem], area: Box, image_text) -> Flow:
    """The largest body size that needs no more slides than the smallest size does: the smallest
    size is flowed first (it sets the target), then sizes from the largest down until one meets it."""
    sizes = m.theme.sizes_of("body")
    smallest = flow_items(m, items, area, sizes[-1], image_text)
    best = smallest
    for size in sizes[:-1]:
        flow = flow_items(m, items, area, size, image_text)
        if len(flow.pages) <= len(smallest.pages):
            best = flow
            break
    return with_grown_sizes(m, items, area, best, image_text)


def with_grown_sizes(m: Metrics, items: list[FlowItem], area: Box, flow: Flow, image_text) -> Flow:
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
    if frames and all(isinstance(f, TableFrame) for f in frames):
        return Layout.TABLE
    if frames and all(isinstance(f, CodeFrame) for f in frames):
        return Layout.CODE
    return Layout.CONTENT


# ------------------------------------------------------------------------------------- the deck


class Paginator:
    def __init__(self, lesson: Lesson, theme: Theme):
        self.lesson = lesson
        self.theme = theme
        self.m = Metrics(theme)

    def title_size(self, runs: Inline, box_name: str, largest_key: str) -> float:
        box = self.theme.box(box_name)
        return fit_size(self.m, runs, box, float(self.theme.sizes[largest_key]), float(self.theme.sizes["title_min"]))

    def deck(self) -> Deck:
        lesson = self.lesson
        slides = [self.title_slide()]
        if len(lesson.sections) > 1:
            slides += self.agenda_slides()
        if lesson.preamble:
            slides += self.content_slides((Run(lesson.title),), flatten(lesson.preamble), SourcePos(str(lesson.source), 1), "", None)
        for section in lesson.sections:
            slides += self.section(section)
        slides.append(self.closing_slide())
        footer = self.theme.text("footer", lesson_title=lesson.title)
        return Deck(lesson, tuple(slides), self.theme.width, self.theme.height, footer, self.footer_size(footer))

    def footer_size(self, footer: str) -> float:
        """The footer's size: the theme's, or smaller until it fits its box on one line."""
        box, size = self.theme.box("footer.text"), float(self.theme.sizes["footer"])
        while size > 6 and not self.m.fits_lines((Run(footer),), box, size, 1):
            size -= 0.5
        return size

    def section(self, section: Section) -> list[Slide]:
        name = section.title_text
        size = self.title_size(section.title, "section.title", "section_title")
        slides = [Slide(Layout.SECTION, section.title, size, (), section.pos, section=name, anchor=section.pos)]
        own = flatten(section.blocks)
        if own:
            slides += self.content_slides(section.title, own, section.pos, name, section.pos)
        for sub in section.subsections:
            items = section_items(sub)
            if items:
                slides += self.content_slides(sub.title, items, sub.pos, name, sub.pos)
            else:  # a heading with nothing under it still gets its slide
                slides += self.content_slides(sub.title, [], sub.pos, name, sub.pos, allow_empty=True)
        return slides

    def content_slides(self, title: Inline, items: list[FlowItem], pos: SourcePos, section: str,
                       anchor: SourcePos | None, allow_empty: bool = False) -> list[Slide]:
        if not items and not allow_empty:
            return []
        image_text = lambda image: self.theme.text("image_missing", alt=image.alt or image.src)
        flow = best_flow(self.m, items, self.theme.box("content.body"), image_text)
        for pos, message in flow.warnings:
            warn(pos, message)
        slides = []
        for i, page in enumerate(flow.pages):
            if page.empty and i > 0:
                continue
            page_title = title if i == 0 else (Run(self.theme.text("continued", title=plain_text(title))),)
            size = self.title_size(page_title, "content.title", "title")
            slides.append(Slide(layout_of(page.frames), page_title, size, tuple(page.frames), pos,
                                "\n".join(page.notes), section, anchor))
        return slides

    def title_slide(self) -> Slide:
        lesson = self.lesson
        title = (Run(lesson.title),)
        paras = []
        if lesson.description:
            paras.append(TextPara((Run(lesson.description),), style="subtitle"))
        if lesson.tags:
            paras.append(TextPara((Run(self.theme.text("tags", tags=lesson.tags)),), style="meta"))
        for key in ("author", "date"):
            if lesson.meta.get(key):
                paras.append(TextPara((Run(str(lesson.meta[key])),), style="meta"))
        frames = ()
        if paras:
            box = self.theme.box("title.subtitle")
            size = self._fit_paras(paras, box, float(self.theme.sizes["subtitle"]))
            frames = (TextFrame(tuple(paras), box, size),)
        size = self.title_size(title, "title.title", "cover_title")
        return Slide(Layout.TITLE, title, size, frames, SourcePos(str(lesson.source), 1))

    def _fit_paras(self, paras, box: Box, largest: float) -> float:
        size = largest
        while size > 12 and self.m.paras_height(paras, box.w, size) > box.h:
            size -= 1
        return size

    def agenda_slides(self) -> list[Slide]:
        """The `##` sections as a list whose entries jump to their section slides."""
        anchors = heading_anchors(self.lesson)
        items = [TextGroup((TextPara(tuple(replace(r, link=r.link or f"#{anchors[s.pos]}") for r in s.title),
                                     0, BULLETS[0], "body", s.pos),)) for s in self.lesson.sections]
        title = (Run(self.theme.text("agenda")),)
        slides = self.content_slides(title, items, SourcePos(str(self.lesson.source), 1), "", None)
        return [replace(slide, layout=Layout.AGENDA) for slide in slides]

    def closing_slide(self) -> Slide:
        title = (Run(self.theme.text("closing")),)
        subtitle = self.theme.text("closing_subtitle", lesson_title=self.lesson.title)
        box = self.theme.box("closing.subtitle")
        paras = [TextPara((Run(subtitle),), style="subtitle")]
        frames = (TextFrame(tuple(paras), box, self._fit_paras(paras, box, float(self.theme.sizes["subtitle"]))),)
        size = self.title_size(title, "closing.title", "cover_title")
        return Slide(Layout.CLOSING, title, size, frames, SourcePos(str(self.lesson.source), 1))


def paginate(lesson: Lesson, theme: Theme) -> Deck:
    return Paginator(lesson, theme).deck()


# ------------------------------------------------------------------------------------- run slicing


def _sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence (or an explicit line) ends, in order, ending with len(text)."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [c for c in cuts if 0 < c < len(text)] + [len(text)]


def _word_cuts(text: str) -> list[int]:
    cuts = [m.end() for m in re.finditer(r"\s+", text)]
    if not cuts:  # one unbroken word: cut between characters
        cuts = list(range(1, len(text)))
    return [c for c in cuts if 0 < c < len(text)] + [len(text)]


def _slice_runs(runs: Inline, start: int, end: int) -> Inline:
    out: list[Run] = []
    offset = 0
    for run in runs:
        a, b = offset, offset + len(run.text)
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(replace(run, text=run.text[lo - a: hi - a]))
        offset = b
    return tuple(out)


def _strip_runs(runs: Inline) -> Inline:
    items = [r for r in runs]
    while items and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].text.strip():
        items.pop()
    if items:
        items[0] = replace(items[0], text=items[0].text.lstrip())
        items[-1] = replace(items[-1], text=items[-1].text.rstrip())
    return tuple(items)
