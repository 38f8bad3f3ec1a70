"""Tables: column widths from the measured content, a size, and splits between row groups.

The size is the largest of the theme's `table` sizes at which every word fits its column (and, when
asked, the whole table fits the room); a table that fits whole where it stands may take a larger
`table_grow` size. A table that does not fit is split between row groups (a row with an empty first
cell belongs to the group above), the header repeated and a split group's label repeated in italics.
A table with more columns than a slide can hold at the smallest size (each column `COLUMN_EMS` wide) is
shown in parts of as many columns as fit, its first column repeated in each.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..metrics import Metrics, largest_fitting, row_heights
from ..model import Box, Inline, Table, TableFrame
from .flow import Flow


LEAST_GROUPS = 2  # a table split below an intro sentence leaves at least this many row groups each side
COLUMN_EMS = 3.0  # the narrowest column a table part gives a column, in ems of the smallest table size


@dataclass(frozen=True)
class TableFit:
    size: float
    widths: tuple[float, ...]
    heights: tuple[float, ...]  # header first, then each body row
    too_wide: bool = False  # even the smallest size breaks words inside cells


def height(fit: TableFit, rows=None) -> float:
    """The header and `rows` (indexes; all rows when None) at the fit's size and widths."""
    if rows is None:
        return sum(fit.heights)
    return fit.heights[0] + sum(fit.heights[1 + i] for i in rows)


def fit_at(m: Metrics, table: Table, width: float, size: float) -> TableFit | None:
    """Widths and heights at `size`; None when a word does not fit its column there."""
    widths = column_widths(m, table, width, size)
    return None if widths is None else TableFit(size, widths, row_heights(m, table, widths, size))


def fit_table(m: Metrics, table: Table, width: float, sizes: tuple[float, ...], room: float | None = None) -> TableFit:
    """Column widths from the measured content at the largest size whose words all fit their columns
    and, when `room` is given, whose whole table fits in it (else the largest size that fits the width;
    else the smallest size, words broken inside cells: `too_wide`)."""
    at = functools.cache(lambda size: fit_at(m, table, width, size))  # each size measured once

    def fits_width(size: float) -> bool:
        return at(size) is not None

    def fits_room(size: float) -> bool:
        return fits_width(size) and (room is None or height(at(size)) <= room)

    size = largest_fitting(sizes, fits_room, lambda: largest_fitting(sizes, fits_width, lambda: None))
    return at(size) if size is not None else forced_fit(m, table, width, sizes[-1])


def forced_fit(m: Metrics, table: Table, width: float, size: float) -> TableFit:
    """The table at `size` with columns shared out even though some words do not fit them."""
    widths = column_widths(m, table, width, size, force=True)
    return TableFit(size, widths, row_heights(m, table, widths, size), too_wide=True)


def column_widths(m: Metrics, table: Table, width: float, size: float, force: bool = False):
    """Widths of the columns at `size`, summing to `width`: each column gets at least its widest word
    and the spare width goes to the columns whose text would wrap; None when the widest words do not
    fit side by side (unless `force`)."""
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


def split_points(table: Table, heights, room: float) -> list[list[int]]:
    """The row groups the table may break between; a group taller than `room` (a slide) is split
    into rows (it cannot stay together anyway). `heights`: the body rows' heights."""
    out: list[list[int]] = []
    for group in table_groups(table):
        if sum(heights[i] for i in group) > room:
            out.extend([i] for i in group)
        else:
            out.append(group)
    return out


def split(groups: list[list[int]], heights, room: float) -> list[int]:
    """The rows of the leading groups that fit in `room` together (taken off `groups`)."""
    taken: list[int] = []
    while groups and sum(heights[i] for i in taken + groups[0]) <= room:
        taken.extend(groups.pop(0))
    return taken


