"""A lesson's structure as text: headings and block kinds with their lines (`slidegen outline`)."""
from __future__ import annotations

from .model import Admonition, Block, Code, Lesson, ListBlock, Quote, Section, Table, plain_text


def format_outline(lesson: Lesson) -> str:
    lines = [f"{lesson.source}: {lesson.title} [{lesson.lang}]"]
    if lesson.description:
        lines.append(f"  description: {lesson.description}")
    for key, value in lesson.meta.items():
        if key not in ("title", "description"):
            lines.append(f"  {key}: {value}")
    lines.extend(_blocks(lesson.preamble, 1))
    for section in lesson.sections:
        lines.extend(_section(section, 1))
    return "\n".join(lines)


def _section(section: Section, depth: int) -> list[str]:
    out = [f"{'  ' * depth}{'#' * section.level} {section.title_text}  (line {section.pos.line})"]
    out.extend(_blocks(section.blocks, depth + 1))
    for sub in section.subsections:
        out.extend(_section(sub, depth + 1))
    return out


def _blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    out = []
    for block in blocks:
        out.append(f"{'  ' * depth}{_describe(block)}  (line {block.pos.line})")
        for child_depth, item in _items(block, depth + 1):
            out.append(f"{'  ' * child_depth}- {plain_text(item.runs)[:60]}  (line {item.pos.line})")
        if isinstance(block, (Admonition, Quote)):
            out.extend(_blocks(block.blocks, depth + 1))
    return out


def _items(block: Block, depth: int):
    if not isinstance(block, ListBlock):
        return
    for item in block.items:
        yield depth, item
        for child in item.children:
            yield from _items(child, depth + 1)


def _describe(block: Block) -> str:
    kind = type(block).__name__.lower()
    if isinstance(block, ListBlock):
        return f"list ({'ordered from ' + str(block.start) if block.ordered else 'bullets'}, {len(block.items)} items)"
    if isinstance(block, Table):
        return f"table ({block.columns} columns, 1 header + {len(block.rows)} rows)"
    if isinstance(block, Code):
        return f"code ({block.language or 'plain'}, {len(block.lines)} lines)"
    if isinstance(block, Admonition):
        return f"admonition {block.kind}" + (f": {plain_text(block.title)}" if block.title else "")
    if hasattr(block, "runs"):
        return f"{kind}: {plain_text(block.runs).replace(chr(10), ' / ')[:60]}"
    return kind
