"""Cutting a paragraph's runs: where a sentence or a word ends, and the runs between two offsets.

Offsets count characters of the paragraph's plain text (`plain_text(runs)`), across runs. `RunCuts` finds
them once for a paragraph set across many slides, so that each slide costs what it holds, not what is left.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate

from ..model import Inline, Run, plain_text

_SENTENCE_END = re.compile(r"(?<=[.!?。…:;)\]])\s+|\n")
_SPACES = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S")


def _ends(pattern: re.Pattern, text: str) -> list[int]:
    cuts = [m.end() for m in pattern.finditer(text)]
    return [c for c in cuts if 0 < c < len(text)] + [len(text)]


def sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence (or an explicit line) ends, in order, ending with len(text)."""
    return _ends(_SENTENCE_END, text)


def word_cuts(text: str) -> list[int]:
    """Offsets after each run of spaces (between characters for one unbroken word), ending with len(text)."""
    cuts = _ends(_SPACES, text)
    return cuts if len(cuts) > 1 or not text else list(range(1, len(text) + 1))


class RunCuts:
    """A paragraph's runs and plain text, with its sentence and word ends found once; slices by bisection."""

    def __init__(self, runs: Inline):
        self.runs = runs
        self.text = plain_text(runs)
        self.starts = list(accumulate((len(run.text) for run in runs), initial=0))
        self._sentences: list[int] | None = None
        self._words: list[int] | None = None

    def slice(self, start: int, end: int) -> Inline:
        """The text from offset `start` to `end`, each piece keeping its run's formatting; a formula is
        never cut: it goes whole with the part it starts in."""
        i = bisect_left(self.starts, start, hi=len(self.runs))
        if i > 0 and self.starts[i] > start:
            i -= 1
        out: list[Run] = []
        while i < len(self.runs) and self.starts[i] < end:
            run, a = self.runs[i], self.starts[i]
            lo, hi = max(a, start), min(a + len(run.text), end)
            if run.math:
                if start <= a:
                    out.append(run)
            elif lo < hi:
                out.append(run if (lo, hi) == (a, a + len(run.text)) else replace(run, text=run.text[lo - a: hi - a]))
            i += 1
        return tuple(out)

    def next_text(self, offset: int) -> int:
        """The first offset at or after `offset` that is not a space (len(text) when none is)."""
        found = _NOT_SPACE.search(self.text, offset)
        return found.start() if found else len(self.text)

    def cuts_between(self, start: int, end: int, by_words: bool = False, by_chars: bool = False) -> list[int]:
        """The cuts after `start` up to `end`: sentence ends, word ends, or every character."""
        end = min(end, len(self.text))
        if by_chars:
            return list(range(start + 1, end + 1))
        if by_words:
            self._words = self._words if self._words is not None else _ends(_SPACES, self.text)
            cuts = self._words
        else:
            self._sentences = self._sentences if self._sentences is not None else sentence_cuts(self.text)
            cuts = self._sentences
        return cuts[bisect_right(cuts, start): bisect_right(cuts, end)]


def slice_runs(runs: Inline, start: int, end: int) -> Inline:
    """The runs' text from offset `start` to `end`, each piece keeping its run's formatting."""
    return RunCuts(runs).slice(start, end)


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
