"""Lesson text → `Lesson`: Markdown (CommonMark + GFM tables + strikethrough), YAML front matter,
Docusaurus admonitions, MDX lines and raw HTML. No slide decisions are made here.

The markdown-it token stream is turned into a `SyntaxTreeNode` tree and walked with one handler per
node type (`_BLOCK_HANDLERS`, `_INLINE_HANDLERS`), the way markdown-it's own renderer looks rules up.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import LessonError, warn
from ..model import (
    LINE_BREAK, Admonition, Block, Code, Image, Inline, Lesson, ListBlock, ListItem, Notes, Paragraph,
    Quote, Run, Section, SourcePos, Table, TableRow, ThematicBreak, plain_text,
)
from ..safe_yaml import YAMLError, load_yaml

# Docusaurus's kinds have their own colours; any other word (`:::details`, VitePress's `::: details`) makes
# a box of the neutral kind's colours, titled by the lesson or by the word itself.
_ADMONITION_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)\b\s*(?:\[(.*)\]|(.*))$", re.S)
_CALLOUT_MARK = re.compile(r"^\s*\[!(\w+)\]\s*")
_BR = re.compile(r"^<br\s*/?>$", re.I)
_ONLY_BREAKS = re.compile(r"^(\s*<br\s*/?>\s*)+$", re.I)
_NOTES = re.compile(r"^\s*<!--\s*notes?\s*:(.*?)-->\s*$", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MDX_ESM = re.compile(r"^\s*(import\s+[\w*{}\s,]+\s+from\s+['\"].*['\"];?|import\s+['\"].*['\"];?"
                      r"|export\s+(const|let|var|function|default|\{).*)\s*$")
_JSX_EXPR = re.compile(r"\{/\*.*?\*/\}|\{[^{}<>]*\}", re.S)
_IMG_ONLY = re.compile(r"^(\s*<img\b[^<>]*>\s*)+$", re.I)
_IMG_TAG = re.compile(r"<img\b([^<>]*)>", re.I)
_JSX_OPEN = re.compile(r"^\s*</?([A-Z][\w.]*)")
_JSX_TAG = re.compile(r"""<([A-Z][\w.]*)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NOT_PROSE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]{0,500}`|<[^<>\n]{0,500}>|\]\([^)\s]{0,500}\)|https?://\S+",
                        re.S | re.M)
_ATX_START = re.compile(r" {0,3}#{1,6}[ \t]+")
_HEADING_ID = re.compile(r"[\w][\w-]*")
_REFUSED_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([a-zA-Z][\w+.-]*:[^)\s>]*)")
_TASK = re.compile(r"^\[([ xX])\]\s+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")
_DROPPED_TAGS = ("script", "style")
_MEDIA_TAGS = ("iframe", "video", "audio", "embed", "object")
_BOLD_LINE = "\x02"  # marks, inside extracted HTML text, a line set in bold (a <summary>, an <h2>)

MAX_LESSON_BYTES = 2 * 1024 * 1024  # a lesson is a few dozen KB; `--max-bytes` raises the limit


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(front_matter_plugin)
    md.use(container_plugin, name="admonition", validate=lambda params, *_: bool(_ADMONITION_INFO.match(params)))
    return md


_MD = make_markdown()


# ------------------------------------------------------------------------------------------ reading


def read_source(path: Path, max_bytes: int = MAX_LESSON_BYTES) -> str:
    """The lesson's text: UTF-8 with or without BOM, CRLF or LF; invalid UTF-8 is a `LessonError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LessonError(path, f"cannot read the lesson: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise LessonError(f"{path}:1", f"the lesson is {len(data):,} bytes, over the limit of {max_bytes:,} "
                                       "(split it, or raise the limit with --max-bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LessonError(f"{path}:{line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_file(path: Path, content_root: Path | None = None, max_bytes: int = MAX_LESSON_BYTES) -> Lesson:
    path = Path(path)
    return parse_text(read_source(path, max_bytes), path, content_root)


def parse_text(text: str, path: Path, content_root: Path | None = None) -> Lesson:
    path = Path(path)
    root = (content_root or path.parent).resolve()
    parser = _LessonParser(str(path), path.parent.resolve(), root)
    return parser.parse(unicodedata.normalize("NFC", text.lstrip("\ufeff")), path)


# ------------------------------------------------------------------------------------------ parser


@dataclass
class _Heading:
    level: int
    runs: Inline
    pos: SourcePos
    blocks: list[Block] = field(default_factory=list)
    anchor: str | None = None


class _LessonParser:
    def __init__(self, file: str, lesson_dir: Path, content_root: Path):
        self.file = file
        self.lesson_dir = lesson_dir
        self.content_root = content_root
        self.lines: list[str] = []

    def pos(self, node: SyntaxTreeNode | None) -> SourcePos:
        line = node.map[0] + 1 if node is not None and node.map else 1
        return SourcePos(self.file, line)

    # -- whole lesson

    def parse(self, text: str, path: Path) -> Lesson:
        self.lines = text.split("\n")
        tree = SyntaxTreeNode(_MD.parse(text))
        meta: dict = {}
        preamble: list[Block] = []
        headings: list[_Heading] = []
        for node in tree.children:
            if node.type == "front_matter":
                meta = self.front_matter(node)
            elif node.type == "heading":
                runs, anchor = self.heading(node)
                headings.append(_Heading(int(node.tag[1]), runs, self.pos(node), anchor=anchor))
            else:
                target = headings[-1].blocks if headings else preamble
                target.extend(self.blocks(node))
        title, headings, title_blocks = self.title(meta, headings)
        preamble.extend(title_blocks)
        sections = _nest(headings)
        return Lesson(
            source=path, title=title, description=str(meta.get("description") or ""),
            lang=_language(meta, text), meta=meta, preamble=tuple(preamble), sections=sections,
        )

    def front_matter(self, node: SyntaxTreeNode) -> dict:
        try:
            meta = load_yaml(node.content) if node.content.strip() else {}
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            last = max(len(node.content.rstrip("\n").split("\n")) - 1, 0)  # libyaml marks a missing end past it
            line = (min(mark.line, last) + 2) if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            raise LessonError(SourcePos(self.file, line), f"invalid YAML front matter: {problem}") from None
        if meta is None:
            return {}
        if not isinstance(meta, dict):
            raise LessonError(self.pos(node), "front matter must be a YAML mapping (key: value lines)")
        return {str(k): v for k, v in meta.items()}

    def title(self, meta: dict, headings: list[_Heading]) -> tuple[str, list[_Heading], list[Block]]:
        """Front matter `title`, else the first `#` heading. A leading `#` that is the title is not a
        section: it is dropped and the text under it goes before the first section."""
        first = headings[0] if headings else None
        first_h1 = first if first is not None and first.level == 1 else None
        title = str(meta.get("title") or "").strip()
        only_h1 = sum(h.level == 1 for h in headings) == 1
        if first_h1 is not None and only_h1 and (not title or _same_text(title, plain_text(first_h1.runs))):
            return title or plain_text(first_h1.runs).strip(), headings[1:], first_h1.blocks
        fallback = plain_text(first_h1.runs).strip() if first_h1 is not None else Path(self.file).stem
        return title or fallback, headings, []

    # -- blocks

    def blocks(self, node: SyntaxTreeNode) -> list[Block]:
        handler = _BLOCK_HANDLERS.get(node.type)
        if handler is None:
            if node.type.startswith("container_"):
                return self.admonition(node)
            warn(self.pos(node), f"unsupported Markdown element '{node.type}' is shown as plain text")
            return self.plain_fallback(node)
        return handler(self, node)

    def children_blocks(self, node: SyntaxTreeNode) -> tuple[Block, ...]:
        out: list[Block] = []
        for child in node.children:
            if child.type == "heading":
                # a heading nested in a list, quote or admonition stays a bold paragraph
                out.append(Paragraph(tuple(_bold(r) for r in self.heading_runs(child)), self.pos(child)))
            else:
                out.extend(self.blocks(child))
        return tuple(out)

    def plain_fallback(self, node: SyntaxTreeNode) -> list[Block]:
        if not node.map:
            return []
        text = "\n".join(self.lines[node.map[0]: node.map[1]]).strip()
        return [Paragraph((Run(text),), self.pos(node))] if text else []

    def paragraph(self, node: SyntaxTreeNode) -> list[Block]:
        inline = node.children[0] if node.children else None
        if inline is None:
            return []
        source = "\n".join(self.lines[node.map[0]: node.map[1]]) if node.map else inline.content
        if _is_mdx_esm(source):
            return []
        if _IMG_ONLY.match(source):
            return self.img_tags(source, self.pos(node))
        if _JSX_OPEN.match(source):
            return self.jsx_text(source, self.pos(node))
        runs, images = self.inline_runs(inline, self.pos(node))
        runs = _trim(runs)
        out: list[Block] = []
        if _has_text(runs):
            out.append(Paragraph(runs, self.pos(node)))
        out.extend(images)
        return out

    def heading(self, node: SyntaxTreeNode) -> tuple[Inline, str | None]:
        """A heading's text and the id the lesson gives it. An id ending an `#` heading line ({#id},
        {/*id*/}, [[id]]) names the heading and is not text (markdown-it would read `*id*` as emphasis),
        so such a line's text is read again without it."""
        split = split_heading_id(self.lines[node.map[0]]) if node.map else None
        if split is None:
            return self.heading_runs(node), None
        text, anchor = split
        return _trim(tuple(r for r in self.inline_text(text, self.pos(node)) if not r.is_break)), anchor

    def heading_runs(self, node: SyntaxTreeNode) -> Inline:
        runs, _images = self.inline_runs(node.children[0], self.pos(node)) if node.children else ((), [])
        return _trim(tuple(r for r in runs if not r.is_break))

    def list_block(self, node: SyntaxTreeNode) -> list[Block]:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        items = tuple(self.list_item(item) for item in node.children)
        return [ListBlock(ordered, start, items, self.pos(node))]

    def list_item(self, node: SyntaxTreeNode) -> ListItem:
        children = list(node.children)
        runs: Inline = ()
        extra: list[Block] = []
        if children and children[0].type == "paragraph":
            first = self.paragraph(children.pop(0))
            if first and isinstance(first[0], Paragraph):
                runs = first.pop(0).runs
            extra = first
        checked = None
        if runs and not runs[0].code and _TASK.match(runs[0].text):
            checked = _TASK.match(runs[0].text).group(1) != " "
            head = runs[0]
            runs = (Run(_TASK.sub("", head.text), head.bold, head.italic, head.strike, head.code, head.link),) + runs[1:]
        nested = list(extra)
        for child in children:
            nested.extend(self.children_blocks_of(child))
        return ListItem(runs, tuple(nested), self.pos(node), checked)

    def children_blocks_of(self, node: SyntaxTreeNode) -> list[Block]:
        if node.type == "heading":
            return [Paragraph(tuple(_bold(r) for r in self.heading_runs(node)), self.pos(node))]
        return self.blocks(node)

    def code(self, node: SyntaxTreeNode) -> list[Block]:
        info = (node.info or "").strip()
        language = info.split()[0].lower() if info else ""
        title_match = re.search(r"title=[\"']([^\"']*)[\"']", info)
        if node.type == "fence" and not self._fence_closed(node):
            warn(self.pos(node), "code fence is never closed; it runs to the end of the file")
        return [Code(node.content, language, self.pos(node), title_match.group(1) if title_match else None,
                     node.type == "fence")]

    def _fence_closed(self, node: SyntaxTreeNode) -> bool:
        last = node.map[1] - 1
        if last <= node.map[0] or last >= len(self.lines):
            return False
        marker = node.markup[0] * len(node.markup)
        return self.lines[last].strip().startswith(marker)

    def table(self, node: SyntaxTreeNode) -> list[Block]:
        head = node.children[0]
        header_row = head.children[0]
        header = tuple(self.cell_runs(cell, self.pos(header_row)) for cell in header_row.children)
        align = tuple(_cell_align(cell) for cell in header_row.children)
        rows: list[TableRow] = []
        body = node.children[1].children if len(node.children) > 1 else []
        for tr in body:
            rows.append(self.table_row(tr, len(header), bool(rows)))
        return [Table(header, align, tuple(rows), self.pos(node))]

    def table_row(self, tr: SyntaxTreeNode, columns: int, has_previous: bool) -> TableRow:
        pos = self.pos(tr)
        cells = tuple(self.cell_runs(cell, pos) for cell in tr.children)
        written = _count_source_cells(self.lines[tr.map[0]]) if tr.map else columns
        if written < columns:
            warn(pos, f"table row has {written} of {columns} cells; the missing cells are left empty")
        elif written > columns:
            warn(pos, f"table row has {written} cells but the header has {columns}; the extra cells are not shown")
        continues = has_previous and columns > 1 and not _has_text(cells[0]) if cells else False
        return TableRow(cells, pos, continues)

    def cell_runs(self, cell: SyntaxTreeNode, pos: SourcePos) -> Inline:
        if not cell.children:
            return ()
        runs, images = self.inline_runs(cell.children[0], pos)  # a cell has no lines of its own: its row's
        for image in images:
            runs += (Run(f"[{image.alt or image.src}]"),)
        return _trim(runs)

    def quote(self, node: SyntaxTreeNode) -> list[Block]:
        blocks = self.children_blocks(node)
        callout = _callout_kind(blocks)
        if callout:
            first = blocks[0]
            rest = _strip_callout(first)
            return [Admonition(callout, (), (rest,) + blocks[1:] if rest else blocks[1:], self.pos(node))]
        return [Quote(blocks, self.pos(node))]

    def admonition(self, node: SyntaxTreeNode) -> list[Block]:
        match = _ADMONITION_INFO.match(node.info or "")
        kind = match.group(1).lower() if match else "note"
        raw_title = ((match.group(2) or match.group(3)) if match else "") or ""
        title = self.inline_text(raw_title.strip(), self.pos(node))
        end = node.map[1] if node.map else 0  # the closing line, when there is one
        if node.map and not (end < len(self.lines) and re.match(r"[\s>]*:::", self.lines[end])):
            warn(self.pos(node), f"':::{kind}' is never closed; everything after it is inside its box")
        return [Admonition(kind, title, self.children_blocks(node), self.pos(node))]

    def thematic_break(self, node: SyntaxTreeNode) -> list[Block]:
        return [ThematicBreak(self.pos(node))]

    def html_block(self, node: SyntaxTreeNode) -> list[Block]:
        content = node.content
        notes = _NOTES.match(content)
        if notes:
            return [Notes(" ".join(notes.group(1).split()), self.pos(node))]
        content = _COMMENT.sub("", content)
        if not content.strip() or _ONLY_BREAKS.match(content):
            return []
        if _is_mdx_esm(content):
            return []
        if _IMG_ONLY.match(content):
            return self.img_tags(content, self.pos(node))
        if _JSX_OPEN.match(content):
            return self.jsx_text(content, self.pos(node))
        return self.html_text(content, self.pos(node))

    def html_text(self, content: str, pos: SourcePos) -> list[Block]:
        extractor = _TextExtractor()
        extractor.feed(_JSX_EXPR.sub("", content))
        extractor.close()
        for tag in sorted(extractor.dropped):
            warn(pos, f"<{tag}> content is not lesson text and is left out")
        images = self._unique_images(extractor.images, pos)
        players = [Paragraph(media_runs(*media, pos), pos) for media in extractor.media]
        return _text_paragraphs(extractor.text(), pos) + images + players

    def img_tags(self, source: str, pos: SourcePos) -> list[Block]:
        """`<img src=… alt=…>` lines (HTML or JSX) are pictures, like `![alt](src)`."""
        return self._unique_images(_img_attributes(source), pos)

    def _unique_images(self, images: list[tuple[str, str]], pos: SourcePos) -> list[Block]:
        """One picture per alt text: light/dark variants of one figure are shown once."""
        seen: set[str] = set()
        out: list[Block] = []
        for src, alt in images:
            if alt and alt in seen:
                continue
            seen.add(alt)
            out.append(self.image(src, alt, None, pos))
        return out

    def jsx_text(self, source: str, pos: SourcePos) -> list[Block]:
        """An MDX component: its literal text stays, with the label each tag shows (a tab's `label`, a
        box's `title`) set as a bold line where the tag is; a YouTube component becomes a link to its
        video; one with no text in this file gets a warning."""
        videos = [Paragraph(media_runs(tag.group(1), url, _attributes(tag.group(2)).get("title", ""), pos), pos)
                  for tag in _JSX_TAG.finditer(source) if (url := _youtube_url(tag.group(1), tag.group(2)))]
        if not videos and not _has_content(source) and _is_whole_component(source):
            warn(pos, f"component <{_JSX_OPEN.match(source).group(1)}> has no text in this file; it is left out")
        labelled = _JSX_TAG.sub(lambda tag: _labelled_tag(tag), source)
        return self.html_text(_JSX_EXPR.sub("", labelled), pos) + videos

    # -- inline

    def inline_text(self, text: str, pos: SourcePos) -> Inline:
        if not text:
            return ()
        tokens = _MD.parseInline(text)
        runs, _ = self.inline_runs(SyntaxTreeNode(tokens).children[0], pos) if tokens else ((), [])
        return _trim(runs)

    def inline_runs(self, inline: SyntaxTreeNode, pos: SourcePos) -> tuple[Inline, list[Image]]:
        collector = _InlineCollector(self, pos)
        collector.walk(inline.children, Run(""))
        return _merge(collector.runs), collector.images

    def image(self, src: str, alt: str, title: str | None, pos: SourcePos) -> Image:
        return Image(src, alt, self.resolve_image(src, pos), pos, title or None)

    def resolve_image(self, src: str, pos: SourcePos) -> Path | None:
        parts = _split_url(src)
        if parts is None:
            warn(pos, f"image '{src}' is not a valid address; it is not read (alt text shown instead)")
            return None
        if parts.scheme or src.startswith("//"):
            warn(pos, f"image '{src}' is not a local file; it is not fetched (alt text shown instead)")
            return None
        rel = unquote(parts.path)
        base = self.content_root if rel.startswith("/") else self.lesson_dir
        target = (base / rel.lstrip("/")).resolve()
        if not target.is_relative_to(self.content_root):
            warn(pos, f"image '{src}' is outside the content folder; it is not read (alt text shown instead)")
            return None
        if not target.is_file():
            warn(pos, f"image '{src}' not found; its alt text is shown instead")
            return None
        return target


_BLOCK_HANDLERS = {
    "paragraph": _LessonParser.paragraph,
    "bullet_list": _LessonParser.list_block,
    "ordered_list": _LessonParser.list_block,
    "fence": _LessonParser.code,
    "code_block": _LessonParser.code,
    "table": _LessonParser.table,
    "blockquote": _LessonParser.quote,
    "hr": _LessonParser.thematic_break,
    "html_block": _LessonParser.html_block,
}


class _InlineCollector:
    """Walks inline nodes, carrying the formatting of the enclosing emphasis/link nodes."""

    def __init__(self, parser: _LessonParser, pos: SourcePos):
        self.parser = parser
        self.pos = pos
        self.runs: list[Run] = []
        self.images: list[Image] = []
        self.skip_depth = 0
        self.html_links: list[str | None] = []  # raw `<a href>` around the text
        self.pending_media: tuple[str, str] | None = None  # a player still waiting for its <source>

    def walk(self, nodes, style: Run) -> None:
        for node in nodes:
            handler = _INLINE_HANDLERS.get(node.type, _InlineCollector.other)
            handler(self, node, style)

    def add(self, text: str, style: Run) -> None:
        if text and not self.skip_depth:
            link = style.link or (self.html_links[-1] if self.html_links else None)
            self.runs.append(Run(text, style.bold, style.italic, style.strike, style.code, link))

    def text(self, node, style):
        for match in _REFUSED_IMAGE.finditer(node.content):
            # markdown-it refuses file:, data: and javascript: targets and leaves the syntax as text
            warn(self.pos, f"image '{match.group(1)}' is not a local file inside the content folder; it is not read")
        self.add(node.content, style)

    def softbreak(self, node, style):
        self.add(" ", style)

    def hardbreak(self, node, style):
        self.add("\n", Run(""))

    def code_inline(self, node, style):
        self.add(node.content, Run("", style.bold, style.italic, style.strike, True, style.link))

    def strong(self, node, style):
        self.walk(node.children, Run("", True, style.italic, style.strike, style.code, style.link))

    def em(self, node, style):
        self.walk(node.children, Run("", style.bold, True, style.strike, style.code, style.link))

    def s(self, node, style):
        self.walk(node.children, Run("", style.bold, style.italic, True, style.code, style.link))

    def link(self, node, style):
        href = _safe_link(str(node.attrs.get("href", "")))
        self.walk(node.children, Run("", style.bold, style.italic, style.strike, style.code, href))

    def image(self, node, style):
        alt = node.content or ""
        self.images.append(self.parser.image(str(node.attrs.get("src", "")), alt,
                                             node.attrs.get("title"), self.pos))

    def html_inline(self, node, style):
        tag = node.content
        if _BR.match(tag.strip()):
            self.add("\n", Run(""))
            return
        name = re.match(r"<\s*(/?)\s*([A-Za-z][\w.-]*)", tag)
        if name and name.group(2).lower() == "img" and not self.skip_depth:
            self.images.extend(self.parser.img_tags(tag, self.pos))
        elif name and name.group(2).lower() == "a":
            self.html_anchor(tag, closing=bool(name.group(1)))
        elif name and not self.skip_depth:
            self.inline_media(name.group(2), bool(name.group(1)), tag)

    def inline_media(self, name: str, closing: bool, tag: str) -> None:
        """`<video>`, `<iframe>`… and `<Youtube id>` inside a paragraph or a table cell; a player whose
        address is in a `<source>` that follows is named when that source (or its end tag) comes."""
        kind = name.lower()
        attributes = _attributes(tag)
        if kind in _MEDIA_TAGS and not closing:
            if attributes.get("src", "").strip():
                self.runs.extend(media_runs(kind, attributes["src"].strip(), attributes.get("title", ""), self.pos))
            else:
                self.pending_media = (kind, attributes.get("title", ""))
        elif self.pending_media and (kind == "source" or (closing and kind == self.pending_media[0])):
            (player, title), self.pending_media = self.pending_media, None
            self.runs.extend(media_runs(player, attributes.get("src", "").strip(), title, self.pos))
        elif not closing and (url := _youtube_url(name, tag)):
            self.runs.extend(media_runs(name, url, attributes.get("title", ""), self.pos))

    def html_anchor(self, tag: str, closing: bool) -> None:
        if closing:
            if self.html_links:
                self.html_links.pop()
            return
        href = _attributes(tag).get("href")
        self.html_links.append(_safe_link(href) if href is not None else None)

    def other(self, node, style):
        if node.children:
            self.walk(node.children, style)
        else:
            self.add(node.content, style)


_INLINE_HANDLERS = {
    "text": _InlineCollector.text,
    "softbreak": _InlineCollector.softbreak,
    "hardbreak": _InlineCollector.hardbreak,
    "code_inline": _InlineCollector.code_inline,
    "strong": _InlineCollector.strong,
    "em": _InlineCollector.em,
    "s": _InlineCollector.s,
    "link": _InlineCollector.link,
    "image": _InlineCollector.image,
    "html_inline": _InlineCollector.html_inline,
}


class _TextExtractor(HTMLParser):
    """Visible text of a raw HTML block; <script>/<style> content is dropped and remembered."""

    _BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details",
                   "section", "article", "ul", "ol", "table", "pre", "blockquote"}
    _LABEL_TAGS = {"summary", "h1", "h2", "h3", "h4", "h5", "h6"}  # their line is set in bold

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str | None = None
        self.dropped: set[str] = set()
        self.images: list[tuple[str, str]] = []
        self.media: list[tuple[str, str, str]] = []  # (tag, src, title) of players a page cannot hold

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "img" and not self.skipping:
            self.images.append((values.get("src") or "", values.get("alt") or ""))
        elif tag in _MEDIA_TAGS and not self.skipping:
            self.media.append((tag, (values.get("src") or values.get("data") or "").strip(),
                               (values.get("title") or "").strip()))
        elif tag == "source" and self.media and not self.media[-1][1]:
            self.media[-1] = (self.media[-1][0], (values.get("src") or "").strip(), self.media[-1][2])
        elif tag in _DROPPED_TAGS:
            self.skipping = tag
            self.dropped.add(tag)
        elif tag in self._LABEL_TAGS:
            self.parts.append("\n" + _BOLD_LINE)
        elif tag in self._BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == self.skipping:
            self.skipping = None
        elif tag in self._BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


# ------------------------------------------------------------------------------------------ helpers


def split_heading_id(line: str) -> tuple[str, str | None] | None:
    """(text, id) of an `#` heading line that ends in an id: `{#id}` (Docusaurus), `{/*id*/}` (react.dev's
    MDX comment; a comment that is not an id is dropped as well, naming nothing), `[[id]]` (Hugging Face,
    an id that starts with a letter: `df[[0]]` is text). None when the line ends in none of them."""
    start = _ATX_START.match(line)
    if not start:
        return None
    body = line[start.end():].rstrip()
    if body.endswith("}"):
        cut = max(body.rfind("{#"), body.rfind("{/*"))
        if cut < 0 or (body.startswith("{/*", cut) and not body.endswith("*/}")):
            return None
        ident = body[cut + 2: -1] if body.startswith("{#", cut) else body[cut + 3: -3]
        return body[:cut].rstrip(), (ident.strip() if _HEADING_ID.fullmatch(ident.strip()) else None)
    if body.endswith("]]"):
        cut = body.rfind("[[")
        ident = body[cut + 2: -2] if cut >= 0 else ""
        if _HEADING_ID.fullmatch(ident) and ident[0].isalpha():
            return body[:cut].rstrip(), ident
    return None


def _nest(headings: list[_Heading]) -> tuple[Section, ...]:
    """Flat headings → a tree of sections by level."""

    def build(start: int, parent_level: int) -> tuple[list[Section], int]:
        out: list[Section] = []
        i = start
        while i < len(headings) and headings[i].level > parent_level:
            head = headings[i]
            children, i = build(i + 1, head.level)
            out.append(Section(head.level, head.runs, head.pos, tuple(head.blocks), tuple(children), head.anchor))
        return out, i

    sections, _ = build(0, -1)
    return tuple(sections)


def _img_attributes(source: str) -> list[tuple[str, str]]:
    return [(found.get("src", ""), found.get("alt", ""))
            for found in map(_attributes, _IMG_TAG.findall(source))]


def _split_url(url: str):
    """The parts of `url`, or None for one that cannot be parsed (`http://[bad`)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _safe_link(href: str) -> str | None:
    """Web, mail and in-page links stay clickable; `javascript:`, `file:` and the like do not."""
    parts = _split_url(href)
    return href if parts is not None and parts.scheme.lower() in ("", "http", "https", "mailto") and href else None


def media_runs(tag: str, src: str, title: str, pos: SourcePos) -> tuple[Run, Run]:
    """A video or other embedded player: a slide or a page cannot play it, so it is named ("▶ title"),
    linked when it is on the web (`//host/…` taken as https), with a warning."""
    src = "https:" + src if src.startswith("//") else src
    parts = _split_url(src)
    href = src if parts is not None and parts.scheme in ("http", "https") and parts.netloc else None
    shown = f"as a link to {href}" if href else f"by name ({src})" if src else "by name"
    warn(pos, f"<{tag}> cannot play in a deck or handout; it is shown {shown}")
    return Run("▶ "), Run(title or src or tag, link=href)


def _attributes(tag: str) -> dict[str, str]:
    """The quoted attributes of a tag (entities decoded)."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTRIBUTE.finditer(tag)}


def _has_content(source: str) -> bool:
    """Whether raw HTML/JSX holds text, a picture or a player of its own (labels aside)."""
    extractor = _TextExtractor()
    extractor.feed(_JSX_EXPR.sub("", source))
    extractor.close()
    return bool(extractor.text().strip() or extractor.images or extractor.media)


def _labelled_tag(tag: re.Match) -> str:
    """A component tag followed by the label it shows, as a bold line of the extracted text."""
    if _youtube_url(tag.group(1), tag.group(2)):
        return tag.group(0)  # its title names the video link
    label = _component_label(tag.group(1), tag.group(2))
    return tag.group(0) + (f"\n{_BOLD_LINE}{html.escape(label)}\n" if label else "")


def _youtube_url(name: str, attributes: str) -> str:
    """The video a `<Youtube id="…" />`-style component (Hugging Face, Docusaurus plug-ins) shows."""
    if name.lower().replace("-", "") not in ("youtube", "liteyoutubeembed", "youtubeembed", "youtubevideo"):
        return ""
    found = _attributes(attributes)
    video = (found.get("id") or found.get("videoId") or "").strip()
    return f"https://www.youtube.com/watch?v={video}" if re.fullmatch(r"[\w-]{6,20}", video) else ""


def _component_label(name: str, attributes: str) -> str:
    """The label a component's tag shows on the page: Docusaurus `<TabItem label="macOS">` (its `value`
    when it has no label), and the `title` of any component (`<Admonition title="…">`); else empty."""
    found = _attributes(attributes)
    label = found.get("label") or found.get("title") or (found.get("value") if name == "TabItem" else "")
    return (label or "").strip()


def _is_whole_component(source: str) -> bool:
    """A self-closing `<X />` or `<X>…</X>` in one block: its content is not in the lesson, unlike a
    lone opening tag whose content follows as Markdown."""
    name = _JSX_OPEN.match(source).group(1)
    stripped = source.strip()
    if stripped.startswith("</"):
        return False
    return stripped.endswith("/>") or f"</{name}>" in stripped


def _is_mdx_esm(source: str) -> bool:
    lines = [ln for ln in source.split("\n") if ln.strip()]
    return bool(lines) and all(_MDX_ESM.match(ln) for ln in lines)


def _text_paragraphs(text: str, pos: SourcePos) -> list[Block]:
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    runs: list[Run] = []
    bold = False
    for line in lines:
        bold = bold or line.startswith(_BOLD_LINE)  # a label's marker may sit on a line of its own
        line = line.lstrip(_BOLD_LINE).strip()
        if not line:
            continue
        if runs:
            runs.append(LINE_BREAK)
        runs.append(Run(line, bold=bold))
        bold = False
    return [Paragraph(tuple(runs), pos)] if runs else []


def _merge(runs: list[Run]) -> Inline:
    out: list[Run] = []
    for run in runs:
        if out and not run.is_break and not out[-1].is_break and _same_style(out[-1], run):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.strike, run.code, run.link)
        else:
            out.append(run)
    return tuple(out)


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.strike, a.code, a.link) == (b.bold, b.italic, b.strike, b.code, b.link)


