"""Markdown inline nodes → runs: text, breaks, code spans, emphasis, strikethrough, links and images
(images are collected apart: the block they stand in decides where they go). Raw HTML inside the text
is `html_inline`'s part.

`InlineParsing` is mixed into the lesson parser (`lesson.LessonParser`); `InlineCollector` walks one
inline node's children with one handler per node type (`_INLINE_HANDLERS`)."""
from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from ..errors import warn
from ..model import Image, Inline, Run, SourcePos, shown_address
from .html_inline import InlineHtml
from .roles import role_text
from .runs import merge, trim
from .urls import safe_link

# `\(words\)` in a page whose site does not read `\(` as math (Nextra, Docusaurus) is CommonMark's
# escaped parentheses: "정책 언어모델\(Tuneable policy LM\)", "강화 학습\(RL\)". Its content is
# prose when it has a word of two letters or more, or Hangul, and nothing a formula is written with.
_EQUATION_LABEL = re.compile(r"\\label\{[^{}\n]{0,200}\}")
_PROSE_IN_PARENTHESES = re.compile(r"(?=.*(?:[^\W\d_]{2}|[\uac00-\ud7a3]))[^\W\d_\s'’.,:;!?&/-]*"
                                   r"(?:[\s'’.,:;!?&/-]+[^\W\d_]*)*")
_REFUSED_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([a-zA-Z][\w+.-]*:[^)\s>]*)")


class InlineParsing:
    """Inline text of a node or of a string (a mixin of `lesson.LessonParser`)."""

    def inline_text(self, text: str, pos: SourcePos) -> Inline:
        if not text:
            return ()
        tokens = self.md.parseInline(text)
        runs, _ = self.inline_runs(SyntaxTreeNode(tokens).children[0], pos) if tokens else ((), [])
        return trim(runs)

    def formula_run(self, tex: str, display: bool, pos: SourcePos) -> Run:
        """A formula as a run: its TeX, read as linear text (what measuring counts and viewers without
        equations show). TeX that cannot be read is shown as code, with a warning."""
        from .. import formula  # loaded on a lesson's first formula only

        tex = _EQUATION_LABEL.sub("", tex)  # `\label{eq:x}` names the formula for references, shows nothing
        try:
            text = formula.linear_text(tex, display)
            formula.extent_of(tex, display)  # drawn and measured once here, so that a failure has its line
        except formula.FormulaError as error:
            warn(pos, str(error))
            return Run(" ".join(tex.split()), code=True)
        return Run(text, math=tex.strip(), display=display)

    def inline_runs(self, inline: SyntaxTreeNode, pos: SourcePos) -> tuple[Inline, list[Image]]:
        collector = InlineCollector(self, pos)
        collector.walk(inline.children, Run(""))
        return merge(collector.runs), collector.images

    def inline_pieces(self, inline: SyntaxTreeNode, pos: SourcePos) -> list[Inline | Image]:
        """The paragraph's text cut at its pictures that stand on lines of their own, in the order
        written: the text before, the picture, the text after (a caption line under an image stays
        under it); a picture inside a sentence (an icon, a badge) follows the paragraph."""
        collector = InlineCollector(self, pos)
        collector.walk(inline.children, Run(""))
        pieces: list[Inline | Image] = []
        start, inline_images = 0, []
        for at, image in zip(collector.image_at, collector.images):
            if at is None:
                inline_images.append(image)
                continue
            pieces += [merge(collector.runs[start:at]), image]
            start = at
        return pieces + [merge(collector.runs[start:])] + inline_images


