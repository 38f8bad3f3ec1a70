"""Markdown blocks → model blocks: paragraphs, headings nested in lists, quotes or boxes (bold
paragraphs), lists and task items, fenced and indented code, GFM tables, quotes and GitHub callouts
(`> [!NOTE]`), `:::kind` admonitions and thematic breaks, with one handler per node type
(`_BLOCK_HANDLERS`), the way markdown-it's own renderer looks rules up. Raw HTML blocks go to
`html_blocks`.

`MarkdownBlocks` is mixed into the lesson parser (`lesson.LessonParser`), which gives it `pos`, `lines`,
the inline readers (`inline.InlineParsing`) and the HTML handlers (`html_blocks.HtmlBlocks`)."""
from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.tree import SyntaxTreeNode

from ..errors import warn
from ..model import (
    Admonition,
    Block,
    Code,
    Image,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Pause,
    Quote,
    Run,
    SourcePos,
    Table,
    TableRow,
    ThematicBreak,
)
from .attributes import attribute_list
from .box_kinds import box_of
from .code_marks import marked_lines
from .fenced_divs import UNWRAP, callout_kind, div_kind, is_callout
from .heading_ids import split_heading_id
from .includes import expanded, without_hidden_rust_lines
from .html_blocks import HtmlBlocks
from .markdown import ADMONITION_INFO
from .mkdocs import admon_title, is_admon_line
from .presenting import INCREMENTAL_KIND, NOTES_KIND, builds, incremental, is_pause_line, notes_from
from .runs import bold, has_text, trim

_CALLOUT_MARK = re.compile(r"^\s*\[!(\w+)\][+-]?\s*")
_BRACKET_TITLE = re.compile(r"^\S+[ \t]+\[([^\]\n]{1,200})\]")  # VitePress: ```sh [npm]
_TITLED_CALLOUT = re.compile(r"^\s*\[!\w+\][+-]?[ \t]*(.*)$")
_TASK = re.compile(r"^\[([ xX])\]\s+")


_NESTING = re.compile(r"^[ \t>]*")
_BRACED_LANGUAGE = re.compile(r"\{[ \t]*\.?([A-Za-z][\w+#.-]*)")
# Quarto's live cells (quarto-live, webr, pyodide) and Observable: the language they run
_CELL_LANGUAGES = {"webr": "r", "webr-r": "r", "pyodide": "python", "pyodide-python": "python", "ojs": "javascript"}
_CELL_OPTIONS = re.compile(r"(?:[ \t]*#\|[^\n]*\n)+")
# Quarto's `#| echo: false` / `#| include: false`, R Markdown's `{r, echo=FALSE}`: the site shows no code
_HIDING_OPTION = re.compile(r"\b(?:echo|include)[ \t]*[:=][ \t]*(?:false|FALSE|F\b|no)")


