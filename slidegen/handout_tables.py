"""Tables too wide for the handout's page, cut into column parts (as the deck cuts them for a slide).

WeasyPrint gives every column of a table at least its longest word that may not break; when those
least widths add up to more than the text width, the columns past the edge fall off the page (a
table of 200 short columns showed 22). Such a table is shown in parts instead, in the lesson's order:
each part repeats the first (key) column and the header, and says which of the table's columns it
shows. A table whose columns fit is one part, drawn exactly as before.

Widths are measured with the real font metrics (`measure.face`), at the sizes `handout.css` sets;
`TableLook` holds those numbers (a test reads them back from the stylesheet). The template only draws
the parts it is given (`table.html`)."""
from __future__ import annotations

from dataclasses import dataclass

from .measure import Style, face
from .model import Admonition, Block, Inline, ListBlock, Quote, Table
from .paginate.table import columns_of

MM = 72 / 25.4


@dataclass(frozen=True)
class TableLook:
    """The handout's numbers a table's width depends on, in points (as in handout.css)."""

    text_width: float = (210 - 2 * 20) * MM  # A4 less `@page` margins 20 mm each side
    size: float = 9.0  # table.lesson-table font-size
    cell_pad: float = 2 * 2 * MM + 0.5  # th/td padding 2 mm each side, plus a collapsed 0.5 pt border
    list_inset: float = 6 * MM  # ul, ol padding-left
    box_inset: float = 2 * 4 * MM + 3  # .admonition padding 4 mm each side, 3 pt left border
    quote_inset: float = 4 * MM + 2.5  # blockquote padding-left 4 mm, 2.5 pt left border
    family: str = "Noto Sans CJK KR"
    mono: str = "Noto Sans Mono CJK KR"
    code_scale: float = 0.9  # inline code is 0.9em
    comfort_ems: float = 8.0  # in a part, a column of prose asks for up to this many ems before it wraps


LOOK = TableLook()


@dataclass(frozen=True)
class TablePart:
    """One part of a table: `table` holds the key column and the lesson's columns `first`..`last`
    (1-based; the first part's `first` is 1, the key column itself), of `total`."""

    table: Table
    first: int
    last: int
    total: int
    number: int
    count: int

    @property
    def long(self) -> int:
        """Words longer than this may break anywhere; shorter ones set their column's least width.
        Together those least widths fit the text width (about 100 Latin characters of 9 pt text)."""
        return long_word_limit(self.table.columns)


def long_word_limit(columns: int) -> int:
    return max(100 // max(columns, 1), 12)


# ------------------------------------------------------------------------------------------ widths


def table_widths(blocks, look: TableLook = LOOK) -> dict[int, float]:
    """{id(table): the width it is drawn in} for the tables among `blocks` (and inside their lists,
    boxes and quotes)."""
    found: dict[int, float] = {}

    def visit(items, width: float) -> None:
        for block in items:
            if isinstance(block, Table):
                found[id(block)] = width
            elif isinstance(block, Admonition):
                visit(block.blocks, width - look.box_inset)
            elif isinstance(block, Quote):
                visit(block.blocks, width - look.quote_inset)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    visit(item.children, width - look.list_inset)

    visit(blocks, look.text_width)
    return found


class _Column:
    """A column's words as (characters, width in points), and its widest line."""

    def __init__(self, cells: list[tuple[Inline, bool]], look: TableLook):
        self.words: list[tuple[int, float]] = []
        self.widest_char = 0.0
        self.natural = 0.0
        for runs, bold in cells:
            line = 0.0
            for run in runs:
                if run.is_break:
                    self.natural, line = max(self.natural, line), 0.0
                    continue
                size = look.size * (look.code_scale if run.code else 1.0)
                metrics = face(Style(look.mono if run.code else look.family, bold or run.bold))
                if run.math:
                    from .metrics import formula_box

                    wide = formula_box(run.math, run.display, metrics.line_height)[0] * size
                    self.words.append((1, wide))
                    line += wide
                    continue
                line += metrics.width(run.text) * size
                for word in run.text.split():
                    self.words.append((len(word), metrics.width(word) * size))
                    if len(word) > 12:  # may break anywhere at some limit: its widest character then
                        self.widest_char = max(self.widest_char,
                                               max(metrics.width(ch) for ch in set(word)) * size)
            self.natural = max(self.natural, line)

    def least(self, long: int, pad: float) -> float:
        """The narrowest WeasyPrint sets the column: its widest word that may not break."""
        whole = max((w for chars, w in self.words if chars <= long), default=0.0)
        return pad + max(whole, self.widest_char)

    def wanted(self, long: int, look: TableLook) -> float:
        """What the column asks for in a part: its text on one line, up to `comfort_ems`."""
        least = self.least(long, look.cell_pad)
        return max(least, min(look.cell_pad + self.natural, look.cell_pad + look.comfort_ems * look.size))


def _columns(table: Table, look: TableLook) -> list[_Column]:
    rows = [(table.header, True)] + [(row.cells, False) for row in table.rows]
    return [_Column([(cells[c] if c < len(cells) else (), bold) for cells, bold in rows], look)
            for c in range(table.columns)]


# ------------------------------------------------------------------------------------------ parts


def table_parts(table: Table, width: float | None = None, look: TableLook = LOOK) -> list[TablePart]:
    """The table whole when its columns' least widths fit `width`, else in parts that each fit: the
    key column, then as many of the next columns as fit beside it (at least one)."""
    width = look.text_width if width is None else width
    n = table.columns
    whole = [TablePart(table, 1, n, n, 1, 1)]
    if n <= 2:
        return whole
    columns = _columns(table, look)
    if sum(c.least(long_word_limit(n), look.cell_pad) for c in columns) <= width:
        return whole
    groups: list[list[int]] = []
    current: list[int] = []
    for c in range(1, n):
        trial = [0, *current, c]
        long = long_word_limit(len(trial))
        if current and sum(columns[i].wanted(long, look) for i in trial) > width:
            groups.append(current)
            current = [c]
        else:
            current.append(c)
    groups.append(current)
    count = len(groups)
    return [TablePart(columns_of(table, (0, *group)), 1 if number == 1 else group[0] + 1, group[-1] + 1, n,
                      number, count)
            for number, group in enumerate(groups, 1)]


def lesson_table_widths(lesson, look: TableLook = LOOK) -> dict[int, float]:
    """`table_widths` over the whole lesson: its preamble and every section's blocks."""
    from .model import walk_sections

    blocks: list[Block] = list(lesson.preamble)
    for section in walk_sections(lesson.sections):
        blocks.extend(section.blocks)
    return table_widths(blocks, look)
