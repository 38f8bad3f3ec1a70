"""Pygments helpers shared by the handout (HTML spans) and the deck (coloured runs).

The handout's colours live in `templates/handout/pygments.css`, not here: `highlight_html` only emits
Pygments' short class names (`k`, `s2`, `c1`, …). `style_css` regenerates such a file from any Pygments
style when someone wants a different palette.
"""
from __future__ import annotations

import re
from typing import Callable

from markupsafe import escape
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token
from pygments.util import ClassNotFound

from .colors import legible

# Info-string words that name no lexer but mean something Pygments knows.
_ALIASES = {"sh": "bash", "shell": "bash", "console": "console", "js": "javascript", "ts": "typescript",
            "jsx": "jsx", "tsx": "tsx", "yml": "yaml", "py": "python", "hcl": "terraform", "tf": "terraform"}
_BLANKS = re.compile(" {2,}")
_INNER_BLANKS = re.compile(r"(?<=\S) {2,}")  # not a line's indentation


def lexer_for(language: str) -> Lexer:
    """The lexer for a fence's language; plain text when the name is empty or unknown."""
    name = _ALIASES.get(language.lower(), language.lower())
    if not name:
        return TextLexer(stripnl=False)
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False)


def highlight_html(code: str, language: str, gap: Callable[[str], str] = str,
                   marked: frozenset[int] = frozenset(), text_html: Callable[[str], str] = escape) -> str:
    """Escaped HTML of `code` with a `<span class="…">` (Pygments' short class names) per token, no
    wrapper element. Blanks join the token after them on their line: WeasyPrint draws nothing for a
    span of blanks alone, and blanks after a line's first text pass through `gap` (the handout's
    text-layer fix for aligned columns). The `marked` lines (0-based) are wrapped in
    `<span class="marked">`; `text_html` escapes a token's text."""
    lines = []
    for number, tokens in enumerate(token_lines(code, language)):
        spans: list[list[str]] = []  # [css class, text], neighbours of one class merged
        blanks = ""
        for token, text in tokens:
            if text.isspace():
                blanks += text
                continue
            text = (_BLANKS if spans else _INNER_BLANKS).sub(lambda m: gap(m.group()), blanks + text)
            css, blanks = _css_class(token), ""
            if spans and spans[-1][0] == css:
                spans[-1][1] += text
            else:
                spans.append([css, text])
        line = "".join(f'<span class="{css}">{text_html(text)}</span>' if css else str(text_html(text))
                       for css, text in spans) + blanks
        lines.append(f'<span class="marked">{line}</span>' if number in marked and line else line)
    return "\n".join(lines)


def _css_class(token) -> str:
    while token not in STANDARD_TYPES:
        token = token.parent
    return STANDARD_TYPES[token]


def token_lines(code: str, language: str) -> list[list[tuple[object, str]]]:
    """Pygments tokens of `code`, line by line (no token holds a newline), holding every character of
    `code` in order. The text is lexed with a final newline: session lexers (`console`, `pycon`, …)
    emit a line only at its newline and dropped an unterminated last line. A lexer that still loses or
    adds a character leaves the block uncoloured rather than different."""
    text = code + "\n"
    tokens = list(lexer_for(language).get_tokens(text))
    if "".join(part for _token, part in tokens) != text:
        tokens = [(Token.Text, text)]
    lines: list[list[tuple[object, str]]] = [[]]
    for token, part in tokens:
        for i, piece in enumerate(part.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((token, piece))
    return lines[:-1]  # the line after the newline added above


def highlight_runs(lines: tuple[str, ...], language: str, style: str = "default",
                   background: str | None = None) -> list[list[tuple[str, str | None]]]:
    """Each code line as (text, hex colour or None) pieces, for the deck's text runs; on `background`
    every colour keeps WCAG AA contrast (a palette's pale greens and violets are darkened)."""
    from pygments.styles import get_style_by_name

    palette = get_style_by_name(style)

    def colour(token) -> str | None:
        found = _colour(palette, token)
        return legible(found, background) if found and background else found

    out = [[(text, colour(token)) for token, text in tokens]
           for tokens in token_lines("\n".join(lines), language)]
    return out[: len(lines)] + [[] for _ in range(len(lines) - len(out))]


def _colour(palette, token) -> str | None:
    while not palette.styles_token(token) and token.parent is not None:
        token = token.parent
    return palette.style_for_token(token)["color"]


def style_css(style: str = "default", selector: str = ".highlight", background: str | None = None) -> str:
    """CSS rules for the token classes of a Pygments style (to save as a template's pygments.css); on
    `background` (hex) every text colour is made legible (WCAG AA)."""
    css = HtmlFormatter(style=style).get_style_defs(selector)
    if background is None:
        return css
    return re.sub(r"(?<![-\w])color: #([0-9A-Fa-f]{6})\b", lambda m: f"color: #{legible(m.group(1), background)}", css)
