"""Overflow in the paginated deck model: `model_overflow` re-measures every box the paginator placed
with the paginator's own `Metrics` (slide titles, text, admonition, code and image boxes, table rows,
the footer) and checks that every box lies inside the slide. A consistency check: it should find
nothing. `too_tall` and `EPSILON_PT` are shared with the measure of the built file."""
from __future__ import annotations

from ..measure import Piece, line_height
from ..metrics import Metrics, row_heights
from ..model import (
    Box,
    CalloutFrame,
    CodeFrame,
    Deck,
    ImageFrame,
    Layout,
    Run,
    SourcePos,
    Table,
    TableFrame,
    TextFrame,
    TextPara,
)

EPSILON_PT = 0.5  # rounding slack for the model's own measurements
_TITLE_BOX = {Layout.TITLE: "title.title", Layout.SECTION: "section.title", Layout.CLOSING: "closing.title"}


def model_overflow(deck: Deck, theme) -> list[str]:
    """Every box of the paginated deck re-measured with the paginator's `Metrics`: titles, frames,
    table rows and the footer fit their boxes, and every box lies inside the slide."""
    m = Metrics(theme)
    problems: list[str] = []
    for number, slide in enumerate(deck.slides, start=1):
        where = f"{slide.pos}: slide {number}"
        title_box = theme.box(_TITLE_BOX.get(slide.layout, "content.title"))
        need = m.paras_height((TextPara(slide.title, style="heading"),), title_box.w, slide.title_pt)
        problems += too_tall(where, "title", need, title_box.h)
        for frame in slide.frames:
            problems += frame_problems(m, frame, _frame_pos(frame, slide), number)
            problems += _outside_slide(f"{where}: {_frame_name(frame)}", frame.box, deck)
    if deck.footer and not m.fits_lines((Run(deck.footer),), theme.box("footer.text"), deck.footer_pt, 1):
        problems.append(f"{deck.lesson.source}:1: the footer does not fit its box on one line")
    return problems


def frame_problems(m: Metrics, frame, pos: SourcePos, number: int) -> list[str]:
    if isinstance(frame, TableFrame):
        return _table_problems(m, frame, number)
    return too_tall(f"{pos}: slide {number}", _frame_name(frame), frame_needs(m, frame), frame.box.h)


def frame_needs(m: Metrics, frame) -> float:
    """The height a frame's content needs at its size and width, measured as the paginator measures."""
    sp = m.sp
    if isinstance(frame, TextFrame):
        return m.paras_height(frame.paras, frame.box.w, frame.size_pt)
    if isinstance(frame, CalloutFrame):
        title = TextPara(frame.title, style="heading")
        return m.paras_height((title,) + frame.paras, frame.box.w - 2 * sp["box_pad"], frame.size_pt) + 2 * sp["box_pad"]
    if isinstance(frame, CodeFrame):
        avail = m.usable(frame.box.w - 2 * sp["box_pad"])
        lh = line_height(m.mono, frame.size_pt)
        lines = sum(m.wrap([Piece(line, m.mono)], avail, frame.size_pt).lines for line in frame.lines)
        return (lines + (1 if frame.title else 0)) * lh + 2 * sp["box_pad"] + 2 * sp["inset_y"]
    if isinstance(frame, ImageFrame) and frame.image.path is None:
        para = TextPara((Run(frame.caption),), style="meta")
        return m.paras_height((para,), frame.box.w - 2 * sp["box_pad"], frame.size_pt) + 2 * sp["box_pad"]
    return 0.0  # a picture: no text


def _table_problems(m: Metrics, frame: TableFrame, number: int) -> list[str]:
    table = Table(frame.header, frame.align, frame.rows, frame.pos)
    needs = row_heights(m, table, frame.col_widths, frame.size_pt)
    where = f"{frame.pos}: slide {number}"
    problems = []
    for index, (need, have) in enumerate(zip(needs, frame.row_heights)):
        row_where = f"{frame.rows[index - 1].pos}: slide {number}" if index else where
        problems += too_tall(row_where, "table row" if index else "table header", need, have)
    problems += too_tall(where, "table", sum(frame.row_heights), frame.box.h)
    if sum(frame.col_widths) > frame.box.w + EPSILON_PT:
        problems.append(f"{where}: table is {sum(frame.col_widths):.1f} pt wide in a {frame.box.w:.1f} pt box")
    return problems


def too_tall(where: str, name: str, need: float, have: float) -> list[str]:
    """One problem line when `need` exceeds `have` by more than the rounding slack; else none."""
    if need <= have + EPSILON_PT:
        return []
    return [f"{where}: {name} needs {need:.1f} pt but its box is {have:.1f} pt tall"]


def _outside_slide(where: str, box: Box, deck: Deck) -> list[str]:
    e = EPSILON_PT
    if box.x >= -e and box.y >= -e and box.x + box.w <= deck.width + e and box.bottom <= deck.height + e:
        return []
    return [f"{where} lies outside the slide ({box.x:.0f}, {box.y:.0f}, {box.w:.0f} × {box.h:.0f} pt)"]


def _frame_pos(frame, slide) -> SourcePos:
    if isinstance(frame, TextFrame):
        return next((p.pos for p in frame.paras if p.pos is not None), slide.pos)
    if isinstance(frame, ImageFrame):
        return frame.image.pos
    return frame.pos


def _frame_name(frame) -> str:
    return {TextFrame: "text box", CalloutFrame: "admonition box", CodeFrame: "code box", ImageFrame: "image box",
            TableFrame: "table"}[type(frame)]
