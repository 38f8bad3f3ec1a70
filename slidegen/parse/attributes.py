"""Attribute lists in braces, as pandoc, Quarto, MkDocs' attr_list and kramdown write them after a
heading or a fenced div's colons: `{#id .class key=value key="a value"}` (`{: …}` in kramdown, a bare
`-` for pandoc's unnumbered heading)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# One attribute. Tokens are told apart by their first character and separated by spaces, so that
# matching never backtracks far.
_ATTRIBUTE = r"""(?:#[\w][\w:.-]*|\.[\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'}]+)|-)"""
_LIST = re.compile(r"\{:?[ \t]*(" + _ATTRIBUTE + r"(?:[ \t]+" + _ATTRIBUTE + r")*)[ \t]*\}")
_TOKEN = re.compile(_ATTRIBUTE)


@dataclass
class Attributes:
    ident: str | None = None
    classes: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)


def attribute_list(text: str, start: int = 0) -> Attributes | None:
    """The attributes of `text[start:]` when it is one attribute list in braces (and nothing else)."""
    listed = _LIST.fullmatch(text, start)
    if not listed:
        return None
    attributes = Attributes()
    for token in _TOKEN.findall(listed.group(1)):
        if token.startswith("#"):
            attributes.ident = attributes.ident or token[1:]
        elif token.startswith("."):
            attributes.classes.append(token[1:])
        elif "=" in token:
            key, value = token.split("=", 1)
            attributes.values[key] = value[1:-1] if value[:1] in "\"'" else value
    return attributes
