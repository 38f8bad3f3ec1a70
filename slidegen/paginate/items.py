"""Section → flow items: what is placed on slides, one item at a time.

Decides what stays together before anything is measured: a paragraph is a text group; a list item is
one text group with the text of its children; a lead-in ("…:"), a label set all in bold and a heading
travel with the text group after them (`keep_with_next`); code, tables, pictures and boxes inside a
list item become items of their own, set in like the item's text (`Nested`); `---` is a page break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import (
    Admonition,
    Block,
    Code,
    Image,
    Inline,
    ListBlock,
    Notes,
    Paragraph,
    Pause,
    Quote,
    Run,
    Section,
    SourcePos,
    Table,
    TextPara,
    ThematicBreak,
    plain_text,
)

BULLETS = ("•", "–", "◦", "▪")
MAX_LEVEL = 6  # deeper list levels are shown at this indent, so text keeps a usable width
MAX_BOX_DEPTH = 3  # boxes drawn inside boxes on a slide: each takes a title line and padding from the
# next, and 200 nested ones ran off the slide; a deeper box is set as its bold title and its content


@dataclass(frozen=True)
class TextGroup:
    paras: tuple[TextPara, ...]
    keep_with_next: bool = False


@dataclass(frozen=True)
class CalloutGroup:
    kind: str
    title: Inline
    paras: tuple[TextPara, ...]
    pos: SourcePos


@dataclass(frozen=True)
class BoxGroup:
    """A box holding more than text (code, a table, a picture, a list with those): its items are set
    inside it, in order, and it continues as a box on the next slide when it is taller than one."""

    kind: str
    title: Inline
    items: tuple[FlowItem, ...]
    pos: SourcePos


@dataclass(frozen=True)
class PageBreak:
    pos: SourcePos


@dataclass(frozen=True)
class Nested:
    """A code block, table, picture or box inside a list item: set in from the left like the item's text."""
    item: FlowItem
    level: int


FlowItem = TextGroup | CalloutGroup | BoxGroup | Table | Code | Image | PageBreak | Notes | Nested


def unwrap(item: FlowItem | None) -> FlowItem | None:
    return item.item if isinstance(item, Nested) else item


def flatten(blocks: tuple[Block, ...], level: int = 0, style: str = "body") -> list[FlowItem]:
    """Blocks → flow items. Text inside lists and quotes becomes paragraphs with a level and style;
    anything that is not text (code, a table) inside them becomes an item of its own."""
    items: list[FlowItem] = []
    for block in blocks:
        items.extend(_FLATTEN[type(block)](block, level, style))
    return merge_keep_with_next(items)


def _flatten_paragraph(block: Paragraph, level: int, style: str) -> list[FlowItem]:
    para = TextPara(block.runs, min(level, MAX_LEVEL), None, style, block.pos)
    return [TextGroup((para,), keep_with_next=introduces_next(block.runs))]


def introduces_next(runs: Inline) -> bool:
    """A lead-in ("…:") or a label set all in bold (`**Step 1**`, a tab's label) belongs with what follows."""
    text = plain_text(runs).strip()
    visible = [run for run in runs if run.text.strip()]
    return text.endswith(":") or (bool(visible) and len(text) <= 80 and all(run.bold for run in visible))


def _flatten_list(block: ListBlock, level: int, style: str) -> list[FlowItem]:
    items: list[FlowItem] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}." if block.ordered else bullet(level, item.checked)
        group = [TextPara(task_runs(item.checked) + item.runs, min(level, MAX_LEVEL), marker, style, item.pos)]
        rest: list[FlowItem] = []
        for child in flatten(item.children, level + 1, style):
            if isinstance(child, TextGroup) and not rest:
                group.extend(child.paras)
            else:
                rest.append(child)
        # an item's own code, table or picture follows it onto the slide, like what a lead-in introduces
        introduces = bool(rest) and not isinstance(rest[0], (Notes, PageBreak))
        items.append(TextGroup(tuple(group), keep_with_next=introduces))
        items.extend(rest)
    return items


CAPTION_WORDS = re.compile(r"^(?:Figure|Fig\.|Table|(?:Image|Photo|Picture)(?:\s+(?:source|credit)s?)?|Source|Credits?"
                           r"|그림|표|사진|도표|(?:이미지|그림|사진)\s*출처|이미지|출처)\s*[\d.:]", re.IGNORECASE)


CAPTION_CHARS = 400  # an italic paragraph under a picture longer than this is text, not its caption
# the line under a code block that names it as a numbered listing ("Listing 3-1: …", "예제 3-1: …")
CODE_CAPTION = re.compile(r"^(?:Listing|Code|Example|예제|코드|리스트)\s*\d+(?:[.-]\d+)*\s*[:.]", re.IGNORECASE)