def _trim(runs: Inline) -> Inline:
    """Drop leading/trailing breaks and surrounding spaces; spaces next to a break go too."""
    items = list(runs)
    while items and (items[0].is_break or not items[0].text.strip()):
        items.pop(0)
    while items and (items[-1].is_break or not items[-1].text.strip()):
        items.pop()
    out: list[Run] = []
    for i, run in enumerate(items):
        text = run.text
        if not run.is_break:
            if i == 0 or items[i - 1].is_break:
                text = text.lstrip()
            if i == len(items) - 1 or items[i + 1].is_break:
                text = text.rstrip()
            if not text:
                continue
        out.append(Run(text, run.bold, run.italic, run.strike, run.code, run.link))
    return tuple(out)


def _has_text(runs: Inline) -> bool:
    return any(r.text.strip() for r in runs if not r.is_break)


def _bold(run: Run) -> Run:
    return Run(run.text, True, run.italic, run.strike, run.code, run.link)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _cell_align(cell: SyntaxTreeNode) -> str | None:
    match = re.search(r"text-align:\s*(\w+)", str(cell.attrs.get("style", "")))
    return match.group(1) if match else None


def _count_source_cells(line: str) -> int:
    """Cells written on a table source line: pipes outside code spans and not escaped."""
    body = line.strip()
    body = re.sub(r"`[^`]*`", "x", body)
    body = body.replace("\\|", "x")
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return body.count("|") + 1


def _callout_kind(blocks: tuple[Block, ...]) -> str | None:
    if not blocks or not isinstance(blocks[0], Paragraph) or not blocks[0].runs:
        return None
    match = _CALLOUT_MARK.match(blocks[0].runs[0].text)
    return match.group(1).lower() if match else None


def _strip_callout(paragraph: Paragraph) -> Paragraph | None:
    first = paragraph.runs[0]
    rest = _CALLOUT_MARK.sub("", first.text, count=1)
    runs = ((Run(rest, first.bold, first.italic, first.strike, first.code, first.link),) if rest else ()) + paragraph.runs[1:]
    runs = _trim(runs)
    return Paragraph(runs, paragraph.pos) if _has_text(runs) else None


def _language(meta: dict, text: str) -> str:
    declared = str(meta.get("lang") or meta.get("language") or "").lower()
    if declared:
        return "ko" if declared.startswith("ko") else "en"
    prose = _NOT_PROSE.sub(" ", text)  # markup, code and addresses say nothing of the lesson's language
    hangul = len(_HANGUL.findall(prose))
    latin = len(_LATIN.findall(prose))
    return "ko" if hangul and hangul * 3 >= latin * 0.5 else "en"
