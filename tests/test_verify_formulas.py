"""The check counts formulas: each is an item of its own (its TeX), an equation in the deck (a14:m read
back from the slide XML) and a picture drawn at its anchor in the handout; a sentence is read without
its formulas; TeX source shown as text fails the check."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from slidegen.build import build_deck, build_handout
from slidegen.parse import parse_file as parse_lesson
from slidegen.verify import check_deck, check_handout
from slidegen.verify.items import lesson_items

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LESSON = ROOT / "tests" / "fixtures" / "math" / "gradient-en.md"
A14_M = b"<a14:m>"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return build_deck(LESSON, tmp_path_factory.mktemp("deck"), TEMPLATES)


def formulas(lesson):
    return [i for i in lesson_items(lesson).items if i.kind.endswith("formula")]


def test_formulas_are_items_and_sentences_are_read_without_them():
    lesson = parse_lesson(LESSON)
    items = lesson_items(lesson).items
    assert [i.text for i in formulas(lesson)][:3] == ["\\theta", "J(\\theta)", "\\eta"]
    assert sum(i.kind == "display formula" for i in items) == 2
    sentences = [i.text for i in items if i.kind == "list item"]
    assert "The prior is written in this list item." in sentences
    cells = lesson_items(lesson).rows[1].cells
    assert cells[0].strip() == "" and cells[1] == "learning rate"


def test_every_formula_is_an_equation_in_the_deck(deck):
    report = check_deck(parse_lesson(LESSON), deck)
    assert report.ok, report.details()
    assert report.items == len(formulas(parse_lesson(LESSON))) + 10


def test_a_formula_without_its_equation_is_missing(deck, tmp_path):
    broken = tmp_path / "broken.pptx"
    _rewrite(deck, broken, lambda name, data: data.replace(A14_M, b"<a14:notm>", 1).replace(b"</a14:m>", b"</a14:notm>", 1)
             if name == "ppt/slides/slide3.xml" else data)
    report = check_deck(parse_lesson(LESSON), broken)
    assert [i.kind for i in report.missing] == ["formula"]


def test_tex_source_shown_as_text_fails(tmp_path):
    lesson = tmp_path / "shown.md"
    lesson.write_text("# T\n\nThe rate $\\eta_{t}$ falls.\n", encoding="utf-8")
    deck = build_deck(lesson, tmp_path, TEMPLATES)
    _rewrite(deck, tmp_path / "tex.pptx", lambda name, data: data.replace(b"falls.", b"\\eta_{t} falls.")
             if name.startswith("ppt/slides/slide") else data)
    report = check_deck(parse_lesson(lesson), tmp_path / "tex.pptx")
    assert [i.text for i in report.tex_shown] == ["\\eta_{t}"] and not report.ok


def test_tex_the_lesson_itself_shows_as_code_is_not_a_formula_shown_as_tex(tmp_path):
    """A lesson about writing math shows the TeX in a code block, then the formula: the code is code."""
    lesson = tmp_path / "about-tex.md"
    lesson.write_text("# T\n\nWrite:\n\n```latex\n$\\eta_{t}$\n```\n\nand get $\\eta_{t}$.\n", encoding="utf-8")
    report = check_deck(parse_lesson(lesson), build_deck(lesson, tmp_path, TEMPLATES))
    assert report.tex_shown == [] and report.ok, report.details()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_every_formula_is_drawn_in_the_handout(tmp_path):
    pdf = build_handout(LESSON, tmp_path, TEMPLATES)
    report = check_handout(parse_lesson(LESSON), pdf)
    assert report.ok, report.details()
    lesson = parse_lesson(LESSON)
    no_formula = tmp_path / "words.md"
    no_formula.write_text(LESSON.read_text(encoding="utf-8").replace("$\\eta$", "eta"), encoding="utf-8")
    other = build_handout(no_formula, tmp_path / "other", TEMPLATES)
    assert len(check_handout(lesson, other).missing) >= 1


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info.filename)))
