"""A built deck read back and compared with its lesson: `read_deck` takes the text of every shape
(grouped shapes too), of every table cell, every native table row and the notes of every slide
(python-pptx); `check_deck` finds each item on the slides (a note in the notes), a paragraph the
paginator continued on the next slide across the two shapes (`found_in`), and each table row as a
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
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    cells = tuple(norm(cell.text_frame.text) for cell in row.cells)
                    deck.rows.append(cells)
                    deck.segments.extend(cells)
        deck.equations.extend(equation_texts(slide._element))
        if slide.has_notes_slide:
            deck.notes.append(norm(slide.notes_slide.notes_text_frame.text))
    return deck


def found_in(needle: str, segments: list[str]) -> bool:
    """`needle` inside one segment, or continued from the end of one segment into the start of another
    (a paragraph the paginator split between slides; a sentence too long for one slide may also span
    a whole segment in between)."""
    if any(needle in segment for segment in segments):
        return True
    starts = {needle[:k] for k in range(1, len(needle))}
    for segment in segments:
        for k in range(min(len(segment), len(needle) - 1), 0, -1):
            if needle[:k] in starts and segment.endswith(needle[:k]) and _continues(needle[k:], segments, 2):
                return True
    return False


def _continues(rest: str, segments: list[str], depth: int) -> bool:
    if any(segment.startswith(rest) for segment in segments):
        return True
    return depth > 0 and any(segment and rest.startswith(segment) and _continues(rest[len(segment):], segments, depth - 1)
                             for segment in segments if len(segment) < len(rest))


def row_found(row: RowItem, deck_rows: list[tuple[str, ...]]) -> bool:
    """A native table row with the row's non-empty cells in order; a row continuing a group may show
    the group's label in its first cell (repeated on a continuation slide)."""
    wanted = row.wanted
    with_label = (norm(row.label),) + wanted if row.label else None
    for cells in deck_rows:
        got = tuple(c for c in cells if c)
        if got == wanted or (with_label is not None and got == with_label):
            return True
    return False


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
    report.missing = ([i for i in on_slides if not found_in(norm(i.text), deck.segments)]
                      + [i for i in notes if not found_in(norm(i.text), deck.notes)]
                      + (missing_equations(formulas, deck.equations) if formulas else []))
    report.tex_shown = shown_as_tex(formulas, deck.segments)
    report.rows = len(rows)
    report.missing_rows = [r for r in rows if not row_found(r, deck.rows)]
    report.invalid = open_xml_errors(path)
    return report
