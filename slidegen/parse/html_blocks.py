"""Raw HTML and MDX that stand as blocks: `<!-- notes: … -->` (speaker notes), `<!-- pause -->`, comments and `<br>` lines
(nothing), `import`/`export` lines (nothing), lines of `<img>` tags (pictures), components (their text
and labels; a YouTube component a link) and any other HTML (its visible text, pictures and players).

`HtmlBlocks` is mixed into the lesson parser (`lesson.LessonParser`), which gives it `pos`, `image`,
`warn`-able positions and the pictures the page imports by name (`imported_pictures`); a Markdown
paragraph that is really such a line is handed here too."""
from __future__ import annotations

import html
import re

from markdown_it.tree import SyntaxTreeNode

from ..errors import warn
from ..model import Admonition, Block, Code, Notes, Paragraph, Pause, SourcePos
from .box_components import one_block_box
from .html_tables import html_table, is_html_table
from .html_text import PICTURE, TextExtractor, img_attributes, tag_attributes, text_paragraphs
from .jsx_scan import plain_tags
from .mdx import (
    JSX_OPEN,
    JSX_TAG,
    has_content,
    is_mdx_esm,
    is_whole_component,
    labelled_tag,
    without_expressions,
)
from .media import media_runs, youtube_url
from .presenting import PAUSE_COMMENT

