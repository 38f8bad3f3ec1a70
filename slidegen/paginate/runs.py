"""Cutting a paragraph's runs: where a sentence or a word ends, and the runs between two offsets.

Offsets count characters of the paragraph's plain text (`plain_text(runs)`), across runs.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Inline, Run

_SENTENCE_END = re.compile(r"(?<=[.!?。…:;)\]])\s+|\n")
_SPACES = re.compile(r"\s+")


def sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence (or an explicit line) ends, in order, ending with len(text)."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [c for c in cuts if 0 < c < len(text)] + [len(text)]


def word_cuts(text: str) -> list[int]:
    """Offsets after each run of spaces (between characters for one unbroken word), ending with len(text)."""
    cuts = [m.end() for m in _SPACES.finditer(text)]
    if not cuts:  # one unbroken word: cut between characters
        cuts = list(range(1, len(text)))
    return [c for c in cuts if 0 < c < len(text)] + [len(text)]


def slice_runs(runs: Inline, start: int, end: int) -> Inline:
    """The runs' text from offset `start` to `end`, each piece keeping its run's formatting."""
    out: list[Run] = []
    offset = 0
    for run in runs:
        a, b = offset, offset + len(run.text)
        lo, hi = max(a, start), min(b, end)
        if run.math:  # a formula is never cut: it goes whole with the part it starts in
            if start <= a < end:
                out.append(run)
        elif lo < hi:
            out.append(replace(run, text=run.text[lo - a: hi - a]))
        offset = b
    return tuple(out)


def strip_runs(runs: Inline) -> Inline:
    """The runs without blank runs at either end and without spaces at the ends of the text."""
    items = list(runs)
    while items and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].text.strip():
        items.pop()
    if items:
        items[0] = replace(items[0], text=items[0].text.lstrip())
        items[-1] = replace(items[-1], text=items[-1].text.rstrip())
    return tuple(items)