class MarkdownBlocks:
    """Block handlers for Markdown nodes (a mixin of `lesson.LessonParser`)."""

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
                # a heading nested in a list, quote or admonition stays a bold paragraph (its id not shown)
                out.append(Paragraph(tuple(bold(r) for r in self.heading(child)[0]), self.pos(child)))
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
        if is_pause_line(source):
            return [Pause(self.pos(node))]
        raw = self.raw_source_blocks(source, self.pos(node))
        if raw is not None:
            return raw
        out: list[Block] = []
        for piece in self.inline_pieces(inline, self.pos(node)):  # text and pictures in the order written
            if isinstance(piece, Image):
                out.append(piece)
            elif has_text(trim(piece)):
                out.append(Paragraph(trim(piece), self.pos(node)))
        return out

    def heading(self, node: SyntaxTreeNode) -> tuple[Inline, str | None]:
        """A heading's text and the id the lesson gives it. An id ending an `#` heading line ({#id},
        {/*id*/}, [[id]]) names the heading and is not text (markdown-it would read `*id*` as emphasis),
        so such a line's text is read again without it."""
        line = _NESTING.sub("", self.lines[node.map[0]]) if node.map else ""  # a quote's `>`, a box's indent
        split = split_heading_id(line) if node.map else None
        if split is None:
            return self.heading_runs(node), None
        text, anchor = split
        return trim(tuple(r for r in self.inline_text(text, self.pos(node)) if not r.is_break)), anchor

    def heading_runs(self, node: SyntaxTreeNode) -> Inline:
        runs, _images = self.inline_runs(node.children[0], self.pos(node)) if node.children else ((), [])
        return trim(tuple(r for r in runs if not r.is_break))

    def list_block(self, node: SyntaxTreeNode) -> list[Block]:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        items = tuple(self.list_item(item) for item in node.children)
        return [ListBlock(ordered, start, items, self.pos(node), builds(node))]

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
            runs = (replace(head, text=_TASK.sub("", head.text)),) + runs[1:]
        nested = list(extra)
        for child in children:
            nested.extend(self.children_blocks_of(child))
        return ListItem(runs, tuple(nested), self.pos(node), checked)

    def children_blocks_of(self, node: SyntaxTreeNode) -> list[Block]:
        if node.type == "heading":
            return [Paragraph(tuple(bold(r) for r in self.heading_runs(node)), self.pos(node))]
        return self.blocks(node)

    def code(self, node: SyntaxTreeNode) -> list[Block]:
        info = (node.info or "").strip()
        language = _fence_language(info)
        if node.type == "fence" and language == "math":  # GitHub's ```math fence: a display formula
            return self.display_math(node)
        title_match = re.search(r"title=[\"']([^\"']*)[\"']", info) or _BRACKET_TITLE.search(info)
        if node.type == "fence" and not self._fence_closed(node):
            warn(self.pos(node), "code fence is never closed; it runs to the end of the file")
        text = self.code_as_shown(node.content, language, self.pos(node))
        options = _CELL_OPTIONS.match(text) if info.startswith("{") else None  # Quarto's `#| echo: false`
        if info.startswith("{") and (hidden := _HIDING_OPTION.search(info + "\n" + (options[0] if options else ""))):
            warn(self.pos(node), f"the code cell is hidden on the site ({hidden.group(0).strip()}); it is left out")
            return []
        if options:
            text = text[options.end():]
            warn(self.pos(node), "the code cell's '#|' option lines are not shown (as on the site)")
        text, marked = self.highlighted(text, info, language, self.pos(node))
        return [Code(text, language, self.pos(node), title_match.group(1) if title_match else None,
                     node.type == "fence", marked)]

    def highlighted(self, text: str, info: str, language: str, pos: SourcePos) -> tuple[str, frozenset[int]]:
        """The code without the comments that mark highlighted lines, and the lines the site highlights."""
        text, marked, removed = marked_lines(text, info, language)
        if removed and not self.said_magic_comments:
            self.said_magic_comments = True
            warn(pos, "highlight comments ('// highlight-next-line', 'highlight-start', …) are not shown; "
                      "the lines they mark are highlighted, as on the site")
        return text, marked

    def code_as_shown(self, text: str, language: str, pos: SourcePos) -> str:
        """The code as the book shows it: mdBook's includes expanded; in an mdBook, Rust code without the
        lines it hides (`# `)."""
        if "{{#" in text or "8<-" in text:
            text, problems = expanded(text, self.include_file, self.include_budget)
            for problem in problems:
                warn(pos, problem)
        if language == "rust" and self.is_mdbook:
            text, hidden = without_hidden_rust_lines(text)
            if hidden and not self.said_hidden_rust:
                self.said_hidden_rust = True
                warn(pos, "Rust lines the book hides ('# ' at a line's start) are left out, as the book shows the code")
        return text

    def include_file(self, rel: str, from_root: bool = False):
        """The file an include names (beside the lesson, or from the site's root; inside the site), or why
        it cannot be read."""
        try:
            target = (self.content_root / rel).resolve() if from_root else self.local_file(rel)
        except (OSError, RuntimeError) as exc:
            return f"it cannot be opened ({exc})"
        if not target.is_relative_to(self.content_root):
            return "the file is outside the lesson's site"
        return target if target.is_file() else "the file is not found"

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
        continues = has_previous and columns > 1 and not has_text(cells[0]) if cells else False
        return TableRow(cells, pos, continues)

    def cell_runs(self, cell: SyntaxTreeNode, pos: SourcePos) -> Inline:
        if not cell.children:
            return ()
        runs, images = self.inline_runs(cell.children[0], pos)  # a cell has no lines of its own: its row's
        for image in images:
            runs += (Run(f"[{image.alt or image.src}]"),)
        return trim(runs)

    def quote(self, node: SyntaxTreeNode) -> list[Block]:
        blocks = self.children_blocks(node)
        callout = _callout_kind(blocks)
        if callout:
            titled = self.titled_callout(node)
            title, rest = titled if titled else ((), _strip_callout(blocks[0]))
            kind, word_title = box_of(callout, None)
            title = title or (self.inline_text(word_title, self.pos(node)) if word_title else ())
            return [Admonition(kind, title, (rest,) + blocks[1:] if rest else blocks[1:], self.pos(node))]
        return [Quote(blocks, self.pos(node))]

    def titled_callout(self, node: SyntaxTreeNode) -> tuple[Inline, Paragraph | None] | None:
        """Obsidian's `> [!tip] Title` (`[!faq]-` folded): the title after the mark and the rest of the
        first paragraph; None when the mark's line has no title."""
        first = node.children[0]
        if not first.map:
            return None
        lines = [_NESTING.sub("", line) for line in self.lines[first.map[0]:first.map[1]]]
        mark = _TITLED_CALLOUT.match(lines[0]) if lines else None
        if not mark or not mark.group(1).strip():
            return None
        pos = self.pos(first)
        rest = trim(tuple(r for r in self.inline_text("\n".join(lines[1:]), pos))) if lines[1:] else ()
        return self.inline_text(mark.group(1).strip(), pos), (Paragraph(rest, pos) if has_text(rest) else None)

    def admonition(self, node: SyntaxTreeNode) -> list[Block]:
        """A `:::kind Title` box, or a pandoc div `::: {.class …}` (`fenced_divs`)."""
        attributes = attribute_list((node.info or "").strip())
        match = None if attributes else ADMONITION_INFO.match(node.info or "")
        kind = div_kind(attributes) if attributes else callout_kind(match.group(1).lower()) if match else "note"
        raw_title = ((match.group(2) or match.group(3)) if match else attributes.values.get("title", "")) or ""
        end = node.map[1] if node.map else 0  # the closing line, when there is one
        if node.map and not (end < len(self.lines) and re.match(r"[\s>]*:::", self.lines[end])):
            name = f":::{match.group(1).lower()}" if match else f"::: {(node.info or '').strip()}"
            warn(self.pos(node), f"'{name}' is never closed; everything after it is inside its box")
        if kind == NOTES_KIND:  # pandoc's and Quarto's speaker notes
            return notes_from(self.children_blocks(node), self.pos(node))
        if kind == INCREMENTAL_KIND:  # pandoc's lists that build item by item
            return incremental(self.children_blocks(node))
        if kind == UNWRAP:
            return list(self.children_blocks(node))
        title, content = self.inline_text(raw_title.strip(), self.pos(node)), self.children_blocks(node)
        if not raw_title.strip() and is_callout(node.info or "") and _starts_with_heading(node):
            # Quarto: a callout's first heading is its title
            title, content = content[0].runs, content[1:]
        return [Admonition(kind, title, content, self.pos(node))]

    def mkdocs_admonition(self, node: SyntaxTreeNode) -> list[Block]:
        """MkDocs' `!!! kind "Title"` (or collapsible `???`) box: its first class word is its kind. A line
        Python-Markdown would not read as a box (`??? 왜 그럴까요?`, `!!! 중요 !!!`) is text, as written."""
        if not is_admon_line(node.info or ""):
            return self.plain_fallback(node)
        words = (node.info or "").split()
        kind, title = box_of(words[0] if words else "note", admon_title(node.info or ""))
        runs = self.inline_text(title, self.pos(node)) if title else ()
        return [Admonition(kind, runs, self.children_blocks(node), self.pos(node))]

    def display_math(self, node: SyntaxTreeNode) -> list[Block]:
        """$$…$$, \\[…\\], an amsmath environment or a ```math fence: a paragraph holding the formula."""
        tex = node.content if node.type != "amsmath" else node.content.strip()
        return [Paragraph((self.formula_run(tex, True, self.pos(node)),), self.pos(node))]

    def thematic_break(self, node: SyntaxTreeNode) -> list[Block]:
        return [ThematicBreak(self.pos(node))]


