"""`Lesson` (+ `Deck`) → HTML with Jinja2 → an A4 PDF with WeasyPrint.

Two stages kept apart: `render_html` is pure templating over the model (no Markdown is parsed here),
`html_to_pdf` hands the HTML to WeasyPrint with a `url_fetcher` that reads only files inside the
lesson's folder and the template folder. All words and all looks are in `templates/handout/`; this
module only prepares values the templates cannot compute: slide-number ranges, table row groups and
column parts (`handout_tables`), highlighted code, and text with Korean words glued together.

Korean line breaking: WeasyPrint has no `word-break: keep-all`, so `keep_words` puts U+2060 WORD
JOINER between the characters of every word that contains Hangul (measured: as fast as plain text,
and the PDF's text layer stays clean). Short Latin words that a browser would break after `/` or `-`
(`GPT-3.5`, `arxiv.org/abs/…`) are glued the same way. Words longer than `LONG_WORD` characters (URLs, identifiers)
get `<span class="long">`, which the CSS lets break anywhere, so that they wrap instead of widening
a table column or leaving the page; words longer than `HUGE_WORD` are set in short pieces as well
(`huge_word`), which keeps WeasyPrint's time linear in their length.

WeasyPrint is imported only inside `html_to_pdf`: building a deck never loads it.
"""
from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .deck_look import DeckLook, notes_width
from .errors import UsageError, warn
from .model import (
    Admonition, CalloutFrame, Code, CodeFrame, Deck, Image, ImageFrame, Lesson, ListBlock, Notes, Paragraph,
    Pause, Quote, Run, Section, SourcePos, Table, TableFrame, TableRow, TextFrame, ThematicBreak, walk_sections,
)
from .pdf_unicode import wide_gap
from .pictures import ratio as picture_ratio
from .theme import load_theme

WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"
LONG_WORD = 24
HUGE_WORD, PIECE, FAN_OUT = 200, 16, 24  # see huge_word
LAYOUTS = {"notes": "notes.html", "slides": "slides.html", "deck": "deck.html"}

# One partial per block kind and per slide frame kind. Speaker notes are for the lecturer: not shown.
BLOCK_PARTIALS: dict[type, str | None] = {
    Paragraph: "paragraph.html",
    ListBlock: "list.html",
    Table: "table.html",
    Code: "code.html",
    Image: "image.html",
    Admonition: "admonition.html",
    Quote: "quote.html",
    ThematicBreak: "thematic_break.html",
    Notes: None,
    Pause: None,  # builds are for the deck
    TextFrame: "frame_text.html",
    TableFrame: "frame_table.html",
    CodeFrame: "frame_code.html",
    ImageFrame: "frame_image.html",
    CalloutFrame: "frame_callout.html",
}

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_SPACES = re.compile(r"(\s+)")
# Between a Hangul syllable and a neighbour that is neither a space nor a tag's bracket.
_HANGUL_EDGE = re.compile(r"(?<=[\uac00-\ud7a3])(?=[^\s<])|(?<=[^\s>])(?=[\uac00-\ud7a3])")
_INNER_BREAK = re.compile(r"[/\-–—?&|]\w")  # a line may break after these inside a Latin word
_SAFE_SCHEMES = ("http", "https", "mailto")
_ASTRAL = re.compile("[\U00010000-\U0010ffff][\ufe0f\u200d]*|[\ufe0f\u200d]")


# ------------------------------------------------------------------------------------------ entry


def render_handout(lesson: Lesson, deck: Deck | None, templates: Path, layout: str = "notes",
                   notes: bool = False) -> bytes:
    """The handout of `lesson` as PDF bytes; `deck` adds slide references (`notes`) or is drawn (`slides`,
    and `deck`: the deck itself, with its speaker notes under each slide when `notes`)."""
    folder = Path(templates) / "handout"
    html = render_html(lesson, deck, templates, layout, notes)
    fetcher_roots = (lesson.source.parent, folder)
    return html_to_pdf(html, folder, fetcher_roots, _image_positions(lesson), SourcePos(str(lesson.source), 1))


