"""Addresses in a lesson: splitting one safely, and which links stay clickable."""
from __future__ import annotations

from urllib.parse import urlsplit


def split_url(url: str):
    """The parts of `url`, or None for one that cannot be parsed (`http://[bad`)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def safe_link(href: str) -> str | None:
    """Web, mail and in-page links stay clickable; `javascript:`, `file:` and the like do not."""
    parts = split_url(href)
    return href if parts is not None and parts.scheme.lower() in ("", "http", "https", "mailto") and href else None
