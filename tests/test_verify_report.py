"""verify.report: the findings told as text lines and JSON, from reports built in the test."""
from __future__ import annotations

import json

from slidegen.model import SourcePos
from slidegen.verify.items import Item, RowItem
from slidegen.verify.report import CheckReport, LessonReport, OutputReport, readable

SENTENCE = Item("sentence", "Lost.", SourcePos("l.md", 5))
ROW = RowItem(("a", "b"), SourcePos("l.md", 9))


def _deck(**values) -> OutputReport:
    return OutputReport("deck", "out/l.pptx", items=3, rows=2, **values)


def test_a_complete_deck_summary():
    report = _deck(invalid=[])
    assert report.ok and report.details() == []
    assert report.summary() == "deck 3/3 items, 2/2 table rows, 0 boxes overflowing, 0 Open XML errors (out/l.pptx)"


def test_a_deck_summary_counts_what_failed_and_details_name_it():
    report = _deck(missing=[SENTENCE], missing_rows=[ROW], overflow=["l.md:7: slide 2: box"], chars_outside=4,
                   outside=["out/l.pptx: slide 2: 4 chars outside: abcd"], invalid=["out/l.pptx: bad"])
    assert not report.ok
    assert report.summary() == ("deck 2/3 items, 1/2 table rows, 1 boxes overflowing, 4 chars outside, "
                                "1 Open XML errors (out/l.pptx)")
    assert report.details() == ["l.md:5: missing sentence: Lost.", "l.md:9: missing table row: a | b",
                                "l.md:7: slide 2: box", "out/l.pptx: slide 2: 4 chars outside: abcd", "out/l.pptx: bad"]


def test_a_handout_summary_has_no_deck_counts_and_hints_follow_their_item():
    report = OutputReport("handout", "out/l.pdf", items=3, missing=[SENTENCE], hints={SENTENCE: "no font"})
    assert report.summary() == "handout 2/3 items, 0/0 table rows (out/l.pdf)"
    assert report.details() == ["l.md:5: missing sentence: Lost. (no font)"]
    assert "overflow" not in report.as_json()


def test_an_error_is_the_whole_summary():
    report = OutputReport("deck", "x.pptx", error="x.pptx: not found")
    assert not report.ok and report.summary() == "deck x.pptx: not found"


def test_json_names_every_missing_item_and_row():
    data = _deck(missing=[SENTENCE], missing_rows=[ROW], hints={ROW: "why"}).as_json()
    assert data["missing"] == [
        {"kind": "sentence", "text": "Lost.", "file": "l.md", "line": 5, "hint": None},
        {"kind": "table row", "text": "a | b", "file": "l.md", "line": 9, "hint": "why"}]
    assert (data["present"], data["table_rows_present"], data["error"], data["open_xml_errors"]) == (2, 1, None, None)


def test_a_check_report_as_text_and_json():
    lessons = [LessonReport("a.md", [_deck(invalid=[]), OutputReport("handout", "out/a.pdf", missing=[SENTENCE], items=1)]),
               LessonReport("b.md", [_deck(), OutputReport("handout", "out/b.pdf")])]
    report = CheckReport(lessons)
    assert not report.ok and [r.ok for r in lessons] == [False, True]
    assert report.text().split("\n") == [
        "deck 3/3 items, 2/2 table rows, 0 boxes overflowing, 0 Open XML errors (out/l.pptx)",
        "handout 0/1 items, 0/0 table rows (out/a.pdf)", "  l.md:5: missing sentence: Lost.",
        "deck 3/3 items, 2/2 table rows, 0 boxes overflowing (out/l.pptx)", "handout 0/0 items, 0/0 table rows (out/b.pdf)"]
    doc = json.loads(report.text(as_json=True))
    assert doc["ok"] is False and [d["lesson"] for d in doc["lessons"]] == ["a.md", "b.md"]
    assert set(doc["lessons"][0]["outputs"]) == {"deck", "handout"}


def test_readable_checks_presence_and_kind(tmp_path):
    report = OutputReport("handout", str(tmp_path / "h.pdf"))
    assert not readable(tmp_path / "h.pdf", report, "slidegen handout") and "not found" in report.error
    (tmp_path / "h.pdf").write_bytes(b"%PDF-1.7")
    report = OutputReport("handout", str(tmp_path / "h.pdf"))
    assert readable(tmp_path / "h.pdf", report, "slidegen handout") and report.error == ""
