"""Proof that a built deck and handout still say everything their lesson says, and that nothing is
hidden off a slide: `slidegen check`.

The stages, in order, one module each:

- `items`: what the lesson says, from slidegen's own parse (`lesson_items`: headings, sentences, list
  items, code lines, admonition titles, speaker notes, and table rows with their header);
- `deck`: the deck read back with python-pptx (every shape, grouped shapes, table cells, tables row by
  row, notes) and compared (`check_deck`; a paragraph the paginator continued on the next slide is
  found across the two shapes);
- `handout`: the handout read back (poppler's `pdftotext -bbox-layout`, running headers and footers
  dropped, read in three orders; pdfplumber only where poppler is absent) and compared (`check_handout`);
- `text`: how text is compared (`norm` ignores wrapping, whitespace, soft hyphens and invisible joiners
  and folds Unicode compatibility forms and typographic quotes — nothing else);
- `overflow_model`: every box of the paginated deck re-measured with the paginator's own `Metrics` (a
  consistency check: it should find nothing);
- `overflow_file`: the built file measured the same way at the sizes, insets and boxes it states (it
  catches a box edited after the build);
- `overflow_render`: LibreOffice draws the deck, autofit stripped first, and characters outside their
  own shape are counted (`--render`);
- `openxml`: the Open XML rules PowerPoint checks on opening (openxml-audit, where installed);
- `report`: the findings (`OutputReport`, `LessonReport`, `CheckReport`) as text lines or JSON;
- `check`: all of it for given lessons and output paths (`check_lesson`, `check_outputs`), each
  lesson's items listed once.

The command line (`slidegen.cli`) chooses the paths, prints the report and turns it into an exit code.
"""
from __future__ import annotations

from .check import check_lesson, check_outputs
from .deck import check_deck
from .handout import check_handout, pdf_pages
from .report import CheckReport, LessonReport, OutputReport

__all__ = ["CheckReport", "LessonReport", "OutputReport", "check_deck", "check_handout", "check_lesson",
           "check_outputs", "pdf_pages"]
