"""The one error a formula raises: TeX that cannot be read. Imports nothing, so a caller can catch it
without loading any math library."""
from __future__ import annotations


class FormulaError(ValueError):
    """TeX that cannot be converted; `reason` says why, in the converter's words (one line)."""

    def __init__(self, tex: str, reason: str):
        self.tex = tex
        self.reason = " ".join(reason.split())
        super().__init__(f"formula not understood: {self.reason}: {shorten(tex)}")


def shorten(tex: str, limit: int = 60) -> str:
    """The TeX on one line, cut to `limit` characters for a warning."""
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
