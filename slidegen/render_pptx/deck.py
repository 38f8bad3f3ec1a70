"""The deck, slide by slide (`DeckWriter`). Decides which master layout each slide uses, what goes in
its title (the title placeholder, or a text box where the template has none; never in capitals the
measuring did not see), which text frame takes each of the layout's body placeholders (the one in its column), the footer (lesson title and slide number, made once and copied), the notes, in-deck
links resolved to the first slide of their heading, the builds (`animation`), and the document properties."""
from __future__ import annotations

import copy
import io
from pathlib import Path

from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..anchors import heading_anchors
from ..model import Deck, Layout, Run, Slide, SourcePos, TextFrame
from ..theme import Theme
from .animation import add_builds
from .frames import FrameWriter
from .master import (
    body_placeholders,
    capitalised,
    drop_unfilled_placeholders,
    drop_unused_masters,
    open_master,
    set_link_colour,
    title_placeholder,
)
from .package import build_time, reproducible_zip
from .parts import Parts
from .shapes import same_place, set_box, textbox
from .speedups import install as install_speedups
from .text import TextWriter, element
from .units import emu

install_speedups()

TITLE_BOXES = {Layout.TITLE: "title.title", Layout.SECTION: "section.title", Layout.CLOSING: "closing.title"}


class DeckWriter:
    """One lesson's deck on the master; `write` gives the package's bytes."""

    def __init__(self, deck: Deck, theme: Theme, master: Path):
        self.deck = deck
        self.theme = theme
        self.prs, self.layouts = open_master(master)
        set_link_colour(self.prs, theme.colors["accent"])
        self.parts = Parts(self.prs)  # new slides, notes and pictures without a search of the whole deck
        self.korean = deck.lesson.lang == "ko"
        self.text = TextWriter(theme, self.korean)
        self.frames = FrameWriter(self.text, self.parts)
        self._footer = None  # (title shape, number shape) XML, made on the first slide with a footer
        self.anchors = {slug: pos for pos, slug in heading_anchors(deck.lesson).items()}
        self.slide_at: dict[SourcePos, object] = {}  # heading position -> first slide showing it
        self._title_fits: dict = {}  # layout → (its title placeholder lies at the theme's box, in capitals)

    # -- whole deck

    def write(self) -> bytes:
        total = len(self.deck.slides)
        for number, slide in enumerate(self.deck.slides, start=1):
            self.add_slide(slide, number, total)
        self.link_jumps()
        self.set_properties()
        drop_unused_masters(self.prs)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return reproducible_zip(buffer.getvalue())

    def set_properties(self) -> None:
        lesson = self.deck.lesson
        props = self.prs.core_properties
        props.title = lesson.title
        props.subject = lesson.description
        props.keywords = ", ".join(lesson.tags)
        props.author = str(lesson.meta.get("author") or "")
        props.last_modified_by = "slidegen"
        props.revision = 1
        props.language = "ko-KR" if self.korean else "en-US"
        stamp = build_time()
        props.created = props.modified = stamp
        props.last_printed = stamp

    # -- one slide

    def add_slide(self, slide: Slide, number: int, total: int) -> None:
        pptx_slide = self.parts.add_slide(self.layouts[slide.layout])
        if slide.anchor is not None:
            self.slide_at.setdefault(slide.anchor, pptx_slide)
        self.fill_title(pptx_slide, slide)
        placeholders = body_placeholders(pptx_slide)
        shaped = [(frame, self.write_frame(pptx_slide, frame, placeholders)) for frame in slide.frames]
        add_builds(pptx_slide, shaped)
        drop_unfilled_placeholders(pptx_slide, {ph._element for ph in placeholders})
        if slide.layout not in (Layout.TITLE, Layout.SECTION):
            self.add_footer(pptx_slide, number, total)
        if slide.notes:
            self.parts.notes_slide(pptx_slide).notes_text_frame.text = slide.notes

    def write_frame(self, pptx_slide, frame, placeholders: list):
        """`frame` drawn; a text frame may take the body placeholder of its column (the only one on a
        content slide, the left or right one on a two content slide), which is then moved after the
        shapes drawn before it: the shapes' order is the reading order, and a placeholder lies first."""
        if not isinstance(frame, TextFrame):
            return self.frames.write(pptx_slide, frame, [])
        offered = [ph for ph in placeholders if in_column(ph, frame.box)][:1]
        shape = self.frames.write(pptx_slide, frame, offered[:])
        if offered and shape is offered[0]:
            placeholders.remove(shape)
            pptx_slide.shapes._spTree.append(shape._element)
        return shape

    def fill_title(self, pptx_slide, slide: Slide) -> None:
        """The slide's title in the layout's title placeholder (found by its type, not its idx)."""
        title = title_placeholder(pptx_slide)
        box = self.theme.box(TITLE_BOXES.get(slide.layout, "content.title"))
        if title is None:  # a template whose layouts all lack a title (reference.py said so): a text box
            title = textbox(pptx_slide, box, self.text)
            title.name = "Title"
        elif not self.title_in_place(pptx_slide, title, box):  # the layout's box was made up (reference.py
            set_box(title, box)                                   # took its master's)
        frame = title.text_frame
        self.text.prepare_frame(frame)
        para = frame.paragraphs[0]
        color = self.theme.colors["section_text" if slide.layout == Layout.SECTION else "title"]
        for run in slide.title:
            self.text.add_run(para, run, slide.title_pt, bold=True, color=color)
        if self.title_capitalised(pptx_slide):  # measured as written: ALL CAPS titles would be wider
            for rPr in para._p.iter(qn("a:rPr")):
                rPr.set("cap", "none")
        self.text.set_paragraph(para, None, 0, 0.0, slide.title_pt)

    def title_in_place(self, pptx_slide, title, box) -> bool:
        """`same_place` of a fresh slide's title, asked once per layout: the title inherits its layout's
        position (python-pptx finds it anew on each of the four reads, half of filling a title)."""
        key = (pptx_slide.slide_layout.part.partname, "place", box)
        if key not in self._title_fits:
            self._title_fits[key] = same_place(title, box)
        return self._title_fits[key]

    def title_capitalised(self, pptx_slide) -> bool:
        key = (pptx_slide.slide_layout.part.partname, "caps")
        if key not in self._title_fits:
            self._title_fits[key] = capitalised(pptx_slide)
        return self._title_fits[key]

    def add_footer(self, pptx_slide, number: int, total: int) -> None:
        """The lesson title and the slide number. Both shapes are made once and copied to later slides
        (the same XML, a fresh shape id and the slide's number)."""
        number_text = self.theme.text("slide_number", number=number, total=total)
        if self._footer is None:
            self._footer = self.make_footer(pptx_slide, number_text)
            return
        tree = pptx_slide.shapes._spTree
        for template, text in zip(self._footer, (None, number_text)):
            shape = copy.deepcopy(template)
            shape.nvSpPr.cNvPr.id = pptx_slide.shapes._next_shape_id
            if text is not None:
                shape.find(".//" + qn("a:t")).text = text
            tree.append(shape)

    def make_footer(self, pptx_slide, number_text: str) -> tuple:
        """The footer's two shapes on the first slide that has one, and their XML to copy."""
        size, muted = self.deck.footer_pt, self.theme.colors["muted"]
        left = textbox(pptx_slide, self.theme.box("footer.text"), self.text)
        self.text.add_run(left.text_frame.paragraphs[0], Run(self.deck.footer), size, color=muted)
        right = textbox(pptx_slide, self.theme.box("footer.number"), self.text)
        para = right.text_frame.paragraphs[0]
        self.text.add_run(para, Run(number_text), size, color=muted)
        para.alignment = PP_ALIGN.RIGHT
        left.name, right.name = "Footer", "Slide Number"
        return (copy.deepcopy(left._element), copy.deepcopy(right._element))

    def link_jumps(self) -> None:
        """In-page links (`#문장-요약`) jump to the first slide of that heading; a link to a heading that
        has no slide of its own stays plain text rather than a broken web link."""
        for part, rPr, slug in self.text.jumps:
            target = self.slide_at.get(self.anchors.get(slug))
            if target is None:
                continue
            rId = part.relate_to(target.part, RT.SLIDE)
            rPr.append(element("a:hlinkClick", **{qn("r:id"): rId, "action": "ppaction://hlinksldjump"}))


def in_column(placeholder, box) -> bool:
    """Whether the middle of a frame's `box` (points) lies between the placeholder's left and right edges."""
    middle = emu(box.x + box.w / 2)
    left, width = placeholder.left, placeholder.width
    return left is None or width is None or left <= middle <= left + width
