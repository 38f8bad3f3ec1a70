"""Text as the checker compares it: `norm` (what is ignored: wrapping, whitespace, soft hyphens,
invisible joiners and variation selectors; what is folded: Unicode compatibility forms and typographic
quotes — nothing else), `sentences` (how a paragraph is cut into items), and `unshowable` (characters
no installed font can draw: the reason a handout may lack an item)."""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})
# Invisible: whitespace, soft hyphen, zero-width space and (non-)joiners, word joiners, variation
# selectors (an emoji's text or picture form; PDF text layers drop them and the joiners of emoji sequences).
_IGNORED = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)|\n")


def norm(text: str) -> str:
    """Text as compared: NFKC, quotes folded, without whitespace, soft hyphens and invisible joiners."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def sentences(text: str) -> list[str]:
    """Sentences and explicit lines of a paragraph, each with its spaces collapsed."""
    parts = (" ".join(part.split()) for part in _SENTENCE_END.split(text))
    return [part for part in parts if norm(part)]


@functools.cache
def has_font(char: str) -> bool:
    """Whether some installed font (fontconfig) has a glyph for `char`; True when that cannot be told."""
    if char.isascii() or shutil.which("fc-list") is None:
        return True
    out = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True,
                         check=False).stdout
    return bool(out.strip())


def unshowable(text: str) -> list[str]:
    """The characters of `text` that no installed font can draw (a PDF shows a box for them)."""
    return [ch for ch in dict.fromkeys(norm(text)) if not has_font(ch)]


def short(text: str, limit: int = 80) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis: how a report quotes it."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