def render_html(lesson: Lesson, deck: Deck | None, templates: Path, layout: str = "notes",
                notes: bool = False) -> str:
    if layout not in LAYOUTS:
        raise UsageError(f"unknown handout layout '{layout}' (choose from {', '.join(LAYOUTS)})")
    if layout in ("slides", "deck") and deck is None:
        raise UsageError(f"the '{layout}' handout layout needs the lesson's deck")
    folder = Path(templates) / "handout"
    if not (folder / LAYOUTS[layout]).is_file():
        raise UsageError(f"{folder}: no {LAYOUTS[layout]} template for the '{layout}' handout")
    env = make_environment(folder)
    anchors = lesson.anchors
    theme = load_theme(templates, lesson.lang)  # the deck's words: a box's default title is said once
    env.filters.update(box_title=lambda kind: theme.text("admonition", kind=kind),
                       anchor=lambda pos: anchors.get(pos, f"h{pos.line}"),
                       href=lambda href: safe_href(href, set(anchors.values())),
                       floats_note=first_references(layout), table_parts=parts_filter(lesson))
    html = env.get_template(LAYOUTS[layout]).render(
        lesson=lesson, deck=deck, lang=lesson.lang, tags=lesson.tags, slide_refs=slide_ranges(lesson, deck),
        slide_ids=first_slide_ids(deck, anchors), toc_depth=contents_depth(lesson), theme=theme,
        look=DeckLook(theme), notes=notes,
        notes_width=notes_width())
    return number_formulas(html)


CONTENTS_ENTRIES = 120  # at most this many entries on the contents page (about three pages)


def contents_depth(lesson: Lesson) -> int:
    """How deep the contents page goes: sections and their subsections, only sections when that is
    too many entries, none when even the sections are (the PDF's bookmarks list every heading; a
    contents page of thousands of lines helps no reader and took WeasyPrint half a minute to lay out)."""
    sections = len(lesson.sections)
    if sections + sum(len(section.subsections) for section in lesson.sections) <= CONTENTS_ENTRIES:
        return 2
    return 1 if sections <= CONTENTS_ENTRIES else 0


def parts_filter(lesson: Lesson):
    """A lesson table → its column parts for the page (one part when it fits), at the width of
    where it stands (a list, a box and a quote take some)."""
    from .handout_tables import lesson_table_widths, table_parts

    widths = lesson_table_widths(lesson)
    return lambda table: table_parts(table, widths.get(id(table)))


def first_references(layout: str):
    """Whether a footnote mark floats its note to the foot of its page: the first reference to each
    note in the notes handout does; a repeated reference, and marks on drawn slides (which show their
    own notes at the foot), are plain superscript numbers."""
    seen: set[str] = set()

    def floats(run: Run) -> bool:
        if layout != "notes" or not run.note or run.text in seen:
            return False
        seen.add(run.text)
        return True
    return floats


def number_formulas(html: str) -> str:
    """Each formula's element gets the id `formula-N` (N counting from 1 in the page's order): an anchor
    in the PDF, where the checker finds the formula drawn."""
    numbers = itertools.count(1)
    return _FORMULA_SPAN.sub(lambda m: f'<span id="formula-{next(numbers)}" class="math ', html)


_FORMULA_SPAN = re.compile(r'<span class="math ')


def make_environment(folder: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                      bytecode_cache=_bytecode_cache())
    env.filters.update(metadata=metadata_text, label=label_text, words=keep_words, pieces=inline_pieces, partial=partial_for, highlight=highlight_code,
                       row_groups=row_groups, href=safe_href, file_url=file_url, anchor=anchor_id,
                       picture_ratio=picture_ratio)
    return env


def _bytecode_cache():
    """Compiled templates kept in the user cache folder (Jinja2 checks each template's mtime)."""
    from jinja2 import FileSystemBytecodeCache

    from .measure import cache_dir

    folder = cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