def _definition_list(self: MarkdownBlocks, node: SyntaxTreeNode) -> list[Block]:
    """pandoc's, PHP Markdown Extra's and MkDocs's `Term` / `: definition`: the term a bold line, its
    definitions a list under it (each definition's first paragraph the item, the rest inside it)."""
    out: list[Block] = []
    for child in node.children:
        if child.type == "dt" and child.children:
            runs, _images = self.inline_runs(child.children[0], self.pos(child))
            out.append(Paragraph(tuple(bold(run) for run in trim(runs)), self.pos(child)))
        elif child.type == "dd":
            blocks = self.children_blocks(child)
            first = blocks[0] if blocks and isinstance(blocks[0], Paragraph) else None
            item = ListItem(first.runs if first else (), blocks[1:] if first else blocks, self.pos(child))
            out.append(ListBlock(False, 1, (item,), self.pos(child)))
    return out


_BLOCK_HANDLERS = {
    "paragraph": MarkdownBlocks.paragraph,
    "dl": _definition_list,
    "bullet_list": MarkdownBlocks.list_block,
    "ordered_list": MarkdownBlocks.list_block,
    "fence": MarkdownBlocks.code,
    "code_block": MarkdownBlocks.code,
    "table": MarkdownBlocks.table,
    "blockquote": MarkdownBlocks.quote,
    "hr": MarkdownBlocks.thematic_break,
    "admonition": MarkdownBlocks.mkdocs_admonition,
    "admonition_title": lambda self, node: [],  # read from the box's first line (mkdocs.admon_title)
    "html_block": HtmlBlocks.html_block,
    "math_block": MarkdownBlocks.display_math,
    "math_block_label": MarkdownBlocks.display_math,
    "amsmath": MarkdownBlocks.display_math,
    "footnote_block": lambda self, node: [],  # the notes, read before the blocks (footnotes.py)
}


