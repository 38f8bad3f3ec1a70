"""Rendered by LibreOffice (which draws no OMML equation), every formula of the math fixtures is visible:
its linear fallback text is in the rendered PDF, and no TeX source is."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, needs_soffice

from slidegen import formula
from slidegen.build import build_deck
from slidegen.parse import parse_file
from slidegen.verify.formulas import formula_items
from slidegen.verify.items import lesson_items
from slidegen.verify.overflow_render import render_decks
from slidegen.verify.text import norm

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LESSONS = sorted((FIXTURES / "math").glob("*.md"))


@pytest.mark.render
@needs_soffice()
def test_libreoffice_shows_every_formula_as_its_fallback(tmp_path):
    decks = {lesson: build_deck(lesson, tmp_path, TEMPLATES) for lesson in LESSONS}
    pdfs = render_decks(list(decks.values()), tmp_path / "render")
    for lesson, deck in decks.items():
        shown = norm(subprocess.run(["pdftotext", str(pdfs[deck]), "-"], capture_output=True, text=True,
                                    check=True).stdout)
        for item in formula_items(lesson_items(parse_file(lesson)).items):
            linear = norm(formula.linear_text(item.text, item.kind == "display formula"))
            assert linear in shown, f"{lesson.name}: {item.text} not drawn (looked for {linear})"
            assert norm(item.text) not in shown or len(norm(item.text)) < 4