# ------------------------------------------------------------------------------------------ filters


def metadata_text(text: str) -> str:
    """Text for the PDF's metadata (title, subject, keywords) without characters beyond U+FFFF: poppler
    (pdftotext, Evince) writes those as invalid UTF-8, which breaks every tool reading its output. The
    page itself keeps them."""
    kept = _ASTRAL.sub("", text)
    return " ".join(kept.split())


LABEL_CHARS = 200  # a heading's copies that guide a reader: bookmarks, the running title, the contents


def label_text(text: str, limit: int = LABEL_CHARS) -> str:
    """A title as a bookmark, running title or contents entry shows it: cut after `limit` characters
    with an ellipsis (the heading itself stays whole on its page). A 100,000-character title repeated
    in every page's margin took WeasyPrint minutes; no reader's outline shows more than a line."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def partial_for(item: object) -> str | None:
    """The partial that draws a block or frame (None: not drawn)."""
    try:
        return BLOCK_PARTIALS[type(item)]
    except KeyError:
        raise TypeError(f"no handout partial for {type(item).__name__}") from None


def keep_words(text: str, long_word: int = LONG_WORD) -> Markup:
    """Escaped `text` whose Hangul words cannot break inside and whose words longer than `long_word`
    characters can break anywhere."""
    out = []
    for token in _SPACES.split(text):
        if not token or token.isspace():
            out.append(escape(token))
            continue
        glue = _HANGUL.search(token) or (len(token) <= long_word and _INNER_BREAK.search(token))
        if len(token) > HUGE_WORD:
            out.append(Markup('<span class="long">%s</span>') % huge_word(token, bool(glue)))
            continue
        glued = escape(WORD_JOINER.join(token) if glue else token)
        out.append(Markup('<span class="long">%s</span>') % glued if len(token) > long_word else glued)
    return Markup("").join(out)


def huge_word(word: str, glue: bool) -> Markup:
    """A word of more than `HUGE_WORD` characters in pieces of `PIECE` characters, a ZERO WIDTH SPACE
    between pieces (a line may break there; a PDF reader copies nothing for it), and the pieces nested
    in spans of at most `FAN_OUT`. WeasyPrint lays out the whole rest of a text at each line it breaks
    `overflow-wrap: anywhere` in, and again per character when it sizes a table column: a word of
    200,000 characters took 16 minutes in a paragraph, one of 8,000 in a table cell 8 minutes. Short
    texts in a shallow tree keep each line's work small: 7 s and 5 s. Lines end at a piece's end,
    up to `PIECE - 1` characters short of the right edge."""
    level = [escape(WORD_JOINER.join(word[i:i + PIECE]) if glue else word[i:i + PIECE])
             for i in range(0, len(word), PIECE)]
    while len(level) > FAN_OUT:
        level = [Markup("<span>%s</span>") % Markup(ZERO_WIDTH_SPACE).join(level[i:i + FAN_OUT])
                 for i in range(0, len(level), FAN_OUT)]
    return Markup(ZERO_WIDTH_SPACE).join(level)


def inline_pieces(runs: tuple[Run, ...], long_word: int = LONG_WORD) -> list[tuple[Run, Markup]]:
    """Each run with its prepared text. Where two runs meet inside one Korean word (`**LLM**은`), a
    word joiner starts the second run so that the line cannot break at the style change."""
    pieces = []
    previous = ""
    for run in runs:
        if run.math:  # a formula reads as a word: `$x$를` keeps its particle on its line
            joined = _glued_across(previous, "x") and not run.display
            pieces.append((run, Markup(WORD_JOINER) + formula_html(run) if joined else formula_html(run)))
            previous = "" if run.display else "x"
            continue
        text = keep_words(run.text, long_word) if not run.is_break else Markup("")
        if not run.is_break and _glued_across(previous, run.text):
            text = Markup(WORD_JOINER) + text
        pieces.append((run, text))
        previous = "" if run.is_break else run.text
    return pieces


def formula_html(run: Run) -> Markup:
    """A formula as inline SVG (vector, its TeX as the accessible name): on the text's baseline, or
    centred on a line of its own for a display formula. Sized in em, so it follows the text size."""
    from . import formula

    picture = formula.to_svg(run.math, run.display)
    depth = picture.extent.depth
    svg = picture.svg.replace("<svg ", f'<svg style="vertical-align: -{depth:.3f}em" ', 1)
    svg = svg.replace(">", f"><title>{escape(run.math)}</title>", 1)  # the tagged PDF's alt text
    kind = "display" if run.display else "inline"
    return Markup(f'<span class="math {kind}">{svg}</span>')


def _glued_across(before: str, after: str) -> bool:
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return False
    tail = before.split()[-1] if before.split() else ""
    head = after.split()[0] if after.split() else ""
    return bool(_HANGUL.search(tail) or _HANGUL.search(head))


def highlight_code(block: Code | CodeFrame) -> Markup:
    """Pygments spans for a code block, Korean words in it glued like the prose around it."""
    text = block.text if isinstance(block, Code) else "\n".join(block.lines)
    from .highlight import highlight_html  # Pygments loads only for lessons with code

    # tabs as the spaces they show (CSS tab-size 8), so that the gaps they leave read as spaces too
    html = highlight_html(text.rstrip("\n").expandtabs(8), block.language, gap=wide_gap, marked=block.marked,
                          text_html=code_text_html)
    return Markup(_HANGUL_EDGE.sub(WORD_JOINER, html))


def code_text_html(text: str) -> Markup:
    """Escaped code text, its words of more than `HUGE_WORD` characters laid out in pieces (`huge_word`):
    a code line of 700,000 characters showed 124 of them and ran off the page."""
    if len(text) <= HUGE_WORD:
        return escape(text)
    return Markup("").join(huge_word(token, False) if len(token) > HUGE_WORD else escape(token)
                           for token in _SPACES.split(text))


def row_groups(rows: tuple[TableRow, ...]) -> list[list[TableRow]]:
    """Body rows in groups: a row whose first cell is empty (`continues_group`) joins the group above,
    so the template can merge the group's first cells with `rowspan` and keep the group on one page."""
    groups: list[list[TableRow]] = []
    for row in rows:
        if row.continues_group and groups:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def safe_href(href: str | None, anchors: set[str] | None = None) -> str | None:
    """A link target kept only for web and mail links and for in-page links to a heading of this
    lesson (the parser already filters; this keeps a hand-made model from putting `javascript:` into
    the PDF, and a link to a heading that is not here from becoming a dead link)."""
    if not href:
        return None
    if href.startswith("#"):
        return href if anchors is not None and unquote(href[1:]) in anchors else None
    scheme = urlsplit(href).scheme.lower()
    return href if scheme in _SAFE_SCHEMES else None


