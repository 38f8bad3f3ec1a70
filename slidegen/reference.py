"""An institution's own .pptx as the deck master: its layouts are found by name, and the boxes of their
placeholders replace the theme's boxes, so the paginator measures against the real geometry."""
from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

from pptx.util import Emu

from .errors import UsageError
from .model import Box
from .theme import Theme

# layout name -> theme box names: the title placeholder's box, then the body placeholders' boxes in order
NEEDED = {
    "title": ("title.title", "title.subtitle"),
    "agenda": ("content.title", "content.body"),
    "section": ("section.title",),
    "content": ("content.title", "content.body"),
    "two content": ("content.title", "two content.left", "two content.right"),
    "table": ("content.title",),
    "code": ("content.title",),
    "closing": ("closing.title", "closing.subtitle"),
}


MAX_FILE_BYTES = 100 * 1024 * 1024  # a reference deck, packed
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # all its parts, unpacked (a zip bomb unpacks to gigabytes)
MAX_PARTS = 10_000
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*TargetMode=\"External\"[^>]*>")
_SAFE_EXTERNAL = re.compile(rb'Type="[^"]*/hyperlink"[^>]*Target="(?:https?:|mailto:)|Target="(?:https?:|mailto:)[^"]*"[^>]*Type="[^"]*/hyperlink"')


def refuse_unsafe(reference: Path) -> None:
    """Refuse, before python-pptx reads it, a reference deck that cannot be used safely: too large
    (packed or unpacked), macros, XML with a DTD or entities, or layouts and masters whose pictures or
    other parts point outside the file (`file://`, a web address fetched on opening)."""
    if reference.stat().st_size > MAX_FILE_BYTES:
        raise UsageError(f"{reference}: larger than {MAX_FILE_BYTES // 2**20} MB; not used as a reference deck")
    try:
        with zipfile.ZipFile(reference) as package:
            members = package.infolist()
            _refuse_package_shape(reference, members)
            for member in members:
                _refuse_part(reference, member.filename, package.read(member))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise UsageError(f"{reference}: not a usable .pptx ({exc})") from None


def _refuse_package_shape(reference: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_PARTS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise UsageError(f"{reference}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB or {MAX_PARTS} parts; "
                         "not used as a reference deck")
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
        raise UsageError(f"{reference}: holds macros (vbaProject.bin); save it as a .pptx or .potx without macros")


def _refuse_part(reference: Path, name: str, data: bytes) -> None:
    if not name.endswith((".xml", ".rels")):
        return
    if _DTD.search(data[:4096]):
        raise UsageError(f"{reference}: {name} declares a DTD or entities; not used as a reference deck")
    if name.endswith(".rels") and not name.startswith("ppt/slides/"):  # example slides are never copied
        for rel in _EXTERNAL.findall(data):
            if not _SAFE_EXTERNAL.search(rel):
                target = re.search(rb'Target="([^"]*)"', rel)
                shown = target.group(1).decode("utf-8", "replace")[:80] if target else "?"
                raise UsageError(f"{reference}: {name} points outside the file ({shown}); "
                                 "embed that picture in the template instead")


def theme_from_reference(theme: Theme, reference: Path) -> Theme:
    from .render_pptx import open_master

    refuse_unsafe(Path(reference))
    prs = open_master(Path(reference))
    boxes: dict[str, Box] = {}
    problems: list[str] = []
    for layout in prs.slide_layouts:
        if layout.name not in NEEDED:
            continue
        placeholders = sorted(layout.placeholders, key=lambda ph: ph.placeholder_format.idx)
        titles = [ph for ph in placeholders if ph.placeholder_format.idx == 0]
        bodies = [ph for ph in placeholders if 0 < ph.placeholder_format.idx < 10]
        wanted = NEEDED[layout.name]
        found = titles[:1] + bodies[: len(wanted) - 1]
        if len(found) < len(wanted) or not titles:
            problems.append(f"layout '{layout.name}' needs a title and {len(wanted) - 1} body placeholder(s)")
            continue
        for name, shape in zip(wanted, found):
            boxes.setdefault(name, _box(shape))
    if problems:
        raise UsageError(f"{reference}: " + "; ".join(problems))
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    for name, box in theme.boxes.items():  # boxes no layout names (the footer) follow the slide's size
        if name not in boxes:
            boxes[name] = _scaled(box, width / theme.width, height / theme.height)
    return replace(theme.with_boxes(boxes), width=width, height=height)


def _scaled(box: Box, sx: float, sy: float) -> Box:
    return Box(box.x * sx, box.y * sy, box.w * sx, box.h * sy)


def _box(shape) -> Box:
    return Box(Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)
