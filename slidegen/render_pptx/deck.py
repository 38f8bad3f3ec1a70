"""`Deck` → .pptx bytes with python-pptx: slides from the master's named layouts, titles in title
placeholders, native text, tables and pictures, Korean fonts named for East Asian text.

No decisions here: every box and size comes from the deck model; the look (colours, fonts) from the
theme. One handler per frame kind (`FRAME_HANDLERS`). Lengths are points in the model and EMU here
(`emu`, rounded to the nearest EMU). Over 400 lines as one module: the handlers share one
`DeckWriter`'s state (layouts, the footer made once, in-deck links resolved after the last slide).
"""
from __future__ import annotations

import copy
import io
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..anchors import heading_anchors
from ..errors import warn
from ..model import (
    Box,
    CalloutFrame,
    CodeFrame,
    Deck,
    ImageFrame,
    Inline,
    Layout,
    Run,
    Slide,
    SourcePos,
    TableFrame,
    TextFrame,
    TextPara,
)
from ..theme import Theme
from .master import (
    body_placeholders,
    capitalised,
    drop_unfilled_placeholders,
    drop_unused_masters,
    open_master,
    title_placeholder,
)
from .package import build_time, reproducible_zip
from .text import TextWriter, element
from .units import emu

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


TITLE_BOXES = {Layout.TITLE: "title.title", Layout.SECTION: "section.title", Layout.CLOSING: "closing.title"}


