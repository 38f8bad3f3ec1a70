"""Reading a lesson file (`read_source`, `parse_file`): encodings, BOM, line ends, the size limit, and
Unicode normalisation in `parse_text`. Files are written to a temporary folder."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from slidegen.errors import LessonError
from slidegen.parse import MAX_LESSON_BYTES, parse_file, parse_text, read_source


def write(tmp_path: Path, data: bytes, name: str = "l.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [
    b"# T\n\nline\n", b"\xef\xbb\xbf# T\n\nline\n", b"# T\r\n\r\nline\r\n", b"# T\r\rline\r",
])
def test_bom_and_any_line_ends_read_as_plain_lf_text(tmp_path, data):
    assert read_source(write(tmp_path, data)) == "# T\n\nline\n"


def test_invalid_utf8_names_its_line_and_byte(tmp_path):
    path = write(tmp_path, b"# T\n\nok\n\xff bad\n")
    with pytest.raises(LessonError, match=r"l\.md:4: not valid UTF-8 \(byte 0xff\)"):
        read_source(path)


def test_a_lesson_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path):
    path = write(tmp_path, b"x" * 101)
    with pytest.raises(LessonError, match=r"l\.md:1: the lesson is 101 bytes, over the limit of 100"):
        read_source(path, max_bytes=100)
    with pytest.raises(LessonError, match="over the limit"):
        parse_file(path, max_bytes=100)
    assert parse_file(path, max_bytes=101).title == "L"
    assert MAX_LESSON_BYTES == 2 * 1024 * 1024


def test_a_missing_file_is_a_lesson_error(tmp_path):
    with pytest.raises(LessonError, match="cannot read the lesson"):
        read_source(tmp_path / "none.md")


def test_parse_file_reads_the_file_it_names(tmp_path):
    path = write(tmp_path, "---\ntitle: 제목\n---\n\n## 부분\n".encode())
    lesson = parse_file(path)
    assert (lesson.source, lesson.title, lesson.sections[0].pos.file) == (path, "제목", str(path))


def test_text_is_nfc_normalised_and_a_leading_bom_dropped():
    decomposed = unicodedata.normalize("NFD", "## 한글 café\n")
    lesson = parse_text("\ufeff" + decomposed, Path("t.md"))
    assert lesson.sections[0].title_text == "한글 café" and lesson.sections[0].pos.line == 1
