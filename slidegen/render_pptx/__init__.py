"""`Deck` → .pptx bytes with python-pptx (`render_pptx`); the modules of this package say what each
decides."""
from __future__ import annotations

from .deck import render_pptx

__all__ = ["render_pptx"]
