"""Footnotes on slides: the notes a slide's text refers to, in small type at the foot of that slide.

A footnote mark is a run carrying its note (`Run.note`). The flow keeps the marks of what stands on
each page and reserves the height of their notes at the bottom of its area (`Flow.notes_room`), so the
content above never runs into them; when the page is done, `notes_frame` sets the notes there as one
text frame, in the order of their numbers. A note is shown on each slide whose text refers to it; a
continuation slide repeats nothing of the slide before.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..metrics import Metrics
from ..model import LINE_BREAK, Box, Run, TextFrame, TextPara

NOTE_SIZE = 14.0  # pt, when the theme gives no `footnote` size


def marks_in(thing: object) -> list[Run]:
    """The footnote marks in an item, a frame, paragraphs or runs, in reading order."""
    return list(_marks(thing))


def _marks(thing: object) -> Iterator[Run]:
    if type(thing) is Run:
        if thing.note:
            yield thing
    elif isinstance(thing, (tuple, list)):
        if thing and isinstance(thing[0], str):  # a code frame's lines, a table's alignments
            return
        for part in thing:
            yield from _marks(part)
    elif not isinstance(thing, (str, int, float, type(None))):
        for name in getattr(type(thing), "__dataclass_fields__", ()):  # faster than dataclasses.fields
            value = getattr(thing, name)
            if isinstance(value, (tuple, list, Run)) or hasattr(type(value), "__dataclass_fields__"):
                yield from _marks(value)


def note_size(m: Metrics) -> float:
    sizes = m.theme.sizes_of("footnote", optional=True)
    return sizes[0] if sizes else NOTE_SIZE


def note_paras(marks: Iterable[Run]) -> tuple[TextPara, ...]:
    """The notes as one paragraph, a line each by number: the number set super, then the note's text
    (lines, not paragraphs: the space between paragraphs would cost a slide's notes a line or two)."""
    notes = {mark.text: mark.note for mark in marks}
    runs: list[Run] = []
    for number in sorted(notes, key=lambda text: int(text) if text.isdigit() else 0):
        runs.extend((*([LINE_BREAK] if runs else []), Run(number, script="super"), Run(" "), *notes[number]))
    return (TextPara(tuple(runs), style="footnote"),) if runs else ()


def notes_height(m: Metrics, marks: Iterable[Run], width: float) -> float:
    """The height of the notes of `marks` set in one frame of `width` (0 when there are none)."""
    paras = note_paras(marks)
    return m.paras_height(paras, width, note_size(m)) if paras else 0.0


def notes_frame(m: Metrics, marks: Iterable[Run], area: Box) -> TextFrame | None:
    """The notes of a page's marks as one frame at the bottom of `area`; None when there are none."""
    paras = note_paras(marks)
    if not paras:
        return None
    size = note_size(m)
    h = m.paras_height(paras, area.w, size)
    return TextFrame(paras, Box(area.x, area.bottom - h, area.w, h), size)
