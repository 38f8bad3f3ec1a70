"""MDX in a lesson: `import`/`export` lines (not lesson text), `{…}` expressions, and components
(`<Tabs>`, `<TabItem label=…>`): which tag a block opens, the label a tag shows, whether a component
has content of its own in this file."""
from __future__ import annotations

import html
import re

from .html_text import BOLD_LINE, TextExtractor, tag_attributes
from .media import youtube_url

_MDX_ESM = re.compile(r"^\s*(import\s+[\w*{}\s,]+\s+from\s+['\"].*['\"];?|import\s+['\"].*['\"];?"
                      r"|export\s+(const|let|var|function|default|\{).*)\s*$")
_PICTURE_IMPORT = re.compile(r"""^\s*import\s+([A-Za-z_$][\w$]*)\s+from\s+(["'])([^"'\n]+\.(?:png|jpe?g|gif|svg|webp|avif))\2""",
                             re.MULTILINE | re.IGNORECASE)
_SIMPLE_EXPRESSION = re.compile(r"\{[^{}<>]*\}")
JSX_OPEN = re.compile(r"^\s*</?([A-Z][\w.]*)")
JSX_TAG = re.compile(r"""<([A-Z][\w.]*)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>""")


def is_mdx_esm(source: str) -> bool:
    lines = [ln for ln in source.split("\n") if ln.strip()]
    return bool(lines) and all(_MDX_ESM.match(ln) for ln in lines)


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
