"""Raw HTML inside a paragraph or a table cell: `<br>` (a line break), `<img>` (a picture), `<a href>`
(a link around the text up to `</a>`) and players (`<video>`, `<iframe>`…, `<Youtube id>`; a player whose
address is in a later `<source>` is named when that source comes).

`InlineHtml` is mixed into `inline.InlineCollector`, which gives it `add`, `runs`, `images`, `pos`,
`parser`, `skip_depth`, `html_links` and `pending_media`."""
from __future__ import annotations

import re

from ..model import Run
from .html_text import MEDIA_TAGS, tag_attributes
from .media import media_runs, youtube_url
from .urls import safe_link

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


class InlineHtml:
    """The inline handler for `html_inline` nodes (a mixin of `inline.InlineCollector`)."""

    def html_inline(self, node, style):
        tag = node.content
        if _BR.match(tag.strip()):
            self.add("\n", Run(""))
            return
        name = re.match(r"<\s*(/?)\s*([A-Za-z][\w.-]*)", tag)
        if name and name.group(2).lower() == "img" and not self.skip_depth:
            self.images.extend(self.parser.img_tags(tag, self.pos))
        elif name and name.group(2).lower() == "a":
            self.html_anchor(tag, closing=bool(name.group(1)))
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

    def html_anchor(self, tag: str, closing: bool) -> None:
        if closing:
            if self.html_links:
                self.html_links.pop()
            return
        href = tag_attributes(tag).get("href")
        self.html_links.append(safe_link(href) if href is not None else None)
