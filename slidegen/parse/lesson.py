"""A whole lesson: its text → `Lesson`. Front matter (YAML), the title (front matter `title` or the one
`#` heading), headings nested into sections, and the lesson's language (declared, else told from its
prose). `LessonParser` puts the block, HTML, inline and image parts together; no slide decisions are
made here."""
from __future__ import annotations

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from ..errors import LessonError, warn
from ..model import Block, Inline, Lesson, Paragraph, Run, Section, SourcePos, plain_text
from ..safe_yaml import YAMLError, load_yaml
from .blocks import MarkdownBlocks
from .box_components import components_as_boxes
from .code_components import code_components_as_fences
from .footnotes import FootnoteParsing
from .html_blocks import HtmlBlocks
from .images import ImageSources, site_root
from .inline import InlineParsing
from .includes import Budget, filename_titles
from .markdown import markdown_for
from .notebook import notebook_as_markdown
from .mkdocs import blocks_as_boxes, tabs_as_blocks
from .myst import directives_rewritten
from .mdx import imported_pictures, without_mdx_comments
from .site_markup import hide_site_markup
from .table_captions import table_captions
from .template_tags import template_tags_rewritten
from .source import MAX_LESSON_BYTES, SEPARATORS, UNWANTED, clean_text, read_source

_NOT_PROSE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]{0,500}`|<[^<>\n]{0,500}>|\]\([^)\s]{0,500}\)|https?://\S+",
                        re.DOTALL | re.MULTILINE)
TEXT_KEYS = ("title", "description", "author", "date", "lang", "language")
DOCUMENT_PROPERTY_CHARS = 255  # a deck's title, subject, keywords and author hold at most this (python-pptx)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HTML_H1 = re.compile(r"^\s*<h1\b[^<>]*>(.*?)</h1\s*>\s*$", re.DOTALL | re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z]")


NOTEBOOK_BYTES_FACTOR = 10  # a notebook may be this many times the lesson size limit


def parse_file(path: Path, content_root: Path | None = None, max_bytes: int = MAX_LESSON_BYTES) -> Lesson:
    path = Path(path)
    if path.suffix.lower() == ".ipynb":  # a notebook carries its outputs' pictures: room for them, not read
        max_bytes *= NOTEBOOK_BYTES_FACTOR
    return parse_text(read_source(path, max_bytes), path, content_root or site_root(path.parent))


def parse_text(text: str, path: Path, content_root: Path | None = None) -> Lesson:
    path = Path(path)
    root = (content_root or path.parent).resolve()
    parser = LessonParser(str(path), path.parent.resolve(), root)
    if path.suffix.lower() == ".ipynb":
        text, parser.line_map = notebook_as_markdown(text.lstrip("\ufeff"), str(path))
    text = clean_text(text.lstrip("\ufeff"), str(path))
    text = template_tags_rewritten(hide_site_markup(unicodedata.normalize("NFC", text), str(path)), str(path))
    if path.suffix.lower() == ".mdx":
        text = without_mdx_comments(text)  # `{/* … */}` is an MDX comment, shown nowhere
    text = code_components_as_fences(text)  # Docusaurus's <CodeBlock>{`…`}</CodeBlock>
    text = blocks_as_boxes(tabs_as_blocks(directives_rewritten(text, str(path))), str(path))  # MyST, MkDocs
    text = filename_titles(table_captions(text))  # pandoc's `: Caption` under a table, mdBook's file names
    return parser.parse(components_as_boxes(text, str(path)), path)


@dataclass
class _Heading:
    level: int
    runs: Inline
    pos: SourcePos
    blocks: list[Block] = field(default_factory=list)
    anchor: str | None = None


class LessonParser(MarkdownBlocks, HtmlBlocks, InlineParsing, ImageSources, FootnoteParsing):
    def __init__(self, file: str, lesson_dir: Path, content_root: Path):
        self.file = file
        self.md = markdown_for(file)
        self.include_budget = Budget()  # mdBook includes in code (includes.py)
        self.is_mdbook = (content_root / "book.toml").is_file()
        self.said_hidden_rust = False
        self.said_magic_comments = False
        self.line_map: list[int] = []  # a notebook's: its file's line of each line of the Markdown read
        self.lesson_dir = lesson_dir
        self.content_root = content_root
        self.lines: list[str] = []
        self.imported_pictures: dict[str, str] = {}

    def pos(self, node: SyntaxTreeNode | None) -> SourcePos:
        line = node.map[0] + 1 if node is not None and node.map else 1
        if self.line_map:  # a notebook: the line of the notebook file
            line = self.line_map[min(line, len(self.line_map)) - 1]
        return SourcePos(self.file, line)

    def parse(self, text: str, path: Path) -> Lesson:
        self.lines = text.split("\n")
        self.imported_pictures = imported_pictures(text)
        env: dict = {}
        tree = SyntaxTreeNode(self.md.parse(text, env))
        self.read_footnotes(tree, env)
        meta: dict = {}
        preamble: list[Block] = []
        headings: list[_Heading] = []
        self.html_title = ""
        for node in tree.children:
            if node.type == "front_matter":
                meta = self.front_matter(node)
            elif node.type == "html_block" and not headings and not preamble and not self.html_title \
                    and html_heading(node.content):
                self.html_title, html_title_pos = html_heading(node.content), self.pos(node)  # a README's <h1>
            elif node.type == "heading":
                runs, anchor = self.heading(node)
                headings.append(_Heading(int(node.tag[1]), runs, self.pos(node), anchor=anchor))
            else:
                target = headings[-1].blocks if headings else preamble
                target.extend(self.blocks(node))
        title, headings, title_blocks = self.title(meta, headings)
        if self.html_title and title != self.html_title:  # not the title after all: its line is text
            preamble.insert(0, Paragraph((Run(self.html_title, bold=True),), html_title_pos))
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
        return FrontMatter(self.file, node).checked({str(k): v for k, v in meta.items()})

    def title(self, meta: dict, headings: list[_Heading]) -> tuple[str, list[_Heading], list[Block]]:
        """Front matter `title`, else the first heading of any level (an HTML `<h1>` opening the page
        too), else a tidied file name. A leading
        `#` that is the title is not a section: it is dropped and the text under it goes before the
        first section."""
        first = headings[0] if headings else None
        first_h1 = first if first is not None and first.level == 1 else None
        title = str(meta.get("title") or "").strip()
        only_h1 = sum(h.level == 1 for h in headings) == 1
        if first_h1 is not None and only_h1 and (not title or _same_text(title, plain_text(first_h1.runs))):
            return title or plain_text(first_h1.runs).strip(), headings[1:], first_h1.blocks
        if not title and self.html_title:
            return self.html_title, headings, []
        fallback = plain_text(first.runs).strip() if first is not None else ""
        return title or fallback or tidy_name(Path(self.file).stem), headings, []


class FrontMatter:
    """The front matter's values made safe for every stage: strings without the characters a deck cannot
    hold (YAML escapes such as "\\x0b" make them), the text keys (title, description, author, date,
    language) as text, `tags` as a list of words; a value of the wrong type is dropped with a warning at
    its line, and a value longer than a deck's document property is announced (`build` cuts the property;
    the slides show it whole)."""

    def __init__(self, file: str, node: SyntaxTreeNode):
        self.file = file
        self.first_line = (node.map[0] + 2) if node.map else 2  # the line after the opening `---`
        self.lines = node.content.split("\n")

    def line_of(self, key: str) -> SourcePos:
        start = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
        found = next((i for i, line in enumerate(self.lines) if start.match(line)), 0)
        return SourcePos(self.file, self.first_line + found)

    def checked(self, meta: dict) -> dict:
        cleaned = _clean_strings(meta)
        if cleaned != meta:
            warn(SourcePos(self.file, self.first_line), "control characters or noncharacters in the front "
                 "matter are dropped; a deck cannot hold them")
        for key in TEXT_KEYS:
            if key in cleaned:
                cleaned[key] = self.text_value(key, cleaned[key])
        if "tags" in cleaned:
            cleaned["tags"] = self.tag_list(cleaned["tags"])
        self.announce_long_values(cleaned)
        return {key: value for key, value in cleaned.items() if value is not None}

    def text_value(self, key: str, value) -> str | None:
        """A scalar as its text, a list of scalars joined by commas; anything else dropped with a warning."""
        if isinstance(value, (list, tuple)) and all(_is_scalar(v) for v in value):
            return ", ".join(str(v) for v in value)
        if _is_scalar(value):
            return str(value)
        if value is not None:
            warn(self.line_of(key), f"front matter '{key}' should be text, not {_kind(value)}; it is ignored")
        return None

    def tag_list(self, value) -> list[str] | None:
        """`tags` as words: one word or a list of words, numbers or `{label: …}`; the rest dropped."""
        items = value if isinstance(value, (list, tuple)) else [value]
        tags = [_tag_text(item) for item in items]
        wrong = [item for item, tag in zip(items, tags) if tag is None]
        if wrong:
            warn(self.line_of("tags"), f"front matter 'tags' should be a word or a list of words; "
                                       f"{_kind(wrong[0])} is ignored")
        return [tag for tag in tags if tag is not None] or None

    def announce_long_values(self, meta: dict) -> None:
        for key in ("title", "description", "author", "tags"):
            value = meta.get(key)
            length = len(", ".join(value)) if isinstance(value, list) else len(value or "")
            if length > DOCUMENT_PROPERTY_CHARS:
                warn(self.line_of(key), f"front matter '{key}' is {length:,} characters; the deck's document "
                                        f"properties keep the first {DOCUMENT_PROPERTY_CHARS} (the slides show it whole)")


def _clean_strings(value):
    if isinstance(value, str):
        return SEPARATORS.sub("\n", UNWANTED.sub("", value))
    if isinstance(value, dict):
        return {_clean_strings(k): _clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    return value


def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool)


def _tag_text(item) -> str | None:
    if isinstance(item, dict) and _is_scalar(item.get("label")):
        return str(item["label"])
    return str(item) if _is_scalar(item) else None


def _kind(value) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    return {dict: "a mapping", list: "a list"}.get(type(value), f"a {type(value).__name__}")


def html_heading(content: str) -> str:
    """The text of an HTML block that is one `<h1>` (a README's centred title), else ""."""
    found = _HTML_H1.match(content)
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", "", found.group(1))).split()) if found else ""


def tidy_name(stem: str) -> str:
    """A title made of a file name: its last `__` part, without a leading number, words spaced
    (`owner__repo__03-getting_started` → "Getting started")."""
    words = re.sub(r"^\d+[-_. ]*", "", stem.split("__")[-1]).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else stem


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


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _language(meta: dict, text: str) -> str:
    declared = str(meta.get("lang") or meta.get("language") or "").lower()
    if declared:
        return "ko" if declared.startswith("ko") else "en"
    prose = _NOT_PROSE.sub(" ", text)  # markup, code and addresses say nothing of the lesson's language
    hangul = len(_HANGUL.findall(prose))
    latin = len(_LATIN.findall(prose))
    return "ko" if hangul and hangul * 3 >= latin * 0.5 else "en"