class InlineCollector(InlineHtml):
    """Walks inline nodes, carrying the formatting of the enclosing emphasis/link nodes."""

    def __init__(self, parser, pos: SourcePos):
        self.parser = parser
        self.pos = pos
        self.runs: list[Run] = []
        self.images: list[Image] = []
        self.image_at: list[int | None] = []  # where in `runs` a picture on a line of its own stood
        self.skip_depth = 0
        self.html_links: list[str | None] = []  # raw `<a href>` around the text
        self.html_styles: list[tuple[str, dict]] = []  # raw `<sup>`, `<b>`… around the text
        self.pending_media: tuple[str, str] | None = None  # a player still waiting for its <source>

    def walk(self, nodes, style: Run) -> None:
        for node in nodes:
            handler = _INLINE_HANDLERS.get(node.type, InlineCollector.other)
            handler(self, node, style)

    def add(self, text: str, style: Run) -> None:
        if text and not self.skip_depth:
            link = style.link or (self.html_links[-1] if self.html_links else None)
            self.runs.append(replace(self.styled(style), text=text, link=link))

    def text(self, node, style):
        for match in _REFUSED_IMAGE.finditer(node.content):
            # markdown-it refuses file:, data: and javascript: targets and leaves the syntax as text
            warn(self.pos, f"image '{shown_address(match.group(1))}' is not a local file inside the content folder; it is not read")
        self.parser.warn_undefined_references(node.content, self.pos)
        self.add(node.content, style)

    def softbreak(self, node, style):
        self.add(" ", style)

    def hardbreak(self, node, style):
        self.add("\n", Run(""))

    def code_inline(self, node, style):
        self.add(node.content, replace(style, code=True))

    def strong(self, node, style):
        self.walk(node.children, replace(style, bold=True))

    def em(self, node, style):
        self.walk(node.children, replace(style, italic=True))

    def s(self, node, style):
        self.walk(node.children, replace(style, strike=True))

    def link(self, node, style):
        href = safe_link(str(node.attrs.get("href", "")))
        self.walk(node.children, replace(style, link=href))

    def math(self, node, style, display: bool = False):
        if self.skip_depth:
            return
        if node.markup == "\\(" and _PROSE_IN_PARENTHESES.fullmatch(node.content.strip()):
            self.add(f"({node.content})", style)  # escaped parentheses around words, not a formula
        else:
            self.runs.append(self.parser.formula_run(node.content, display, self.pos))

    def display_math(self, node, style):
        self.math(node, style, display=True)

    def myst_role(self, node, style):
        """A MyST role: ``{math}`x^2` `` a formula, ``{sup}`2` `` raised, ``{kbd}`Ctrl` `` code; any
        other (``{ref}`text <target>` ``, ``{term}``, ``{cite}``…) the text it shows (`roles.py`)."""
        name = str(node.meta.get("name", ""))
        if name == "math":
            self.math(node, style)
        else:
            self.add(*role_text(name, node.content, style))

    def footnote_ref(self, node, style):
        if not self.skip_depth:
            self.runs.append(self.parser.note_mark(int(node.meta["id"])))

    def footnote_anchor(self, node, style):
        """The plugin's back link from a note to its reference: not text."""

    def image(self, node, style):
        alt = node.content or ""
        self.image_at.append(len(self.runs) if _on_own_line(node) else None)
        self.images.append(self.parser.image(str(node.attrs.get("src", "")), alt,
                                             node.attrs.get("title"), self.pos))

    def other(self, node, style):
        if node.children:
            self.walk(node.children, style)
        else:
            self.add(node.content, style)


_LINE_BREAKS = ("softbreak", "hardbreak")


def _on_own_line(node) -> bool:
    """The picture is alone on its line of the paragraph (between line breaks or the paragraph's ends)."""
    before, after = node.previous_sibling, node.next_sibling
    return node.parent is not None and node.parent.type == "inline" and \
        (before is None or before.type in _LINE_BREAKS) and (after is None or after.type in _LINE_BREAKS)


_INLINE_HANDLERS = {
    "text": InlineCollector.text,
    "softbreak": InlineCollector.softbreak,
    "hardbreak": InlineCollector.hardbreak,
    "code_inline": InlineCollector.code_inline,
    "strong": InlineCollector.strong,
    "em": InlineCollector.em,
    "s": InlineCollector.s,
    "link": InlineCollector.link,
    "image": InlineCollector.image,
    "html_inline": InlineCollector.html_inline,
    "math_inline": InlineCollector.math,
    "math_inline_double": InlineCollector.display_math,
    "math_block": InlineCollector.display_math,
    "myst_role": InlineCollector.myst_role,
    "footnote_ref": InlineCollector.footnote_ref,
    "footnote_anchor": InlineCollector.footnote_anchor,
}
