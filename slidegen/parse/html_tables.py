"""An HTML `<table>` written in a lesson (READMEs and course pages use them for what a Markdown table
cannot hold) read as a table of the model: its rows of `<th>`/`<td>` cells, the first row the header,
each cell's inner HTML read as inline text (`<code>`, `<b>`, links kept). A table inside a cell is read
as that cell's text; `colspan` repeats nothing (the row is padded with empty cells)."""
from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from ..model import Inline, SourcePos, Table, TableRow

# one table, perhaps inside wrappers that only place it (`<div align="center">`, `<p>`, `<center>`)
_WHOLE_TABLE = re.compile(r"^\s*(?:<(?:div|p|center)\b[^<>]*>\s*)*<table\b.*</table>\s*(?:</(?:div|p|center)>\s*)*$",
                          re.DOTALL | re.IGNORECASE)
_CELL_TAGS = ("td", "th")
_BLOCK_INSIDE = re.compile(r"</?(?:p|div|br|ul|ol|li|table|tr|td|th|thead|tbody)\b[^<>]*>", re.IGNORECASE)


def is_html_table(content: str) -> bool:
    """The block is one `<table>…</table>` (in wrappers that only place it) and nothing else."""
    return bool(_WHOLE_TABLE.match(content)) and content.lower().count("<table") == content.lower().count("</table")


class _CellReader(HTMLParser):
    """Rows of (is header, inner HTML) cells of the outermost table."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.rows: list[list[tuple[bool, str]]] = []
        self.cell: list[str] | None = None
        self.header = False
        self.depth = 0  # tables open: cells of inner tables are text of the outer cell

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
        if self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in _CELL_TAGS:
            self.close_cell()
            self.cell, self.header = [], tag == "th"
        elif self.cell is not None:
            self.cell.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if self.depth == 1 and tag in _CELL_TAGS + ("tr",):
            self.close_cell()
        elif self.cell is not None:
            self.cell.append(f"</{tag}>")
        if tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def close_cell(self) -> None:
        if self.cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append((self.header, "".join(self.cell)))
        self.cell = None


def html_table(content: str, pos: SourcePos, inline_text: Callable[[str, SourcePos], Inline]) -> Table | None:
    """The table, or None when it has no cells."""
    reader = _CellReader()
    reader.feed(content)
    reader.close_cell()
    rows = [row for row in reader.rows if row]
    if not rows:
        return None
    width = max(len(row) for row in rows)

    def cells(row: list[tuple[bool, str]]) -> tuple[Inline, ...]:
        texts = [inline_text(" ".join(_BLOCK_INSIDE.sub(" ", html).split()), pos) for _header, html in row]
        return tuple(texts) + ((),) * (width - len(texts))

    header, body = (rows[0], rows[1:])
    return Table(cells(header), (None,) * width, tuple(TableRow(cells(row), pos) for row in body), pos)
