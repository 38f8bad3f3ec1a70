"""A deck PDF (`slidegen handout --layout deck`) read back: like a handout, every item the slides show
must be in its text (speaker notes only when it was built with them), and it has a page per slide."""
from __future__ import annotations

from pathlib import Path

from ..model import Lesson
from .handout import check_handout
from .items import LessonItems
from .report import OutputReport


def page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def check_deck_pdf(lesson: Lesson, path: Path, wanted: LessonItems, slides: int) -> OutputReport:
    """What the deck PDF at `path` lacks of the lesson, and whether it has one page per slide."""
    report = check_handout(lesson, path, wanted)
    report.output = "deck pdf"
    if not report.error:
        pages = page_count(Path(path))
        if pages != slides:
            report.error = f"{path}: {pages} pages for {slides} slides (a deck PDF has a page per slide)"
    return report
