"""A picture beside its text: a run that is one picture and a short text is set in the two content
layout, the picture in one column and the text in the other (in the order the lesson gives them; a
caption stays under its picture), when that shows the picture larger than stacking does (by
`LARGER_BY`, in area, than the picture stacked with its text on one slide). The text must fit its
column whole at the run's body size or a smaller body size; otherwise the run is stacked as always.
"""
from __future__ import annotations

from collections.abc import Callable

from ..metrics import Metrics
from ..model import Box, Image, ImageFrame, Notes, TextFrame, TextPara
from . import image as pictures
from .flow import Flow
from .footnotes import marks_in
from .items import FlowItem, TextGroup, is_caption

LARGER_BY = 1.25  # the picture beside its text must be this much larger (area) than stacked
COLUMNS = ("two content.left", "two content.right")


def parts(items: list[FlowItem]) -> tuple[Image, list[TextPara], tuple[TextPara, ...], bool] | None:
    """(picture, text paragraphs, caption paragraphs, picture first) of a run that is one picture
    (found on disk) with text only; None for any other run."""
    content = [item for item in items if not isinstance(item, Notes)]
    if marks_in(content):  # footnotes stay with the stacked flow, which makes room for them
        return None
    found = [i for i, item in enumerate(content) if isinstance(item, Image)]
    if len(found) != 1 or content[found[0]].path is None:
        return None
    at = found[0]
    others = content[:at] + content[at + 1:]
    if not others or not all(isinstance(item, TextGroup) for item in others):
        return None
    following = content[at + 1] if at + 1 < len(content) else None
    caption = following.paras if isinstance(following, TextGroup) and is_caption(following) else ()
    text = [para for item in others if not (caption and item is following) for para in item.paras]
    return (content[at], text, caption, at == 0) if text else None


def stacked_area(m: Metrics, picture: Image, text: list[TextPara], caption: tuple[TextPara, ...], area: Box,
                 size: float) -> float:
    """The picture's area when stacked with its text and caption on one slide, at the run's size."""
    gap = m.sp["frame_gap"]
    room = area.h - m.paras_height(text, area.w, size) - gap
    if caption:
        room -= m.paras_height(caption, area.w, size) + gap
    shape = pictures.ratio(picture)
    w = max(0.0, min(area.w, room / shape))
    return w * w * shape


def text_size(m: Metrics, paras: list[TextPara], column: Box, largest: float) -> float | None:
    """The largest body size up to `largest` at which the text fits its column whole."""
    for size in (s for s in m.theme.sizes_of("body") if s <= largest):
        if m.paras_height(paras, column.w, size) <= column.h:
            return size
    return None


def picture_box(m: Metrics, picture: Image, column: Box, below: float) -> Box:
    """The picture as large as its column allows, leaving `below` for its caption; centred across."""
    shape = pictures.ratio(picture)
    w = min(column.w, (column.h - below) / shape)
    return Box(column.x + (column.w - w) / 2, column.y, w, w * shape)


def or_stacked(m: Metrics, items: list[FlowItem], stacked: Flow, image_text: Callable[[Image], str]) -> Flow:
    """The run as one two-content slide when that shows its picture better, else `stacked`."""
    found = parts(items)
    if found is None or stacked.area != m.theme.box("content.body") or not all(b in m.theme.boxes for b in COLUMNS):
        return stacked
    picture, text, caption, picture_first = found
    left, right = (m.theme.box(name) for name in COLUMNS)
    picture_column, text_column = (left, right) if picture_first else (right, left)
    size = text_size(m, text, text_column, stacked.size)
    if size is None:
        return stacked
    caption_h = m.paras_height(caption, picture_column.w, size) + m.sp["frame_gap"] if caption else 0.0
    if caption_h > picture_column.h * (1 - pictures.LEAST_SHARE):  # a caption that leaves the picture too little room
        return stacked
    box = picture_box(m, picture, picture_column, caption_h)
    if box.w * box.h < LARGER_BY * stacked_area(m, picture, text, caption, stacked.area, stacked.size):
        return stacked
    return two_columns(m, items, stacked, image_text, size, picture, box, text, text_column, caption)


def two_columns(m: Metrics, items: list[FlowItem], stacked: Flow, image_text, size: float, picture: Image,
                box: Box, text: list[TextPara], column: Box, caption: tuple[TextPara, ...]) -> Flow:
    flow = Flow(m, stacked.area, size, image_text)
    page = flow.page
    text_frame = TextFrame(tuple(text), Box(column.x, column.y, column.w, m.paras_height(text, column.w, size)), size)
    picture_frames = [ImageFrame(picture, box)]
    if caption:  # as wide as the picture's column, where its height was measured
        top, picture_column = box.bottom + m.sp["frame_gap"], m.theme.box(COLUMNS[0 if column.x > box.x else 1])
        picture_frames.append(TextFrame(caption, Box(picture_column.x, top, picture_column.w,
                                                     m.paras_height(caption, picture_column.w, size)), size))
    page.frames = [*picture_frames, text_frame] if column.x > box.x else [text_frame, *picture_frames]
    page.y = max(frame.box.bottom for frame in page.frames)
    page.notes = [item.text for item in items if isinstance(item, Notes)]
    return flow
