"""MkDocs' boxes (Material for MkDocs, Python-Markdown, PyMdown Extensions), as the parser's boxes:

- `!!! kind "Title"` and the collapsible `??? kind` / `???+ kind` with their content indented four
  spaces (read by mdit-py-plugins' admon plugin; `admon_title` reads its title), and
- PyMdown's blocks `/// kind | Title` … `///`, with their YAML options indented under the first line
  (`type: warning`), written here as `:::kind Title` boxes before Markdown parsing, with the line
  numbers kept, so that what is in a block stays in it. `/// details`, `/// admonition` and `/// tab`
  are boxes; `/// html`, `/// caption` and any other block show their content without a box.
- PyMdown's tabs `=== "Python"` with their content indented four spaces: a box titled by the tab, its
  content unindented in place (`tabs_as_blocks`, before `blocks_as_boxes`).

Material's own kinds and their aliases take the colours of the nearest kind the theme has (`box_kinds`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import warn
from .box_kinds import COLOUR_KINDS, MKDOCS, THEME_KINDS, box_lines, box_of
from .fences import Fences

MAX_DEPTH = 12  # blocks inside blocks: deeper openings are text (each open block is looked at per line)
_BOX_BLOCKS = {"admonition", "details", "tab"}  # blocks whose kind is given by their `type:` option
_UNWRAPPED_BLOCKS = {"html", "caption", "define", "figure-caption", "table-caption"}

_OPENING = re.compile(r"^(\s*)(/{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\|(.*))?$")  # greedy: never backtracks
_CLOSING = re.compile(r"^\s*(/{3,})\s*$")
_TYPE_OPTION = re.compile(r"^\s*type\s*:\s*['\"]?([A-Za-z][\w-]*)")
_QUOTED_TITLE = re.compile(r'"(.*)"')


_ADMON_LINE = re.compile(r'[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"[^"\n]*")?[ \t]*')


def is_admon_line(info: str) -> bool:
    """Whether the words after `!!!` are what Python-Markdown reads as a box: class words, then an
    optional quoted title."""
    return bool(_ADMON_LINE.fullmatch(info.strip()))


def admon_title(info: str) -> str | None:
    """The title of a `!!! kind "Title"` line from the words after the marker: the quoted part
    (`""` is a box without a title: the kind's own title is shown), else None (Python-Markdown reads
    words without quotes as the box's classes)."""
    quoted = _QUOTED_TITLE.search(info)
    return quoted.group(1).strip() or None if quoted else None


@dataclass
class _Block:
    line: int
    indent: str
    slashes: int
    name: str
    title: str
    options_end: int  # the last line of its options (its own line when it has none)
    kind: str | None = None  # from a `type:` option
    height: int = 0  # how many blocks deep its content goes


def blocks_as_boxes(text: str, file: str) -> str:
    """The text with PyMdown's `///` blocks written as `:::kind` boxes or unwrapped (lines kept); a block
    never closed is left as written, with a warning."""
    if "///" not in text:
        return text
    lines = text.split("\n")
    pairs, unclosed = _pairs(lines)
    if unclosed:
        more = f" (and {len(unclosed) - 1} more)" if len(unclosed) > 1 else ""
        warn(f"{file}:{unclosed[0].line + 1}",
             f"'/// {unclosed[0].name}' is never closed by a '///' line{more}; it is shown as written")
    for block, closing in pairs:
        _rewrite(lines, block, closing)
    return "\n".join(lines)


def _pairs(lines: list[str]) -> tuple[list[tuple[_Block, int]], list[_Block]]:
    """Each block's opening and the line closing it (the same number of slashes), outside code fences."""
    pairs, stack, unclosed, fences = [], [], [], Fences()
    number = 0
    while number < len(lines):
        line = lines[number]
        if not fences.is_code(line):
            closing = _CLOSING.match(line)
            opening = None if closing else _OPENING.match(line)
            if closing and any(block.slashes == len(closing.group(1)) for block in stack):
                while stack[-1].slashes != len(closing.group(1)):
                    unclosed.append(stack.pop())  # blocks inside it never closed: left as written
                block = stack.pop()
                pairs.append((block, number))
                if stack:
                    stack[-1].height = max(stack[-1].height, block.height + 1)
            elif opening and len(stack) < MAX_DEPTH:
                block = _opened(lines, number, opening)
                stack.append(block)
                number = block.options_end
        number += 1
    return pairs, sorted(unclosed + stack, key=lambda block: block.line)


def _opened(lines: list[str], number: int, opening: re.Match) -> _Block:
    indent, slashes, name, title = opening.group(1), len(opening.group(2)), opening.group(3), opening.group(4)
    block = _Block(number, indent, slashes, name.lower(), (title or "").strip(), number)
    while block.options_end + 1 < len(lines) and _is_option(lines[block.options_end + 1], indent):
        block.options_end += 1
        kind = _TYPE_OPTION.match(lines[block.options_end])
        block.kind = kind.group(1).lower() if kind else block.kind
    return block


def _is_option(line: str, indent: str) -> bool:
    return line.startswith(indent + "    ") and bool(line.strip()) and not _CLOSING.match(line)


def _rewrite(lines: list[str], block: _Block, closing: int) -> None:
    for number in range(block.line + 1, block.options_end + 1):
        lines[number] = ""
    if block.name in _UNWRAPPED_BLOCKS or (block.name not in _BOX_BLOCKS and not _is_box_kind(block.name)):
        lines[block.line] = lines[closing] = ""
        return
    word = block.kind or (block.name if block.name not in _BOX_BLOCKS else "note")
    kind, title = box_of(word, block.title or None)
    lines[block.line], lines[closing] = box_lines(MKDOCS, block.height, block.indent, kind, title)


def _is_box_kind(name: str) -> bool:
    """Whether `/// name` is one of PyMdown's admonition blocks (`/// note`, `/// warning`, …)."""
    return name in COLOUR_KINDS or name in THEME_KINDS


_TAB = re.compile(r'^( {0,3})===[+!]?[ \t]+"([^"\n]*)"[ \t]*$')


def tabs_as_blocks(text: str) -> str:
    """The text with each `=== "Title"` tab and its indented content written as a `/// tab | Title` block
    (which `blocks_as_boxes` then makes a box, nested like any block), closed on the blank line after
    the content; a tab with no such line is left as written."""
    if "===" not in text:
        return text
    lines, fences, number = text.split("\n"), Fences(), 0
    while number < len(lines):
        tab = _TAB.match(lines[number]) if not fences.is_code(lines[number]) else None
        if tab:
            number = _tab_as_box(lines, number, tab.group(1), tab.group(2).strip())
        number += 1
    return "\n".join(lines)


def _tab_as_box(lines: list[str], start: int, indent: str, title: str) -> int:
    """Rewrites one tab; the last line it took."""
    inner, end = indent + "    ", start
    while end + 1 < len(lines) and (not lines[end + 1].strip() or lines[end + 1].startswith(inner)):
        end += 1
    while end > start and not lines[end].strip():
        end -= 1
    closing = end + 1
    if end == start or closing >= len(lines) or lines[closing].strip():
        return start
    for number in range(start + 1, end + 1):
        lines[number] = indent + lines[number][len(inner):] if lines[number].strip() else ""
    lines[start], lines[closing] = f"{indent}/// tab | {title}".rstrip(), f"{indent}///"
    return closing
