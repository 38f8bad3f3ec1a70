"""The whole check of built outputs: `check_lesson` parses and paginates a lesson once, lists its
items once (`lesson_items`), and hands both to the deck's and the handout's comparisons and to the
overflow checks (and to the deck PDF's, when one was built beside the handout); `check_outputs` does
that for several lessons (rendering their decks in one LibreOffice run when asked) and returns a
`CheckReport`. Plain paths and flags in, a report out: the
command line decides what to print and which exit code that is."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .a11y import deck_problems, handout_problems
from .deck import check_deck
from .deck_pdf import check_deck_pdf
from .handout import check_handout
from .items import lesson_items
from .overflow_file import FileMeasure
from .overflow_model import model_overflow
from .overflow_render import chars_outside, render_decks
from .report import CheckReport, LessonReport, OutputReport


def check_lesson(lesson_path: Path, deck_path: Path, handout_path: Path, templates: Path,
                 rendered: dict[Path, Path] | None = None, a11y: bool = False) -> LessonReport:
    """Both outputs of one lesson checked; `rendered` (deck → PDF) adds LibreOffice's drawing, `a11y`
    what an accessibility checker would flag."""
    from ..build import lesson_and_deck

    lesson, model, theme = lesson_and_deck(lesson_path, templates)
    wanted = lesson_items(lesson)
    deck = check_deck(lesson, deck_path, wanted)
    if not deck.error:
        deck.overflow = model_overflow(model, theme) + FileMeasure(theme, wanted.items).problems(deck_path)
    if rendered is not None and not deck.error:
        _add_render(deck, Path(deck_path), rendered)
    handout = check_handout(lesson, handout_path, wanted)
    if a11y:
        _add_accessibility(deck, Path(deck_path), deck_problems)
        _add_accessibility(handout, Path(handout_path), handout_problems)
    return LessonReport(str(lesson_path), [deck, handout, *deck_pdf_report(lesson, Path(lesson_path), Path(handout_path),
                                                                           wanted, len(model.slides))])


def deck_pdf_report(lesson, lesson_path: Path, handout_path: Path, wanted, slides: int) -> list[OutputReport]:
    """The deck PDF's check, when one was built beside the handout (`slidegen handout --layout deck`)."""
    deck_pdf = handout_path.parent / f"{lesson_path.stem}-deck.pdf"
    return [check_deck_pdf(lesson, deck_pdf, wanted, slides)] if deck_pdf.is_file() else []


def _add_accessibility(report: OutputReport, path: Path, problems) -> None:
    if not report.error:
        report.accessibility = problems(path)


def _add_render(deck: OutputReport, deck_path: Path, rendered: dict[Path, Path]) -> None:
    pdf = rendered.get(deck_path)
    if pdf is None:
        deck.error = f"{deck_path}: not rendered"
    else:
        deck.chars_outside, deck.outside = chars_outside(deck_path, pdf)


def check_outputs(triples: list[tuple[Path, Path, Path]], templates: Path, render: bool = False,
                  a11y: bool = False) -> CheckReport:
    """Every (lesson, deck, handout) checked; with `render`, every deck that exists is drawn first; with
    `a11y`, each output is also checked for what an accessibility checker would flag."""
    with tempfile.TemporaryDirectory(prefix="slidegen-check-") as tmp:
        rendered = None
        if render:
            decks = [deck for _lesson, deck, _handout in triples if deck.is_file()]
            rendered = render_decks(decks, Path(tmp)) if decks else {}
        return CheckReport([check_lesson(lesson, deck, handout, Path(templates), rendered, a11y)
                            for lesson, deck, handout in triples])
