"""The handout's linked stylesheets, parsed once per process.

WeasyPrint parses every `<link rel="stylesheet">` anew for each document: for handout.css and
pygments.css about 0.15 s (a compiled Python function per selector), an eighth of a warm handout. A
process that builds several handouts (`slidegen build`'s workers, `slidegen watch`) parses each file
once and hands the parsed sheets to every later document instead, keyed by the file's path, size and
modification time so that an edited template is read again.

Only the simple case is taken: links to plain files inside the template folder and no `<style>`
element (the cascade is then the same: author sheets moved to the user origin keep their order and their
precedence over WeasyPrint's defaults, and `style` attributes still win). Anything else is left to
WeasyPrint as written. WeasyPrint is imported only when a handout is made."""
from __future__ import annotations

import re
from pathlib import Path

_LINK = re.compile(r'<link rel="stylesheet" href="([^"<>:]+\.css)">\n?')
_CACHE: dict[tuple[str, int, int], object] = {}


def split_stylesheets(html: str, base: Path) -> tuple[str, list]:
    """`html` without its stylesheet links and those sheets parsed (cached), in document order; or
    `html` as given and no sheets when it is not the simple case."""
    head = html[: html.find("<body")]
    links = _LINK.findall(head)
    paths = [(Path(base) / href).resolve() for href in links]
    folder = Path(base).resolve()
    if not links or "<style" in html or "<link" in _LINK.sub("", head) or \
            not all(p.is_file() and p.is_relative_to(folder) for p in paths):
        return html, []
    sheets = [parsed(p) for p in paths]
    if any(sheet is None for sheet in sheets):
        return html, []
    return _LINK.sub("", head) + html[len(head):], sheets


def parsed(path: Path):
    """The stylesheet at `path` parsed, or None when it imports others or declares fonts (those belong
    to one document's font configuration)."""
    from weasyprint import CSS

    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _CACHE:
        text = path.read_text(encoding="utf-8")
        _CACHE[key] = None if ("@import" in text or "@font-face" in text) else \
            CSS(string=text, base_url=path.as_uri())
    return _CACHE[key]
