"""MDX components that draw a box around their content — Hugging Face's `<Tip>` (`<Tip warning={true}>`),
Nextra's `<Callout type="…">`, Docusaurus's `<Admonition type="…" title="…">`, Starlight's `<Aside>`,
Mintlify's `<Note>`, `<Warning>`, `<Info>`, `<Check>`, react.dev's `<Pitfall>`, `<DeepDive>`,
`<YouWillLearn>`, `<Recap>` — written as the `:::kind` boxes the parser
reads, before Markdown parsing and with the line numbers kept, so that what is in the box (paragraphs,
lists, code) stays in it.

A component is rewritten when its opening tag ends its line and its closing tag stands alone on a
later line (the way MDX pages write a box holding Markdown); any other is read as a component, as
before. A box holding boxes gets more colons than those inside it, so each closes where it should."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import warn
from .box_kinds import COMPONENTS, box_lines
from .fences import Fences
from .html_text import tag_attributes
from .jsx_scan import NotATag, Unclosed, plain_tags, tag_extent

MAX_DEPTH = 12  # boxes inside boxes: deeper ones are read as components (each level costs a rescan)
_NAMES = ("Tip", "Note", "Info", "Warning", "Caution", "Danger", "Important", "Check", "Callout", "Admonition",
          "Aside", "Alert", "Pitfall", "DeepDive", "YouWillLearn", "Recap", "Hint")
_OPENING = re.compile(r"^(\s*)<(" + "|".join(_NAMES) + r")(?=[\s/>])")
_WHOLE = re.compile(r"^\s*<(" + "|".join(_NAMES) + r")(?=[\s/>])(?=.*</\1\s*>\s*$)", re.DOTALL)
_CLOSING = re.compile(r"^\s*</(" + "|".join(_NAMES) + r")\s*>\s*$")
_TRUE_WARNING = re.compile(r"""\bwarning(?:\s*=\s*(?:\{\s*true\s*\}|["']true["'])|(?=[\s/>]))""")
_KINDS = {"note", "tip", "info", "caution", "warning", "danger", "important"}
_TYPE_KINDS = {"default": "note", "error": "danger", "success": "tip", "check": "tip", "secondary": "note"}
_NAME_KINDS = {"Note": "note", "Info": "info", "Warning": "warning", "Caution": "caution", "Danger": "danger",
               "Important": "important", "Check": "tip", "Hint": "tip",
               "Pitfall": "pitfall", "DeepDive": "deepdive", "YouWillLearn": "youwilllearn", "Recap": "recap"}


@dataclass
class _Open:
    line: int  # where the opening tag starts
    last: int  # the line its `>` ends
    name: str
    indent: str
    kind: str
    title: str
    height: int = 0  # how many boxes deep its content goes


def components_as_boxes(text: str, file: str) -> str:
    """The text with each box component written as a `:::kind` box (lines kept); one whose closing tag
    is not found on a line of its own is left as written, with a warning."""
    if "<" not in text or not any(f"<{name}" in text for name in _NAMES):
        return text
    lines = text.split("\n")
    pairs, unclosed = _pairs(lines)
    for name in dict.fromkeys(box.name for box in unclosed):  # once per component, at its first
        first, *more = [box for box in unclosed if box.name == name]
        others = f" (and {len(more)} more)" if more else ""
        warn(f"{file}:{first.line + 1}", f"<{name}> is not closed by a </{name}> line of its own{others}; "
                                        "its content is not shown as a box")
    for box, closing in pairs:
        lines[box.line], lines[closing] = box_lines(COMPONENTS, box.height, box.indent, box.kind, box.title)
        for number in range(box.line + 1, box.last + 1):
            lines[number] = ""
    return "\n".join(lines)


def _pairs(lines: list[str]) -> tuple[list[tuple[_Open, int]], list[_Open]]:
    """Each box component's opening and the line of its closing tag, outside code fences; and the
    openings never closed."""
    pairs, stack, unclosed, fences, skip_to = [], [], [], Fences(), -1
    too_deep: dict[str, int] = {}  # boxes opened deeper than MAX_DEPTH, by name, not yet closed
    for number, line in enumerate(lines):
        if fences.is_code(line) or number <= skip_to:
            continue
        closing = _CLOSING.match(line)
        if closing and too_deep.get(closing.group(1)):
            too_deep[closing.group(1)] -= 1
        elif closing and any(box.name == closing.group(1) for box in stack):
            while stack[-1].name != closing.group(1):  # boxes opened inside it and never closed
                unclosed.append(stack.pop())
            box = stack.pop()
            if stack:
                stack[-1].height = max(stack[-1].height, box.height + 1)
            pairs.append((box, number))
        elif (box := _opening(lines, number)) is not None:
            if len(stack) >= MAX_DEPTH:  # read as a component, its text kept
                too_deep[box.name] = too_deep.get(box.name, 0) + 1
                continue
            stack.append(box)
            skip_to = box.last
    return pairs, unclosed + stack


def _opening(lines: list[str], number: int) -> _Open | None:
    """The box component whose opening tag starts this line and ends a line (its `>` last on it)."""
    start = _OPENING.match(lines[number])
    if start is None:
        return None
    rest = "\n".join(lines[number:number + 50])  # a tag's attributes span a few lines at most
    try:
        end, _expressions = tag_extent(rest, start.end())
    except (NotATag, Unclosed):
        return None
    tag = rest[start.end(1):end]
    if tag.rstrip().endswith("/>") or rest[end:].split("\n", 1)[0].strip():
        return None  # self-closing, or content on the tag's line: a component as before
    last = number + rest[:end].count("\n")
    return _Open(number, last, start.group(2), start.group(1), *_kind_and_title(start.group(2), tag))


def one_block_box(source: str) -> tuple[str, str, str] | None:
    """(kind, title, content) of a box component written whole in one block (`<Tip>Use it.</Tip>`),
    else None."""
    whole = _WHOLE.match(source)
    if whole is None:
        return None
    try:
        end, _expressions = tag_extent(source, whole.end())
    except (NotATag, Unclosed):
        return None
    closing = source.rstrip().rfind(f"</{whole.group(1)}")
    if closing < end or source[end - 2:end] == "/>":
        return None
    kind, title = _kind_and_title(whole.group(1), source[whole.start(1) - 1:end])
    return kind, title, source[end:closing]


def _kind_and_title(name: str, tag: str) -> tuple[str, str]:
    """The box's kind and title for the component's tag."""
    attributes = tag_attributes(plain_tags(tag))
    kind = _NAME_KINDS.get(name, "tip" if name == "Tip" else "note")
    if name == "Tip" and _TRUE_WARNING.search(tag):
        kind = "warning"
    wanted = (attributes.get("type") or attributes.get("variant") or attributes.get("severity") or "").strip().lower()
    if wanted:
        kind = wanted if wanted in _KINDS else _TYPE_KINDS.get(wanted, kind)
    return kind, " ".join((attributes.get("title") or "").split())
