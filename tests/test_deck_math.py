"""Formulas in the deck: one native equation each (OMML in a14:m), inside mc:AlternateContent whose
fallback is linear text; display formulas centred; python-pptx reopens the deck."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from slidegen.build import build_deck

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FIXTURES = Path(__file__).parent / "fixtures" / "math"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck")
    path = build_deck(FIXTURES / "gradient-en.md", out, TEMPLATES)
    return Presentation(str(path))


def alternates(deck):
    for slide in deck.slides:
        yield from slide.shapes._spTree.iter(f"{MC}AlternateContent")


def test_each_formula_is_one_native_equation_with_a_fallback(deck):
    found = list(alternates(deck))
    assert len(found) == 10
    for alt in found:
        choice, fallback = alt.find(f"{MC}Choice"), alt.find(f"{MC}Fallback")
        assert choice.get("Requires") == "a14eq"
        assert choice[0].tag.endswith("}m") and len(choice[0])
        assert "".join(t.text for t in fallback.iter(f"{A}t")).strip()
        assert "\\" not in "".join(t.text for t in fallback.iter(f"{A}t"))


def test_display_formula_paragraph_is_centred(deck):
    centred = [alt.getparent() for alt in alternates(deck)
               if alt.getparent().find(f"{A}pPr") is not None and alt.getparent().find(f"{A}pPr").get("algn") == "ctr"]
    assert len(centred) >= 2
