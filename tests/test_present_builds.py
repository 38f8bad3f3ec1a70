"""Builds (issue 14): `incremental: true`, `<!-- build -->` and pauses read into the model, stepped on
the slides without moving a split, and written as PowerPoint Appear effects that name the right
paragraphs in order; the deck stays valid, and LibreOffice keeps the animation when it opens it."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from slidegen.build import build_deck, lesson_and_deck
from slidegen.model import ListBlock, Pause, TextFrame, plain_text
from slidegen.paginate.builds import with_builds
from slidegen.parse import parse_file, parse_text
from slidegen.verify.openxml import open_xml_errors

from conftest import FIXTURES, ROOT, needs_soffice

PRESENT = FIXTURES / "present"
TEMPLATES = ROOT / "templates"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def clicks_in(slide) -> list[list[tuple[str, int | None]]]:
    """Each click of a slide's main sequence: (shape name, paragraph or None) for each effect, in order."""
    names = {shape.shape_id: shape.name for shape in slide.shapes}
    timing = slide._element.find(f"{P}timing")
    if timing is None:
        return []
    main = next(node for node in timing.iter(f"{P}cTn") if node.get("nodeType") == "mainSeq")
    clicks = []
    for group in main.find(f"{P}childTnLst"):
        effects = []
        for ctn in group.iter(f"{P}cTn"):
            if ctn.get("presetClass") == "entr":
                assert ctn.get("presetID") == "1"
                target = ctn.find(f".//{P}spTgt")
                prg = target.find(f".//{P}pRg")
                effects.append((names[int(target.get("spid"))], None if prg is None else int(prg.get("st"))))
        clicks.append(effects)
    return clicks


def content_slide(prs, title: str):
    """The content slide of a section (its title continues the section divider's)."""
    return next(s for s in prs.slides if s.shapes.title.text.startswith(title) and s.slide_layout.name != "section")


def paragraph_texts(slide, shape_name: str) -> list[str]:
    shape = next(shape for shape in slide.shapes if shape.name == shape_name)
    return [p.text for p in shape.text_frame.paragraphs]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("present")
    return {name: build_deck(PRESENT / f"{name}.md", out, TEMPLATES) for name in ("incremental", "build-pause")}


def test_marks_are_read_into_the_model():
    lesson = parse_file(PRESENT / "build-pause.md")
    first, second = lesson.sections
    lists = [block for block in first.blocks if isinstance(block, ListBlock)]
    assert [block.build for block in lists] == [True, False]
    assert [type(block).__name__ for block in second.blocks] == ["Paragraph", "Pause", "Paragraph", "Pause", "Paragraph"]
    assert parse_file(PRESENT / "incremental.md").meta["incremental"] is True


def test_a_pause_inside_a_paragraph_is_text():
    lesson = parse_text("## A\n\nOne . . . two\n", Path("x.md"))
    assert not any(isinstance(block, Pause) for block in lesson.sections[0].blocks)


def test_incremental_lists_appear_item_by_item(built):
    prs = Presentation(built["incremental"])
    slide = content_slide(prs, "학습 순서")
    clicks = clicks_in(slide)
    assert len(clicks) == 3 and all(len(click) == 1 for click in clicks)
    shape = clicks[0][0][0]
    texts = paragraph_texts(slide, shape)
    assert [texts[para] for click in clicks for _name, para in click] == ["문제를 정의한다", "데이터를 모은다", "모델을 평가한다"]
    assert texts[0] == "오늘 다룰 세 단계입니다:"  # the lead-in is shown with the slide


def test_build_mark_and_pauses(built):
    prs = Presentation(built["build-pause"])
    builds = content_slide(prs, "One list builds")
    clicks = clicks_in(builds)
    texts = paragraph_texts(builds, clicks[0][0][0])
    assert [texts[p] for click in clicks for _n, p in click] == [
        "Read the question twice", "Sketch an answer", "Check it against an example"]
    pauses = content_slide(prs, "A pause")
    clicks = clicks_in(pauses)
    texts = paragraph_texts(pauses, clicks[0][0][0])
    assert [[texts[p] for _n, p in click] for click in clicks] == [
        ["The answer waits for a click."], ["And this line waits for one more."]]


def test_the_build_list_names_each_animated_shape_by_paragraph(built):
    prs = Presentation(built["incremental"])
    slide = content_slide(prs, "학습 순서")
    entries = slide._element.findall(f"{P}timing/{P}bldLst/{P}bldP")
    assert [(e.get("build"), e.get("grpId")) for e in entries] == [("p", "0")]


def test_decks_with_builds_validate(built):
    for path in built.values():
        assert open_xml_errors(path) in ([], None)


def test_a_slide_without_builds_has_no_timing(built):
    prs = Presentation(built["build-pause"])
    assert all(slide._element.find(f"{P}timing") is None for slide in prs.slides
               if slide.shapes.title.text in ("Pauses and builds",))


