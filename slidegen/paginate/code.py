"""Code blocks: a box of monospaced lines, sized so that the longest line needs no wrapping.

The size is the largest of the theme's `code` sizes at which the longest line fits unwrapped (else the
smallest, lines wrapping); a block that fits whole where it stands may take a larger `code_grow` size.
A block that does not fit moves to a new slide when it fits there whole; otherwise it is split between
lines, at least three lines to a part where the block allows, after a blank line or before a prompt
(`$ `, `>>> `) when one is near, so a command stays with its output; the title on the first part only.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..measure import Piece, line_height
from ..metrics import Metrics, largest_fitting
from ..model import Box, Code, CodeFrame
from .flow import Flow

LEAST_LINES = 3  # a part of a split block, and what must follow a lead-in
_PROMPT = re.compile(r"^\s*(?:\$|>>>|PS [^>\n]{0,80}>|In \[\d+\]:) ")  # a session's next command


def longest_line_ems(m: Metrics, code: Code) -> float:
    return max((m.natural_width([Piece(line, m.mono)], 1.0) for line in code.lines), default=0.0)


def fits_unwrapped(m: Metrics, longest_ems: float, width: float, size: float) -> bool:
    return longest_ems * size <= m.usable(width - 2 * m.sp["box_pad"])


def code_size(m: Metrics, longest_ems: float, width: float, sizes: tuple[float, ...]) -> float:
    """The largest code size at which the longest line (`longest_line_ems`) needs no wrapping (else the
    smallest)."""
    return largest_fitting(sizes, lambda size: fits_unwrapped(m, longest_ems, width, size), lambda: sizes[-1])


def wrapped_lines(m: Metrics, code: Code, width: float, size: float) -> list[int]:
    """How many lines each of the block's lines takes in a box of `width` at `size`."""
    avail = m.usable(width - 2 * m.sp["box_pad"])
    return [m.wrap([Piece(line, m.mono)], avail, size).lines for line in code.lines]


def height(m: Metrics, code: Code, counts: list[int], size: float, start: int) -> float:
    """The height of a code box whose lines take `counts` lines each, from line `start` of the block
    (the block's title sits on its first box)."""
    lh = line_height(m.mono, size)
    title = lh if code.title and start == 0 else 0.0
    return sum(counts) * lh + title + 2 * m.sp["box_pad"] + 2 * m.sp["inset_y"]


def split_points(code: Code) -> range:
    """A block may break before any of its lines but the first."""
    return range(1, len(code.lines))


def split(m: Metrics, code: Code, counts: list[int], size: float, start: int, room: float) -> int:
    """How many lines from line `start` fit in `room`."""
    n = 0
    while start + n < len(counts) and height(m, code, counts[start: start + n + 1], size, start) <= room:
        n += 1
    return n


