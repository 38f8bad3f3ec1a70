"""How wide and tall text is in a given font and size, from the real font files.

Fonts are found through fontconfig (`fc-match`), read with Pillow (FreeType), and each character's
advance is cached per face, so a word costs a few dictionary lookups. `provide_face` measures a style
with a face of the caller's instead (`FixedFace`: every character one width, no font file needed). Summing advances ignores kerning,
which only ever narrows Latin text: the estimate errs on the wide (safe) side.

Lines wrap the way Korean readers and PowerPoint (`eaLnBrk="0"`) expect: between words, at spaces.
A word wider than the line is the only thing broken between characters, and that is reported.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import UsageError

UNITS = 1000  # faces are loaded at 1000 px per em: advances are in thousandths of an em
# Where Hangul meets Latin, digits or punctuation, inside a word or across the space between two words
# ("레이블 2를", ". 이건"). LibreOffice (its "autospace" for Asian text, on by default) adds about a
# quarter em at each such boundary (measured: 4.8 pt at 20 pt inside a word, 3.5-4.8 pt across a space);
# PowerPoint adds nothing, so counting it keeps the estimate on the safe side for both.
# LibreOffice also sets a space after Hangul 0.06 em wider than the font's (5.68 pt at 20 pt where
# Noto Sans CJK's space is 4.48 pt; after Latin it is the font's): counted with the autospace.
_HANGUL_SPACE_EXTRA = 0.06
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SCRIPT_BOUNDARY = re.compile(r"(?<=[\uac00-\ud7a3])(?=[^\uac00-\ud7a3\s])|(?<=[^\uac00-\ud7a3\s])(?=[\uac00-\ud7a3])")


@dataclass(frozen=True)
class Style:
    """What decides a glyph's width: the family and whether it is bold."""

    family: str
    bold: bool = False


@dataclass(frozen=True)
class Piece:
    """A stretch of text in one style; "\\n" inside text is an explicit line break."""

    text: str
    style: Style
    formula: tuple[float, float] | None = None  # a formula's (width, line height) in em: one unbreakable word


class Face:
    """One font file's metrics at 1000 units per em.

    Advances measured with FreeType are kept in a small JSON file per font file (keyed by path, face
    index and modification time) under the user's cache folder, so a build opens the font file only
    for characters it has never measured. A cache that cannot be read or written is simply skipped."""

    def __init__(self, path: str, index: int):
        self.path, self.index = path, index
        self._font = None
        self._cache_file = _cache_file(path, index)
        cached = _read_json(self._cache_file)
        self._advance: dict[str, float] = cached.get("advance", {})
        self.line_height = cached.get("line_height") or self._measure_line_height()
        self._dirty = not cached
        if self._cache_file is not None:
            atexit.register(self.save)

    def _load(self):
        if self._font is None:
            from PIL import ImageFont

            self._font = ImageFont.truetype(self.path, UNITS, index=self.index)
        return self._font

    def _measure_line_height(self) -> float:
        ascent, descent = self._load().getmetrics()
        return (ascent + descent) / UNITS  # in ems

    def width(self, text: str) -> float:
        """Width in ems."""
        advance = self._advance
        total = 0.0
        for ch in text:
            w = advance.get(ch)
            if w is None:
                w = advance[ch] = self._measure(ch)
                self._dirty = True
            total += w
        return total

    def _measure(self, ch: str) -> float:
        """A character's advance in ems: from this face, or from the face fontconfig falls back to
        for it (an emoji), as LibreOffice and WeasyPrint do."""
        if ch.isspace() or ord(ch) in self._charset():
            return self._load().getlength(ch) / UNITS
        fallback = fallback_face(ord(ch))
        return fallback.width(ch) if fallback is not None else self._load().getlength(ch) / UNITS

    def _charset(self) -> set[int]:
        if getattr(self, "_codes", None) is None:
            from fontTools.ttLib import TTFont

            font = TTFont(self.path, fontNumber=self.index, lazy=True)
            self._codes = set(font.getBestCmap() or {})
        return self._codes

    def save(self) -> None:
        if self._dirty and self._cache_file is not None:
            _write_json(self._cache_file, {"line_height": self.line_height, "advance": self._advance})
            self._dirty = False