def test_pauses_do_not_move_a_split():
    lesson, deck, theme = lesson_and_deck(PRESENT / "build-pause.md", TEMPLATES)
    text = (PRESENT / "build-pause.md").read_text().replace(". . .", "").replace("<!-- pause -->", "")
    plain = parse_text(text, PRESENT / "build-pause.md")
    from slidegen.paginate import paginate

    frames = lambda d: [[(type(f).__name__, f.box) for f in s.frames] for s in d.slides]
    assert frames(deck) == frames(paginate(plain, theme))


def test_a_continuation_slide_keeps_the_builds_of_its_items():
    items = "\n".join(f"- Item number {n} has a sentence that takes some room on the slide, " * 2 for n in range(1, 13))
    lesson = parse_text(f"---\ntitle: Long\nincremental: true\n---\n\n## Many\n\n{items}\n", PRESENT / "long.md")
    from slidegen.paginate import paginate
    from slidegen.theme import load_theme

    deck = paginate(lesson, load_theme(TEMPLATES, "en"))
    content = [s for s in deck.slides if s.layout.value == "content"]
    assert len(content) >= 2
    for slide in content:
        steps = [p.step for f in slide.frames if isinstance(f, TextFrame) for p in f.paras]
        assert steps == list(range(1, len(steps) + 1)), (plain_text(slide.title), steps)


def test_with_builds_leaves_a_deck_without_stops_alone():
    lesson, deck, _theme = lesson_and_deck(FIXTURES / "lists.md", TEMPLATES)
    assert with_builds(deck) is deck


def box_clicks(slide) -> list[list[str]]:
    """Each click as the texts it shows: a paragraph's text, or "(box)" for a shape's fill and outline."""
    shapes = {shape.shape_id: shape for shape in slide.shapes}
    timing = slide._element.find(f"{P}timing")
    main = next(node for node in timing.iter(f"{P}cTn") if node.get("nodeType") == "mainSeq")
    clicks = []
    for group in main.find(f"{P}childTnLst"):
        shown = []
        for target in group.iter(f"{P}spTgt"):
            prg = target.find(f".//{P}pRg")
            shape = shapes[int(target.get("spid"))]
            shown.append("(box)" if target.find(f"{P}bg") is not None
                         else shape.text_frame.paragraphs[int(prg.get("st"))].text)
        clicks.append(shown)
    return clicks


@pytest.fixture(scope="module")
def box_deck(tmp_path_factory):
    return build_deck(PRESENT / "build-box.md", tmp_path_factory.mktemp("box"), TEMPLATES)


def test_a_list_in_a_box_builds_item_by_item(box_deck):
    slide = content_slide(Presentation(box_deck), "A list that builds")
    assert box_clicks(slide) == [["Run the tests"], ["Read the diff once more"], ["Write why, not what"]]
    box = next(shape for shape in slide.shapes if shape.name.startswith("Admonition"))
    assert box.text_frame.paragraphs[0].text == "Before you submit"  # the title is shown with the box


def test_a_box_after_a_pause_appears_with_its_title_then_its_paragraphs(box_deck):
    slide = content_slide(Presentation(box_deck), "A box after a pause")
    assert box_clicks(slide) == [
        ["(box)", "The exception", "It appears on the second click, title and all."],
        ["This sentence waits for one more."]]
    entries = slide._element.findall(f"{P}timing/{P}bldLst/{P}bldP")
    assert [(e.get("build"), e.get("animBg")) for e in entries] == [("p", "1")]


def test_a_deck_with_builds_in_boxes_validates(box_deck):
    assert open_xml_errors(box_deck) in ([], None)


def on_clicks_per_page(odp_path: Path) -> list[int]:
    """The number of on-click animation groups of each page of a LibreOffice presentation."""
    with zipfile.ZipFile(odp_path) as odp:
        content = etree.fromstring(odp.read("content.xml"))
    ns = {"anim": "urn:oasis:names:tc:opendocument:xmlns:animation:1.0",
          "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
          "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"}
    node_type = f"{{{ns['presentation']}}}node-type"
    return [[node.get(node_type) for node in page.iter(f"{{{ns['anim']}}}par")].count("on-click")
            for page in content.findall(".//draw:page", ns)]


@pytest.mark.render
@needs_soffice()
def test_libreoffice_keeps_the_builds(built, box_deck, tmp_path):
    # A profile of its own: soffice runs sharing one (the user's default) hand their work to the first
    # one or fail, and the test runners run LibreOffice tests side by side (pytest -n).
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odp",
                    "--outdir", str(tmp_path), str(built["build-pause"]), str(box_deck)],
                   check=True, capture_output=True, timeout=240)
    clicks = on_clicks_per_page(tmp_path / "build-pause.odp")
    assert sorted(c for c in clicks if c) == [2, 3]  # the pause slide's two clicks, the list's three
    clicks = on_clicks_per_page(tmp_path / "build-box.odp")
    assert sorted(c for c in clicks if c) == [2, 3]  # the box after a pause, the list in the tip
