"""Measuring and wrapping, titles' sizes and the size helper, with a fake face (`FixedFace`): every
character, spaces too, is half an em wide and a line is one em tall, so at 10 pt a character is 5 pt
and a line 10 pt, and each expected count below can be worked out by hand. No font file is read."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ROOT

from slidegen.measure import (
    FixedFace,
    Piece,
    Style,
    face,
    line_height,
    natural_width,
    provide_face,
    widest_word,
    wrap,
)
from slidegen.metrics import (
    Metrics,
    fit_size,
    largest_fitting,
    row_heights,
    size_after,
    sizes_down,
)
from slidegen.model import Box, Run, SourcePos, Table, TableRow, TextPara
from slidegen.theme import load_theme

BODY, MONO = "Fake Half-Em Sans", "Fake Half-Em Mono"  # families of their own: no installed font is shadowed
# no insets, no safety margin, no autospace: widths are what the characters add up to
SPACING = {"paragraph": 10.0, "frame_gap": 10.0, "indent": 20.0, "inset_x": 0.0, "inset_y": 0.0, "cell_x": 5.0,
           "cell_y": 0.0, "box_pad": 10.0, "safety": 1.0, "autospace": 0.0}
POS = SourcePos("lesson.md", 1)


def fake_metrics(**sizes) -> Metrics:
    """`Metrics` of the real theme (strings, boxes) measuring with the half-em fake face; `sizes`
    override the theme's (e.g. body=[20, 10])."""
    for family in (BODY, MONO):
        for bold in (False, True):
            provide_face(Style(family, bold), FixedFace(advance=0.5, line_height=1.0))
    theme = load_theme(ROOT / "templates", "en")
    return Metrics(replace(theme, fonts={"body": BODY, "mono": MONO}, spacing=dict(SPACING),
                           sizes={**theme.sizes, **sizes}))


@pytest.fixture(scope="module")
def m() -> Metrics:
    return fake_metrics()


def pieces(text: str) -> list[Piece]:
    return [Piece(text, Style(BODY))]


def para(text: str, **kw) -> TextPara:
    return TextPara((Run(text),), pos=POS, **kw)


# -- measure: the seam and wrapping


def test_a_provided_face_measures_its_style(m):
    assert isinstance(face(Style(BODY)), FixedFace)
    assert line_height(Style(BODY), 10) == 10.0
    assert natural_width(pieces("abcd"), 10) == 20.0


def test_words_wrap_at_spaces(m):
    # "aaaa bbbb": two 20 pt words and a 5 pt space: 45 pt on one line
    assert wrap(pieces("aaaa bbbb"), 45, 10).lines == 1
    assert wrap(pieces("aaaa bbbb"), 44.9, 10).lines == 2
    assert wrap(pieces("aaaa bbbb"), 44.9, 10).widest == 20.0
    assert wrap(pieces("aaaa bbbb cccc"), 45, 10).lines == 2  # 45 + 5 + 20 > 45


def test_explicit_breaks_start_lines(m):
    assert wrap(pieces("ab\ncd\n\nef"), 100, 10).lines == 4


def test_a_word_longer_than_the_line_breaks_inside(m):
    # 100 pt in a 40 pt line whose breaks count as 85% full (34 pt): 100 // 34 = 2 more lines
    result = wrap(pieces("a" * 20), 40, 10)
    assert (result.lines, result.broke_word) == (3, True)
    assert not wrap(pieces("a" * 8), 40, 10).broke_word


def test_widest_word_and_natural_width(m):
    assert widest_word(pieces("ab abcdef abc"), 10) == 30.0
    assert natural_width(pieces("ab cd\nabcdef"), 10) == 30.0  # the widest line: "abcdef"


# -- Metrics: paragraphs


