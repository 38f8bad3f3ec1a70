"""Players a slide or a page cannot play (`<video>`, `<iframe>`…, YouTube components): each is named,
and linked when it is on the web."""
from __future__ import annotations

import re

from ..errors import warn
from ..model import Run, SourcePos
from .html_text import tag_attributes
from .urls import split_url


def media_runs(tag: str, src: str, title: str, pos: SourcePos) -> tuple[Run, Run]:
    """A video or other embedded player: a slide or a page cannot play it, so it is named ("▶ title"),
    linked when it is on the web (`//host/…` taken as https), with a warning."""
    src = "https:" + src if src.startswith("//") else src
    parts = split_url(src)
    href = src if parts is not None and parts.scheme in ("http", "https") and parts.netloc else None
    shown = f"as a link to {href}" if href else f"by name ({src})" if src else "by name"
    warn(pos, f"<{tag}> cannot play in a deck or handout; it is shown {shown}")
    return Run("▶ "), Run(title or src or tag, link=href)


def youtube_url(name: str, attributes: str) -> str:
    """The video a `<Youtube id="…" />`-style component (Hugging Face, Docusaurus plug-ins) shows."""
    if name.lower().replace("-", "") not in ("youtube", "liteyoutubeembed", "youtubeembed", "youtubevideo"):
        return ""
    found = tag_attributes(attributes)
    video = (found.get("id") or found.get("videoId") or "").strip()
    return f"https://www.youtube.com/watch?v={video}" if re.fullmatch(r"[\w-]{6,20}", video) else ""
