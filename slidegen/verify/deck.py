"""A built deck read back and compared with its lesson: `read_deck` takes the text of every shape
(grouped shapes too), of every table cell, every native table row and the notes of every slide
(python-pptx); `check_deck` finds each item on the slides (a note in the notes), a paragraph the
paginator continued on the next slides across their shapes (`TextSearch`), and each table row as a
native row (`row_found`); each formula as a native equation (`formulas`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Lesson
from .formulas import equation_texts, formula_items, missing_equations, shown_as_tex
from .items import LessonItems, RowItem, lesson_items
from .openxml import open_xml_errors
from .report import OutputReport, readable
from .text import norm


@dataclass
class DeckText:
    slides: int
    segments: list[str]  # normalized text of every shape on the slides (and of every table cell)
    notes: list[str]  # normalized notes, one per slide
    rows: list[tuple[str, ...]]  # every native table row: its cells' normalized texts
    equations: list[str] = field(default_factory=list)  # every native equation (a14:m): its normalized text
    flow: list[str] = field(default_factory=list)  # the text shapes that may continue one another, in order:
    # every text shape but titles, footers, slide numbers, dates and a slide's notes (not table cells)


_NOT_FLOW = {1, 3, 13, 15, 16}  # PP_PLACEHOLDER: TITLE, CENTER_TITLE, SLIDE_NUMBER, FOOTER, DATE


def walk_shapes(shapes):
    """Shapes with grouped shapes flattened."""
    for shape in shapes:
        if getattr(shape, "shape_type", None) == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from walk_shapes(shape.shapes)
        else:
            yield shape


def read_deck(path: Path) -> DeckText:
    from pptx import Presentation

    prs = Presentation(str(path))
    deck = DeckText(len(prs.slides), [], [], [])
    for slide in prs.slides:
        for shape in walk_shapes(slide.shapes):
            if shape.has_text_frame:
                deck.segments.append(norm(shape.text_frame.text))
                if _in_flow(shape):
                    deck.flow.append(deck.segments[-1])
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    cells = tuple(norm(cell.text_frame.text) for cell in row.cells)
                    deck.rows.append(cells)
                    deck.segments.extend(cells)
        deck.equations.extend(equation_texts(slide._element))
        if slide.has_notes_slide:
            deck.notes.append(norm(slide.notes_slide.notes_text_frame.text))
    return deck


def _in_flow(shape) -> bool:
    if shape.name in ("Title", "Footer", "Slide Number", "Footnotes"):
        return False
    return not (shape.is_placeholder and int(shape.placeholder_format.type or 0) in _NOT_FLOW)


class TextSearch:
    """Finds items in a deck's text in time linear in the text: an item inside one segment, or one the
    paginator continued over consecutive flow segments (a paragraph split between slides, a sentence
    many slides long). Items come in lesson order, which is the deck's: each search starts where the
    last one was found, and only an item found nowhere after it costs a search of the whole text."""

    def __init__(self, segments: list[str], flow: list[str] | None = None):
        self.streams = ["\x00".join(segments), "".join(segments if flow is None else flow)]
        self.cursors = [0, 0]

    def has(self, needle: str) -> bool:
        return any(self.found(k, needle) for k in range(len(self.streams)))

    def found(self, k: int, needle: str) -> bool:
        stream = self.streams[k]
        at = stream.find(needle, self.cursors[k])
        if at < 0:
            at = stream.find(needle, 0, self.cursors[k] + len(needle))
        if at >= 0:
            self.cursors[k] = at
        return at >= 0


def found_in(needle: str, segments: list[str]) -> bool:
    """`needle` inside one segment, or continued from the end of one segment into the next ones (a
    paragraph the paginator split between slides, a sentence spanning any number of slides)."""
    return TextSearch(segments).has(needle)


class RowIndex:
    """The deck's native table rows, their non-empty cells, looked up by content (a row found in constant
    time, so a table of thousands of rows costs linear time) and by first cell (the parts of a row too
    wide for one slide, each part repeating that cell)."""

    def __init__(self, deck_rows: list[tuple[str, ...]]):
        shown = [tuple(c for c in cells if c) for cells in deck_rows]
        self.whole = set(shown)
        self.parts: dict[str, list[tuple[str, ...]]] = {}
        for cells in shown:
            if len(cells) > 1:
                self.parts.setdefault(cells[0], []).append(cells[1:])

    def in_parts(self, wanted: tuple[str, ...]) -> bool:
        """`wanted` shown in column parts: rows starting with its first cell whose other cells, in deck
        order, make up the rest of it."""
        rest, at = wanted[1:], 0
        for tail in self.parts.get(wanted[0], ()) if len(wanted) > 1 else ():
            if rest[at:at + len(tail)] == tail:
                at += len(tail)
                if at == len(rest):
                    return True
        return False


def row_found(row: RowItem, deck_rows: list[tuple[str, ...]] | RowIndex) -> bool:
    """A native table row with the row's non-empty cells in order (or shown in column parts); a row
    continuing a group may show the group's label in its first cell (repeated on a continuation slide)."""
    index = deck_rows if isinstance(deck_rows, RowIndex) else RowIndex(deck_rows)
    wanted = row.wanted
    with_label = (norm(row.label),) + wanted if row.label else None
    return wanted in index.whole or (with_label is not None and with_label in index.whole) or index.in_parts(wanted)


def check_deck(lesson: Lesson, path: Path, wanted: LessonItems | None = None) -> OutputReport:
    """What the deck at `path` lacks of the lesson (`wanted`: the lesson's items, when already listed),
    and its Open XML errors."""
    items, rows = lesson_items(lesson) if wanted is None else wanted
    report = OutputReport("deck", str(path))
    if not readable(path, report, "slidegen slides"):
        return report
    try:
        deck = read_deck(path)
    except Exception as exc:  # noqa: BLE001 -- python-pptx raises several kinds for a damaged package
        report.error = f"{path}: not a readable .pptx ({exc})"
        return report
    formulas = formula_items(items)
    on_slides = [i for i in items if "deck" in i.outputs and i.kind != "note" and i not in formulas]
    notes = [i for i in items if i.kind == "note"]
    report.items = len(on_slides) + len(notes) + len(formulas)
    on_deck, in_notes = TextSearch(deck.segments, deck.flow), TextSearch(deck.notes)
    report.missing = ([i for i in on_slides if not on_deck.has(norm(i.text))]
                      + [i for i in notes if not in_notes.has(norm(i.text))]
                      + (missing_equations(formulas, deck.equations) if formulas else []))
    report.tex_shown = shown_as_tex(formulas, deck.segments, items)
    report.rows = len(rows)
    index = RowIndex(deck.rows)
    report.missing_rows = [r for r in rows if not row_found(r, index)]
    report.invalid = open_xml_errors(path)
    return report
