"""Pandoc's table captions (Quarto, R Markdown): a paragraph `: Caption {#tbl-id}` or `Table: Caption`
right after (or before) a pipe table names the table. Rewritten before Markdown parsing, line kept, as
an italic paragraph under the table, as a caption is read (`paginate.items.is_caption`), without its
attribute list."""
from __future__ import annotations

import re

from .attributes import attribute_list
from .fences import Fences

_CAPTION = re.compile(r"^ {0,3}(?:Table)?:[ \t]+(\S.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def table_captions(text: str) -> str:
    """The text with each pandoc table caption set as an italic paragraph."""
    if "\n:" not in text and "Table:" not in text:
        return text
    lines, fences = text.split("\n"), Fences()
    for number, line in enumerate(lines):
        if fences.is_code(line) or not line.lstrip().startswith((":", "Table:")):
            continue
        caption = _CAPTION.match(line)
        if caption and (_beside_table(lines, number, -1) or _beside_table(lines, number, 1)):
            lines[number] = f"<em>{_without_attributes(caption.group(1).strip())}</em>"
    return "\n".join(lines)


def _beside_table(lines: list[str], number: int, step: int) -> bool:
    """Whether a table row is the nearest non-blank line above (step -1) or below (step 1), with one
    blank line between at most."""
    for offset in (1, 2):
        near = number + step * offset
        if not 0 <= near < len(lines):
            return False
        if lines[near].strip():
            return bool(_TABLE_ROW.match(lines[near]))
    return False


def _without_attributes(caption: str) -> str:
    cut = caption.rfind("{")
    return caption[:cut].rstrip() if cut > 0 and caption.endswith("}") and attribute_list(caption, cut) else caption
