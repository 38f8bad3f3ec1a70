"""SVG pictures and extents (ziamath) for the handout and the paginator."""
from __future__ import annotations

import pytest

from slidegen import formula
from test_formula_tex import LESSON_FORMULAS


def test_picture_is_vector_sized_in_em_with_the_tex_as_its_name():
    picture = formula.to_svg(r"\frac{a}{b}", False)
    assert picture.svg.startswith("<svg ") and "<path" in picture.svg and "<image" not in picture.svg
    assert 'width="' in picture.svg and 'em"' in picture.svg
    assert 'aria-label="\\frac{a}{b}"' in picture.svg


def test_extent_has_a_baseline():
    x = formula.extent_of("x", False)
    assert 0.3 < x.ascent < 0.8 and x.depth < 0.05 and 0.3 < x.width < 0.8
    fraction = formula.extent_of(r"\frac{a}{b}", False)
    assert fraction.depth > 0.2 and fraction.height > x.height


def test_display_is_larger_than_inline():
    inline, display = (formula.extent_of(r"\sum_{i=1}^{n} x_i", d) for d in (False, True))
    assert display.height > inline.height


def test_extent_scales_to_points():
    e = formula.extent_of("x+y", False)
    assert e.at(20).width == pytest.approx(e.width * 20)


@pytest.mark.slow
@pytest.mark.parametrize("tex", LESSON_FORMULAS)
def test_every_lesson_formula_draws(tex):
    for display in (False, True):
        picture = formula.to_svg(tex, display)
        assert picture.extent.width > 0 and "<path" in picture.svg


def test_korean_text_is_drawn_not_left_as_boxes():
    picture = formula.to_svg(r"\text{손실} = 1", False)
    ascii_only = formula.to_svg(r"\text{ab} = 1", False)
    assert picture.extent.width > ascii_only.extent.width  # two Hangul glyphs are wider than 'ab'
    assert picture.svg.count("<path") >= ascii_only.svg.count("<path")


def test_texttt_is_drawn_as_monospace_text():
    """math-core writes `\\texttt{x}` as HTML inside MathML, which ziamath could not lay out (a crash)."""
    from slidegen import formula

    tex = r"\texttt{fahrenheit} = \frac{9}{5} \times \texttt{celsius} + 32"
    assert 'mathvariant="monospace">fahrenheit<' in formula.to_mathml(tex, True)
    assert formula.extent_of(tex, True).width > 0 and formula.linear_text(tex) == "fahrenheit = 9/5 × celsius + 32"


def test_a_formula_the_renderer_cannot_draw_is_a_formula_error(monkeypatch):
    from slidegen import formula
    from slidegen.formula import svg

    svg._layout.cache_clear()
    monkeypatch.setattr(svg, "_inline_limits", lambda mathml: (_ for _ in ()).throw(IndexError("boom")))
    with pytest.raises(formula.FormulaError, match=r"cannot be drawn \(IndexError\): x\^3"):
        formula.extent_of("x^3", False)
    svg._layout.cache_clear()
