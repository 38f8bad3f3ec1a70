"""Linear text for viewers without equations: readable, no TeX."""
from __future__ import annotations

import pytest

from slidegen import formula
from slidegen.formula.linear import Piece, plain
from test_formula_tex import LESSON_FORMULAS


def flat(tex: str, display: bool = False) -> str:
    return "".join(p.text for p in formula.to_linear(tex, display))


def test_scripts_are_raised_and_lowered_pieces():
    assert formula.to_linear("x_i^2") == (Piece("x", italic=True), Piece("i", "sub", italic=True), Piece("2", "super"))


@pytest.mark.parametrize("tex, text", [
    (r"\frac{a}{b}", "a/b"), (r"\frac{a+b}{2}", "(a + b)/2"), (r"\sqrt{x+1}", "√(x + 1)"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[1, 2; 3, 4]"), (r"\{0, 1\}", "{0, 1}"),
    (r"\log x", "log x"), (r"a \leq b", "a ≤ b"), (r"\text{손실}", "손실"),
])
def test_readable_text(tex, text):
    assert flat(tex) == text


def test_aligned_lines_are_lines():
    pieces = formula.to_linear(r"\begin{aligned} f &= a \\ &= b \end{aligned}", True)
    assert Piece("\n") in pieces


def test_bold_math_letters_become_bold_plain_letters():
    assert formula.to_linear(r"\mathbf{v}") == (Piece("v", bold=True),)
    assert flat(r"\mathbb{R}") == "ℝ"


@pytest.mark.parametrize("tex", LESSON_FORMULAS)
def test_no_tex_survives(tex):
    text = flat(tex, True)
    assert "\\" not in text and "&" not in text and text.strip()


def test_plain_marks_long_scripts():
    assert plain(formula.to_linear("x^{2n}")) == "x^(2n)"