def is_caption(group: TextGroup) -> bool:
    """A short line under a picture that names it: "Figure 3. …", "그림 4 …", or set all in italics."""
    if len(group.paras) != 1:
        return False
    runs = group.paras[0].runs
    text = plain_text(runs).strip()
    visible = [run for run in runs if run.text.strip()]
    named, italic = bool(CAPTION_WORDS.match(text)), all(run.italic for run in visible)
    return 0 < len(text) <= (CAPTION_CHARS if italic else 200) and (named or italic)


def is_code_caption(group: TextGroup) -> bool:
    """A short line under a code block that numbers it as a listing ("Listing 3-1: …", "예제 3-1: …")."""
    if len(group.paras) != 1:
        return False
    text = plain_text(group.paras[0].runs).strip()
    return len(text) <= 200 and bool(CODE_CAPTION.match(text))


def bullet(level: int, checked: bool | None) -> str | None:
    """A list item's marker: none for a task (its box is text: `task_runs`), else the bullet of its level."""
    if checked is not None:
        return None
    return BULLETS[level % len(BULLETS)]


def task_runs(checked: bool | None) -> Inline:
    """A task's box as text, "[x] " or "[ ] " in the code face, as the handout writes it: a bullet
    character is drawn but not read (a screen reader, a copy of the slide's text, the checker would
    lose whether the task is done)."""
    if checked is None:
        return ()
    return (Run("[x]" if checked else "[ ]", code=True), Run(" "))


def _flatten_quote(block: Quote, level: int, style: str) -> list[FlowItem]:
    return flatten(block.blocks, level, "quote")


def within_box_depth(blocks: tuple[Block, ...], depth: int = 1) -> tuple[Block, ...]:
    """`blocks` inside a box `depth` deep, the boxes among them deeper than `MAX_BOX_DEPTH` replaced by
    their title (bold, as a paragraph) and their content."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Admonition):
            out.append(block)
            continue
        inner = within_box_depth(block.blocks, depth + 1)
        if depth < MAX_BOX_DEPTH:
            out.append(replace(block, blocks=inner))
            continue
        title = block.title or (Run(block.kind.capitalize()),)
        out.extend((Paragraph(tuple(replace(run, bold=True) for run in title), block.pos), *inner))
    return tuple(out)


def _flatten_admonition(block: Admonition, level: int, style: str) -> list[FlowItem]:
    inner = flatten(within_box_depth(block.blocks), 0, "body")
    notes = [item for item in inner if isinstance(item, Notes)]
    content = [item for item in inner if not isinstance(item, Notes)]
    if all(isinstance(item, TextGroup) for item in content):
        paras = tuple(p for item in content for p in item.paras)
        return [_nested(CalloutGroup(block.kind, block.title, paras, block.pos), level), *notes]
    return [_nested(BoxGroup(block.kind, block.title, tuple(content), block.pos), level), *notes]


def _flatten_self(block, level: int, style: str) -> list[FlowItem]:
    return [block if isinstance(block, Notes) else _nested(block, level)]


def _nested(item: FlowItem, level: int) -> FlowItem:
    return Nested(item, level) if level > 0 else item


def _flatten_break(block: ThematicBreak, level: int, style: str) -> list[FlowItem]:
    return [PageBreak(block.pos)]


def _flatten_pause(block: Pause, level: int, style: str) -> list[FlowItem]:
    """A pause is not placed: it never changes where slides split (`builds` reads it off the lesson)."""
    return []


_FLATTEN = {
    Paragraph: _flatten_paragraph,
    ListBlock: _flatten_list,
    Quote: _flatten_quote,
    Admonition: _flatten_admonition,
    Table: _flatten_self,
    Code: _flatten_self,
    Image: _flatten_self,
    Notes: _flatten_self,
    ThematicBreak: _flatten_break,
    Pause: _flatten_pause,
}


def merge_keep_with_next(items: list[FlowItem]) -> list[FlowItem]:
    """A lead-in ("주요 사례:") or a heading travels with the text group after it."""
    out: list[FlowItem] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(prev, TextGroup) and prev.keep_with_next and isinstance(item, TextGroup):
            out[-1] = TextGroup(prev.paras + item.paras, item.keep_with_next)
        else:
            out.append(item)
    return out


def heading_group(section: Section) -> TextGroup:
    runs = tuple(replace(r, bold=True) for r in section.title)
    return TextGroup((TextPara(runs, 0, None, "heading", section.pos),), keep_with_next=True)


def section_items(section: Section) -> list[FlowItem]:
    """A section's own blocks; deeper headings become bold lines in the same flow."""
    items = flatten(section.blocks)
    for sub in section.subsections:
        items.extend(merge_keep_with_next([heading_group(sub)] + section_items(sub)))
    return merge_keep_with_next(items)
