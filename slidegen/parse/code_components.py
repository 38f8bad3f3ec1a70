"""Docusaurus's `<CodeBlock language="jsx" title="…">{`…`}</CodeBlock>` (MDX pages write code that
way when it is built from a string) written as the code fence the parser reads, before Markdown
parsing and with the line numbers kept: the template literal's text is the code, as written; the
`language` (or `className="language-…"`) and `title` attributes are the fence's. Read as HTML, its
braces and backticks showed and its JSX was taken for tags and dropped.

The fence's opening and closing lines take the component's tag lines; when the literal starts on the
tag's line or ends on the closing tag's, a blank line next to the component holds the fence line
instead. A component with no blank line to spare stays as written."""
from __future__ import annotations

import bisect
import re

from .fences import Fences
from .html_text import tag_attributes

_OPENING = re.compile(r"^(\s*)<CodeBlock\b([^<>]*)>(.*)$")
_CLOSING = re.compile(r"^(.*)</CodeBlock\s*>\s*$")
_LANGUAGE_CLASS = re.compile(r"\blanguage-([\w+#.-]+)")
MAX_LINES = 5000  # a component whose closing tag is further than this is left as written


def code_components_as_fences(text: str) -> str:
    if "<CodeBlock" not in text:
        return text
    lines, fences, number = text.split("\n"), Fences(), 0
    closings = [n for n, line in enumerate(lines) if "</CodeBlock" in line and _CLOSING.match(line)]
    while number < len(lines):
        if fences.is_code(lines[number]) or not _OPENING.match(lines[number]):
            number += 1
            continue
        number = _rewrite(lines, number, closings)
    return "\n".join(lines)


def _rewrite(lines: list[str], start: int, closings: list[int]) -> int:
    """The component opening at line `start` as a fence in place; the line after it. `closings`: the
    lines holding a closing tag (looked up, not searched for: many unclosed components cost no rescans)."""
    opening = _OPENING.match(lines[start])
    at = bisect.bisect_left(closings, start)
    end = closings[at] if at < len(closings) and closings[at] - start < MAX_LINES else None
    if end is None:
        return start + 1
    indent, attributes = opening.group(1), tag_attributes(opening.group(2))
    body = "\n".join([opening.group(3), *lines[start + 1:end]]) if end > start else opening.group(3)
    body = (body + "\n" + _CLOSING.match(lines[end]).group(1)) if end > start else _CLOSING.match(body).group(1)
    code = _code_of(body.strip())
    if code is None:
        return end + 1
    first, last = start, end
    needed = len(code) + 2 - (end - start + 1)
    if needed > 0 and first > 0 and not lines[first - 1].strip():
        first, needed = first - 1, needed - 1
    if needed > 0 and last + 1 < len(lines) and not lines[last + 1].strip():
        last, needed = last + 1, needed - 1
    if needed > 0:
        return end + 1
    marker = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", "\n".join(code))), default=0))
    info = _language(attributes) + (f' title="{attributes["title"]}"' if attributes.get("title") else "")
    fence = [indent + marker + info, *(indent + line for line in code), indent + marker]
    lines[first:last + 1] = fence + [""] * (last - first + 1 - len(fence))
    return last + 1


def _code_of(body: str) -> list[str] | None:
    """The code lines of the component's children: a template literal's text (its `\\``, `\\${` and
    `\\\\` unescaped), or plain text; None for anything else (an expression, other components)."""
    if body.startswith("{`") and body.endswith("`}"):
        literal = body[2:-2]
        if re.search(r"(?<!\\)`", literal):
            return None
        code = literal.replace("\\`", "`").replace("\\${", "${").replace("\\\\", "\\")
    elif "{" not in body and "<" not in body:
        code = body
    else:
        return None
    return code.strip("\n").split("\n")


def _language(attributes: dict[str, str]) -> str:
    if attributes.get("language"):
        return attributes["language"].strip()
    found = _LANGUAGE_CLASS.search(attributes.get("className", ""))
    return found.group(1) if found else ""
