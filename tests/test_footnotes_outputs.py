"""Footnotes read back from both outputs: on a slide, the note of each mark is in the slide's
'Footnotes' box at its foot (above the footer, below everything else) and no other slide repeats
it; in the handout, the page that holds a note's first mark holds the note too, numbered alike;
`slidegen check` counts each note as an item of both outputs; the decks reopen and validate."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from slidegen.build import build_both
from slidegen.parse import parse_file
from slidegen.verify.items import lesson_items
from slidegen.verify.openxml import open_xml_errors
from slidegen.verify.text import norm

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
FOOTNOTE_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "footnotes").glob("*.md"))
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module", params=FOOTNOTE_FIXTURES, ids=lambda p: p.name)
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("footnotes")
    deck, handout = build_both(request.param, out, TEMPLATES)
    return request.param, deck, handout


def note_texts(lesson_path: Path) -> dict[str, str]:
    """Each note's number and normalized text, from the parsed lesson."""
    from slidegen.paginate.footnotes import marks_in
    from slidegen.model import plain_text

    lesson = parse_file(lesson_path)
    return {mark.text: norm(plain_text(mark.note)) for mark in marks_in(lesson)}


def slide_marks(slide) -> set[str]:
    """The numbers of the footnote marks in the slide's text (not in its Footnotes box)."""
    marks: set[str] = set()
    for shape in slide.shapes:
        if shape.name == "Footnotes":
            continue
        for run in shape._element.iter(f"{A}r"):
            props, text = run.find(f"{A}rPr"), run.findtext(f"{A}t") or ""
            if props is not None and props.get("baseline") == "30000" and text.isdigit():
                marks.add(text)
    return marks


def footnotes_box(slide):
    return next((shape for shape in slide.shapes if shape.name == "Footnotes"), None)


def test_each_note_is_on_the_slide_of_its_mark_and_nowhere_else(built):
    lesson, deck_path, _ = built
    notes = note_texts(lesson)
    deck = Presentation(str(deck_path))
    shown_on: dict[str, list[int]] = {}
    for number, slide in enumerate(deck.slides, start=1):
        marks, box = slide_marks(slide), footnotes_box(slide)
        if not marks:
            assert box is None, f"slide {number} shows notes but refers to none"
            continue
        box_text = norm(box.text_frame.text)
        for mark in marks:
            assert notes[mark] in box_text, f"slide {number}: note {mark} is not at its foot"
            shown_on.setdefault(mark, []).append(number)
        others = set(notes) - marks
        assert not [n for n in others if notes[n] in box_text], f"slide {number} shows a note it does not refer to"
        assert all(s.top + s.height <= box.top for s in slide.shapes
                   if s is not box and s.top < box.top), f"slide {number}: content runs into the notes"
    assert set(shown_on) == set(notes)


def test_handout_page_of_a_first_mark_holds_its_note(built):
    from slidegen.verify.handout import pdf_pages

    lesson, _, handout = built
    notes = note_texts(lesson)
    pages = [norm(" ".join(line.text for line in page)) for page in pdf_pages(handout)]
    for number, text in notes.items():
        holding = [i for i, page in enumerate(pages) if f"{number}.{text}" in page]
        assert holding, f"note {number} is not at the foot of any page"


def test_check_counts_notes_in_both_outputs(built):
    from slidegen.verify.deck import check_deck
    from slidegen.verify.handout import check_handout

    lesson_path, deck, handout = built
    lesson = parse_file(lesson_path)
    wanted = lesson_items(lesson)
    footnotes = [item for item in wanted.items if item.kind == "footnote"]
    assert len(footnotes) >= len(note_texts(lesson_path))
    assert all(item.outputs == ("deck", "handout") for item in footnotes)
    for report in (check_deck(lesson, deck, wanted), check_handout(lesson, handout, wanted)):
        assert report.ok, report.missing
    assert not open_xml_errors(deck)


def test_check_misses_a_note_the_deck_does_not_show(built, tmp_path):
    from slidegen.verify.deck import check_deck

    lesson_path, deck_path, _ = built
    deck = Presentation(str(deck_path))
    for slide in deck.slides:
        box = footnotes_box(slide)
        if box is not None:
            box._element.getparent().remove(box._element)
    deck.save(str(tmp_path / "no-notes.pptx"))
    lesson = parse_file(lesson_path)
    missing = check_deck(lesson, tmp_path / "no-notes.pptx").missing
    assert missing and all(item.kind == "footnote" for item in missing)
