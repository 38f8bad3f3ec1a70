"""One handler per frame kind (`FRAME_HANDLERS`): text (in a body placeholder while one is free),
callout, code, image and table. Decides each kind's shape, colours from the theme and shape name; an
unreadable picture becomes a dashed box with its caption, a table's header, banded rows, cell
margins, column alignment and merged group cells."""
from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.image import Image as PptxImage

from .. import pictures
from ..errors import warn
from ..model import (
    CalloutFrame,
    CodeFrame,
    ImageFrame,
    Inline,
    Run,
    TableFrame,
    TextFrame,
    TextPara,
)
from .parts import Parts
from .shapes import box_shape, set_box
from .svg import attach_svg, cleaned_svg, fallback_png
from .text import TextWriter, element
from .units import emu

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


class FrameWriter:
    """Draws the deck model's frames on a slide, their text through `text`."""

    def __init__(self, text: TextWriter, parts: Parts):
        self.text = text
        self.parts = parts
        self.theme = text.theme
        self._fallbacks: dict[tuple, bytes] = {}  # (SVG, width, height) → its PNG, drawn once per deck

    def write(self, pptx_slide, frame, placeholders: list):
        """`frame` on the slide, and the shape drawing it; a text frame takes the first of `placeholders`
        (it is removed from the list)."""
        return FRAME_HANDLERS[type(frame)](self, pptx_slide, frame, placeholders)

    def text_frame(self, pptx_slide, frame: TextFrame, placeholders: list) -> None:
        footnotes = bool(frame.paras) and all(para.style == "footnote" for para in frame.paras)  # a box of its own
        shape = placeholders.pop(0) if placeholders and not footnotes else pptx_slide.shapes.add_textbox(0, 0, 1, 1)
        set_box(shape, frame.box)
        self.text.write_paras(shape.text_frame, frame.paras, frame.size_pt)
        if footnotes:
            shape.name = "Footnotes"
        return shape

    def callout_frame(self, pptx_slide, frame: CalloutFrame, placeholders: list) -> None:
        colors = self.theme.colors["admonition"].get(frame.kind, self.theme.colors["admonition"]["note"])
        shape = box_shape(pptx_slide, frame.box, colors["fill"], colors["line"], rounded=True)
        title = TextPara(frame.title, style="heading")
        self.text.write_paras(shape.text_frame, (title,) + frame.paras, frame.size_pt,
                              pad=self.theme.spacing["box_pad"], heading_color=colors.get("title"))
        shape.name = f"Admonition {frame.kind}"
        return shape

    def code_frame(self, pptx_slide, frame: CodeFrame, placeholders: list) -> None:
        colors = self.theme.colors
        shape = box_shape(pptx_slide, frame.box, colors["code_bg"], colors["code_border"])
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

        for number, line_tokens in enumerate(highlight_runs(frame.lines, frame.language, background=colors["code_bg"])):
            para = tf.paragraphs[0] if first else tf.add_paragraph()
            first = False
            self.text.set_paragraph(para, None, 0, 0.0, frame.size_pt)
            marked = number in frame.marked  # a line the site highlights
            for text, color in line_tokens:
                self.text.add_run(para, Run(text, highlight=marked), frame.size_pt, color=color or colors["text"],
                                  mono=True)
        shape.name = f"Code {frame.language or 'text'}"
        return shape

    def image_frame(self, pptx_slide, frame: ImageFrame, placeholders: list) -> None:
        image = frame.image
        if image.path is not None:
            try:
                picture = self.picture(pptx_slide, image.path, frame.box)
                describe(picture, image.alt or image.title or "")
                return picture
            except Exception as exc:  # noqa: BLE001 (Pillow and python-pptx reject an unreadable picture in several ways)
                warn(image.pos, f"image '{image.src}' cannot be read ({exc}); its alt text is shown instead")
        return self.missing_image(pptx_slide, frame)

    def picture(self, pptx_slide, path, box):
        if pictures.is_svg(path):
            return self.drawing(pptx_slide, path, box)
        if pictures.raster_format(path) in pictures.DECK_FORMATS:
            return add_picture(pptx_slide, self.parts.image_part(PptxImage.from_file(str(path))), box)
        return add_picture(pptx_slide, self.parts.image_part(PptxImage.from_blob(png_of(path))), box)

    def drawing(self, pptx_slide, path, box):
        """An SVG drawing: its PNG rendering as the picture, the cleaned SVG beside it for PowerPoint."""
        root = pictures.svg_root(path)
        if root is None:
            raise ValueError("not a well-formed SVG drawing")
        svg = cleaned_svg(root)
        key = (svg, round(box.w, 1), round(box.h, 1))
        if key not in self._fallbacks:
            self._fallbacks[key] = fallback_png(svg, box.w, box.h)
        picture = add_picture(pptx_slide, self.parts.image_part(PptxImage.from_blob(self._fallbacks[key])), box)
        attach_svg(picture, pptx_slide.part.relate_to(self.parts.svg_part(svg), RT.IMAGE))
        return picture

    def missing_image(self, pptx_slide, frame: ImageFrame) -> None:
        """A dashed box with the image's caption where the picture cannot be shown."""
        shape = box_shape(pptx_slide, frame.box, "FFFFFF", self.theme.colors["muted"])
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        image = frame.image
        caption = frame.caption or self.theme.text("image_missing", alt=image.alt or image.title or image.shown_src)
        para = TextPara((Run(caption),), style="meta")
        self.text.write_paras(shape.text_frame, (para,), frame.size_pt, pad=self.theme.spacing["box_pad"])
        shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        shape.name = "Missing image"
        return shape

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
        merge_groups(table, frame)
        return graphic

    def fill_cell(self, cell, runs: Inline, frame: TableFrame, column: int, fill: str, color: str, bold: bool) -> None:
        set_cell_look(cell, fill, emu(self.theme.spacing["cell_x"]), emu(self.theme.spacing["cell_y"]))
        tf = cell.text_frame
        para = tf.paragraphs[0]
        for run in runs:
            self.text.add_inline(para, run, frame.size_pt, bold=bold or run.bold, color=color)
        self.text.set_paragraph(para, None, 0, 0.0, frame.size_pt)
        align = frame.align[column] if column < len(frame.align) else None
        if align in _ALIGN:
            para.alignment = _ALIGN[align]


