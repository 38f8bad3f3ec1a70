"""Pygments helpers shared by the handout (HTML spans) and the deck (coloured runs).

The handout's colours live in `templates/handout/pygments.css`, not here: `highlight_html` only emits
Pygments' short class names (`k`, `s2`, `c1`, …). `style_css` regenerates such a file from any Pygments
style when someone wants a different palette.
"""
from __future__ import annotations

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

# Info-string words that name no lexer but mean something Pygments knows.
_ALIASES = {"sh": "bash", "shell": "bash", "console": "console", "js": "javascript", "ts": "typescript",
            "jsx": "jsx", "tsx": "tsx", "yml": "yaml", "py": "python", "hcl": "terraform", "tf": "terraform"}


def lexer_for(language: str) -> Lexer:
    """The lexer for a fence's language; plain text when the name is empty or unknown."""
    name = _ALIASES.get(language.lower(), language.lower())
    if not name:
        return TextLexer(stripnl=False)
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False)


def highlight_html(code: str, language: str) -> str:
    """Escaped HTML of `code` with `<span class="…">` per token, no wrapper element."""
    lexer = lexer_for(language)
    lexer.ensurenl = False
    return highlight(code, lexer, HtmlFormatter(nowrap=True))


def highlight_runs(lines: tuple[str, ...], language: str, style: str = "default") -> list[list[tuple[str, str | None]]]:
    """Each code line as (text, hex colour or None) pieces, for the deck's text runs."""
    from pygments.styles import get_style_by_name

    palette = get_style_by_name(style)
    out: list[list[tuple[str, str | None]]] = [[]]
    for token, text in lexer_for(language).get_tokens("\n".join(lines)):
        while not palette.styles_token(token) and token.parent is not None:
            token = token.parent
        color = palette.style_for_token(token)["color"]
        for i, part in enumerate(text.split("\n")):
            if i:
                out.append([])
            if part:
                out[-1].append((part, color))
    return out[: len(lines)] + [[] for _ in range(len(lines) - len(out))]


def style_css(style: str = "default", selector: str = ".highlight") -> str:
    """CSS rules for the token classes of a Pygments style (to save as a template's pygments.css)."""
    return HtmlFormatter(style=style).get_style_defs(selector)
