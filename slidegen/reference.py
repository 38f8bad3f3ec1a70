"""An institution's own .pptx or .potx as the deck master: read with limits (`refuse_unsafe`), its layouts
found by type, name or placeholders, and the boxes of their placeholders, its fonts and colours put in
the theme, so the paginator measures against the template's real geometry and fonts."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from pptx.util import Emu

from .errors import UsageError, warn
from .layouts import BODY_TYPES, match_template
from .model import Box, Layout
from .template_style import body_font, template_colors, theme_part
from .theme import Theme

# slidegen layout -> theme box names: the title placeholder's box, then the body placeholders' boxes
NEEDED = {
    Layout.TITLE: ("title.title", "title.subtitle"),
    Layout.SECTION: ("section.title",),
    Layout.CONTENT: ("content.title", "content.body"),
    Layout.TWO_CONTENT: ("content.title", "two content.left", "two content.right"),
    Layout.CLOSING: ("closing.title", "closing.subtitle"),
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


def theme_from_reference(theme: Theme, reference: Path, lang: str = "en") -> Theme:
    """The theme with the template's geometry, fonts and colours: its layouts found by type, name or
    placeholders (`layouts.match_layouts`), the boxes of their placeholders, its theme fonts when they
    are installed (and draw Hangul, for a Korean lesson), its text and accent colours."""
    reference = Path(reference)
    refuse_unsafe(reference)
    prs = open_reference(reference)
    chosen, fell_back = match_template(prs)
    if fell_back:
        warn(str(reference), "the template has no layout for " + ", ".join(repr(lay.value) for lay in fell_back)
             + f"; using '{chosen[fell_back[0]].name}' with slidegen's own boxes")
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    boxes = {name: _scaled(box, width / theme.width, height / theme.height) for name, box in theme.boxes.items()}
    found: dict[str, Box] = {}
    for layout, names in NEEDED.items():  # a box two layouts share (the content title) is the first one's
        for name, box in _placeholder_boxes(chosen[layout], names).items():
            found.setdefault(name, box)  # (a title is measured with a margin: metrics.TITLE_MARGIN)
    boxes.update(found)
    boxes.update(_below(boxes, ("content.body", "two content.left", "two content.right"), boxes["content.title"]))
    own = {layout.name for layout in prs.slide_layouts} >= {layout.value for layout in Layout}
    if not own:  # the footer where the template puts its own, the body above it
        boxes.update(_footer_boxes(chosen[Layout.CONTENT]))
        boxes.update(_above(boxes, ("content.body", "two content.left", "two content.right"),
                            min(boxes["footer.text"].y, boxes["footer.number"].y)))
    themed = replace(theme.with_boxes(boxes), width=width, height=height)
    if own:
        return themed  # slidegen's own master (or one made from it): its look is the theme's already
    scheme = theme_part(chosen[Layout.CONTENT].slide_master)  # the master most slides use
    # titles keep the template's own text styles (a colour of None is inherited): its title colour is
    # designed for its own backgrounds, as slidegen's white section title is for its navy section slide
    colors = {**template_colors(scheme, theme.colors), "title": None, "section_text": None, "subtitle": None}
    return replace(themed,
                   fonts={**theme.fonts, "body": body_font(scheme, theme.fonts["body"], lang, reference)},
                   colors=colors)


def open_reference(reference: Path):
    """The template as a python-pptx presentation; a .potx is read as the deck it is a template of."""
    from pptx import Presentation

    try:
        return Presentation(as_deck(reference))
    except Exception as exc:  # noqa: BLE001 -- python-pptx raises several kinds for a file that is not a deck
        raise UsageError(f"{reference}: not a usable .pptx or .potx ({exc})") from None


TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def as_deck(reference: Path) -> io.BytesIO:
    """The file's bytes, with a template's (.potx) main part typed as a presentation's, which is all
    that tells the two apart; python-pptx opens only the latter."""
    data = Path(reference).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
        if TEMPLATE_TYPE not in types:
            return io.BytesIO(data)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as deck:
            for member in package.infolist():
                blob = package.read(member)
                deck.writestr(member, types.replace(TEMPLATE_TYPE, DECK_TYPE) if member.filename == "[Content_Types].xml" else blob)
    out.seek(0)
    return out


def _placeholder_boxes(layout, names: tuple[str, ...]) -> dict[str, Box]:
    """The boxes of a layout's title and body placeholders, under the theme's names; a placeholder
    the layout lacks (or one of no size) keeps the theme's box."""
    titles = [ph for ph in layout.placeholders if _kind(ph) in ("title", "center_title")]
    bodies = sorted((ph for ph in layout.placeholders if _kind(ph) in BODY_TYPES), key=lambda ph: (ph.top or 0, ph.left or 0))
    if len(names) == 3:  # two content: left, then right
        bodies = sorted(bodies[:2], key=lambda ph: ph.left or 0)
    shapes = dict(zip(names[1:], bodies))
    if titles:
        shapes[names[0]] = titles[0]
    if len(names) < 3 and _made_up(layout):  # a two content layout's halves stay its own
        # a made-up content layout takes its master's boxes; a cover or section, slidegen's own
        if names[0] != "content.title":
            shapes = {}
        elif _body_area(layout.slide_master) > _body_area(layout):  # the master offers more room for text
            shapes = {name: _designed(layout, shape) for name, shape in shapes.items()}
    return {name: _box(shape) for name, shape in shapes.items()
            if shape is not None and (shape.width or 0) > 0 and (shape.height or 0) > 0}


