"""The deck PDF (issue 14): `slidegen handout --layout deck` draws every slide of the deck model on a
page of its own, slide titles as bookmarks, text selectable and complete; `--notes` adds the speaker
notes (also those of a `::: notes` block); the three-slides-a-page handout uses the deck's colours."""
from __future__ import annotations

import subprocess

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from slidegen.build import build_deck, lesson_and_deck
from slidegen.model import plain_text
from slidegen.render_handout import render_handout, render_html
from slidegen.verify.deck_pdf import check_deck_pdf, page_count
from slidegen.verify.items import lesson_items

from conftest import CONTENT_LESSON, FIXTURES, ROOT

PRESENT = FIXTURES / "present"
TEMPLATES = ROOT / "templates"


def bookmarks(path) -> list[str]:
    with open(path, "rb") as f:
        return [title for _level, title, *_ in PDFDocument(PDFParser(f)).get_outlines()]


def deck_pdf(lesson_path, tmp_path, notes: bool = False):
    lesson, deck, _theme = lesson_and_deck(lesson_path, TEMPLATES)
    path = tmp_path / f"{lesson_path.stem}-deck.pdf"
    path.write_bytes(render_handout(lesson, deck, TEMPLATES, "deck", notes))
    return lesson, deck, path


@pytest.mark.slow
def test_content_lesson_deck_pdf_has_a_page_per_slide_titles_as_bookmarks_and_every_item(tmp_path):
    lesson, deck, path = deck_pdf(CONTENT_LESSON, tmp_path)
    assert page_count(path) == len(deck.slides)
    assert bookmarks(path) == [" ".join(plain_text(s.title).split()) for s in deck.slides]
    report = check_deck_pdf(lesson, path, lesson_items(lesson), len(deck.slides))
    assert report.ok, report.summary()


def test_pages_are_the_deck_size(tmp_path):
    _lesson, deck, path = deck_pdf(PRESENT / "build-pause.md", tmp_path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert f"Page size:       {deck.width:g} x {deck.height:g} pts" in info
    assert page_count(path) == len(deck.slides)


def test_text_is_selectable_and_builds_show_everything(tmp_path):
    _lesson, _deck, path = deck_pdf(PRESENT / "build-pause.md", tmp_path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for line in ("Read the question twice", "The answer waits for a click.", "And this line waits for one more."):
        assert line in text


def test_notes_go_under_their_slide(tmp_path):
    lesson, deck, path = deck_pdf(PRESENT / "notes.md", tmp_path, notes=True)
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    with_notes = [n for n, page in enumerate(pages) if "여기서 잠시 멈추고 질문을 받는다." in page]
    assert with_notes and "청중에게 보이는 문장입니다." in pages[with_notes[0]]
    assert "예시 하나를 더 든다" in pages[with_notes[0]]
    assert any("기존 방식의 노트도 그대로 쓴다." in page for page in pages)
    _lesson, _deck, plain = deck_pdf(PRESENT / "notes.md", tmp_path / "..", notes=False)
    assert "여기서 잠시" not in subprocess.run(["pdftotext", str(plain), "-"], capture_output=True, text=True).stdout


def test_notes_block_becomes_the_slides_notes(tmp_path):
    from pptx import Presentation

    prs = Presentation(build_deck(PRESENT / "notes.md", tmp_path, TEMPLATES))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert "여기서 잠시 멈추고 질문을 받는다.\n예시 하나를 더 든다" in notes


def test_section_slides_take_the_decks_colours_in_both_layouts():
    lesson, deck, theme = lesson_and_deck(CONTENT_LESSON, TEMPLATES)
    for layout in ("slides", "deck"):
        html = render_html(lesson, deck, TEMPLATES, layout)
        assert f"background: #{theme.colors['section_bg']}" in html
        assert f"color: #{theme.colors['section_text']}" in html


def test_the_command_writes_name_deck_pdf(tmp_path):
    from slidegen.cli import main

    assert main(["-q", "handout", "--layout", "deck", "--notes", str(PRESENT / "notes.md"), "-o", str(tmp_path)]) == 0
    path = tmp_path / "notes-deck.pdf"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "기존 방식의 노트도 그대로 쓴다." in text


def test_check_reads_the_deck_pdf_back_like_the_others(tmp_path):
    from slidegen.build import build_both, build_handout
    from slidegen.verify import check_outputs

    lesson = PRESENT / "build-pause.md"
    deck, handout = build_both(lesson, tmp_path, TEMPLATES)
    build_handout(lesson, tmp_path, TEMPLATES, "deck")
    (report,) = check_outputs([(lesson, deck, handout)], TEMPLATES).lessons
    assert [o.output for o in report.outputs] == ["deck", "handout", "deck pdf"]
    assert report.ok, report.lines()