def natural_cut(code: Code, start: int, n: int) -> int:
    """How many of the `n` lines that fit from `start` to take: leave at least LEAST_LINES for the next
    part when that still leaves LEAST_LINES here, and end the part after a blank line or before a
    prompt when one lies in its last third."""
    total = len(code.lines)
    rest = total - start - n
    if 0 < rest < LEAST_LINES and n - (LEAST_LINES - rest) >= LEAST_LINES:
        n -= LEAST_LINES - rest
    if start + n >= total:
        return n
    lowest = max(LEAST_LINES, n - max(2, n // 3))
    for k in range(n, lowest - 1, -1):
        if not code.lines[start + k - 1].strip() or _PROMPT.match(code.lines[start + k]):
            return k
    return n


def whole_size(m: Metrics, code: Code, area: Box, size: float) -> float:
    """`size`, or a smaller code size at which a block too tall for a slide at `size` fits one whole
    (a block that fits a slide is not split); `size` when none does."""
    def fits(smaller: float) -> bool:
        return height(m, code, wrapped_lines(m, code, area.w, smaller), smaller, 0) <= area.h

    if fits(size):
        return size
    return largest_fitting([s for s in m.theme.sizes_of("code") if s < size], fits, lambda: size)


def size_below_intro(flow: Flow, code: Code, size: float) -> float | None:
    """Under a lone intro sentence (a nearly bare slide) a block that would move to the next slide
    stays, whole, at the largest smaller code size that fits there; None when none does."""
    if not flow.nearly_empty():
        return None
    m, room = flow.m, flow.free_height()
    smaller = [s for s in m.theme.sizes_of("code") if s < size]
    return largest_fitting(smaller, lambda s: height(m, code, wrapped_lines(m, code, flow.area.w, s), s, 0) <= room,
                           lambda: None)


def grown_size(flow: Flow, code: Code, size: float, longest: float) -> float:
    """A larger reading size (`code_grow`) for a block that fits whole, unwrapped, where it stands:
    code read from the back of a room gains (`with_grown_sizes` keeps it only when no slide is added)."""
    m, room = flow.m, flow.free_height()

    def fits(bigger: float) -> bool:
        return fits_unwrapped(m, longest, flow.area.w, bigger) and \
            height(m, code, [1] * len(code.lines), bigger, 0) <= room

    larger = (bigger for bigger in m.theme.sizes_of("code_grow", optional=True) if bigger > size)
    return largest_fitting(larger, fits, lambda: size)


def lines_per_slide(m: Metrics, code: Code, area: Box, size: float) -> int:
    """How many wrapped lines a box of the block holds on an empty slide (its title there too)."""
    return max(1, int((area.h - height(m, code, [], size, 0)) // line_height(m.mono, size)))


def line_pieces(m: Metrics, line: str, avail: float, size: float, most: int) -> list[str]:
    """`line` cut into pieces that each wrap to at most `most` lines of `avail` points: a line longer
    than a slide (a minified file, a long base64 string) continues on the next slides, as a wrapped
    paragraph would, instead of running off the first one."""
    widest = max(m.natural_width([Piece(char, m.mono)], size) for char in set(line))
    step = max(1, int(avail // widest) * most)
    while True:
        pieces = [line[i:i + step] for i in range(0, len(line), step)]
        if step == 1 or all(m.wrap([Piece(p, m.mono)], avail, size).lines <= most for p in pieces):
            return pieces
        step = max(1, step * 3 // 4)


def with_long_lines_cut(m: Metrics, code: Code, area: Box, size: float, counts: list[int]) -> Code:
    """`code` with each line that wraps to more lines than a slide holds cut into pieces (`line_pieces`),
    its highlighted lines renumbered; `code` itself when no line is that long."""
    most = lines_per_slide(m, code, area, size)
    if max(counts) <= most:
        return code
    avail = m.usable(area.w - 2 * m.sp["box_pad"])
    lines: list[str] = []
    marked: set[int] = set()
    for number, (line, count) in enumerate(zip(code.lines, counts)):
        pieces = line_pieces(m, line, avail, size, most) if count > most else [line]
        if number in code.marked:
            marked.update(range(len(lines), len(lines) + len(pieces)))
        lines.extend(pieces)
    return replace(code, text="\n".join(lines), marked=frozenset(marked))


def place(flow: Flow, code: Code) -> None:
    if not code.lines:
        return
    m = flow.m
    longest = longest_line_ems(m, code)
    size = whole_size(m, code, flow.area, code_size(m, longest, flow.area.w, m.theme.sizes_of("code")))
    counts = wrapped_lines(m, code, flow.area.w, size)
    cut = with_long_lines_cut(m, code, flow.area, size, counts)
    if cut is not code:
        code, counts = cut, wrapped_lines(m, cut, flow.area.w, size)
    if flow.should_move(height(m, code, counts, size, 0) + flow.reserve):
        smaller = size_below_intro(flow, code, size)
        if smaller is None:
            flow.next_page()
        else:
            size, counts = smaller, wrapped_lines(m, code, flow.area.w, smaller)
    bigger = grown_size(flow, code, size, longest) if flow.grow else size
    if bigger != size:
        size, counts = bigger, [1] * len(code.lines)
    start = 0
    while start < len(counts):
        n = split(m, code, counts, size, start, flow.free_height())
        if start + n == len(counts) and flow.reserve and n > LEAST_LINES:  # the last part leaves its caption room
            n = max(LEAST_LINES, split(m, code, counts, size, start, flow.free_height() - flow.reserve))
        if n < min(LEAST_LINES, len(counts) - start) and not flow.page.empty:
            flow.next_page()
            continue
        n = natural_cut(code, start, max(n, 1)) if start + n < len(counts) else n
        lines, title = code.lines[start: start + n], (code.title if start == 0 else None)
        marked = frozenset(i - start for i in code.marked if start <= i < start + n)
        flow.place(lambda box, ls=lines, t=title, mk=marked: CodeFrame(ls, code.language, box, size, code.pos, t,
                                                                       marked=mk),
                   height(m, code, counts[start: start + n], size, start))
        start += n
        if start < len(counts):
            flow.next_page()


def lead_height(m: Metrics, item: Code, area: Box, size: float, whole: bool = False) -> float:
    """Three lines of the block (or all of them), at its own size."""
    lines = (len(item.lines) if whole else min(LEAST_LINES, len(item.lines))) + (1 if item.title else 0)
    size = code_size(m, longest_line_ems(m, item), area.w, m.theme.sizes_of("code"))
    size = whole_size(m, item, area, size) if whole else size
    return line_height(m.mono, size) * lines + 2 * (m.sp["box_pad"] + m.sp["inset_y"])
