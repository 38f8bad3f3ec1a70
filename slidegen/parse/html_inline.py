"""Raw HTML inside a paragraph or a table cell: `<br>` (a line break), `<img>` (a picture), `<a href>`
(a link around the text up to `</a>`) and players (`<video>`, `<iframe>`…, `<Youtube id>`; a player whose
address is in a later `<source>` is named when that source comes).

Formatting tags (`<sup>`, `<sub>`, `<kbd>`, `<mark>`, `<u>`, `<b>`…) set the style of the runs up to
their end tag.

`InlineHtml` is mixed into `inline.InlineCollector`, which gives it `add`, `runs`, `images`, `pos`,
`parser`, `skip_depth`, `html_links`, `html_styles` and `pending_media`."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Run
from .html_text import MEDIA_TAGS, tag_attributes
from .media import media_runs, youtube_url
from .urls import safe_link

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
# Formatting tags and what each sets on the runs between the tag and its end tag.
STYLE_TAGS = {
    "sup": {"script": "super"}, "sub": {"script": "sub"},
    "b": {"bold": True}, "strong": {"bold": True},
    "i": {"italic": True}, "em": {"italic": True}, "cite": {"italic": True}, "var": {"italic": True},
    "dfn": {"italic": True}, "s": {"strike": True}, "del": {"strike": True}, "strike": {"strike": True},
    "u": {"underline": True}, "ins": {"underline": True}, "mark": {"highlight": True},
    "kbd": {"code": True}, "code": {"code": True}, "samp": {"code": True}, "tt": {"code": True},
}


class InlineHtml:
    """The inline handler for `html_inline` nodes (a mixin of `inline.InlineCollector`)."""

    def html_inline(self, node, style):
        tag = node.content
        if _BR.match(tag.strip()):
            self.add("\n", Run(""))
            return
        name = re.match(r"<\s*(/?)\s*([A-Za-z][\w.-]*)", tag)
        if name and name.group(2).lower() == "img" and not self.skip_depth:
            found = self.parser.img_tags(tag, self.pos)
            self.image_at.extend([None] * len(found))  # in the text's flow: after the paragraph
            self.images.extend(found)
        elif name and name.group(2).lower() == "a":
            self.html_anchor(tag, closing=bool(name.group(1)))
        elif name and name.group(2).lower() in STYLE_TAGS:
            self.html_style(name.group(2).lower(), closing=bool(name.group(1)) or tag.rstrip().endswith("/>"))
        elif name and not self.skip_depth:
            self.inline_media(name.group(2), bool(name.group(1)), tag)

    def inline_media(self, name: str, closing: bool, tag: str) -> None:
        """`<video>`, `<iframe>`… and `<Youtube id>` inside a paragraph or a table cell; a player whose
        address is in a `<source>` that follows is named when that source (or its end tag) comes."""
        kind = name.lower()
        attributes = tag_attributes(tag)
        if kind in MEDIA_TAGS and not closing:
            if attributes.get("src", "").strip():
                self.runs.extend(media_runs(kind, attributes["src"].strip(), attributes.get("title", ""), self.pos))
            else:
                self.pending_media = (kind, attributes.get("title", ""))
        elif self.pending_media and (kind == "source" or (closing and kind == self.pending_media[0])):
            (player, title), self.pending_media = self.pending_media, None
            self.runs.extend(media_runs(player, attributes.get("src", "").strip(), title, self.pos))
        elif not closing and (url := youtube_url(name, tag)):
            self.runs.extend(media_runs(name, url, attributes.get("title", ""), self.pos))

    def html_style(self, tag: str, closing: bool) -> None:
        """`<sup>`, `<kbd>`, `<b>`… open a formatting that lasts until the matching end tag; an end
        tag closes the innermost formatting of its name (a stray one is ignored)."""
        if not closing:
            self.html_styles.append((tag, STYLE_TAGS[tag]))
            return
        for i in range(len(self.html_styles) - 1, -1, -1):
            if self.html_styles[i][0] == tag:
                del self.html_styles[i]
                return

    def styled(self, style: Run) -> Run:
        """`style` with the formatting of the raw HTML tags still open around the text."""
        for _, changes in self.html_styles:
            style = replace(style, **changes)
        return style

    def html_anchor(self, tag: str, closing: bool) -> None:
        if closing:
            if self.html_links:
                self.html_links.pop()
            return
        href = tag_attributes(tag).get("href")
        self.html_links.append(safe_link(href) if href is not None else None)
