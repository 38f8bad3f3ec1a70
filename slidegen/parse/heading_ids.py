"""The id a lesson gives a heading at the end of its `#` line: `{#id}` (Docusaurus), an attribute list
`{ #id .class key=value }` or `{: #id }` (MkDocs' attr_list, pandoc's header attributes, kramdown;
`{-}` and `{.unnumbered}` name no id), `{/*id*/}` or `[[id]]`.
(The ids derived from heading text, and their numbering, are `slidegen.anchors`.)"""
from __future__ import annotations

import re

from .attributes import attribute_list

_ATX_START = re.compile(r" {0,3}#{1,6}[ \t]+")
_HEADING_ID = re.compile(r"[\w][\w-]*")


def split_heading_id(line: str) -> tuple[str, str | None] | None:
    """(text, id) of an `#` heading line that ends in an id or attribute list: `{#id}`, `{ #id .x }`
    (the id None when the list names none), `{/*id*/}` (react.dev's MDX comment; a comment that is not an
    id is dropped as well, naming nothing), `[[id]]` (Hugging Face, an id that starts with a letter:
    `df[[0]]` is text). None when the line ends in none of them."""
    start = _ATX_START.match(line)
    if not start:
        return None
    body = _without_closing_hashes(line[start.end():].rstrip())
    if body.endswith("}"):
        return _braced(body)
    if body.endswith("]]"):
        cut = body.rfind("[[")
        ident = body[cut + 2: -2] if cut >= 0 else ""
        if _HEADING_ID.fullmatch(ident) and ident[0].isalpha():
            return body[:cut].rstrip(), ident
    return None


def _braced(body: str) -> tuple[str, str | None] | None:
    cut = body.rfind("{")
    if cut < 0:
        return None
    if body.startswith("{/*", body.rfind("{/*")) and body.endswith("*/}"):
        cut = body.rfind("{/*")
        ident = body[cut + 3: -3].strip()
        return body[:cut].rstrip(), (ident if _HEADING_ID.fullmatch(ident) else None)
    listed = attribute_list(body, cut)
    return (body[:cut].rstrip(), listed.ident) if listed else None


def _without_closing_hashes(body: str) -> str:
    """`## Title {#id} ##`: CommonMark's optional closing sequence after the attributes."""
    stripped = body.rstrip("#")
    return stripped.rstrip() if stripped != body and stripped.endswith((" ", "\t")) else body
