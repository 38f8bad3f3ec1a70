"""The words lessons name boxes by, beyond the theme's own kinds: Material for MkDocs', Obsidian's, MyST's
and Hugo's kinds and their aliases (`success`, `bug`, `example`, `faq`, `attention`, …) take the
colours of the nearest kind the theme has, and keep their own word as the box's title when the
lesson gives none, as those sites title them."""
from __future__ import annotations

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
