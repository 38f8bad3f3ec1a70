"""Text as the checker compares it: `norm` (what is ignored: wrapping, whitespace, soft hyphens,
invisible joiners and variation selectors; what is folded: Unicode compatibility forms and typographic
quotes — nothing else), `sentences` (how a paragraph is cut into items), and `unshowable` (characters
no installed font can draw: the reason a handout may lack an item)."""
from __future__ import annotations

import bisect
import functools
import re
import shutil
import subprocess
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})
# Invisible: whitespace, soft hyphen, zero-width space and (non-)joiners, word joiners, variation
# selectors (an emoji's text or picture form; PDF text layers drop them and the joiners of emoji sequences),
# and the direction marks and embeddings pdftotext puts around right-to-left words.
_IGNORED = re.compile(r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufe00-\ufe0f]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)|\n")


def norm(text: str) -> str:
    """Text as compared: NFKC, quotes folded, without whitespace, soft hyphens and invisible joiners."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def sentences(text: str) -> list[str]:
    """Sentences and explicit lines of a paragraph, each with its spaces collapsed."""
    parts = (" ".join(part.split()) for part in _SENTENCE_END.split(text))
    return [part for part in parts if norm(part)]


@functools.cache
def installed_coverage() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The code points some installed font draws, as sorted (starts, ends) of merged ranges: fontconfig is
    asked once per run (one `fc-list` per character took 49 s for 8,000 rare characters). None when
    fontconfig is not there to ask."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=False).stdout
    ranges = sorted(_charset_ranges(out))
    starts: list[int] = []
    ends: list[int] = []
    for start, end in ranges:
        if ends and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return tuple(starts), tuple(ends)


def _charset_ranges(listing: str):
    for word in listing.split():
        first, _, last = word.partition("-")
        try:
            yield int(first, 16), int(last or first, 16)
        except ValueError:
            continue


def has_font(char: str) -> bool:
    """Whether some installed font (fontconfig) has a glyph for `char`; True when that cannot be told."""
    coverage = installed_coverage()
    if char.isascii() or coverage is None:
        return True
    starts, ends = coverage
    at = bisect.bisect_right(starts, ord(char)) - 1
    return at >= 0 and ord(char) <= ends[at]


def unshowable(text: str) -> list[str]:
    """The characters of `text` that no installed font can draw (a PDF shows a box for them)."""
    return [ch for ch in dict.fromkeys(norm(text)) if not has_font(ch)]


def short(text: str, limit: int = 80) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis: how a report quotes it."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
