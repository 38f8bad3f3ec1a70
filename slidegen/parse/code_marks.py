"""The lines a site highlights in a code block, and the comments that mark them.

- Docusaurus: a line range in the fence's info (```` ```js {1,4-6} ````), else the "magic comments"
  `highlight-next-line` and `highlight-start` … `highlight-end`, written as a whole-line comment in
  any of the usual syntaxes (`//`, `#`, `/* */`, `{/* */}`, `<!-- -->`, `--`, `;;`, `%`). The site
  removes those comment lines and highlights the lines they mark; so do we.
- Material for MkDocs (pymdownx.highlight): `hl_lines="2 4-5"` in the info.
- MyST/Sphinx: `:emphasize-lines: 2,4-5` (`myst.py` writes it into the fence's info as a range).

Line numbers count from 1, as the sites write them; `marked_lines` returns 0-based indices.
"""
from __future__ import annotations

import re

_RANGE = re.compile(r"(?:^|\s)\{([\d\s,-]{1,400})\}(?=\s|$)")  # Docusaurus {1,4-6}
_HL_LINES = re.compile(r"""\bhl_lines=["']([\d\s-]{1,400})["']""")  # pymdownx.highlight
_DIRECTIVE = re.compile(r"(?://|#|--|;;|%|\{?/\*|<!--)\s*(highlight-next-line|highlight-start|highlight-end)"
                        r"\s*(?:\*/\}?|-->)?")
_LONGEST_COMMENT = 40  # a magic comment line is short; longer lines are not tried
_MOST_LINES = 100_000  # a range like {1-999999999} marks at most this many lines


def listed_lines(info: str) -> frozenset[int] | None:
    """The 0-based lines the fence's info lists (`{1,4-6}` or `hl_lines="1 4-6"`), None if it lists none."""
    found = _RANGE.search(info) or _HL_LINES.search(info)
    if not found:
        return None
    marked: set[int] = set()
    for part in re.split(r"[\s,]+", found.group(1).strip()):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            continue
        first, last = int(low), int(high or low)
        marked.update(range(max(first, 1) - 1, min(last, first + _MOST_LINES)))
    return frozenset(marked)


def directive_of(line: str) -> str | None:
    """The magic comment a line consists of (`highlight-next-line`, …), else None."""
    text = line.strip()
    if len(text) > _LONGEST_COMMENT:
        return None
    found = _DIRECTIVE.fullmatch(text)
    return found.group(1) if found else None


def without_magic_comments(text: str) -> tuple[str, frozenset[int], int]:
    """The code without its whole-line magic comments, the 0-based lines they mark, and how many
    comment lines were removed."""
    kept: list[str] = []
    marked: set[int] = set()
    start: int | None = None
    removed = 0
    for line in text.split("\n"):
        directive = directive_of(line)
        if directive is None:
            kept.append(line)
            continue
        removed += 1
        if directive == "highlight-next-line":
            marked.add(len(kept))
        elif directive == "highlight-start":
            start = len(kept)
        elif start is not None:
            marked.update(range(start, len(kept)))
            start = None
    return "\n".join(kept), frozenset(marked), removed


def marked_lines(text: str, info: str, language: str) -> tuple[str, frozenset[int], int]:
    """The code as the site shows it, the 0-based lines it highlights, and how many magic comment lines
    were left out. A listed range wins and leaves comments as written (as Docusaurus does); a block
    without a language keeps its comments too."""
    listed = listed_lines(info)
    if listed is not None:
        return text, listed, 0
    if not language or "highlight-" not in text:
        return text, frozenset(), 0
    return without_magic_comments(text)