class DeckWriter:
    def __init__(self, deck: Deck, theme: Theme, master: Path):
        self.deck = deck
        self.theme = theme
        self.prs, self.layouts = open_master(master)
        self.korean = deck.lesson.lang == "ko"
        self.text = TextWriter(theme, self.korean)
        self._footer = None  # (title shape, number shape) XML, made on the first slide with a footer
        self.anchors = {slug: pos for pos, slug in heading_anchors(deck.lesson).items()}
        self.slide_at: dict[SourcePos, object] = {}  # heading position -> first slide showing it

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
        pptx_slide = self.prs.slides.add_slide(self.layouts[slide.layout])
        if slide.anchor is not None:
            self.slide_at.setdefault(slide.anchor, pptx_slide)
        self.fill_title(pptx_slide, slide)
        placeholders = body_placeholders(pptx_slide)
        text_may_use = True  # a placeholder lies under every shape added: text after a shape goes on top
        for frame in slide.frames:
            text_may_use = text_may_use and isinstance(frame, TextFrame)
            FRAME_HANDLERS[type(frame)](self, pptx_slide, frame, placeholders if text_may_use else [])
        drop_unfilled_placeholders(pptx_slide, {ph._element for ph in placeholders})
        if slide.layout not in (Layout.TITLE, Layout.SECTION):
            self.add_footer(pptx_slide, number, total)
        if slide.notes:
            pptx_slide.notes_slide.notes_text_frame.text = slide.notes

    def fill_title(self, pptx_slide, slide: Slide) -> None:
        """The slide's title in the layout's title placeholder (found by its type, not its idx)."""
        title = title_placeholder(pptx_slide)
        if title is None:  # a template whose layouts all lack a title (reference.py said so): a text box
            title = self.textbox(pptx_slide, self.theme.box(TITLE_BOXES.get(slide.layout, "content.title")))
            title.name = "Title"
        frame = title.text_frame
        self.text.prepare_frame(frame)
        para = frame.paragraphs[0]
        color = self.theme.colors["section_text" if slide.layout == Layout.SECTION else "title"]
        for run in slide.title:
            self.text.add_run(para, run, slide.title_pt, bold=True, color=color)
        if capitalised(pptx_slide):  # measured as written: a template's ALL CAPS title would be wider
            for rPr in para._p.iter(qn("a:rPr")):
                rPr.set("cap", "none")
        self.text.set_paragraph(para, None, 0, 0.0, slide.title_pt)

    def add_footer(self, pptx_slide, number: int, total: int) -> None:
        """The lesson title and the slide number. Both shapes are made once and copied to later slides
        (the same XML, a fresh shape id and the slide's number)."""
        number_text = self.theme.text("slide_number", number=number, total=total)
        if self._footer is None:
            size, muted = self.deck.footer_pt, self.theme.colors["muted"]
            left = self.textbox(pptx_slide, self.theme.box("footer.text"))
            self.text.add_run(left.text_frame.paragraphs[0], Run(self.deck.footer), size, color=muted)
            right = self.textbox(pptx_slide, self.theme.box("footer.number"))
            para = right.text_frame.paragraphs[0]
            self.text.add_run(para, Run(number_text), size, color=muted)
            para.alignment = PP_ALIGN.RIGHT
            left.name, right.name = "Footer", "Slide Number"
            self._footer = (copy.deepcopy(left._element), copy.deepcopy(right._element))
            return
        tree = pptx_slide.shapes._spTree
        for template, text in zip(self._footer, (None, number_text)):
            shape = copy.deepcopy(template)
            shape.nvSpPr.cNvPr.id = pptx_slide.shapes._next_shape_id
            if text is not None:
                shape.find(".//" + qn("a:t")).text = text
            tree.append(shape)

    # -- frames

    def text_frame(self, pptx_slide, frame: TextFrame, placeholders: list) -> None:
        shape = placeholders.pop(0) if placeholders else pptx_slide.shapes.add_textbox(0, 0, 1, 1)
        set_box(shape, frame.box)
        self.text.write_paras(shape.text_frame, frame.paras, frame.size_pt)

    def callout_frame(self, pptx_slide, frame: CalloutFrame, placeholders: list) -> None:
        colors = self.theme.colors["admonition"].get(frame.kind, self.theme.colors["admonition"]["note"])
        shape = self.box_shape(pptx_slide, frame.box, colors["fill"], colors["line"], rounded=True)
        title = TextPara(frame.title, style="heading")
        self.text.write_paras(shape.text_frame, (title,) + frame.paras, frame.size_pt, pad=self.theme.spacing["box_pad"],
                         heading_color=colors.get("title"))
        shape.name = f"Admonition {frame.kind}"

    def code_frame(self, pptx_slide, frame: CodeFrame, placeholders: list) -> None:
        colors = self.theme.colors
        shape = self.box_shape(pptx_slide, frame.box, colors["code_bg"], colors["code_border"])
        tf = shape.text_frame
        self.text.prepare_frame(tf, pad=self.theme.spacing["box_pad"])
        first = True
        if frame.title:
            para = tf.paragraphs[0]
            self.text.add_run(para, Run(frame.title), frame.size_pt, bold=True, color=colors["muted"], mono=True)
            self.text.set_paragraph(para, None, 0, 0.0, frame.size_pt)
            first = False
        # Pygments loads only for decks with code
        from ..highlight import highlight_runs

        for line_tokens in highlight_runs(frame.lines, frame.language):
            para = tf.paragraphs[0] if first else tf.add_paragraph()
            first = False
            self.text.set_paragraph(para, None, 0, 0.0, frame.size_pt)
            for text, color in line_tokens:
                self.text.add_run(para, Run(text), frame.size_pt, color=color or colors["text"], mono=True)
        shape.name = f"Code {frame.language or 'text'}"

    def image_frame(self, pptx_slide, frame: ImageFrame, placeholders: list) -> None:
        image = frame.image
        if image.path is not None:
            try:
                picture = pptx_slide.shapes.add_picture(str(image.path), emu(frame.box.x), emu(frame.box.y),
                                                        emu(frame.box.w), emu(frame.box.h))
                picture._element.nvPicPr.cNvPr.set("descr", image.alt)
                return
            except Exception as exc:  # noqa: BLE001 (Pillow and python-pptx reject an unreadable picture in several ways)
                warn(image.pos, f"image '{image.src}' cannot be read ({exc}); its alt text is shown instead")
        shape = self.box_shape(pptx_slide, frame.box, "FFFFFF", self.theme.colors["muted"])
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        para = TextPara((Run(frame.caption),), style="meta")
        self.text.write_paras(shape.text_frame, (para,), frame.size_pt, pad=self.theme.spacing["box_pad"])
        shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        shape.name = "Missing image"

    def table_frame(self, pptx_slide, frame: TableFrame, placeholders: list) -> None:
        rows = 1 + len(frame.rows)
        cols = len(frame.header)
        graphic = pptx_slide.shapes.add_table(rows, cols, emu(frame.box.x), emu(frame.box.y),
                                              emu(sum(frame.col_widths)), emu(frame.box.h))
        table = graphic.table
        for c, width in enumerate(frame.col_widths):
            table.columns[c].width = emu(width)
        for r, height in enumerate(frame.row_heights):
            table.rows[r].height = emu(height)
        colors = self.theme.colors
        for c, cell_runs in enumerate(frame.header):
            self.fill_cell(table.cell(0, c), cell_runs, frame, c, colors["table_header_bg"], colors["table_header_text"], True)
        for r, row in enumerate(frame.rows, start=1):
            band = colors["table_band"] if r % 2 == 0 else "FFFFFF"
            for c in range(cols):
                runs = row.cells[c] if c < len(row.cells) else ()
                self.fill_cell(table.cell(r, c), runs, frame, c, band, colors["text"], False)
        self.merge_groups(table, frame)

    def merge_groups(self, table, frame: TableFrame) -> None:
        """Rows that continue a group share one merged first cell."""
        r = 1
        while r <= len(frame.rows):
            end = r
            while end < len(frame.rows) and frame.rows[end].continues_group:
                end += 1
            if end > r:
                table.cell(r, 0).merge(table.cell(end, 0))
            r = end + 1

    def fill_cell(self, cell, runs: Inline, frame: TableFrame, column: int, fill: str, color: str, bold: bool) -> None:
        sp = self.theme.spacing
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
        cell.margin_left = cell.margin_right = emu(sp["cell_x"])
        cell.margin_top = cell.margin_bottom = emu(sp["cell_y"])
        cell.vertical_anchor = MSO_ANCHOR.TOP
        tf = cell.text_frame
        tf.word_wrap = True
        para = tf.paragraphs[0]
        for run in runs:
            self.text.add_run(para, run, frame.size_pt, bold=bold or run.bold, color=color)
        self.text.set_paragraph(para, None, 0, 0.0, frame.size_pt)
        align = frame.align[column] if column < len(frame.align) else None
        if align in _ALIGN:
            para.alignment = _ALIGN[align]

    def link_jumps(self) -> None:
        """In-page links (`#문장-요약`) jump to the first slide of that heading; a link to a heading that
        has no slide of its own stays plain text rather than a broken web link."""
        for part, rPr, slug in self.text.jumps:
            target = self.slide_at.get(self.anchors.get(slug))
            if target is None:
                continue
            rId = part.relate_to(target.part, RT.SLIDE)
            rPr.append(element("a:hlinkClick", **{qn("r:id"): rId, "action": "ppaction://hlinksldjump"}))

    # -- shapes

    def textbox(self, pptx_slide, box: Box):
        shape = pptx_slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        self.text.prepare_frame(shape.text_frame)
        return shape

    def box_shape(self, pptx_slide, box: Box, fill: str, line: str, rounded: bool = False):
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE
        shape = pptx_slide.shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        if rounded:
            shape.adjustments[0] = 0.06
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(1.25)
        shape.shadow.inherit = False
        return shape


FRAME_HANDLERS = {
    TextFrame: DeckWriter.text_frame,
    CalloutFrame: DeckWriter.callout_frame,
    CodeFrame: DeckWriter.code_frame,
    ImageFrame: DeckWriter.image_frame,
    TableFrame: DeckWriter.table_frame,
}


def set_box(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = emu(box.x), emu(box.y), emu(box.w), emu(box.h)


def render_pptx(deck: Deck, theme: Theme, master: Path) -> bytes:
    return DeckWriter(deck, theme, master).write()
