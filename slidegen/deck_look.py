"""The deck's look for HTML: what the handout templates need to draw a slide the way the deck writer
does (`render_pptx`), from the same theme: paragraph indents and spacing, colours by paragraph style,
frame insets, the font's line height, and where each layout's title sits. Used by `render_handout`
for the `deck` layout (a PDF of the deck) and for the slide mock-ups of the `slides` layout."""
from __future__ import annotations

from .measure import Style, face
from .metrics import para_indent
from .model import TextPara
from .theme import Theme

TITLE_BOXES = {"title": "title.title", "section": "section.title", "closing": "closing.title"}
A4_WIDTH, NOTES_MARGIN = 595.28, 42.5  # points: a notes page is A4, its margins 15 mm


class DeckLook:
    """CSS values for slides drawn at `scale` (1: the deck's own size)."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.sp = theme.spacing
        self.line_ratio = round(face(Style(theme.fonts["body"])).line_height, 4)

    def color(self, para: TextPara) -> str:
        """The paragraph's colour as the deck writer picks it (`TextWriter.para_style`)."""
        colors = self.theme.colors
        key = {"heading": "accent", "quote": "muted", "meta": "muted", "footnote": "muted"}.get(para.style, "text")
        if para.style == "subtitle":
            return colors.get("subtitle", colors["muted"])
        return colors[key]

    def para_css(self, para: TextPara, first: bool, scale: float) -> str:
        """A paragraph's indent (a list marker hanging in the last step), space before and colour."""
        indent = para_indent(para, self.sp["indent"]) * scale
        rules = [f"margin-left: {indent:.2f}pt", f"color: #{self.color(para)}"]
        if para.marker:
            rules.append(f"text-indent: -{self.sp['indent'] * scale:.2f}pt")
        if not first:
            rules.append(f"margin-top: {self.sp['paragraph'] * scale:.2f}pt")
        return "; ".join(rules)

    def marker_css(self, scale: float) -> str:
        return f"width: {self.sp['indent'] * scale:.2f}pt"

    def inset_css(self, scale: float, pad: float = 0.0) -> str:
        """A text frame's insets (and a box's padding inside them)."""
        y, x = (self.sp["inset_y"] + pad) * scale, (self.sp["inset_x"] + pad) * scale
        return f"padding: {y:.2f}pt {x:.2f}pt; line-height: {self.line_ratio}"

    def title_box(self, layout: str):
        return self.theme.box(TITLE_BOXES.get(layout, "content.title"))


def notes_width() -> float:
    """The width a slide takes on an A4 notes page."""
    return A4_WIDTH - 2 * NOTES_MARGIN
