"""Quarto's and pandoc's fenced divs with attributes, and MyST's directives, roles and targets (Jupyter
Book, Sphinx), read into the model the way those sites show them."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Admonition, Code, Image, Notes, Paragraph, plain_text
from slidegen.parse import parse_text


def blocks(text: str):
    return parse_text(text, Path("t.md")).sections[0].blocks


def summary(block):
    if isinstance(block, Admonition):
        return ("box", block.kind, plain_text(block.title), [summary(b) for b in block.blocks])
    if isinstance(block, Code):
        return ("code", block.language, block.text)
    if isinstance(block, Image):
        return ("image", block.src.rsplit("/", 1)[-1], block.alt)
    if isinstance(block, Notes):
        return ("notes", block.text)
    return plain_text(block.runs) if isinstance(block, Paragraph) else type(block).__name__


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    return caplog


# --------------------------------------------------------------------------------------- Quarto, pandoc


def test_quarto_callouts_are_boxes_titled_by_their_title_or_first_heading():
    content = blocks('## A\n\n::: {.callout-note}\nA note.\n:::\n\n::: {.callout-tip title="Try it"}\nTip.\n:::\n\n'
                     "::: callout-warning\n## Careful\nBody.\n:::\n\n::: {.callout-important collapse=\"true\"}\nx\n:::\n")
    assert [summary(b) for b in content] == [
        ("box", "note", "", ["A note."]), ("box", "tip", "Try it", ["Tip."]),
        ("box", "warning", "Careful", ["Body."]), ("box", "important", "", ["x"])]


def test_divs_that_only_group_show_their_content_in_place():
    content = blocks('## A\n\nBefore.\n\n:::: {.columns}\n::: {.column width="40%"}\nLeft.\n:::\n'
                     '::: {.column width="60%"}\nRight.\n:::\n::::\n\n::: {.fragment}\nLater.\n:::\n\nAfter.\n')
    assert [summary(b) for b in content] == ["Before.", "Left.", "Right.", "Later.", "After."]


def test_notes_and_incremental_divs_with_braces():
    notes, listing = blocks("## A\n\n::: {.notes}\nSay this.\n:::\n\n::: {.incremental}\n- a\n- b\n:::\n")
    assert summary(notes) == ("notes", "Say this.") and listing.build


def test_a_docusaurus_box_starting_with_a_heading_keeps_it_inside():
    (box,) = blocks("## A\n\n:::tip\n#### Inside\ntext\n:::\n")
    assert summary(box) == ("box", "tip", "", ["Inside", "text"])


# ------------------------------------------------------------------------------------------------ MyST


def test_myst_admonition_directives_are_boxes_holding_markdown():
    content = blocks("## A\n\n```{note}\nA *MyST* note.\n\n- item\n```\n\n"
                     ":::{tip}\nColon fence.\n:::\n\n"
                     "```{admonition} Custom title\n:class: warning\nBody.\n```\n\n"
                     "````{important}\nOuter.\n\n```{hint}\nInner.\n```\n````\n")
    assert [summary(b) for b in content] == [
        ("box", "note", "", ["A MyST note.", "ListBlock"]), ("box", "tip", "", ["Colon fence."]),
        ("box", "warning", "Custom title", ["Body."]),
        ("box", "important", "", ["Outer.", ("box", "tip", "Hint", ["Inner."])])]


def test_the_first_line_of_an_untitled_directive_is_its_first_line_of_content():
    first, second = blocks("## A\n\n```{note} This is\nthe content.\n```\n\n```{warning} Alone\n\nThen more.\n```\n")
    assert summary(first) == ("box", "note", "", ["This is the content."])
    # no line is left to keep the blank between them: one paragraph, in order
    assert summary(second) == ("box", "warning", "", ["Alone Then more."])


def test_code_cells_and_code_blocks_are_code_in_their_language_without_options():
    cell, block, math = blocks("## A\n\n```{code-cell} python\n:tags: [hide-input]\nprint(1)\n```\n\n"
                               "```{code-block} bash\n---\nlinenos: true\n---\nls -l\n```\n\n"
                               "```{math}\n:label: eq-x\nx^2\n```\n")
    assert summary(cell) == ("code", "python", "print(1)\n")
    assert summary(block) == ("code", "bash", "ls -l\n")
    assert math.runs[0].math.strip() == "x^2" and math.runs[0].display


def test_figures_are_pictures_with_their_caption_below(tmp_path):
    (tmp_path / "img").mkdir()
    lesson = tmp_path / "l.md"
    lesson.write_text("## A\n\n```{figure} img/cat.png\n:alt: A cat\n:width: 50%\n\nA cat, sleeping.\n```\n")
    content = parse_text(lesson.read_text(), lesson).sections[0].blocks
    assert [summary(b) for b in content][:1] == [("image", "cat.png", "A cat")]
    assert "A cat, sleeping." in [summary(b) for b in content] or content[0].caption


def test_navigation_directives_and_targets_are_left_out(warnings):
    content = blocks("## A\n\n(my-target)=\n\n```{toctree}\n:maxdepth: 2\nintro\n```\n\nText.\n")
    assert [summary(b) for b in content] == ["Text."]
    assert "t.md:5" in warnings.text and "toctree" in warnings.text


def test_other_directives_show_their_content(warnings):
    content = blocks("## A\n\n::::{tab-set}\n:::{tab-item} Python\nPy.\n:::\n::::\n\n:::{unknownthing}\nKept.\n:::\n")
    assert [summary(b) for b in content] == [("box", "note", "Python", ["Py."]), "Kept."]


def test_quarto_and_r_markdown_cells_are_code_without_their_options(warnings):
    r, py, dotted = blocks("## A\n\n```{r, fig.width=5}\nplot(x)\n```\n\n```{python}\n#| label: fig-a\n#| echo: true\n"
                           "import x\n#| not an option here\n```\n\n```{.haskell .numberLines}\nmain = pure ()\n```\n")
    assert summary(r) == ("code", "r", "plot(x)\n")
    assert summary(py) == ("code", "python", "import x\n#| not an option here\n")
    assert summary(dotted) == ("code", "haskell", "main = pure ()\n")
    assert "option lines are not shown" in warnings.text


def test_an_unclosed_directive_is_shown_as_written(warnings):
    (paragraph,) = blocks("## A\n\n:::{note}\nnever closed\n")
    assert "never closed" in plain_text(paragraph.runs) and "t.md:3" in warnings.text


def test_a_directive_inside_a_plain_code_fence_is_code():
    (code,) = blocks("## A\n\n````markdown\n```{note}\nx\n```\n(t)=\n````\n")
    assert summary(code) == ("code", "markdown", "```{note}\nx\n```\n(t)=\n")


@pytest.mark.parametrize("source, text", [
    ("{ref}`the intro <intro>`", "the intro"), ("{doc}`setup`", "setup"), ("{cite}`knuth84`", "[knuth84]"),
    ("{eq}`eq-x`", "(eq-x)"), ("{py:func}`~pkg.mod.fn`", "fn"), ("{term}`LLM`", "LLM"),
    ("{numref}`Figure %s <fig-a>`", "Figure fig-a"), ("{abbr}`LLM (large language model)`", "LLM (large language model)"),
])
def test_roles_show_their_text(source, text):
    (paragraph,) = blocks(f"## A\n\nSee {source}.\n")
    assert plain_text(paragraph.runs) == f"See {text}."


def test_math_sup_and_kbd_roles():
    (paragraph,) = blocks("## A\n\n{math}`x^2`, H{sub}`2`O, press {kbd}`Ctrl`.\n")
    runs = paragraph.runs
    assert runs[0].math == "x^2"
    assert [r.script for r in runs if r.text == "2"] == ["sub"]
    assert [r.code for r in runs if r.text == "Ctrl"] == [True]


def test_a_figure_s_caption_is_set_as_a_caption(tmp_path):
    (tmp_path / "p.png").write_bytes(b"")
    text = ("## A\n\n:::{figure-md} fig-label\n<img src=\"p.png\" alt=\"p\" width=\"400px\">\n\n"
            "(a) the input, (b) the output\n:::\n\n```{figure} p.png\n\nA *cat*.\n```\n")
    content = parse_text(text, tmp_path / "l.md").sections[0].blocks
    captions = [b for b in content if isinstance(b, Paragraph)]
    assert [plain_text(c.runs) for c in captions] == ["(a) the input, (b) the output", "A cat."]
    assert all(run.italic for c in captions for run in c.runs if run.text.strip())
    assert "fig-label" not in " ".join(plain_text(c.runs) for c in captions)


def test_sphinx_roles_of_d2l_show_their_labels(warnings):
    (paragraph,) = blocks("## A\n\nAs :numref:`fig_x` and :eqref:`eq_y` show :cite:`Smith.2019`, not `:numref:`.\n")
    assert plain_text(paragraph.runs) == "As fig_x and (eq_y) show [Smith.2019], not :numref:."
    assert "t.md:3" in warnings.text and "show their label" in warnings.text


def test_exercises_and_solutions():
    exercise, named, solution = blocks("## A\n\n```{exercise}\n:label: ex1\nDo it.\n```\n\n```{exercise} Named\nDo.\n```\n\n"
                                       "```{solution} ex1\nAnswer.\n```\n")
    assert [summary(b) for b in (exercise, named, solution)] == [
        ("box", "note", "Exercise", ["Do it."]), ("box", "note", "Named", ["Do."]),
        ("box", "note", "Solution", ["Answer."])]


def test_cells_the_site_hides_are_left_out_with_a_warning(warnings):
    content = blocks("## A\n\n```{r}\n#| include: false\nsource('x.R')\n```\n\n```{r, echo=FALSE}\nplot(1)\n```\n\n"
                     "```{python}\n#| echo: true\nshown()\n```\n\n```python\n# echo: false is only a comment here\n```\n")
    assert [summary(b) for b in content] == [("code", "python", "shown()\n"),
                                             ("code", "python", "# echo: false is only a comment here\n")]
    assert "t.md:3" in warnings.text and "t.md:8" in warnings.text and "hidden on the site" in warnings.text


def test_latex_only_lines_and_equation_labels_show_nothing(warnings):
    para, formula = blocks("## A\n\n\\index{값}\n**값**은 문자.\n\\index{문자}\n\n\\newpage\n\n$$\n\\label{eq:x}\nx^2\n$$\n")
    assert plain_text(para.runs) == "값은 문자."
    assert formula.runs[0].math == "x^2" and "\\index" in warnings.text


def test_quarto_reads_bold_next_to_korean_as_pandoc_does():
    """`**값(Value)**은`: bold in pandoc's Markdown (Quarto, R Markdown); CommonMark (`.md`) keeps the
    asterisks, as Docusaurus and GitHub show them."""
    text = "## A\n\n**값(Value)**은 단위. a*b*c.\n"
    qmd = parse_text(text, Path("t.qmd")).sections[0].blocks[0].runs
    assert [(r.text, r.bold) for r in qmd][:2] == [("값(Value)", True), ("은 단위. a", False)]
    md = parse_text(text, Path("t.md")).sections[0].blocks[0].runs
    assert md[0].text.startswith("**값(Value)**은") and not md[0].bold


def test_pandoc_table_captions_are_captions_without_their_ids():
    content = blocks("## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: R 예약어 {#tbl-r-keywords}\n\n: not a caption\n\n"
                     "Table: Before\n\n| c |\n|---|\n| 3 |\n")
    names = [summary(b) for b in content]
    assert names == ["Table", "R 예약어", ": not a caption", "Before", "Table"]
    assert all(r.italic for r in content[1].runs) and all(r.italic for r in content[3].runs)


def test_a_pandoc_definition_list_is_a_bold_term_over_its_definitions_and_only_in_pandoc_lessons():
    text = "## Words\n\nGradient\n: The direction of steepest ascent.\n\n    Used by every optimiser.\n\nAfter.\n"
    term, definition, after = parse_text(text, Path("glossary.qmd")).sections[0].blocks
    assert plain_text(term.runs) == "Gradient" and term.runs[0].bold
    (item,) = definition.items
    assert plain_text(item.runs) == "The direction of steepest ascent." and plain_text(item.children[0].runs) == "Used by every optimiser."
    assert plain_text(after.runs) == "After."
    (plain, _code, _after) = parse_text(text, Path("glossary.md")).sections[0].blocks  # GitHub, Docusaurus: text
    assert plain_text(plain.runs).startswith("Gradient : The direction")
