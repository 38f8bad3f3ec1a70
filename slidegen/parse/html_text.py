"""Reading raw HTML: the visible text of a block (`<script>`/`<style>` left out, a `<summary>` or `<h2>`
line marked bold), the pictures and players it holds, and the quoted attributes of a tag."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import ClassVar

from ..model import LINE_BREAK, Block, Paragraph, Run, SourcePos

_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_IMG_TAG = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)
_DROPPED_TAGS = ("script", "style")
MEDIA_TAGS = ("iframe", "video", "audio", "embed", "object")
BOLD_LINE = "\x02"  # marks, inside extracted HTML text, a line set in bold (a <summary>, an <h2>)
CAPTION_LINE = "\x04"  # marks a line that captions a picture (a <figcaption>, a div of class "caption")
PICTURE = "\x03"  # marks where, in the text, a picture stands
_CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)
_PICTURE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif)(?:[?#].*)?$", re.IGNORECASE)


class TextExtractor(HTMLParser):
    """Visible text of a raw HTML block; <script>/<style> content is dropped and remembered."""

    _BLOCK_TAGS: ClassVar[set[str]] = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details",
        "section", "article", "ul", "ol", "table", "pre", "blockquote", "figure", "figcaption"}
    _LABEL_TAGS: ClassVar[set[str]] = {"summary", "h1", "h2", "h3", "h4", "h5", "h6"}  # their line is set in bold

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._no_comment_end_after: int | None = None
        self.parts: list[str] = []
        self.skipping: str | None = None
        self.dropped: set[str] = set()
        self.images: list[tuple[str, str]] = []
        self.media: list[tuple[str, str, str]] = []  # (tag, src, title) of players a page cannot hold

    def feed(self, data: str) -> None:
        self._no_comment_end_after = None  # more text: a comment may end in it
        super().feed(data)

    def parse_comment(self, i: int, report: int = 1) -> int:
        """HTMLParser's, without its search to the end of the text for each of many unclosed `<!--`
        (quadratic: `<!--` repeated 12,500 times cost 2.7 s): once no `-->` follows a position, none
        follows any later one."""
        if self._no_comment_end_after is not None and i >= self._no_comment_end_after:
            return -1
        end = super().parse_comment(i, report)
        if end < 0:
            self._no_comment_end_after = i
        return end

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if (tag == "img" or _shows_picture(tag, values)) and not self.skipping:
            self.images.append((values.get("src") or "", values.get("alt") or "", pixel_width(values)))
            self.parts.append(PICTURE)
        elif tag in MEDIA_TAGS and not self.skipping:
            self.media.append((tag, (values.get("src") or values.get("data") or "").strip(),
                               (values.get("title") or "").strip()))
        elif tag == "source" and self.media and not self.media[-1][1]:
            self.media[-1] = (self.media[-1][0], (values.get("src") or "").strip(), self.media[-1][2])
        elif tag in _DROPPED_TAGS:
            self.skipping = tag
            self.dropped.add(tag)
        elif tag in self._LABEL_TAGS:
            self.parts.append("\n" + BOLD_LINE)
        elif tag == "figcaption" or _CAPTION_CLASS.search(values.get("class") or ""):
            self.parts.append("\n" + CAPTION_LINE)
        elif tag in self._BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == self.skipping:
            self.skipping = None
        elif tag in self._BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


def _shows_picture(tag: str, values: dict) -> bool:
    """A component that shows a picture file (`<Screenshot src="shot.png" alt="…" />`, Next.js's
    `<Image>`): a tag other than a player whose `src` names a picture."""
    return tag not in MEDIA_TAGS and tag != "source" and bool(_PICTURE_FILE.search(values.get("src") or ""))


def text_paragraphs(text: str, pos: SourcePos) -> list[Block]:
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    runs: list[Run] = []
    bold = italic = False
    for line in lines:
        bold = bold or line.startswith(BOLD_LINE)  # a label's marker may sit on a line of its own
        italic = italic or line.startswith(CAPTION_LINE)
        line = line.lstrip(BOLD_LINE + CAPTION_LINE).strip()
        if not line:
            continue
        if runs:
            runs.append(LINE_BREAK)
        runs.append(Run(line, bold=bold, italic=italic))
        bold = italic = False
    return [Paragraph(tuple(runs), pos)] if runs else []


def tag_attributes(tag: str) -> dict[str, str]:
    """The quoted attributes of a tag (entities decoded)."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTRIBUTE.finditer(tag)}


def img_attributes(source: str) -> list[tuple[str, str, float | None]]:
    return [(found.get("src", ""), found.get("alt", ""), pixel_width(found))
            for found in map(tag_attributes, _IMG_TAG.findall(source))]


_PIXELS = re.compile(r"^\s*(\d{1,5}(?:\.\d+)?)\s*(?:px)?\s*$")


def pixel_width(attributes: dict) -> float | None:
    """The width an `<img width="120">` (or `width="120px"`) asks for in CSS pixels; None for none, or
    for a share of the page (`50%`), which the slide's own sizing already gives."""
    found = _PIXELS.match(str(attributes.get("width") or ""))
    return float(found.group(1)) if found and float(found.group(1)) > 0 else None