def file_url(path: Path) -> str:
    return Path(path).resolve().as_uri()


def anchor_id(pos: SourcePos) -> str:
    return f"h{pos.line}"


# ------------------------------------------------------------------------------------------ slides


def first_slide_ids(deck: Deck | None, anchors: dict[SourcePos, str]) -> dict[int, str]:
    """{slide index: the id of the heading that slide starts}, for the first slide of each heading: in
    the `slides` layout, in-page links (the agenda's, a lesson's own) land on that slide."""
    first: dict[SourcePos, int] = {}
    for index, slide in enumerate(deck.slides if deck else ()):
        if slide.anchor in anchors:
            first.setdefault(slide.anchor, index)
    return {index: anchors[pos] for pos, index in first.items()}


def slide_ranges(lesson: Lesson, deck: Deck | None) -> dict[SourcePos, list[tuple[int, int]]]:
    """For each section heading: the 1-based numbers of the deck's slides showing its content or the
    content of its subsections, as runs of consecutive numbers [(4, 6), (9, 9)]."""
    if deck is None:
        return {}
    numbers_at: dict[SourcePos, list[int]] = {}
    for number, slide in enumerate(deck.slides, 1):
        if slide.anchor is not None:
            numbers_at.setdefault(slide.anchor, []).append(number)
    ranges = {}
    for section in walk_sections(lesson.sections):
        numbers = sorted({n for pos in _subtree_positions(section) for n in numbers_at.get(pos, ())})
        if numbers:
            ranges[section.pos] = _runs_of(numbers)
    return ranges