def cache_dir() -> Path | None:
    """slidegen's folder in the user's cache (measured advances, found fonts, compiled templates)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "slidegen"




def _cache_file(path: str, index: int) -> Path | None:
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return None
    digest = hashlib.sha1(f"{path}|{index}|{stamp}|{UNITS}".encode()).hexdigest()[:16]
    return cache_dir() / f"advances-{Path(path).stem}-{index}-{digest}.json"


def _read_json(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


@functools.cache
def find_font(family: str, bold: bool = False) -> tuple[str, int]:
    """(file, face index) of a family through fontconfig (remembered in the cache folder while the
    file exists); a clear error when it is not installed."""
    key = f"{family}|{'bold' if bold else 'regular'}"
    known = _read_json(cache_dir() / "fonts.json")
    if key in known and os.path.exists(known[key][0]):
        return known[key][0], int(known[key][1])
    found = _fc_match(family, bold)
    _write_json(cache_dir() / "fonts.json", {**known, key: list(found)})
    return found


def _fc_match(family: str, bold: bool) -> tuple[str, int]:
    if shutil.which("fc-match") is None:
        raise UsageError("fontconfig's fc-match is not installed: install fontconfig and fonts-noto-cjk")
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", pattern],
                         capture_output=True, text=True, check=False).stdout
    parts = out.split("\t")
    if len(parts) < 3 or family.casefold() not in parts[2].casefold():
        raise UsageError(f"font '{family}' is not installed (fontconfig offers '{parts[-1] if parts else ''}'): "
                         "install fonts-noto-cjk or name an installed font in the deck theme")
    return parts[0], int(parts[1] or 0)


@functools.cache
def fallback_face(code: int) -> Face | None:
    """The face fontconfig picks for a character the theme's font lacks (None if there is none)."""
    out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", f":charset={code:x}"],
                         capture_output=True, text=True, check=False).stdout.split("\t")
    if len(out) < 2 or not out[0]:
        return None
    found = _face_at(out[0], int(out[1] or 0))
    return found if code in found._charset() else None


@functools.cache
def _face_at(path: str, index: int) -> Face:
    return Face(path, index)


class FaceMetrics(Protocol):
    """What measuring needs of a face: a line's height and a text's advance, both in ems."""

    line_height: float

    def width(self, text: str) -> float: ...


class FixedFace:
    """A face in which every character (spaces too) advances `advance` ems: text measured without a
    font file, so that line counts can be worked out by hand (tests hand it to `provide_face`)."""

    def __init__(self, advance: float = 0.5, line_height: float = 1.0):
        self.advance = advance
        self.line_height = line_height

    def width(self, text: str) -> float:
        return self.advance * len(text)


_PROVIDED: dict[Style, FaceMetrics] = {}  # faces given by `provide_face`, before fontconfig is asked


def provide_face(style: Style, metrics: FaceMetrics) -> None:
    """Measure `style` with `metrics` instead of the font file fontconfig finds for it."""
    _PROVIDED[style] = metrics
    word_ems.cache_clear()  # widths measured for the style before are not this face's


def face(style: Style) -> FaceMetrics:
    """The face that measures `style`: one given by `provide_face`, else the installed font's."""
    provided = _PROVIDED.get(style)
    return provided if provided is not None else installed_face(style)


@functools.cache
def installed_face(style: Style) -> Face:
    """The font file fontconfig finds for `style`, read once."""
    return _face_at(*find_font(style.family, style.bold))


def line_height(style: Style, size_pt: float, spacing: float = 1.0) -> float:
    return face(style).line_height * size_pt * spacing


@dataclass(frozen=True)
class Wrapped:
    lines: int
    widest: float  # points
    broke_word: bool  # a word had to be broken between characters
    tall: tuple[float, ...] = ()  # for each line holding a formula: the tallest one's line height, in em


