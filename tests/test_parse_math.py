"""Formulas in Markdown: every delimiter lessons use becomes a formula run; currency and code stay
text; nothing inside a formula is Markdown; unreadable TeX is code with a warning."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Paragraph
from slidegen.parse import parse_text


def runs_of(text: str):
    lesson = parse_text(text, Path("t.md"))
    blocks = lesson.preamble or lesson.sections[0].blocks
    return [run for block in blocks if isinstance(block, Paragraph) for run in block.runs]


def formulas(text: str):
    return [(run.math, run.display) for run in runs_of(text) if run.math]


@pytest.mark.parametrize("source, tex, display", [
    (r"벡터 $\mathbf{v}_i$ 입니다.", r"\mathbf{v}_i", False),
    (r"Inline \(\theta\) here.", r"\theta", False),
    (r"MDX \\(\theta_i\\) here.", r"\theta_i", False),
    ("$$x^2$$ inline too", "x^2", True),
    ("$$\n\\frac{a}{b}\n$$", r"\frac{a}{b}", True),
    ("\\[\ny = mx\n\\]", "y = mx", True),
    ("```math\nE = mc^2\n```", "E = mc^2", True),
])
def test_delimiters(source, tex, display):
    assert formulas(source) == [(tex, display)]


def test_escaped_parentheses_around_words_stay_text():
    r"""Pages whose site reads only `$` as math (Nextra, Docusaurus) escape parentheses in CommonMark's
    way: `언어모델\(Tuneable policy LM\)` shows "(Tuneable policy LM)". Words (two letters or more,
    or Hangul) with nothing a formula is written with are that; `\(x\)`, `\(x, y\)`, `\(f(x)\)` and
    `\(a_1\)` are formulas."""
    text = r"정책 언어모델\(Tuneable policy LM\)은 강화 학습\(RL\)과 \(x\), \(x, y\), \(f(x)\), \(a_1\)을 씁니다."
    assert formulas(text) == [("x", False), ("x, y", False), ("f(x)", False), ("a_1", False)]
    assert "정책 언어모델(Tuneable policy LM)은 강화 학습(RL)과 " in "".join(r.text for r in runs_of(text))


def test_currency_stays_text():
    assert formulas("Coffee costs $5 and tea $10.") == []
    assert "$5" in "".join(r.text for r in runs_of("Coffee costs $5 and tea $10."))


def test_nothing_inside_a_formula_is_markdown():
    assert formulas(r"Softmax $\mathbf{v}_i \cdot \sum_{k} x_k$ here.") == [(r"\mathbf{v}_i \cdot \sum_{k} x_k", False)]
    # unbalanced TeX is shown as code, its underscores kept (they were read as emphasis before)
    assert any(r.code and "_i)}{ \\sum_{k}" in r.text for r in runs_of(r"Softmax $\mathbf{v}_i)}{ \sum_{k} x_k$ here."))


def test_braces_keep_their_backslashes():
    assert formulas(r"Set $\{0, 1\}$.") == [(r"\{0, 1\}", False)]


def test_formula_run_reads_as_linear_text():
    run = next(r for r in runs_of(r"Mean $\frac{a+b}{2}$.") if r.math)
    assert run.text == "(a + b)/2"


def test_unreadable_tex_is_code_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        runs = runs_of("line one\n\nBad $\\frac{a}{$ formula.")
    assert any(r.code and r.text == r"\frac{a}{" for r in runs)
    assert "t.md:3: warning: formula not understood:" in caplog.text
