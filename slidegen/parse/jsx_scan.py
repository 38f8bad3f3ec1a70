"""Reading a tag the way MDX does: an attribute may be a `{…}` JavaScript expression holding braces
of its own and strings with `<`, `>` and quotes in them (a quiz's `choices={[{text: "see <a href=\"…\">
this</a>"}]}`), so a tag ends at the first `>` outside its quoted values and expressions.

`plain_tags` writes each tag that has such expressions with its quoted attributes only: an
expression's value is data for the page's script (`chapter={1}`, a quiz's choices), not text a
reader sees where the tag stands. An expression that names a string is the quoted attribute it
stands for: a literal (`{"a.png"}`), a picture the page imports (`import SHOT from "./shot.png"`,
then `src={SHOT}`) and Docusaurus's `{require("./a.png").default}` and `{useBaseUrl("/img/a.png")}`.
Tags without expressions are left as written.

A `<` whose tag never closes (its quote, expression or `>` runs to the end) opens no tag and is
written `&lt;`, as is any `<` after the block's last `>`: Python's HTML parser would rescan the rest
of the block for every such `<` (an hour for a 300 KB block of them). The scans that fail that way
are bounded by the block's length times `_FAILED_SCAN_BUDGET`, after which every `<` left is text."""
from __future__ import annotations

import html
import re

_TAG_START = re.compile(r"<[A-Za-z][\w.:-]*")
_TAG_TOKEN = re.compile(r"""[>"'{<]""")
_EXPRESSION_TOKEN = re.compile(r"""[{}"'`]|/\*""")
_STRING = {quote: re.compile(quote + r"[^" + quote + r"\\]*(?:\\.[^" + quote + r"\\]*)*" + quote, re.DOTALL)
           for quote in "\"'`"}
_ATTRIBUTE_NAME = re.compile(r"[\w:.-]+\s*=\s*$")
_STRING_CALL = re.compile(r"""\s*(?:require|useBaseUrl)\(\s*(["'])([^"'\\]*)\1\s*\)(?:\.default)?\s*""")
_STRING_LITERAL = re.compile(r"""\s*(["'`])([^"'`\\$]*)\1\s*""")
_IDENTIFIER = re.compile(r"\s*([A-Za-z_$][\w$]*)\s*")
_FAILED_SCAN_BUDGET = 8
_ANY_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


class Unclosed(Exception):
    """A string, expression or tag runs to the end of the source: nothing after it is a tag."""


class NotATag(Exception):
    """A `<` stands where an attribute should: the `<` before it opened no tag."""

    def __init__(self, at: int):
        super().__init__(at)
        self.at = at


def plain_tags(source: str, names: dict[str, str] | None = None) -> str:
    """The source with every tag's `{…}` attributes (and their names) taken out, but those naming a
    string (`names`: the strings the page's identifiers stand for), and every `<` that opens no tag
    written as text."""
    out: list[str] = []
    kept_to = look_from = 0
    tags_end = source.rfind(">") + 1  # no tag opens after the last `>`
    budget = _FAILED_SCAN_BUDGET * len(source) + 65536
    while (start := _TAG_START.search(source, look_from, tags_end)):
        look_from = start.end()
        try:
            end, expressions = tag_extent(source, start.end())
        except NotATag as stop:
            look_from = stop.at
            continue
        except Unclosed:
            out += [source[kept_to:start.start()], "&lt;"]
            kept_to = start.start() + 1
            budget -= len(source) - start.start()
            if budget <= 0:
                tags_end = kept_to
                break
            continue
        if expressions:
            out += [source[kept_to:start.start()],
                    without_expressions(source[start.start():end], start.start(), expressions, names or {})]
            kept_to = end
        look_from = end
    tags_end = max(tags_end, kept_to)
    return "".join(out) + source[kept_to:tags_end] + _ANY_TAG_START.sub("&lt;", source[tags_end:])


def tag_extent(source: str, at: int) -> tuple[int, list[tuple[int, int]]]:
    """Where the tag whose attributes begin at `at` ends (after its `>`), and the spans of its
    `{…}` expressions."""
    expressions: list[tuple[int, int]] = []
    while (token := _TAG_TOKEN.search(source, at)):
        char, at = token.group(), token.start()
        if char == ">":
            return at + 1, expressions
        if char == "<":
            raise NotATag(at)
        if char == "{":
            end = expression_end(source, at)
            expressions.append((at, end))
            at = end
        else:
            at = source.find(char, at + 1) + 1  # an HTML attribute value: no escapes
            if at == 0:
                raise Unclosed
    raise Unclosed


def expression_end(source: str, at: int) -> int:
    """The index after the `}` closing the expression whose `{` is at `at`; JavaScript strings,
    template literals and `/* */` comments inside it are skipped whole."""
    depth = 0
    while (token := _EXPRESSION_TOKEN.search(source, at)):
        char, at = token.group(), token.start()
        if char == "/*":
            at = source.find("*/", at + 2) + 2
            if at == 1:
                raise Unclosed
            continue
        if char in _STRING:
            string = _STRING[char].match(source, at)
            if string is None:
                raise Unclosed
            at = string.end()
            continue
        depth += 1 if char == "{" else -1
        at += 1
        if depth == 0:
            return at
    raise Unclosed


def without_expressions(tag: str, offset: int, expressions: list[tuple[int, int]], names: dict[str, str]) -> str:
    """The tag's text with each expression and the `name=` before it removed, or, for an expression
    that names a string, written as that string in quotes."""
    pieces, kept_to = [], 0
    for start, end in expressions:
        before, value = tag[kept_to:start - offset], string_value(tag[start - offset + 1:end - offset - 1], names)
        pieces.append(before + html.escape(value).join('""') if value is not None and _ATTRIBUTE_NAME.search(before)
                      else _ATTRIBUTE_NAME.sub("", before))
        kept_to = end - offset
    return "".join(pieces) + tag[kept_to:]


def string_value(expression: str, names: dict[str, str]) -> str | None:
    """The string an expression stands for, when it plainly names one; else None."""
    for pattern in (_STRING_LITERAL, _STRING_CALL):
        if (found := pattern.fullmatch(expression)):
            return found.group(2)
    found = _IDENTIFIER.fullmatch(expression)
    return names.get(found.group(1)) if found else None