def set_cell_look(cell, fill: str, inset_x: int, inset_y: int) -> None:
    """A fresh table cell's fill, insets (EMU), top anchoring and word wrap, written as the XML python-pptx's
    `fill.solid()`, `margin_*`, `vertical_anchor` and `word_wrap` write (without their lookups, a tenth
    of a deck with tables)."""
    tc = cell._tc
    tcPr = tc.get_or_add_tcPr()
    for name, value in (("marL", inset_x), ("marR", inset_x), ("marT", inset_y), ("marB", inset_y)):
        tcPr.set(name, str(value))
    tcPr.set("anchor", "t")
    tcPr.append(element("a:solidFill", element("a:srgbClr", val=str(RGBColor.from_string(fill)))))
    tc.txBody.find(qn("a:bodyPr")).set("wrap", "square")


def png_of(path) -> bytes:
    """A picture in a format a deck does not hold (WebP, AVIF, ICO, …) as a PNG of its first frame."""
    import io

    from PIL import Image as PILImage

    with PILImage.open(path) as picture:
        out = io.BytesIO()
        picture.convert("RGBA").save(out, format="PNG")
    return out.getvalue()


def add_picture(pptx_slide, image_part, box):
    """`shapes.add_picture` of a part `Parts` made: the same `p:pic`, related to the slide."""
    rId = pptx_slide.part.relate_to(image_part, RT.IMAGE)
    shapes = pptx_slide.shapes
    pic = shapes._add_pic_from_image_part(image_part, rId, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    return shapes._shape_factory(pic)


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # PowerPoint's "mark as decorative"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def describe(picture, alt: str) -> None:
    """The picture's alt text (`descr`); with none, marked decorative so a screen reader skips it."""
    c_nv_pr = picture._element.nvPicPr.cNvPr
    if alt.strip():
        c_nv_pr.set("descr", alt)
        return
    ext_list = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def merge_groups(table, frame: TableFrame) -> None:
    """Rows that continue a group share one merged first cell."""
    r = 1
    while r <= len(frame.rows):
        end = r
        while end < len(frame.rows) and frame.rows[end].continues_group:
            end += 1
        if end > r:
            table.cell(r, 0).merge(table.cell(end, 0))
        r = end + 1


FRAME_HANDLERS = {
    TextFrame: FrameWriter.text_frame,
    CalloutFrame: FrameWriter.callout_frame,
    CodeFrame: FrameWriter.code_frame,
    ImageFrame: FrameWriter.image_frame,
    TableFrame: FrameWriter.table_frame,
}
