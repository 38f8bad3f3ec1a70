"""`-o` names the output folder, or (as pandoc's `-o`) the output file of one lesson."""
from __future__ import annotations

from pptx import Presentation

from slidegen.cli import EXIT_OK, EXIT_USAGE, main

LESSON = "# Tiny\n\n## Part\n\nOne sentence.\n"


def lesson_in(tmp_path):
    path = tmp_path / "tiny.md"
    path.write_text(LESSON, encoding="utf-8")
    return path


def test_o_with_a_deck_name_writes_that_file(tmp_path):
    lesson = lesson_in(tmp_path)
    assert main(["-q", "slides", str(lesson), "-o", str(tmp_path / "out" / "talk.pptx")]) == EXIT_OK
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["talk.pptx"]
    assert Presentation(tmp_path / "out" / "talk.pptx").slides[0].shapes.title.text == "Tiny"


def test_o_with_a_folder_writes_the_lesson_name_into_it(tmp_path):
    lesson = lesson_in(tmp_path)
    assert main(["-q", "slides", str(lesson), "-o", str(tmp_path / "out")]) == EXIT_OK
    assert (tmp_path / "out" / "tiny.pptx").is_file()


def test_o_naming_a_file_takes_one_lesson(tmp_path, capsys):
    lesson = lesson_in(tmp_path)
    assert main(["slides", str(lesson), str(lesson), "-o", str(tmp_path / "talk.pptx")]) == EXIT_USAGE
    assert "names one file" in capsys.readouterr().err
    assert main(["build", str(lesson), "-o", str(tmp_path / "talk.pdf")]) == EXIT_USAGE
    assert main(["watch", str(lesson), "-o", str(tmp_path / "talk.pptx")]) == EXIT_USAGE
    assert not (tmp_path / "talk.pptx").exists() and not (tmp_path / "talk.pdf").exists()


def test_o_with_a_handout_name_writes_that_pdf(tmp_path):
    lesson = lesson_in(tmp_path)
    assert main(["-q", "handout", str(lesson), "-o", str(tmp_path / "notes.pdf")]) == EXIT_OK
    assert (tmp_path / "notes.pdf").read_bytes().startswith(b"%PDF")
