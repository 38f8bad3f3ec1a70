"""verify.handout: the text layer of a handout read back (lines built in the test, and one tiny PDF
written by WeasyPrint in the test) and compared with a lesson model built in the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from slidegen.model import Lesson, Paragraph, Run, Section, SourcePos
from slidegen.verify import check_handout, pdf_pages
from slidegen.verify.handout import (
    HandoutText,
    PdfLine,
    body_lines,
    reading_orders,
    utf8_from_cesu8,
)


def _line(top: float, text: str, x: float = 0.0, block: int = 0) -> PdfLine:
    return PdfLine(top, x, top * 800, block, ((x, top * 800, text),))


def _lesson(*sentences: str) -> Lesson:
    blocks = tuple(Paragraph((Run(s),), SourcePos("l.md", 5 + i)) for i, s in enumerate(sentences))
    return Lesson(Path("l.md"), "Title", "", "en", sections=(Section(2, (Run("Part"),), SourcePos("l.md", 3), blocks),))


@pytest.fixture(scope="module")
def tiny_pdf(tmp_path_factory) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path_factory.mktemp("handout") / "h.pdf"
    path.write_bytes(weasyprint.HTML(string="<h1>Title</h1><h2>Part</h2><p>Shown here.</p>").write_pdf())
    return path


def test_running_headers_and_page_numbers_are_dropped():
    pages = [[_line(0.1, "Title"), _line(0.5, "이 문장은 두"), _line(0.95, "1 / 2")],
             [_line(0.05, "Title"), _line(0.5, "페이지에 걸친다."), _line(0.95, "2 / 2")]]
    assert [[ln.text for ln in page] for page in body_lines(pages, "Title")] == [["Title", "이 문장은 두"], ["페이지에 걸친다."]]


def test_a_line_in_the_band_of_one_page_only_stays():
    pages = [[_line(0.05, "A heading near the top"), _line(0.5, "body")], [_line(0.5, "more")]]
    assert [len(page) for page in body_lines(pages, "Title")] == [2, 1]


def test_three_reading_orders():
    left = [PdfLine(0.2, 10.0, 100.0, 0, ((10.0, 100.0, "a1"),)), PdfLine(0.3, 10.0, 120.0, 0, ((10.0, 120.0, "a2"),))]
    right = [PdfLine(0.2, 300.0, 100.0, 1, ((300.0, 100.0, "b1"),))]
    flow, rows, columns = reading_orders([[*right, *left]])
    assert (flow, rows, columns) == ("b1a1a2", "a1b1a2", "a1a2b1")


def test_handout_text_has_a_needle_in_any_reading():
    assert HandoutText(1, ("abc", "xyz")).has("yz") and not HandoutText(1, ("abc",)).has("cx")


def test_cesu8_surrogates_become_one_character():
    assert utf8_from_cesu8("😀".encode()) == "😀"
    assert utf8_from_cesu8(b"\xed\xa0\xbd\xed\xb8\x80") == "😀"
    assert utf8_from_cesu8(b"ok \xff") == "ok \ufffd"


def test_pdf_pages_reads_a_pdf(tiny_pdf):
    pages = pdf_pages(tiny_pdf)
    assert len(pages) == 1 and [line.text for line in pages[0]] == ["Title", "Part", "Shown here."]
    assert all(0 < line.top < 1 for line in pages[0])


def test_check_handout_names_what_the_handout_lacks(tiny_pdf):
    report = check_handout(_lesson("Shown here.", "Not shown."), tiny_pdf)
    assert (report.items, report.rows) == (4, 0)
    assert [(i.text, i.pos.line) for i in report.missing] == [("Not shown.", 6)]
    assert report.hints == {} and not report.ok


@pytest.mark.parametrize(("content", "error"), [(None, "not found (build it first: slidegen handout LESSON -o "),
                                                (b"PK\x03\x04", "not a PDF file"),
                                                (b"%PDF-1.7 broken", "its text cannot be read")])
def test_an_unreadable_handout_is_an_error_not_a_crash(tmp_path, content, error):
    path = tmp_path / "h.pdf"
    if content is not None:
        path.write_bytes(content)
    report = check_handout(_lesson(), path)
    assert error in report.error and not report.ok


def test_a_table_row_near_the_bottom_is_body_text_not_a_footer():
    from slidegen.verify.handout import PdfLine, body_lines

    def line(top, text):
        return PdfLine(top, 50.0, top * 842, 0, ((50.0, top * 842, text),))

    pages = [[line(0.5, "Body"), line(0.91, "3"), line(0.93, "Quiz 1"), line(0.96, "1")],
             [line(0.5, "More"), line(0.96, "2")]]
    kept = [[ln.text for ln in page] for page in body_lines(pages, "Lesson")]
    assert kept == [["Body", "3", "Quiz 1"], ["More"]]


def test_direction_marks_are_ignored():
    from slidegen.verify.text import norm

    assert norm("\u200fשלום\u200e abc") == norm("שלום abc")


def test_a_raised_or_lowered_script_reads_on_its_line():
    """A deck PDF's H₂O and n² at slide sizes sit 5 pt off their line: the physical reading cut them off."""
    from slidegen.verify.handout import _physical_lines

    words = ((10, 100, "H", 124), (22, 108, "2", 120), (30, 100, "O", 124), (60, 100, "and n", 124),
             (110, 95, "2", 107), (130, 100, "next", 124), (10, 140, "Second line", 164))
    page = [PdfLine(0.2, 10, 100, 0, words)]
    assert _physical_lines(page) == "H 2 O and n 2 next Second line"
