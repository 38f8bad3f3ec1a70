"""Formulas are measured by their real size (`formula.extent_of(tex, display)`): a formula is one word as
wide as its picture (or its linear text, if wider), and a line holding a tall one (a matrix, a display
fraction, `aligned`) is as tall as it. The fake half-em face of test_metrics keeps the text's own
numbers easy; the formula's come from ziamath. A lesson without math never loads the formula package's
converters to be paginated."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from test_metrics import POS, fake_metrics

from slidegen.measure import Piece, Style, wrap
from slidegen.model import Run, TextPara

MATRIX = r"\begin{bmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{bmatrix}"


def formula_para(tex: str, display: bool, before: str = "", after: str = "") -> TextPara:
    from slidegen import formula

    runs = (Run(before), Run(formula.linear_text(tex, display), math=tex, display=display), Run(after))
    return TextPara(tuple(r for r in runs if r.text), pos=POS)


def test_a_formula_is_one_word_as_wide_as_its_picture():
    m = fake_metrics()
    width, _ = m.formula_box(r"\sum_{i=1}^{N} \log p(x_i)", False)
    pieces = m.pieces(formula_para(r"\sum_{i=1}^{N} \log p(x_i)", False).runs)
    assert wrap(pieces, 1000, 10).widest >= width * 10
    assert wrap(pieces, width * 10 * 0.6, 10).broke_word  # not broken at the linear text's spaces


def test_a_tall_display_formula_makes_its_line_taller():
    m = fake_metrics()
    text = m.para_height(TextPara((Run("R = a matrix"),), pos=POS), 600, 20)
    matrix = m.para_height(formula_para(MATRIX, True), 600, 20)
    _, line_em = m.formula_box(MATRIX, True)
    assert line_em > 1.8 and matrix == line_em * 20 > 1.8 * text


def test_aligned_is_as_tall_as_its_rows_at_least():
    m = fake_metrics()
    aligned = r"\begin{aligned} (x+1)^2 &= x^2 + 2x + 1 \\ &\geq 2x \end{aligned}"
    assert m.para_height(formula_para(aligned, True), 600, 20) >= 2 * 20


def test_a_small_inline_formula_keeps_the_line_height():
    m = fake_metrics()
    plain = m.para_height(TextPara((Run("the rate eta falls"),), pos=POS), 600, 20)
    assert m.para_height(formula_para(r"\eta", False, "the rate ", " falls"), 600, 20) == plain


def test_only_lines_with_a_tall_formula_grow():
    m = fake_metrics()
    para = formula_para(r"\frac{a}{b}", False, "word " * 30, " end")
    _, line_em = m.formula_box(r"\frac{a}{b}", False)
    lines = m.para_lines(para, 200, 10)
    assert lines > 1 and m.para_height(para, 200, 10) == (lines - 1) * 10 + line_em * 10


def test_paginating_a_lesson_without_math_loads_no_converter(tmp_path):
    code = ("import sys; from pathlib import Path; from slidegen.build import build_deck; "
            f"build_deck(Path({str(ROOT / 'tests/fixtures/lists.md')!r}), Path({str(tmp_path)!r}), Path({str(ROOT / 'templates')!r})); "
            "print(any(m in sys.modules for m in ('math_core', 'ziamath', 'ziafont', 'slidegen.formula.svg')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")


def test_pieces_carry_no_formula_for_text():
    assert Piece("x", Style("Any")).formula is None