def _subtree_positions(section: Section) -> list[SourcePos]:
    return [s.pos for s in walk_sections((section,))]


def _runs_of(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


# ------------------------------------------------------------------------------------------ PDF


def _image_positions(lesson: Lesson) -> dict[str, SourcePos]:
    """The URL each drawn image is fetched by → its place in the lesson, for warnings."""
    found: dict[str, SourcePos] = {}

    def visit(blocks):
        for block in blocks:
            if isinstance(block, Image) and block.path is not None:
                found[file_url(block.path)] = block.pos
            if isinstance(block, (Admonition, Quote)):
                visit(block.blocks)
            if isinstance(block, ListBlock):
                for item in block.items:
                    visit(item.children)

    visit(lesson.preamble)
    for section in walk_sections(lesson.sections):
        visit(section.blocks)
    return found


def html_to_pdf(html: str, base: Path, roots: tuple[Path, ...], positions: dict[str, SourcePos],
                default_pos: SourcePos | str = "handout") -> bytes:
    """Lay the HTML out with WeasyPrint; relative URLs resolve against `base` (the template folder).
    A refused URL is warned about at its image's position, else at `default_pos`."""
    from weasyprint import HTML

    from .handout_css import split_stylesheets
    from .pdf_unicode import fix_text_layer, joiner_suffixes, keycaps_in

    html, stylesheets = split_stylesheets(html, base)  # parsed once per process
    body = html[html.find("<body"):]  # the metadata in <head> keeps no joiners
    suffixes, keycaps = joiner_suffixes(body), keycaps_in(body)
    fetcher = _make_fetcher(tuple(Path(r).resolve() for r in roots), positions, default_pos)
    quiet = _RefusedFilter(fetcher.refused)
    wp_log = logging.getLogger("weasyprint")
    wp_log.addFilter(quiet)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # "Step 5 - …" lines
    try:
        return HTML(string=html, base_url=Path(base).resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf(
            stylesheets=stylesheets, pdf_variant="pdf/ua-1",
            finisher=lambda document, pdf: fix_text_layer(pdf, suffixes, document.fonts.values(), keycaps))
    finally:
        wp_log.removeFilter(quiet)


def _make_fetcher(roots: tuple[Path, ...], positions: dict[str, SourcePos], default_pos: SourcePos | str):
    from weasyprint.urls import URLFetcher

    class FolderFetcher(URLFetcher):
        """Serves `file:` URLs inside `roots` only; anything else is refused with a warning."""

        def __init__(self):
            super().__init__(allowed_protocols=("file",))
            self.refused: set[str] = set()

        def fetch(self, url, headers=None):
            path = local_path(url)
            if path is None or not any(path.is_relative_to(root) for root in roots):
                self.refused.add(url)
                where = positions.get(url, default_pos)
                warn(where, f"'{_short(url)}' is outside the lesson and template folders; it is not read")
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return FolderFetcher()


def local_path(url: str) -> Path | None:
    """The resolved file a `file:` URL names (symlinks followed), or None for any other URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path)).resolve()


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


class _RefusedFilter(logging.Filter):
    """Drops WeasyPrint's own error for a URL our fetcher already refused (one warning, not two)."""

    def __init__(self, refused: set[str]):
        super().__init__()
        self.refused = refused

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(url in message for url in self.refused)
