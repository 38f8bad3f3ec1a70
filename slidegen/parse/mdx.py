"""MDX in a lesson: `import`/`export` lines (not lesson text), `{…}` expressions, and components
(`<Tabs>`, `<TabItem label=…>`): which tag a block opens, the label a tag shows, whether a component
has content of its own in this file."""
from __future__ import annotations

import html
import re

from .fences import Fences
from .html_text import BOLD_LINE, TextExtractor, tag_attributes
from .media import youtube_url

_MDX_ESM = re.compile(r"^\s*(import\s+[\w*{}\s,]+\s+from\s+['\"].*['\"];?|import\s+['\"].*['\"];?"
                      r"|export\s+(const|let|var|function|default|\{).*)\s*$")
_PICTURE_IMPORT = re.compile(r"""^[ \t]*import[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]+(["'])([^"'\n]+\.(?:png|jpe?g|gif|svg|webp|avif))\2""",
                             re.MULTILINE | re.IGNORECASE)
_SIMPLE_EXPRESSION = re.compile(r"\{[^{}<>]*\}")
JSX_OPEN = re.compile(r"^\s*</?([A-Z][\w.]*)")
JSX_TAG = re.compile(r"""<([A-Z][\w.]*)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>""")


def is_mdx_esm(source: str) -> bool:
    lines = [ln for ln in source.split("\n") if ln.strip()]
    return bool(lines) and all(_MDX_ESM.match(ln) for ln in lines)


_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")


def without_mdx_comments(text: str) -> str:
    """An MDX page without its `{/* … */}` comments (a comment's line breaks kept, so line numbers
    stay), outside code fences, code spans and `#` heading lines (whose `{/*id*/}` names the
    heading); a comment never closed is kept as written. One scan of the text."""
    if "{/*" not in text:
        return text
    prose = _prose_line_starts(text)
    kept, at, look, close = [], 0, 0, -1
    ticks = [-1, 0, 0, -1]  # line start, position counted to, backticks counted so far, line end
    while (start := text.find("{/*", look)) >= 0:
        if close < start + 3:
            close = text.find("*/}", start + 3)
            if close < 0:
                break
        if not ticks[0] <= start < ticks[3]:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            ticks[:] = [line_start, line_start, 0, line_end if line_end >= 0 else len(text)]
        line_start = ticks[0]
        ticks[2] += text.count("`", ticks[1], start)
        ticks[1] = start
        inside_code = ticks[2] % 2 == 1
        if line_start not in prose or inside_code or not _prose_through(prose, text, start, close):
            look = start + 3
            continue
        kept += [text[at:start], "\n" * text.count("\n", start, close)]
        at = look = close + 3
    kept.append(text[at:])
    return "".join(kept)


def _prose_line_starts(text: str) -> set[int]:
    """Where each line outside code fences and headings starts."""
    starts, fences, at = set(), Fences(), 0
    for line in text.split("\n"):
        if not fences.is_code(line) and not _HEADING.match(line):
            starts.add(at)
        at += len(line) + 1
    return starts


def _prose_through(prose: set[int], text: str, start: int, close: int) -> bool:
    """Whether every line after the one holding `start`, to the one holding `close`, is prose."""
    at = text.find("\n", start, close)
    while at >= 0:
        if at + 1 not in prose:
            return False
        at = text.find("\n", at + 1, close)
    return True


def imported_pictures(text: str) -> dict[str, str]:
    """The pictures an MDX page imports by name (`import SHOT from "../img/shot.png"`), for the
    components that show them (`<Screenshot src={SHOT} />`)."""
    return {found.group(1): found.group(3) for found in _PICTURE_IMPORT.finditer(text)}


def without_expressions(text: str) -> str:
    """The text without its MDX `{/* comments */}` and `{…}` expressions (those holding no braces or
    tags). Comments are found in one scan: a lazy regular expression would rescan to the end for
    every unclosed `{/*`."""
    kept, at = [], 0
    while (start := text.find("{/*", at)) >= 0 and (end := text.find("*/}", start + 3)) >= 0:
        kept.append(text[at:start])
        at = end + 3
    kept.append(text[at:])
    return _SIMPLE_EXPRESSION.sub("", "".join(kept))


def has_content(source: str) -> bool:
    """Whether raw HTML/JSX holds text, a picture or a player of its own (labels aside)."""
    extractor = TextExtractor()
    extractor.feed(without_expressions(source))
    extractor.close()
    return bool(extractor.text().strip() or extractor.images or extractor.media)


def labelled_tag(tag: re.Match) -> str:
    """A component tag followed by the label it shows, as a bold line of the extracted text."""
    if youtube_url(tag.group(1), tag.group(2)):
        return tag.group(0)  # its title names the video link
    label = _component_label(tag.group(1), tag.group(2))
    return tag.group(0) + (f"\n{BOLD_LINE}{html.escape(label)}\n" if label else "")


def _component_label(name: str, attributes: str) -> str:
    """The label a component's tag shows on the page: Docusaurus `<TabItem label="macOS">` (its `value`
    when it has no label), and the `title` of any component (`<Admonition title="…">`); else empty."""
    found = tag_attributes(attributes)
    label = found.get("label") or found.get("title") or (found.get("value") if name == "TabItem" else "")
    return (label or "").strip()


def is_whole_component(source: str) -> bool:
    """A self-closing `<X />` or `<X>…</X>` in one block: its content is not in the lesson, unlike a
    lone opening tag whose content follows as Markdown."""
    name = JSX_OPEN.match(source).group(1)
    stripped = source.strip()
    if stripped.startswith("</"):
        return False
    return stripped.endswith("/>") or f"</{name}>" in stripped