def wrap(pieces: list[Piece], width_pt: float, size_pt: float, autospace: float = 0.0) -> Wrapped:
    """Greedy word wrapping of styled text into lines no wider than `width_pt`; `autospace` is the
    extra width (in ems) counted at each Hangul/non-Hangul boundary inside a word."""
    lines, current, widest, broke = 1, 0.0, 0.0, False
    tall: dict[int, float] = {}  # line number → tallest formula on it (em)
    for word_em, space_em, tall_em in word_ems(tuple(pieces), autospace):
        if word_em is None:  # explicit break
            widest = max(widest, current)
            lines, current = lines + 1, 0.0
            continue
        word, space = word_em * size_pt, space_em * size_pt
        needed = word if current == 0 else current + space + word
        if needed <= width_pt:
            current = needed
            _note_tall(tall, lines, tall_em)
            continue
        if current > 0:
            widest = max(widest, current)
            lines, current = lines + 1, 0.0
        _note_tall(tall, lines, tall_em)
        if word <= width_pt:
            current = word
        else:  # a word longer than the line breaks inside; renderers prefer its '/' '-' '.' points,
            broke = True  # so its lines are counted as only 85% full
            usable = width_pt * 0.85
            extra = int(word // usable)
            lines += extra
            current = word - extra * usable
    return Wrapped(lines, max(widest, current), broke, tuple(tall.values()))


def _note_tall(tall: dict[int, float], line: int, tall_em: float) -> None:
    if tall_em:
        tall[line] = max(tall.get(line, 0.0), tall_em)


@functools.lru_cache(maxsize=1 << 16)
def word_ems(pieces: tuple[Piece, ...], autospace: float = 0.0) -> tuple[tuple[float | None, float, float], ...]:
    """(word, space before it) widths in ems and the line height of the tallest formula in the word (0
    for none), measured once per text whatever the size asked for."""
    return tuple(_words(pieces, 1.0, autospace))


def _words(pieces, size_pt: float, autospace: float = 0.0):
    """(word width, width of the space before it, tallest formula) per word; (None, 0, 0) for an
    explicit break. A formula is one word as wide as its picture or its linear text's widest line,
    whichever is wider (PowerPoint shows the one, other viewers the other: `Metrics.formula_box`)."""
    word, space, pending_space, tall = 0.0, 0.0, 0.0, 0.0
    in_word = False
    last = before_space = " "  # the character before this one; the last one before the spaces
    boundary = autospace * size_pt
    for piece in pieces:
        f = face(piece.style)
        if piece.formula is not None:
            if not in_word:
                space, in_word = pending_space, True
            word += piece.formula[0] * size_pt  # the picture or the linear text's widest line
            tall, last, before_space = max(tall, piece.formula[1]), "x", "x"
            continue
        for chunk in _split_keep(piece.text):
            if chunk == "\n":
                if in_word:
                    yield word, space, tall
                yield None, 0.0, 0.0
                word, in_word, pending_space, tall = 0.0, False, 0.0, 0.0
                before_space = "\n"
            elif chunk.isspace():
                if in_word:
                    yield word, space, tall
                    word, in_word, tall = 0.0, False, 0.0
                pending_space = f.width(" ") * size_pt * len(chunk)
                if boundary and _HANGUL.match(last):
                    pending_space += _HANGUL_SPACE_EXTRA * size_pt * len(chunk)
            else:
                if not in_word:
                    space, in_word = pending_space, True
                    if boundary and _SCRIPT_BOUNDARY.search(before_space + chunk[0]):
                        space += boundary
                word += f.width(chunk) * size_pt
                if boundary:
                    word += boundary * len(_SCRIPT_BOUNDARY.findall(last + chunk))
                last = before_space = chunk[-1]
                continue
            last = " "
    if in_word:
        yield word, space, tall


_CHUNKS = re.compile(r"\n|[^\S\n]+|\S+")


def _split_keep(text: str) -> list[str]:
    """Split into words, runs of spaces and line breaks, keeping all of them."""
    return _CHUNKS.findall(text)


def widest_word(pieces: list[Piece], size_pt: float, autospace: float = 0.0) -> float:
    return max((w for w, _, _ in word_ems(tuple(pieces), autospace) if w is not None), default=0.0) * size_pt


def natural_width(pieces: list[Piece], size_pt: float, autospace: float = 0.0) -> float:
    """Width of the text set on one line per explicit line break (its widest line)."""
    return wrap(pieces, float("inf"), size_pt, autospace).widest