_PRE = re.compile(r"^\s*<pre\b([^>]*)>(\n?)(.*?)</pre>\s*$", re.DOTALL | re.IGNORECASE)
_CODE_TAG = re.compile(r"^\s*<code\b([^>]*)>(.*)</code>\s*$", re.DOTALL | re.IGNORECASE)
_LANGUAGE = re.compile(r"""class=["'][^"']*\blang(?:uage)?-([\w+-]+)""", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_INLINE_MARKS = re.compile(r"[`*_\[~]")
_ONLY_BREAKS = re.compile(r"^(\s*<br\s*/?>\s*)+$", re.IGNORECASE)
_NOTES = re.compile(r"^\s*<!--\s*notes?\s*:(.*?)-->\s*$", re.DOTALL | re.IGNORECASE)
_IMG_ONLY = re.compile(r"^(\s*<img\b[^<>]*>\s*)+$", re.IGNORECASE)


class HtmlBlocks:
    """Block handlers for raw HTML and MDX (a mixin of `lesson.LessonParser`)."""

    def raw_source_blocks(self, source: str, pos: SourcePos) -> list[Block] | None:
        """The blocks of a block's source that is an MDX `import`/`export` line (none), a line of `<img>`
        tags or a component; None for a source that is none of those."""
        if is_mdx_esm(source):
            return []
        if (box := one_block_box(source)) is not None:
            return [self.one_block_admonition(*box, pos)]
        source = plain_tags(source, self.imported_pictures)
        if _IMG_ONLY.match(source):
            return self.img_tags(source, pos)
        if JSX_OPEN.match(source):
            return self.jsx_text(source, pos)
        return None

    def one_block_admonition(self, kind: str, title: str, content: str, pos: SourcePos) -> Admonition:
        """A box component written whole in one block: its text, read as Markdown, in the box."""
        paragraphs = [part for part in re.split(r"\n\s*\n", content.strip()) if part.strip()]
        blocks = [Paragraph(self.inline_text(part.strip(), pos), pos) for part in paragraphs]
        return Admonition(kind, self.inline_text(title, pos) if title else (), tuple(blocks), pos)

    def html_block(self, node: SyntaxTreeNode) -> list[Block]:
        content = node.content
        notes = _NOTES.match(content)
        if notes:
            return [Notes(" ".join(notes.group(1).split()), self.pos(node))]
        if PAUSE_COMMENT.match(content):
            return [Pause(self.pos(node))]
        content = without_comments(content)
        if not content.strip() or _ONLY_BREAKS.match(content):
            return []
        pre = _PRE.match(content)
        if pre:
            return [pre_code(pre, self.pos(node))]
        if is_html_table(content):
            table = html_table(content, self.pos(node), self.inline_text)
            if table is not None:
                return [table]
        raw = self.raw_source_blocks(content, self.pos(node))
        if raw is not None:
            return raw
        return self.html_text(content, self.pos(node))

    def html_text(self, content: str, pos: SourcePos) -> list[Block]:
        extractor = TextExtractor()
        extractor.feed(without_expressions(plain_tags(content, self.imported_pictures)))
        extractor.close()
        for tag in sorted(extractor.dropped):
            warn(pos, f"<{tag}> content is not lesson text and is left out")
        players = [Paragraph(media_runs(*media, pos), pos) for media in extractor.media]
        return self.text_and_pictures(extractor, pos) + players

    def text_and_pictures(self, extractor: TextExtractor, pos: SourcePos) -> list[Block]:
        """The block's text and pictures in the order they stand (a `<figcaption>` under its `<img>`)."""
        segments = extractor.text().split(PICTURE)
        pictures = self._unique_images(extractor.images, pos, keep_place=True)
        blocks: list[Block] = text_paragraphs(segments[0], pos)
        for picture, segment in zip(pictures, segments[1:]):
            blocks += ([picture] if picture else []) + text_paragraphs(segment, pos)
        return blocks

    def img_tags(self, source: str, pos: SourcePos) -> list[Block]:
        """`<img src=… alt=…>` lines (HTML or JSX) are pictures, like `![alt](src)`."""
        return self._unique_images(img_attributes(source), pos)

    def _unique_images(self, images: list[tuple[str, str, float | None]], pos: SourcePos,
                       keep_place: bool = False) -> list:
        """One picture per alt text: light/dark variants of one figure are shown once (with
        `keep_place`, a repeat leaves None where it stood)."""
        seen: set[str] = set()
        out: list = []
        for src, alt, width in images:
            if alt and alt in seen:
                out += [None] if keep_place else []
                continue
            seen.add(alt)
            out.append(self.image(src, alt, None, pos, width))
        return out

    def jsx_text(self, source: str, pos: SourcePos) -> list[Block]:
        """An MDX component (its `{…}` attributes already taken out): its literal text stays, with the
        label each tag shows (a tab's `label`, a box's `title`) set as a bold line where the tag is; a
        YouTube component becomes a link to its video; one with no text in this file gets a warning."""
        videos = [Paragraph(media_runs(tag.group(1), url, tag_attributes(tag.group(2)).get("title", ""), pos), pos)
                  for tag in JSX_TAG.finditer(source) if (url := youtube_url(tag.group(1), tag.group(2)))]
        if not videos and not has_content(source) and is_whole_component(source):
            warn(pos, f"component <{JSX_OPEN.match(source).group(1)}> has no text in this file; it is left out")
        labelled = JSX_TAG.sub(lambda tag: labelled_tag(tag), source)
        blocks = self.html_text(labelled, pos)
        return [self.with_markdown(block, pos) if isinstance(block, Paragraph) else block for block in blocks] + videos

    def with_markdown(self, block: Paragraph, pos: SourcePos) -> Paragraph:
        """A component's text is Markdown in MDX (`<TabItem>Use `torch.nn`.</TabItem>`): its inline
        marks are read; labels (bold lines) and line breaks stay as they are."""
        runs: list = []
        for run in block.runs:
            if run.is_break or run.bold or not _INLINE_MARKS.search(run.text):
                runs.append(run)
            else:
                runs.extend(self.inline_text(run.text, pos))
        return Paragraph(tuple(runs), block.pos)


def pre_code(pre: re.Match, pos: SourcePos) -> Code:
    """An HTML `<pre>` block (an ASCII diagram, console output) is code: monospace, its spaces and
    line breaks kept; `<pre><code class="language-x">` names its language. Tags inside are dropped.
    Like a fence, a `<pre>` alone on its line puts the code on the lines below (`fenced`)."""
    attributes, body = pre.group(1), pre.group(3)
    inner = _CODE_TAG.match(body)
    if inner:
        attributes, body = attributes + inner.group(1), inner.group(2)
    language = _LANGUAGE.search(attributes)
    text = html.unescape(_ANY_TAG.sub("", body)).rstrip("\n")
    return Code(text + "\n", language.group(1) if language else "", pos, fenced=bool(pre.group(2)))


def without_comments(content: str) -> str:
    """The HTML with its `<!-- … -->` comments taken out; an unclosed one is kept as written (nothing
    is lost). One scan (a lazy regular expression rescans to the end for every unclosed `<!--`)."""
    kept, at = [], 0
    while (start := content.find("<!--", at)) >= 0:
        kept.append(content[at:start])
        end = content.find("-->", start + 4)
        if end < 0:
            return "".join(kept) + content[start:]
        at = end + 3
    kept.append(content[at:])
    return "".join(kept)
