"""What a lesson says about presenting it, in pandoc's and Quarto's words as well as slidegen's own:
a pause (a line `. . .`, or `<!-- pause -->`), a list that builds item by item (`<!-- build -->` right
before it, or a `::: incremental` block around it) and speaker notes in a `::: notes` block (besides
`<!-- notes: … -->`). Each is recognised from a Markdown node; the slides decide what they mean."""
from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from ..model import Block, ListBlock, ListItem, Notes, Paragraph, Quote, SourcePos, plain_text

PAUSE_COMMENT = re.compile(r"^\s*<!--\s*pause\s*-->\s*$", re.IGNORECASE)
BUILD_COMMENT = re.compile(r"^\s*<!--\s*build\s*-->\s*$", re.IGNORECASE)
PAUSE_LINE = ". . ."
NOTES_KIND = "notes"
INCREMENTAL_KIND = "incremental"


def is_pause_line(source: str) -> bool:
    """A paragraph that is only pandoc's pause, `. . .`."""
    return source.strip() == PAUSE_LINE


def builds(list_node: SyntaxTreeNode) -> bool:
    """A list written right after `<!-- build -->`."""
    before = list_node.previous_sibling
    return before is not None and before.type == "html_block" and bool(BUILD_COMMENT.match(before.content))


def notes_from(blocks: tuple[Block, ...], pos: SourcePos) -> list[Block]:
    """A `::: notes` block: its text as speaker notes, a line per paragraph or list item."""
    lines = [line for block in blocks for line in text_lines(block)]
    text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
    return [Notes(text, pos)] if text else []


def text_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [plain_text(block.runs)]
    if isinstance(block, ListBlock):
        return [line for item in block.items for line in item_lines(item)]
    if isinstance(block, Quote):
        return [line for child in block.blocks for line in text_lines(child)]
    return []


def item_lines(item: ListItem) -> list[str]:
    return [plain_text(item.runs)] + [line for child in item.children for line in text_lines(child)]


def incremental(blocks: tuple[Block, ...]) -> list[Block]:
    """A `::: incremental` block: its own blocks, every list in it building item by item."""
    return [replace(block, build=True) if isinstance(block, ListBlock) else block for block in blocks]
