"""mdBook's includes in code (the Rust book and its Korean translation): the code shows the file's
text, a line range or an anchor's part; nothing outside the book is read; Rust lines the book hides
are left out."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from slidegen.model import Code
from slidegen.parse import parse_file


@pytest.fixture
def book(tmp_path: Path) -> Path:
    (tmp_path / "book.toml").write_text("[book]\ntitle = 'b'\n")
    listing = tmp_path / "listings" / "ch01"
    listing.mkdir(parents=True)
    (listing / "main.rs").write_text("# use std::io;\nfn main() {\n    // ANCHOR: here\n    let x = 5;\n"
                                     "    // ANCHOR_END: here\n    println!(\"{x}\");\n}\n")
    (listing / "output.txt").write_text("$ cargo run\n   Compiling\nhello\n")
    (tmp_path / "src").mkdir()
    (tmp_path.parent / "secret.txt").write_text("not for slides\n")
    return tmp_path


def codes(book: Path, body: str) -> list[Code]:
    lesson = book / "src" / "lesson.md"
    lesson.write_text("## A\n\n" + body)
    return [b for b in parse_file(lesson).sections[0].blocks if isinstance(b, Code)]


def test_includes_show_the_file_its_lines_or_its_anchor(book):
    whole, lines, anchor, output = codes(book, (
        "```rust\n{{#rustdoc_include ../listings/ch01/main.rs}}\n```\n\n"
        "```rust,ignore\n{{#include ../listings/ch01/main.rs:2:2}}\n```\n\n"
        "```rust\n{{#include ../listings/ch01/main.rs:here}}\n```\n\n"
        "```console\n{{#include ../listings/ch01/output.txt}}\n```\n"))
    assert whole.text == 'fn main() {\n    let x = 5;\n    println!("{x}");\n}\n'  # the hidden `# ` line left out
    assert lines.language == "rust" and lines.text == "fn main() {\n"
    assert anchor.text == "    let x = 5;\n"
    assert output.text == "$ cargo run\n   Compiling\nhello\n"


def test_an_include_outside_the_book_or_missing_is_shown_as_written(book, caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    outside, missing, no_anchor = codes(book, (
        "```text\n{{#include ../../../secret.txt}}\n```\n\n```text\n{{#include nothing.txt}}\n```\n\n"
        "```rust\n{{#include ../listings/ch01/main.rs:nowhere}}\n```\n"))
    assert outside.text == "{{#include ../../../secret.txt}}\n" and "outside the lesson's site" in caplog.text
    assert missing.text == "{{#include nothing.txt}}\n" and "not found" in caplog.text
    assert "no anchor 'nowhere'" in caplog.text


def test_rust_lines_starting_with_a_hash_are_kept_outside_an_mdbook(tmp_path):
    lesson = tmp_path / "l.md"
    lesson.write_text("## A\n\n```rust\n# not hidden here\nfn main() {}\n```\n")
    (code,) = parse_file(lesson).sections[0].blocks
    assert code.text == "# not hidden here\nfn main() {}\n"


def test_the_file_name_above_a_listing_is_its_title(book):
    (code,) = codes(book, '<span class="filename">파일명: src/main.rs</span>\n\n```rust\nfn main() {}\n```\n')
    assert code.title == "파일명: src/main.rs"
    lesson = parse_file(book / "src" / "lesson.md")
    assert [type(b).__name__ for b in lesson.sections[0].blocks] == ["Code"]


def test_mkdocs_snippets_in_code_are_read_from_the_site_root(book):
    (code,) = codes(book, '```rust\n--8<-- "listings/ch01/main.rs:4:4"\n```\n')
    assert code.text == "    let x = 5;\n"
    (outside,) = codes(book, '```text\n--8<-- "../secret.txt"\n```\n')
    assert outside.text == '--8<-- "../secret.txt"\n'
