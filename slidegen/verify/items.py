"""What a lesson says, and so what its outputs must show: `lesson_items` walks slidegen's own parse of
the lesson and lists its items (title, headings, sentences, list items, code lines, admonition titles,
speaker notes, formulas, footnotes; each with its lesson line and the outputs that must carry it) and its
table rows (the header too). A formula is an item of its own (its TeX), not text: a sentence or a cell is
read without its formulas, since each output sets a formula as an equation or a picture, not as words. A
footnote's text is an item of its own too (once, at its first reference); its mark, a number, is read
as part of the sentence or cell, as both outputs show it. The check computes them once per lesson and
hands them to every comparison."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..model import (
    Admonition,
    Code,
    Inline,
    Lesson,
    ListBlock,
    Notes,
    Paragraph,
    Quote,
    Run,
    Section,
    SourcePos,
    Table,
    plain_text,
)
from .text import norm, sentences, short

DECK_AND_HANDOUT = ("deck", "handout")
FORMULA_KINDS = {False: "formula", True: "display formula"}


def prose(runs: Inline) -> str:
    """The runs' text without their formulas (a space where each stood)."""
    return plain_text(tuple(Run(" ") if run.math else run for run in runs))


@dataclass(frozen=True)
class Item:
    """One thing the lesson says, as plain text, and the outputs that must show it."""

    kind: str  # title | heading | sentence | list item | code line | admonition title | note | footnote | formula | display formula
    text: str  # a formula's TeX
    pos: SourcePos
    outputs: tuple[str, ...] = DECK_AND_HANDOUT

    def missing_line(self) -> str:
        return f"{self.pos}: missing {self.kind}: {short(self.text)}"


@dataclass(frozen=True)
class RowItem:
    """A table row (the header too) as its cells' texts; `label` is the group's first cell for a row
    that continues a group (its own first cell is empty, and a continuation slide may repeat it)."""

    cells: tuple[str, ...]
    pos: SourcePos
    label: str = ""

    @property
    def wanted(self) -> tuple[str, ...]:
        return tuple(n for n in map(norm, self.cells) if n)

    def missing_line(self) -> str:
        return f"{self.pos}: missing table row: {short(' | '.join(c for c in self.cells if c.strip()))}"


class LessonItems(NamedTuple):
    """Everything the outputs must carry: text items and table rows, in lesson order."""

    items: list[Item]
    rows: list[RowItem]


class _Collector:
    """Walks the lesson model with one handler per block kind and collects its items and rows."""

    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        self.items: list[Item] = []
        self.rows: list[RowItem] = []
        self.footnotes_seen: set[str] = set()  # the numbers of the footnotes already collected

    def add(self, kind: str, text: str, pos: SourcePos, outputs: tuple[str, ...] = DECK_AND_HANDOUT) -> None:
        if norm(text):
            self.items.append(Item(kind, " ".join(text.split()), pos, outputs))

    def add_sentences(self, kind: str, runs: Inline, pos: SourcePos) -> None:
        for sentence in sentences(prose(runs)):
            self.add(kind, sentence, pos)
        self.add_formulas(runs, pos)

    def add_formulas(self, runs: Inline, pos: SourcePos) -> None:
        for run in runs:
            if run.math:
                self.items.append(Item(FORMULA_KINDS[run.display], run.math, pos))
            if run.note and run.text not in self.footnotes_seen:
                self.footnotes_seen.add(run.text)
                self.add_sentences("footnote", run.note, pos)

    def collect(self) -> _Collector:
        self.add("title", self.lesson.title, SourcePos(str(self.lesson.source), 1))
        self.blocks(self.lesson.preamble)
        for section in self.lesson.sections:
            self.section(section)
        return self

    def section(self, section: Section) -> None:
        self.add("heading", section.title_text, section.pos)
        self.blocks(section.blocks)
        for sub in section.subsections:
            self.section(sub)

    def blocks(self, blocks) -> None:
        for block in blocks:
            handler = _COLLECT.get(type(block))
            if handler is not None:
                handler(self, block)

    def paragraph(self, block: Paragraph) -> None:
        self.add_sentences("sentence", block.runs, block.pos)

    def list_block(self, block: ListBlock) -> None:
        for item in block.items:
            self.add_sentences("list item", item.runs, item.pos)
            self.blocks(item.children)

    def table(self, block: Table) -> None:
        self.rows.append(RowItem(tuple(prose(c) for c in block.header), block.pos))
        for cell in block.header:
            self.add_formulas(cell, block.pos)
        label = ""
        for row in block.rows:
            cells = tuple(prose(c) for c in row.cells)
            for cell in row.cells:
                self.add_formulas(cell, row.pos)
            if not row.continues_group:
                label = cells[0] if cells else ""
            self.rows.append(RowItem(cells, row.pos, label if row.continues_group else ""))

    def code(self, block: Code) -> None:
        first = block.pos.line + (1 if block.fenced else 0)  # a fenced block's code starts below its fence
        for offset, line in enumerate(block.lines):
            self.add("code line", line, SourcePos(block.pos.file, first + offset))

    def admonition(self, block: Admonition) -> None:
        self.add("admonition title", prose(block.title), block.pos)
        self.add_formulas(block.title, block.pos)
        self.blocks(block.blocks)

    def quote(self, block: Quote) -> None:
        self.blocks(block.blocks)

    def notes(self, block: Notes) -> None:
        self.add("note", block.text, block.pos, outputs=("deck",))


_COLLECT = {
    Paragraph: _Collector.paragraph,
    ListBlock: _Collector.list_block,
    Table: _Collector.table,
    Code: _Collector.code,
    Admonition: _Collector.admonition,
    Quote: _Collector.quote,
    Notes: _Collector.notes,
}


def lesson_items(lesson: Lesson) -> LessonItems:
    """Everything the outputs must carry: text items and table rows, each with its lesson line."""
    collector = _Collector(lesson).collect()
    return LessonItems(collector.items, collector.rows)