def _fence_language(info: str) -> str:
    """A fence's language: its first word, or the name in braces of Quarto's and R Markdown's cells
    (```` ```{r, echo=FALSE} ````, ```` ```{python} ````) and of pandoc's classes (```` ```{.python} ````)."""
    if info.startswith("{"):
        named = _BRACED_LANGUAGE.match(info)
        language = named.group(1).lower() if named else ""
        return _CELL_LANGUAGES.get(language, language)
    return re.split(r"[\s,]", info, maxsplit=1)[0].lower() if info else ""  # mdBook: ```rust,ignore


def _starts_with_heading(node: SyntaxTreeNode) -> bool:
    return bool(node.children) and node.children[0].type == "heading"


def _cell_align(cell: SyntaxTreeNode) -> str | None:
    match = re.search(r"text-align:\s*(\w+)", str(cell.attrs.get("style", "")))
    return match.group(1) if match else None


def _count_source_cells(line: str) -> int:
    """Cells written on a table source line: pipes outside code spans and not escaped."""
    body = line.strip()
    body = re.sub(r"`[^`]*`", "x", body)
    body = body.replace("\\|", "x")
    body = body.removeprefix("|")
    body = body.removesuffix("|")
    return body.count("|") + 1


def _callout_kind(blocks: tuple[Block, ...]) -> str | None:
    if not blocks or not isinstance(blocks[0], Paragraph) or not blocks[0].runs:
        return None
    match = _CALLOUT_MARK.match(blocks[0].runs[0].text)
    return match.group(1).lower() if match else None


def _strip_callout(paragraph: Paragraph) -> Paragraph | None:
    first = paragraph.runs[0]
    rest = _CALLOUT_MARK.sub("", first.text, count=1)
    runs = ((replace(first, text=rest),) if rest else ()) + paragraph.runs[1:]
    runs = trim(runs)
    return Paragraph(runs, paragraph.pos) if has_text(runs) else None
