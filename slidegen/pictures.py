"""Facts about a picture file that more than one stage needs (its kind and shape): raster pictures read
with Pillow, SVG drawings with lxml (no DTD, no entities, nothing fetched)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DEFAULT_RATIO = 0.6  # the height / width assumed for a picture that cannot be read
MAX_PIXELS = 50_000_000  # a picture larger than this (a 30,000 × 2,000 px chart) is not decoded
DECK_FORMATS = {"BMP", "GIF", "JPEG", "PNG", "TIFF", "WMF"}  # what a deck holds as it is; others become PNG
SVG_NS = "http://www.w3.org/2000/svg"
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in|)\s*\Z")
_PX_PER_UNIT = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def problem(path: Path) -> str | None:
    """Why the picture at `path` cannot be drawn (for the warning), or None when it can."""
    if is_svg(path):
        return None if svg_root(path) is not None else "not a well-formed SVG drawing"
    facts = raster_facts(path)
    if isinstance(facts, str):
        return facts
    _format, w, h = facts
    if w * h > MAX_PIXELS:
        return f"{w:,} × {h:,} pixels, more than {MAX_PIXELS // 10**6} million"
    return None if w and h else "no pixels"


def raster_format(path: Path) -> str | None:
    """Pillow's name of the picture's format (`PNG`, `WEBP`, …), None when it cannot be read."""
    facts = raster_facts(path)
    return None if isinstance(facts, str) else facts[0]


def ratio(path: Path | None) -> float:
    """Height / width of the picture at `path`; `DEFAULT_RATIO` when it cannot be read."""
    if path is None:
        return DEFAULT_RATIO
    if is_svg(path):
        size = svg_size(path)
        return size[1] / size[0] if size else DEFAULT_RATIO
    facts = raster_facts(path)
    return DEFAULT_RATIO if isinstance(facts, str) or not facts[1] else facts[2] / facts[1]


def raster_facts(path: Path) -> tuple[str | None, int, int] | str:
    """(format, width, height) of a raster picture from its header, read once per file version (the
    parser, every size the paginator tries and the deck writer ask); the reason when Pillow cannot."""
    try:
        changed = Path(path).stat().st_mtime_ns
    except OSError as exc:
        return f"cannot be opened: {type(exc).__name__}"
    return _raster_facts(Path(path), changed)


@lru_cache(maxsize=256)
def _raster_facts(path: Path, _mtime: int) -> tuple[str | None, int, int] | str:
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as picture:
            return picture.format, *picture.size
    except Exception as exc:  # noqa: BLE001 (Pillow refuses an unreadable file in several ways)
        return f"not a picture Pillow can read: {type(exc).__name__}"


def is_svg(path: Path) -> bool:
    """Whether the file is an SVG drawing (by its name: `.svg`, or `.svgz` which is refused as unreadable)."""
    return Path(path).suffix.lower() == ".svg"


def svg_root(path: Path):
    """The parsed `<svg>` element of the file, or None when it is not a well-formed SVG drawing."""
    try:
        changed = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _svg_root(Path(path), changed)


@lru_cache(maxsize=64)
def _svg_root(path: Path, _mtime: int):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError, ValueError):
        return None
    return root if root.tag == f"{{{SVG_NS}}}svg" else None


def svg_size(path: Path) -> tuple[float, float] | None:
    """(width, height) of the drawing in CSS pixels: its `width`/`height`, else its `viewBox`; a
    percentage or a missing size takes the viewBox's shape. None when it has neither."""
    root = svg_root(path)
    if root is None:
        return None
    box = view_box(root.get("viewBox"))
    width, height = css_px(root.get("width")), css_px(root.get("height"))
    if width and height:
        return width, height
    if box:
        w, h = box
        if width:
            return width, width * h / w
        if height:
            return height * w / h, height
        return w, h
    return None


def view_box(value: str | None) -> tuple[float, float] | None:
    numbers = re.split(r"[\s,]+", (value or "").strip())
    try:
        w, h = float(numbers[2]), float(numbers[3])
    except (IndexError, ValueError):
        return None
    return (w, h) if w > 0 and h > 0 else None


def css_px(value: str | None) -> float | None:
    """A length in CSS pixels (`120`, `3cm`, `40pt`); None for a percentage, `auto` or nonsense."""
    if not value or len(value) > 64:  # a length is short; a long one is not read (and never backtracked over)
        return None
    match = _LENGTH.match(value)
    if not match:
        return None
    px = float(match.group(1)) * _PX_PER_UNIT[match.group(2)]
    return px if px > 0 else None