def most_columns(m: Metrics, width: float, size: float) -> int:
    """How many columns of at least `COLUMN_EMS` (and their padding) a table `width` wide holds at `size`."""
    return max(2, int(width // (2 * m.sp["cell_x"] + COLUMN_EMS * size)))


def column_parts(table: Table, most: int) -> list[Table]:
    """The table whole when it has at most `most` columns, else in parts of `most` columns: the first
    column, then the next `most - 1` of the others."""
    if table.columns <= most:
        return [table]
    step = most - 1
    return [columns_of(table, (0, *range(start, min(start + step, table.columns))))
            for start in range(1, table.columns, step)]


def columns_of(table: Table, columns: tuple[int, ...]) -> Table:
    def pick(cells: tuple) -> tuple:
        return tuple(cells[c] if c < len(cells) else () for c in columns)

    rows = tuple(replace(row, cells=pick(row.cells)) for row in table.rows)
    return replace(table, header=pick(table.header), align=tuple(pick(table.align)), rows=rows)


def parts_for(m: Metrics, table: Table, width: float) -> list[Table]:
    return column_parts(table, most_columns(m, width, m.theme.sizes_of("table")[-1]))


def place(flow: Flow, table: Table) -> None:
    parts = parts_for(flow.m, table, flow.area.w)
    if len(parts) > 1:
        flow.warn(table.pos, f"table of {table.columns} columns is too wide for a slide; it is shown in {len(parts)} "
                             f"parts of at most {parts[0].columns} columns, its first column repeated")
    for part in parts:
        place_table(flow, part)


def place_table(flow: Flow, table: Table) -> None:
    m = flow.m
    sizes = m.theme.sizes_of("table")
    fit = fit_table(m, table, flow.area.w, sizes[:2], flow.free_height())  # a bit smaller, to stay here
    if height(fit) > flow.free_height():
        fit = fit_table(m, table, flow.area.w, sizes, flow.area.h)  # else whole on the next slide
        if flow.should_move(height(fit)):
            staying = fit_below_intro(flow, table, fit)
            if staying is None:
                flow.next_page()
            fit = staying or fit
    if flow.grow:
        fit = grown_fit(flow, table, fit)
    if fit.too_wide:
        flow.warn(table.pos, f"table is too wide for the slide even at {fit.size:g} pt; long words are broken inside cells")
    header_h, heights = fit.heights[0], fit.heights[1:]
    if not table.rows:  # a header and no body (`| a |` over `|---|`, a one-row HTML table): the header alone
        place_piece(flow, table, fit, [])
        return
    groups = split_points(table, heights, flow.area.h - header_h)
    while groups:
        taken = split(groups, heights, flow.free_height() - header_h)
        if not taken and not flow.page.empty:
            flow.next_page()
            continue
        if not taken:  # a single row taller than a slide
            flow.warn(table.rows[groups[0][0]].pos, "table row is taller than a slide at the smallest table size")
            taken = groups.pop(0)
        place_piece(flow, table, fit, taken)
        if groups:
            flow.next_page()


def fit_below_intro(flow: Flow, table: Table, fit: TableFit) -> TableFit | None:
    """Under a lone intro sentence (a nearly bare slide) a table stays rather than leave the sentence
    alone: whole at a smaller size if that fits, else split there (at `fit`) when at least two row
    groups fit below the sentence and two go on. None: the table had better move."""
    if not flow.nearly_empty():
        return None
    room = flow.free_height()
    smaller = fit_table(flow.m, table, flow.area.w, flow.m.theme.sizes_of("table"), room)
    if height(smaller) <= room:
        return smaller
    groups = split_points(table, fit.heights[1:], flow.area.h - fit.heights[0])
    taken = len(split_groups_here(list(groups), fit.heights[1:], room - fit.heights[0]))
    return fit if taken >= LEAST_GROUPS and len(groups) - taken >= LEAST_GROUPS else None


def split_groups_here(groups: list[list[int]], heights, room: float) -> list[list[int]]:
    """The leading row groups that fit in `room` together."""
    taken: list[list[int]] = []
    used = 0.0
    for group in groups:
        used += sum(heights[i] for i in group)
        if used > room:
            break
        taken.append(group)
    return taken


def grown_fit(flow: Flow, table: Table, fit: TableFit) -> TableFit:
    """A larger reading size (`table_grow`) for a table that fits whole where it stands, no word broken."""
    larger = (fit_table(flow.m, table, flow.area.w, (size,), flow.free_height())
              for size in flow.m.theme.sizes_of("table_grow", optional=True) if size > fit.size)
    return largest_fitting(larger, lambda bigger: not bigger.too_wide and height(bigger) <= flow.free_height(),
                           lambda: fit)


def place_piece(flow: Flow, table: Table, fit: TableFit, indexes: list[int]) -> None:
    """The header and the rows at `indexes` as one table frame."""
    rows = [table.rows[i] for i in indexes]
    if rows and rows[0].continues_group:  # a group split across slides: repeat its label
        label = group_label(table, indexes[0])
        rows[0] = replace(rows[0], cells=(label,) + rows[0].cells[1:], continues_group=False)
    heights = (fit.heights[0],) + tuple(fit.heights[1 + i] for i in indexes)
    flow.place(lambda box: TableFrame(table.header, tuple(rows), table.align, fit.widths, heights, box, fit.size,
                                      table.pos), sum(heights))


def group_label(table: Table, index: int) -> Inline:
    """The first cell of the group row `index` continues, in italics."""
    for row in reversed(table.rows[:index]):
        if not row.continues_group:
            return tuple(replace(r, italic=True) for r in row.cells[0])
    return ()


def lead_height(m: Metrics, item: Table, area: Box, size: float, whole: bool = False) -> float:
    """The header and first row group at the largest table size (or every row at the smallest)."""
    sizes = m.theme.sizes_of("table")
    item = parts_for(m, item, area.w)[0]
    fit = fit_table(m, item, area.w, sizes[-1:] if whole else sizes[:1])
    rows = range(len(item.rows)) if whole else (table_groups(item)[0] if item.rows else [])
    return height(fit, rows)
