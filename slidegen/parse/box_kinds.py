"""Boxes as the passes before Markdown parsing write them, and the words lessons name boxes by.

`box_lines` writes a `:::kind Title` box's opening and closing lines for every such pass (template
tags, MyST, MkDocs, MDX components). Each pass starts its colons at its own base, the passes that run
first the highest (`TEMPLATE_TAGS`, `MYST`, `MKDOCS`, `COMPONENTS`), and adds one per level of boxes it
writes inside the box: a box has more colons than the boxes inside it, so markdown-it closes each
where it should.

Beyond the theme's own kinds (`THEME_KINDS`), Material for MkDocs', Obsidian's, MyST's and Hugo's kinds
and their aliases (`success`, `bug`, `example`, `faq`, `attention`, …) take the colours of the nearest
kind the theme has, and keep their own word as the box's title when the lesson gives none, as those
sites title them."""
from __future__ import annotations

TEMPLATE_TAGS, MYST, MKDOCS, COMPONENTS = 10, 8, 6, 4  # the colons each pass starts its boxes at
THEME_KINDS = {"note", "tip", "info", "caution", "warning", "danger", "important", "success", "secondary"}

# Material's kinds (and their aliases) → the theme's kind whose colours they take
COLOUR_KINDS = {
    "abstract": "info", "summary": "info", "tldr": "info", "todo": "info", "hint": "tip",
    "check": "success", "done": "success", "question": "info", "help": "info", "faq": "info",
    "attention": "warning", "failure": "danger", "fail": "danger", "missing": "danger", "error": "danger",
    "bug": "danger", "example": "important", "quote": "secondary", "cite": "secondary"}


def box_of(word: str, title: str | None) -> tuple[str, str | None]:
    """(kind, title) of a box of the kind `word`: an alias takes its colours from the kind it stands
    for and keeps its own word as the title (a box is titled by its word when it has no title)."""
    word = word.lower()
    if word in COLOUR_KINDS:
        return COLOUR_KINDS[word], title if title is not None else word.capitalize()
    return word, title


def box_lines(base: int, height: int, indent: str, kind: str, title: str | None) -> tuple[str, str]:
    """The opening and closing lines of a box: `base` colons and one more per level of boxes inside it."""
    colons = ":" * (base + height)
    return f"{indent}{colons}{kind} {title or ''}".rstrip(), f"{indent}{colons}"
