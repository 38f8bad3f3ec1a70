"""Accessibility, read back from the built files: the handout is a tagged PDF (PDF/UA-1) with the
lesson's language, title, headings in order, tables with header cells and pictures with alt text; the
deck has a title on every slide, no title twice, alt text or a decorative mark on every picture; and
`slidegen check --a11y` fails a deck or a handout that lost any of that."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pikepdf
import pytest
from pptx import Presentation

from slidegen.build import build_deck, build_handout
from slidegen.colors import contrast, legible
from slidegen.theme import load_theme, unreadable_colours
from slidegen.verify.a11y import deck_problems, handout_problems, heading_problems, structure_tags

from conftest import CONTENT_LESSON, FIXTURES, ROOT

TEMPLATES = ROOT / "templates"

REAL = FIXTURES / "real"


@pytest.fixture(scope="module")
def outputs(lesson_outputs):
    return {lesson.stem: (lesson_outputs.deck(lesson), lesson_outputs.handout(lesson))
            for lesson in (CONTENT_LESSON, REAL / "figures.md", FIXTURES / "table-groups.md")}


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_the_handout_is_tagged_with_language_title_and_headings_in_order(outputs):
    _, handout = outputs[CONTENT_LESSON.stem]
    info = subprocess.run(["pdfinfo", str(handout)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    with pikepdf.open(handout) as pdf:
        assert str(pdf.Root.Lang).startswith("ko")
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        tags = [tag for tag, _ in structure_tags(pdf.Root.StructTreeRoot)]
    headings = [tag for tag in tags if tag[0] == "H" and tag[1:].isdigit()]
    assert headings[0] == "H1" and headings.count("H2") >= 5 and "H3" in headings
    assert heading_problems(headings) == []
    assert "Table" in tags and "TH" in tags and "L" in tags and "LI" in tags


def test_handout_pictures_carry_their_alt_text(outputs):
    _, handout = outputs["figures"]
    with pikepdf.open(handout) as pdf:
        figures = [node for tag, node in structure_tags(pdf.Root.StructTreeRoot) if tag == "Figure"]
    assert figures and all(str(node.get("/Alt", "")).strip() for node in figures)


@pytest.mark.parametrize("name", [CONTENT_LESSON.stem, "figures", "table-groups"])
def test_built_outputs_pass_the_accessibility_check(outputs, name):
    deck, handout = outputs[name]
    assert deck_problems(deck) == []
    assert handout_problems(handout) == []


def test_a_picture_without_alt_text_is_marked_decorative(tmp_path):
    (tmp_path / "img").mkdir()
    shutil.copy(FIXTURES / "img" / "diagram.png", tmp_path / "img" / "diagram.png")
    lesson = tmp_path / "plain.md"
    lesson.write_text("## Pictures\n\n![](img/diagram.png)\n\nText under the picture.\n", encoding="utf-8")
    deck, handout = build_deck(lesson, tmp_path, TEMPLATES), build_handout(lesson, tmp_path, TEMPLATES)
    assert deck_problems(deck) == [] and handout_problems(handout) == []
    xml = "".join(str(s.shapes._spTree.xml) for s in Presentation(deck).slides)
    assert "decorative" in xml


def _mutated_deck(source, target):
    prs = Presentation(source)
    slides = list(prs.slides)
    for slide in slides:
        for pic in slide.shapes._spTree.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}pic"):
            pic.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr").set("descr", "")
    slides[3].shapes.title.text_frame.text = slides[2].shapes.title.text_frame.text
    prs.save(target)
    return target


def _untagged(source, target):
    with pikepdf.open(source) as pdf:
        del pdf.Root["/StructTreeRoot"]
        del pdf.Root["/MarkInfo"]
        pdf.save(target)
    return target


def test_check_a11y_fails_a_deck_that_lost_alt_text_or_unique_titles(outputs, tmp_path):
    deck, _ = outputs["figures"]
    problems = deck_problems(_mutated_deck(deck, tmp_path / "mutated.pptx"))
    assert any("no alt text" in p for p in problems)
    assert any("share the title" in p for p in problems)


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_check_a11y_exits_3_for_an_untagged_handout(outputs, tmp_path):
    deck, handout = outputs["figures"]
    untagged = _untagged(handout, tmp_path / "untagged.pdf")
    assert handout_problems(untagged)[0].startswith("not tagged")
    run = subprocess.run([sys.executable, "-m", "slidegen", "check", "--a11y", str(REAL / "figures.md"),
                          "--deck", str(deck), "--handout", str(untagged)], capture_output=True, text=True)
    assert run.returncode == 3, run.stdout + run.stderr
    assert "not tagged" in run.stdout


def test_code_colours_are_made_legible_on_their_background():
    for colour in ("AA22FF", "60A0B0", "40A070", "FFFFFF"):
        assert contrast(legible(colour, "F5F7FA"), "F5F7FA") >= 4.5
    assert legible("1F2A44", "FFFFFF") == "1F2A44"  # already legible: unchanged


def test_a_theme_with_faint_text_is_named_in_a_warning():
    theme = load_theme(TEMPLATES, "en")
    assert unreadable_colours(theme) == []
    theme.colors["muted"] = "BBBBBB"
    assert any("muted BBBBBB" in problem for problem in unreadable_colours(theme))


def test_formulas_carry_their_tex_as_alt_text(tmp_path):
    lesson = tmp_path / "math.md"
    lesson.write_text("## Sums\n\nThe mean is $\\bar{x} = \\frac{1}{N}\\sum_j x_j$ here.\n", encoding="utf-8")
    with pikepdf.open(build_handout(lesson, tmp_path, TEMPLATES)) as pdf:
        figures = [node for tag, node in structure_tags(pdf.Root.StructTreeRoot) if tag == "Figure"]
    assert figures and all("\\frac" in str(node.get("/Alt", "")) for node in figures)


def test_a_skipped_heading_level_leaves_no_gap_in_the_outline(tmp_path):
    lesson = tmp_path / "skip.md"
    lesson.write_text("## Part\n\nText.\n\n#### Detail\n\nMore text.\n", encoding="utf-8")
    handout = build_handout(lesson, tmp_path, TEMPLATES)
    with pikepdf.open(handout) as pdf:
        headings = [tag for tag, _ in structure_tags(pdf.Root.StructTreeRoot) if tag[0] == "H" and tag[1:].isdigit()]
    assert headings == ["H1", "H2", "H3"] and handout_problems(handout) == []
