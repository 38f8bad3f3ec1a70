"""Small operations on runs of inline text that every block kind shares: merging neighbours of one
style, trimming spaces and breaks at the ends, asking for visible text, setting in bold."""
from __future__ import annotations

from dataclasses import replace

from ..model import Inline, Run


def merge(runs: list[Run]) -> Inline:
    out: list[Run] = []
    for run in runs:
        if out and not run.is_break and not out[-1].is_break and not (run.math or out[-1].math) and _same_style(out[-1], run):
            out[-1] = replace(run, text=out[-1].text + run.text)
        else:
            out.append(run)
    return tuple(out)


def _same_style(a: Run, b: Run) -> bool:
    return replace(a, text="") == replace(b, text="")


def trim(runs: Inline) -> Inline:
    """Drop leading/trailing breaks and surrounding spaces; spaces next to a break go too."""
    items = list(runs)
    while items and (items[0].is_break or not items[0].text.strip()):
        items.pop(0)
    while items and (items[-1].is_break or not items[-1].text.strip()):
        items.pop()
    out: list[Run] = []
    for i, run in enumerate(items):
        text = run.text
        if not run.is_break:
            if i == 0 or items[i - 1].is_break:
                text = text.lstrip()
            if i == len(items) - 1 or items[i + 1].is_break:
                text = text.rstrip()
            if not text:
                continue
        out.append(replace(run, text=text))
    return tuple(out)


def has_text(runs: Inline) -> bool:
    return any(r.text.strip() for r in runs if not r.is_break)


def bold(run: Run) -> Run:
    return replace(run, bold=True)