def _made_up(layout) -> bool:
    """Whether the layout's boxes say nothing of its design: nearly every layout of its master repeats
    its title box whatever the layout's kind (LibreOffice writes one made-up box into every layout and
    places the text by its master)."""
    layouts = list(layout.slide_master.slide_layouts)
    title = next((ph for ph in layout.placeholders if _kind(ph) in ("title", "center_title") and ph.width), None)
    if title is None or len(layouts) < 4:
        return False
    box = _box(title)
    repeating = sum(1 for other in layouts if any(_box(ph) == box for ph in other.placeholders if ph.width))
    return repeating >= 0.75 * len(layouts)


def _body_area(part) -> float:
    """The area of the largest body placeholder of a layout or master (0 without one)."""
    areas = [_box(ph).w * _box(ph).h for ph in part.placeholders if _kind(ph) in BODY_TYPES and ph.width and ph.height]
    return max(areas, default=0.0)


def _designed(layout, shape):
    """For a layout whose boxes are made up, the master's placeholder of the shape's kind (None, so
    slidegen's own box is kept, when the master has none or repeats the made-up box)."""
    wanted = ("title", "center_title") if _kind(shape) in ("title", "center_title") else BODY_TYPES
    master = next((ph for ph in layout.slide_master.placeholders if _kind(ph) in wanted and ph.width and ph.height), None)
    made_up = {_box(ph) for ph in layout.placeholders if ph.width}
    return master if master is not None and _box(master) not in made_up else None


def _footer_boxes(layout) -> dict[str, Box]:
    """The template's footer and slide number placeholders' boxes (a layout's own, else its master's),
    as the boxes of slidegen's footer text and number."""
    found = {}
    for name, kind in (("footer.text", "footer"), ("footer.number", "slide_number")):
        shape = next((ph for ph in layout.placeholders if _kind(ph) == kind), None)
        if shape is not None and (shape.width or 0) > 0 and (shape.height or 0) > 0:
            found[name] = _box(shape)
    return found


def _below(boxes: dict[str, Box], names: tuple[str, ...], title: Box, gap: float = 6.0) -> dict[str, Box]:
    """The named boxes starting `gap` below the title (slidegen's own body under a template's title
    that reaches lower), shortened by as much."""
    out = {}
    bottom = title.y + title.h + gap
    for name in names:
        box = boxes.get(name)
        if box is not None and box.y < bottom < box.y + box.h / 2:
            out[name] = Box(box.x, bottom, box.w, box.y + box.h - bottom)
    return out


def _above(boxes: dict[str, Box], names: tuple[str, ...], top: float, gap: float = 4.0) -> dict[str, Box]:
    """The named boxes ending `gap` above `top` (a template's body reaching into its footer)."""
    out = {}
    for name in names:
        box = boxes.get(name)
        if box is not None and box.y + box.h > top - gap and top - gap - box.y > box.h / 2:
            out[name] = Box(box.x, box.y, box.w, top - gap - box.y)
    return out


def _kind(placeholder) -> str:
    return str(getattr(placeholder._element.ph_type, "name", "")).lower()


def _scaled(box: Box, sx: float, sy: float) -> Box:
    return Box(box.x * sx, box.y * sy, box.w * sx, box.h * sy)


def _box(shape) -> Box:
    return Box(Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)
