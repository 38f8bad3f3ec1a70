"""`Deck` → .pptx bytes with python-pptx: slides from the master's named layouts, titles in title
placeholders, native text, tables and pictures, Korean fonts named for East Asian text.

No decisions here: every box and size comes from the deck model; the look (colours, fonts) from the
theme. Lengths are points in the model and EMU in the package (`units`). The modules, each saying
what it decides: `master` (the template kept, placeholder kinds), `deck` (`DeckWriter`: slides,
titles, footer, in-deck links, document properties), `frames` (one handler per frame kind),
`shapes`, `text` (paragraphs and runs), `animation` (builds as Appear effects), `package`
(reproducible bytes)."""
from __future__ import annotations

from pathlib import Path

from ..model import Deck
from ..theme import Theme
from .deck import DeckWriter

__all__ = ["DeckWriter", "render_pptx"]


def render_pptx(deck: Deck, theme: Theme, master: Path) -> bytes:
    return DeckWriter(deck, theme, master).write()