def test_autospace_counts_where_hangul_meets_other_text_inside_a_word_and_across_a_space(m):
    """LibreOffice's autospace, measured on its rendering: about a quarter em where Hangul meets Latin,
    digits or punctuation, whether inside a word ("2를") or across a space ("레이블 2", ". 이건"), and a
    space after Hangul 0.06 em wider than the font's. At 10 pt (5 pt a character) with autospace 0.25:"""
    def width(text):
        return natural_width(pieces(text), 10, autospace=0.25)

    assert width("가나") == width("ab") == 10
    assert width("2를") == 10 + 2.5
    assert width("ab cd") == 25
    assert width("가 나") == pytest.approx(15 + 0.6)
    assert width("가 b") == pytest.approx(15 + 0.6 + 2.5)
    assert width("a. 이건") == pytest.approx(25 + 2.5)  # a space after Latin is the font's
    assert natural_width(pieces("가 b"), 10) == 15  # no autospace asked: none counted


def test_a_marker_hangs_in_one_indent_step(m):
    # 100 pt wide, minus one 20 pt indent step for the marker: 80 pt for "aaaa bbbb cccc" (70 pt)
    assert m.para_indent(para("x", marker="•")) == 20.0
    assert m.para_lines(para("aaaa bbbb cccc", marker="•"), 100, 10) == 1
    assert m.para_lines(para("aaaa bbbb cccc", marker="•", level=1), 100, 10) == 2  # 60 pt left
    assert m.para_indent(para("x", style="quote")) == 20.0


def test_paragraph_heights_add_lines_and_spacing(m):
    one, two = para("aaaa"), para("aaaa bbbb")  # one line, and two lines at 30 pt
    assert m.paras_height((one,), 30, 10) == 10.0
    assert m.paras_height((one, two), 30, 10) == 10.0 + 20.0 + 10.0  # lines + the space before the second
    assert m.paras_height((), 30, 10) == 0.0


def test_headings_are_measured_bold(m):
    provide_face(Style(BODY, True), FixedFace(advance=1.0, line_height=1.0))  # bold twice as wide
    try:
        assert m.para_lines(para("aaaa"), 30, 10) == 1
        assert m.para_lines(para("aaaa", style="heading"), 30, 10) == 2  # 40 pt word broken in 30 pt
    finally:
        provide_face(Style(BODY, True), FixedFace(advance=0.5, line_height=1.0))


def test_table_rows_take_their_tallest_cell(m):
    row = TableRow(((Run("aaaa bbbb"),), (Run("a"),)), POS)
    table = Table(((Run("h"),), (Run("h"),)), (None, None), (row,), POS)
    # cells 30 pt wide less 2 x 5 pt padding: "aaaa bbbb" (45 pt) takes two lines; each row adds 1 pt
    assert row_heights(m, table, (30.0, 30.0), 10) == (11.0, 21.0)


# -- sizes


def test_largest_fitting_takes_the_first_that_fits_and_makes_no_more():
    made = []

    def candidates():
        for size in (20, 18, 16, 14):
            made.append(size)
            yield size

    assert largest_fitting(candidates(), lambda size: size <= 17, lambda: 0) == 16
    assert made == [20, 18, 16]
    assert largest_fitting([20, 18], lambda size: False, lambda: 12) == 12


def test_sizes_down_and_where_stepping_stops():
    assert sizes_down(12.0, 6, 2) == [12.0, 10.0, 8.0]
    assert size_after(sizes_down(12.0, 6, 2), 12.0, 2) == 6.0
    assert sizes_down(7.0, 6, 0.5) == [7.0, 6.5]
    assert size_after([], 5.0, 2) == 5.0


def test_a_title_takes_the_largest_size_at_which_it_fits(m):
    box = Box(0, 0, 100, 100)
    assert fit_size(m, (Run("aaaa bbbb"),), box, 20.0, 10.0) == 20.0  # 90 pt: one line at the largest
    # 15 characters: two lines at 20 pt, which only smaller sizes may take; 18 pt takes two lines
    assert fit_size(m, (Run("aaaaaaa bbbbbbb"),), box, 20.0, 10.0) == 18.0
    # too long for two lines at any size down to 12 pt, and for three at 10 pt: smaller still
    assert fit_size(m, (Run(" ".join(["aaaaaaa"] * 8)),), box, 20.0, 10.0) == 12.0
