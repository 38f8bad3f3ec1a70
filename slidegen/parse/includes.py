"""Includes in code: mdBook's (the Rust book and its translations) and PyMdown's snippets (MkDocs:
a code line `--8<-- "path"`, its path from the site's root, `path:3:10` for lines 3 to 10). mdBook's
code line `{{#include path}}`,
`{{#rustdoc_include path:anchor}}` or `{{#playground path}}` stands for the file's text, as the book
shows it: all of it, lines `:2`, `:2:10`, `:2:`, `::10`, or the part between `ANCHOR: name` and
`ANCHOR_END: name` (the anchor comment lines themselves never shown). A file outside the lesson's site,
missing, or larger than MAX_INCLUDE_BYTES leaves the line as written, with a warning. Included text is
not searched for includes again.

Rust code shows without the lines mdBook hides (`# ` at a line's start: setup lines a reader may reveal),
and the book's file name line above a listing (`<span class="filename">Filename: src/main.rs</span>`)
is the title of the code under it (`filename_titles`, before Markdown parsing, lines kept)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

MAX_INCLUDE_BYTES = 1 * 2**20  # one included file
MAX_INCLUDES = 500  # includes in one lesson
MAX_INCLUDED_BYTES = 20 * 2**20  # included text in one lesson
_INCLUDE_LINE = re.compile(r"^[ \t]*\{\{#(include|rustdoc_include|playground)[ \t]+([^{}\s]+)[ \t]*\}\}[ \t]*$")
_SNIPPET_LINE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(?:"([^"\n]+)"|'([^'\n]+)')[ \t]*$""")
_ANCHOR_LINE = re.compile(r"ANCHOR(?:_END)?:\s*\w+")
_LINE_RANGE = re.compile(r"(\d*)(:?)(\d*)")
_FILENAME_LINE = re.compile(r'^\s*<span class="filename">([^<>"]{1,200})</span>\s*$')
_FENCE_OPENING = re.compile(r"^\s*(`{3,}|~{3,})[^`]*$")
_RUST_HIDDEN = re.compile(r"^[ \t]*#(?:[ \t]|$)(?!\[)")


class Budget:
    """What a lesson may still include: MAX_INCLUDES includes, MAX_INCLUDED_BYTES in all."""

    def __init__(self) -> None:
        self.includes, self.bytes = MAX_INCLUDES, MAX_INCLUDED_BYTES


def expanded(text: str, open_file: Callable[[str, bool], Path | str], budget: Budget) -> tuple[str, list[str]]:
    """The code with each include line replaced by what it names, and the problems met (one a line).
    `open_file(path, from_root)` gives the file (beside the lesson, or from the site's root for a
    snippet), or a string saying why it cannot be read."""
    out, problems = [], []
    for line in text.split("\n"):
        include = _INCLUDE_LINE.match(line)
        snippet = None if include else _SNIPPET_LINE.match(line)
        if not include and not snippet:
            out.append(line)
            continue
        spec = include.group(2) if include else snippet.group(1) or snippet.group(2)
        part = _included(spec, lambda rel: open_file(rel, bool(snippet)), budget)
        if isinstance(part, str):
            problems.append(f"'{line.strip()}' is shown as written: {part}")
            out.append(line)
        else:
            out.extend(part)
    return "\n".join(out), problems


def _included(spec: str, open_file: Callable[[str], Path | str], budget: Budget) -> list[str] | str:
    """The lines an include names, or why it cannot be shown."""
    path_text, _, selector = spec.partition(":")
    found = open_file(path_text)
    if isinstance(found, str):
        return found
    size = found.stat().st_size
    if size > MAX_INCLUDE_BYTES or size > budget.bytes or budget.includes <= 0:
        return "the file is too large, or the lesson includes too much"
    budget.includes, budget.bytes = budget.includes - 1, budget.bytes - size
    lines = found.read_text("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    chosen = _selected(lines, selector)
    if chosen is None:
        return f"no anchor '{selector}' in the file"
    return [line for line in chosen if not _ANCHOR_LINE.search(line)]


def _selected(lines: list[str], selector: str) -> list[str] | None:
    """All lines, lines `2`, `2:10`, `2:`, `:10` (counted from 1), or those inside the anchor `selector`."""
    if not selector:
        return lines
    numbered = _LINE_RANGE.fullmatch(selector)
    if numbered:
        first, colon, last = numbered.groups()
        start = int(first) - 1 if first else 0
        end = (int(last) if last else len(lines)) if colon else start + 1
        return lines[max(start, 0):end]
    begin = next((n for n, line in enumerate(lines) if _anchor(line, "ANCHOR", selector)), None)
    if begin is None:
        return None
    end = next((n for n in range(begin + 1, len(lines)) if _anchor(lines[n], "ANCHOR_END", selector)), len(lines))
    return lines[begin + 1:end]


def _anchor(line: str, mark: str, name: str) -> bool:
    found = re.search(rf"\b{mark}:\s*(\w+)", line)
    return bool(found) and found.group(1) == name


def without_hidden_rust_lines(text: str) -> tuple[str, int]:
    """Rust code without the lines mdBook hides (`# use std::io;`), and how many there were."""
    lines = text.split("\n")
    kept = [line for line in lines if not _RUST_HIDDEN.match(line)]
    return "\n".join(kept), len(lines) - len(kept)


def filename_titles(text: str) -> str:
    """The text with each file name line right above a code fence made that fence's title."""
    if 'class="filename"' not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        name = _FILENAME_LINE.match(line) if "filename" in line else None
        fence = next((n for n in range(number + 1, min(number + 3, len(lines))) if lines[n].strip()), None)
        if name and fence is not None and _FENCE_OPENING.match(lines[fence]) and "title=" not in lines[fence]:
            lines[fence] = f'{lines[fence].rstrip()} title="{name.group(1).strip()}"'
            lines[number] = ""
    return "\n".join(lines)
