"""The deck writer's part maker (render_pptx/parts.py) gives python-pptx's own answers: the same slide
ids, rIds, part names and pictures, so a deck written through it is byte-identical; and a slide costs
the same whatever the deck already holds (python-pptx's add_slide searched every slide: n²)."""
from __future__ import annotations

import io
import zipfile

from pptx.parts.image import Image as PptxImage

from slidegen.render_pptx.frames import add_picture
from slidegen.render_pptx.master import open_master
from slidegen.render_pptx.parts import Parts

from conftest import FIXTURES, ROOT

MASTER = ROOT / "templates" / "deck" / "master.pptx"
PICTURE = FIXTURES / "img" / "diagram.png"


class Box:
    x, y, w, h = 10.0, 20.0, 300.0, 200.0


def entries(prs) -> dict[str, bytes]:
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def deck(make_slide, notes_of, picture_part, slides: int = 12) -> dict[str, bytes]:
    prs, layouts = open_master(MASTER)
    layout = next(iter(layouts.values()))
    for number in range(slides):
        slide = make_slide(prs, layout)
        if number % 3 == 0:
            notes_of(prs, slide).notes_text_frame.text = f"notes {number}"
        if number % 4 == 1:  # the same picture on several slides is one part
            add_picture(slide, picture_part(prs, PptxImage.from_file(str(PICTURE))), Box)
    return entries(prs)


def test_parts_give_python_pptx_s_slides_notes_and_pictures_byte_for_byte():
    makers = {}

    def ours(prs):
        return makers.setdefault(id(prs), Parts(prs))

    theirs = deck(lambda prs, layout: prs.slides.add_slide(layout),
                  lambda prs, slide: slide.notes_slide,
                  lambda prs, image: prs.part.package._image_parts._find_by_sha1(image.sha1)
                  or __import__("pptx.parts.image", fromlist=["ImagePart"]).ImagePart.new(prs.part.package, image))
    mine = deck(lambda prs, layout: ours(prs).add_slide(layout),
                lambda prs, slide: ours(prs).notes_slide(slide),
                lambda prs, image: ours(prs).image_part(image))
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
    assert sum(name.startswith("ppt/media/") for name in mine) == 1

