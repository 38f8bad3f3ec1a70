"""MathML → OMML: each construct becomes PowerPoint's own structure, never flattened text.

The libraries looked at first (mathml2omml 0.0.2, mathml_to_omml 1.1.1) failed these on
math-core's MathML: undefined entities (\\lim, \\max, \\operatorname), accents as m:limUpp, an
unclosed m:groupChrPr for \\underbrace, an empty upper limit shown as a box for \\prod_t."""
from __future__ import annotations

import pytest
from lxml import etree

from slidegen import formula
from slidegen.formula.omml import M_NS, spaces
from test_formula_tex import LESSON_FORMULAS

M = f"{{{M_NS}}}"


def tags(tex: str, display: bool = False) -> list[str]:
    return [el.tag.replace(M, "") for el in formula.to_omml(tex, display).iter() if isinstance(el.tag, str)]


def texts(tex: str, display: bool = False) -> str:
    return "".join(t.text or "" for t in formula.to_omml(tex, display).iter(f"{M}t"))


@pytest.mark.parametrize("tex, structure", [
    (r"\frac{a}{b}", "f"), (r"\sqrt{x}", "rad"), (r"\sqrt[3]{y}", "deg"), (r"x_i", "sSub"), (r"x^2", "sSup"),
    (r"x_i^2", "sSubSup"), (r"\sum_{i=1}^{n} x_i", "nary"), (r"\int_0^1 f", "nary"), (r"\hat{y}", "acc"),
    (r"\vec{v}", "acc"), (r"\overline{x}", "bar"), (r"\underbrace{a+b}_{n}", "groupChr"),
    (r"\lim_{n\to\infty} a_n", "sSub"), (r"\left( \frac{a}{b} \right)", "d"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "m"), (r"\binom{n}{k}", "d"),
])
def test_constructs_become_omml_structures(tex, structure):
    assert structure in tags(tex)


def test_display_formula_is_a_centred_math_paragraph():
    para = formula.to_omml(r"\frac{a}{b}", True)
    assert para.tag == f"{M}oMathPara"
    assert para.find(f"{M}oMathParaPr/{M}jc").get(f"{M}val") == "centerGroup"
    assert formula.to_omml("x", False).tag == f"{M}oMath"


def test_display_limits_go_under_and_over():
    nary = formula.to_omml(r"\sum_{i=1}^{n} x_i", True).find(f".//{M}nary")
    assert nary.find(f"{M}naryPr/{M}limLoc").get(f"{M}val") == "undOvr"
    inline = formula.to_omml(r"\sum_{i=1}^{n} x_i", False).find(f".//{M}nary")
    assert inline.find(f"{M}naryPr/{M}limLoc").get(f"{M}val") == "subSup"


def test_sum_takes_its_operand_and_hides_a_missing_limit():
    nary = formula.to_omml(r"\prod_{t} p_t + 1", False).find(f".//{M}nary")
    assert nary.find(f"{M}naryPr/{M}supHide") is not None
    operand = "".join(t.text for t in nary.find(f"{M}e").iter(f"{M}t"))
    assert operand == "pt"  # the + 1 stays outside


def test_matrix_columns_keep_aligned_alignment():
    m = formula.to_omml(r"\begin{aligned} f(x) &= a \\ &= b \end{aligned}", True).find(f".//{M}m")
    aligns = [jc.get(f"{M}val") for jc in m.iter(f"{M}mcJc")]
    assert aligns == ["right", "left"]
    assert len(m.findall(f"{M}mr")) == 2


def test_cases_brace_has_no_closing_side():
    dPr = formula.to_omml(r"\begin{cases} 1 & x > 0 \\ 0 & \text{else} \end{cases}", False).find(f".//{M}dPr")
    assert dPr.find(f"{M}begChr").get(f"{M}val") == "{" and dPr.find(f"{M}endChr").get(f"{M}val") == ""


def test_runs_are_styled_as_tex_sets_them():
    omml = formula.to_omml(r"x + \mathrm{d} + \exp \text{한글} 2", False)
    runs = {"".join(r.itertext()): r for r in omml.iter(f"{M}r")}
    assert runs["x"].find(f"{M}rPr") is None  # a letter: OMML's default math italic
    for upright in ("+", "d", "exp", "2"):
        assert runs[upright].find(f"{M}rPr/{M}sty").get(f"{M}val") == "p"
    assert runs["한글"].find(f"{M}rPr/{M}nor") is not None


def test_escaped_braces_and_text_are_kept():
    assert texts(r"\{0, 1\}") == "{0,1}"
    assert "손실 함수" in texts(r"\text{손실 함수}").replace("\xa0", " ")


@pytest.mark.parametrize("tex", LESSON_FORMULAS)
def test_every_lesson_formula_converts_without_empty_slots(tex):
    for display in (False, True):
        omml = formula.to_omml(tex, display)
        etree.fromstring(etree.tostring(omml))  # well formed
        for slot in omml.iter(f"{M}num", f"{M}den", f"{M}e"):
            assert len(slot) or slot.getparent().tag in (f"{M}m", f"{M}mr"), tex


def test_spaces_add_up_to_the_width():
    assert spaces(1.0) == "\u2003" and spaces(0.167) == "\u2009" and spaces(2) == "\u2003\u2003"
