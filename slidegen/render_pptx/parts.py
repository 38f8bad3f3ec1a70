"""New slides, notes and picture parts in time that does not grow with the deck (`Parts`).

python-pptx answers "what comes next" by looking at everything already there: `slides.add_slide` takes
the next slide id from an XPath over every `p:sldId` and relates the slide to the presentation through a
search of all its relationships (grouped by type anew on every call); a notes slide's part name and a
picture's part name and its duplicate check walk every part of the package. For n slides that is n²:
5,000 sections took over five minutes. `Parts` reads each of these once and keeps it: the next slide
id, the presentation's relationships, the notes master, the part names in use and the
pictures by their SHA-1. Its answers are python-pptx's own (the same ids, rIds and part names, so decks
are byte-identical); the parts are made with python-pptx's classes."""
from __future__ import annotations

import copy
import hashlib

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

MIN_SLIDE_ID, MAX_SLIDE_ID = 256, 2147483647
SLIDE_NAME = "/ppt/slides/slide%d.xml"
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
MEDIA_PREFIX = "/ppt/media/image"
SVG_CONTENT_TYPE = "image/svg+xml"


class Parts:
    """The deck's part maker: `add_slide`, `notes_slide`, `image_part`. Every part of the package is
    made through it while a deck is written (what it keeps would be stale otherwise)."""

    def __init__(self, prs):
        self.prs = prs
        self.part = prs.part
        self.package = prs.part.package
        self.sld_id_lst = prs.slides._sldIdLst
        self.next_id = max([MIN_SLIDE_ID - 1] + [int(s.get("id")) for s in self.sld_id_lst]) + 1
        self._notes_master = None
        self._notes_names: set[str] | None = None
        self._images: dict[str, ImagePart] | None = None  # SHA-1 → part
        self._image_numbers: set[int] = set()
        self._next_image = 1
        self._placeholders: dict[str, list] = {}  # layout part name → the placeholders its slides start with

    # -- slides

    def add_slide(self, layout):
        """`prs.slides.add_slide(layout)`: the same slide, id, rId and part name."""
        if self.next_id > MAX_SLIDE_ID:  # python-pptx then looks for an unused id; never in practice
            return self.prs.slides.add_slide(layout)
        name = PackURI(SLIDE_NAME % (len(self.sld_id_lst) + 1))  # python-pptx: slide{count + 1}.xml
        slide_part = SlidePart.new(name, self.package, layout.part)
        rId = self.part._rels._add_relationship(RT.SLIDE, slide_part)  # a new part: no relationship to reuse
        slide = slide_part.slide
        self.clone_placeholders(slide, layout)
        self.sld_id_lst._add_sldId(id=self.next_id, rId=rId)
        self.next_id += 1
        return slide

    def clone_placeholders(self, slide, layout) -> None:
        """`slide.shapes.clone_layout_placeholders(layout)`: every new slide of a layout starts with the
        same placeholders (the same ids from 2 and names), so python-pptx makes them once per layout
        and later slides get copies of that XML (making them anew was a sixth of writing a deck)."""
        tree = slide.shapes._spTree
        made = self._placeholders.get(layout.part.partname)
        if made is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._placeholders[layout.part.partname] = [copy.deepcopy(ph) for ph in tree.iter_ph_elms()]
            return
        for ph in made:
            tree.append(copy.deepcopy(ph))

    # -- notes

    def notes_slide(self, slide):
        """`slide.notes_slide`: the slide's notes, made the first time as python-pptx makes them."""
        slide_part = slide.part
        if any(rel.reltype == RT.NOTES_SLIDE for rel in slide_part.rels.values()):
            return slide.notes_slide
        master_part = self.notes_master_part()
        notes_part = NotesSlidePart(self.next_notes_name(), CT.PML_NOTES_SLIDE, self.package, CT_NotesSlide.new())
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        notes_part.notes_slide.clone_master_placeholders(master_part.notes_master)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide

    def notes_master_part(self):
        if self._notes_master is None:
            self._notes_master = self.part.notes_master_part  # made from python-pptx's default when missing
        return self._notes_master

    def next_notes_name(self) -> PackURI:
        """`package.next_partname(NOTES_NAME)`: the highest free number up to one past the count."""
        if self._notes_names is None:
            prefix = NOTES_NAME[: NOTES_NAME.index("%")]
            self._notes_names = {p.partname for p in self.package.iter_parts() if p.partname.startswith(prefix)}
        for n in range(len(self._notes_names) + 1, 0, -1):
            name = NOTES_NAME % n
            if name not in self._notes_names:
                self._notes_names.add(name)
                return PackURI(name)
        raise AssertionError("no free notes slide name")  # pragma: no cover (n + 1 names, n taken)

    # -- pictures

    def image_part(self, image) -> ImagePart:
        """The package's part holding `image` (a python-pptx `Image`): an equal one already there, else a
        new one named as `package.next_image_partname` names it (the lowest free number)."""
        part = self.images().get(image.sha1)
        if part is None:
            part = self.new_image_part(image.blob, image.ext, image.content_type, image.filename)
            self._images[image.sha1] = part
        return part

    def svg_part(self, svg: bytes) -> ImagePart:
        """The package's part holding the SVG drawing `svg` (an equal one already there, else a new one)."""
        sha1 = hashlib.sha1(svg).hexdigest()
        part = self.images().get(sha1)
        if part is None:
            part = self.new_image_part(svg, "svg", SVG_CONTENT_TYPE)
            self._images[sha1] = part
        return part

    def images(self) -> dict:
        """The package's pictures by SHA-1 (the first of equal ones, as python-pptx finds it), read once
        with the numbers of the `/ppt/media/imageN` names in use."""
        if self._images is None:
            self._images = {}
            for part in self.package._image_parts:
                if hasattr(part, "sha1"):
                    self._images.setdefault(part.sha1, part)
            self._image_numbers = {p.partname.idx for p in self.package.iter_parts()
                                   if p.partname.startswith(MEDIA_PREFIX) and p.partname.idx is not None}
        return self._images

    def new_image_part(self, blob: bytes, ext: str, content_type: str, filename: str | None = None) -> ImagePart:
        """A new picture part under the lowest free `/ppt/media/imageN` name."""
        self.images()
        while self._next_image in self._image_numbers:
            self._next_image += 1
        self._image_numbers.add(self._next_image)
        name = PackURI(f"{MEDIA_PREFIX}{self._next_image}.{ext}")
        return ImagePart(name, content_type, self.package, blob, filename)
