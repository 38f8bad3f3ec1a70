"""The id a lesson gives a heading at the end of its `#` line: `{#id}`, `{/*id*/}` or `[[id]]`.
(The ids derived from heading text, and their numbering, are `slidegen.anchors`.)"""
from __future__ import annotations

import re

_ATX_START = re.compile(r" {0,3}#{1,6}[ \t]+")
_HEADING_ID = re.compile(r"[\w][\w-]*")


def split_heading_id(line: str) -> tuple[str, str | None] | None:
    """(text, id) of an `#` heading line that ends in an id: `{#id}` (Docusaurus), `{/*id*/}` (react.dev's
    MDX comment; a comment that is not an id is dropped as well, naming nothing), `[[id]]` (Hugging Face,
    an id that starts with a letter: `df[[0]]` is text). None when the line ends in none of them."""
    start = _ATX_START.match(line)
    if not start:
        return None
    body = line[start.end():].rstrip()
    if body.endswith("}"):
        cut = max(body.rfind("{#"), body.rfind("{/*"))
        if cut < 0 or (body.startswith("{/*", cut) and not body.endswith("*/}")):
            return None
        ident = body[cut + 2: -1] if body.startswith("{#", cut) else body[cut + 3: -3]
        return body[:cut].rstrip(), (ident.strip() if _HEADING_ID.fullmatch(ident.strip()) else None)
    if body.endswith("]]"):
        cut = body.rfind("[[")
        ident = body[cut + 2: -2] if cut >= 0 else ""
        if _HEADING_ID.fullmatch(ident) and ident[0].isalpha():
            return body[:cut].rstrip(), ident
    return None
