"""TeX → MathML (math-core): the formulas a lesson writes, and the TeX it cannot read."""
from __future__ import annotations

import subprocess
import sys

import pytest

from slidegen import formula
from slidegen.formula.mathml import children, name, parse

LESSON_FORMULAS = [
    r"\frac{a}{b}", r"\sum_{i=1}^{n} x_i^2", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
    r"\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}", r"\mathbf{v}_i", r"\mathcal{L}(\theta)",
    r"x_{ij}", r"\{0, 1\}", r"\text{손실 함수} = \frac{1}{N}", r"\sqrt[3]{y}", r"\hat{y}", r"\left( \frac{a}{b} \right)",
    r"\operatorname{softmax}(z)_i", r"\mathbb{R}^{n \times d}", r"\int_0^1 f(x)\,dx", r"\lim_{n\to\infty} a_n",
    r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}", r"\binom{n}{k}", r"\underbrace{a+b}_{n}",
]


@pytest.mark.parametrize("tex", LESSON_FORMULAS)
def test_lesson_formulas_convert_to_plain_xml(tex):
    for display in (False, True):
        root = parse(formula.to_mathml(tex, display))  # plain XML: no undefined entities
        assert name(root) == "math"
        assert "\ufe00" not in formula.to_mathml(tex, display)


def test_inline_formulas_say_so():
    assert 'display="inline"' in formula.to_mathml("x", False)
    assert 'display="inline"' not in formula.to_mathml("x", True)


def test_aligned_is_a_table_with_its_alignment_points():
    root = parse(formula.to_mathml(r"\begin{aligned} a &= b \\ &= c \end{aligned}", True))
    tables = [n for n in root.iter() if name(n) == "mtable"]
    assert tables and len([r for r in children(tables[0]) if name(r) == "mtr"]) == 2
    assert "&" not in "".join(root.itertext())


def test_braces_and_korean_text_survive():
    text = "".join(parse(formula.to_mathml(r"\{0, 1\} \text{한글}", False)).itertext())
    assert "{" in text and "}" in text and "한글" in text


@pytest.mark.parametrize("tex, reason", [(r"\frac{a}{", "closing"), (r"\foo{x}", "Unknown command"),
                                         ("x^", "argument"), (r"\begin{bmatrix} 1", "end"), ("  ", "empty")])
def test_unreadable_tex_raises_a_one_line_reason(tex, reason):
    with pytest.raises(formula.FormulaError) as caught:
        formula.to_mathml(tex, False)
    assert reason in caught.value.reason and "\n" not in str(caught.value)
    assert str(caught.value).startswith("formula not understood: ")


def test_importing_the_package_loads_no_converter():
    code = ("import sys, slidegen.formula, slidegen.formula.errors; "
            "print(any(m in sys.modules for m in ('math_core', 'ziamath', 'ziafont', 'fontTools.subset')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


DEEP = 5000  # math-core's own stack overflows near 4,000 nested braces: the process died, no message


@pytest.mark.parametrize("tex", [r"\frac{" * DEEP + "x" + "}{y}" * DEEP, r"\sqrt " * DEEP + "x",
                                 r"\left(" * DEEP + "x" + r"\right)" * DEEP, "{" * DEEP + "x" + "}" * DEEP])
def test_a_formula_nested_thousands_deep_is_refused_before_the_converter_reads_it(tex):
    with pytest.raises(formula.FormulaError) as caught:
        formula.to_mathml(tex, False)
    assert "nested more than" in caught.value.reason


@pytest.mark.parametrize("tex, depth", [("x", 0), (r"\frac{a}{b}", 1), (r"\sqrt{\frac{a}{b}}", 2),
                                        (r"\left( \begin{matrix} a \end{matrix} \right)", 3),
                                        (r"\frac\frac\frac a b c d", 3), (r"a \\ b", 0)])
def test_nesting_bounds_how_deep_a_formula_goes(tex, depth):
    assert formula.tex.nesting(tex) == depth


def test_a_formula_nested_too_deep_to_draw_is_a_formula_error_not_an_internal_one():
    with pytest.raises(formula.FormulaError) as caught:
        formula.to_omml(r"\frac{" * 300 + "x" + "}{y}" * 300, False)
    assert "nested too deeply" in caught.value.reason
