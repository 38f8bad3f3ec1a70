"""verify.items: the items a lesson model yields, built in the test (no parsing, no build)."""
from __future__ import annotations

from pathlib import Path

from slidegen.model import (
    Admonition,
    Code,
    Lesson,
    ListBlock,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Run,
    Section,
    SourcePos,
    Table,
    TableRow,
    ThematicBreak,
)
from slidegen.verify.items import Item, RowItem, lesson_items


def _pos(line: int, file: str = "l.md") -> SourcePos:
    return SourcePos(file, line)


def _runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def _lesson(blocks, source: Path = Path("l.md"), preamble=()) -> Lesson:
    section = Section(2, _runs("Part one"), _pos(3), tuple(blocks))
    return Lesson(source, "The title", "", "en", preamble=tuple(preamble), sections=(section,))


def test_title_headings_sentences_and_list_items_in_lesson_order():
    items, rows = lesson_items(_lesson(
        [Paragraph(_runs("First one. Second   one!"), _pos(5)),
         ListBlock(False, 1, (ListItem(_runs("an item"), (Paragraph(_runs("nested."), _pos(8)),), _pos(7)),), _pos(7)),
         ThematicBreak(_pos(9))],
        preamble=[Paragraph(_runs("Before."), _pos(2))]))
    assert [(i.kind, i.text, i.pos.line) for i in items] == [
        ("title", "The title", 1), ("sentence", "Before.", 2), ("heading", "Part one", 3),
        ("sentence", "First one.", 5), ("sentence", "Second one!", 5),
        ("list item", "an item", 7), ("sentence", "nested.", 8)]
    assert rows == []


def test_admonitions_quotes_and_notes():
    items, _rows = lesson_items(_lesson(
        [Admonition("tip", _runs("Mind this"), (Quote((Paragraph(_runs("Quoted."), _pos(6)),), _pos(6)),), _pos(5)),
         Notes("Say this aloud.", _pos(9))]))
    assert [(i.kind, i.text) for i in items[2:]] == [
        ("admonition title", "Mind this"), ("sentence", "Quoted."), ("note", "Say this aloud.")]
    assert items[-1].outputs == ("deck",) and items[0].outputs == ("deck", "handout")


def test_table_rows_carry_their_group_label():
    table = Table((_runs("Field"), _runs("Use")), (None, None),
                  (TableRow((_runs("Image"), _runs("draw")), _pos(6)),
                   TableRow((_runs(""), _runs("edit")), _pos(7), continues_group=True),
                   TableRow((_runs("Sound"), _runs("play")), _pos(8))), _pos(4))
    _items, rows = lesson_items(_lesson([table]))
    assert rows == [RowItem(("Field", "Use"), _pos(4)), RowItem(("Image", "draw"), _pos(6)),
                    RowItem(("", "edit"), _pos(7), "Image"), RowItem(("Sound", "play"), _pos(8))]
    assert rows[2].wanted == ("edit",)


def test_code_lines_start_below_a_fence(tmp_path):
    source = tmp_path / "l.md"
    source.write_text("# T\n\n## Part one\n```py\nx = 1\n\ny = 2\n```\n\n    indented\n", encoding="utf-8")
    blocks = [Code("x = 1\n\ny = 2\n", "py", _pos(4, str(source))), Code("indented\n", "", _pos(10, str(source)), fenced=False)]
    items, _rows = lesson_items(_lesson(blocks, source))
    assert [(i.text, i.pos.line) for i in items if i.kind == "code line"] == [("x = 1", 5), ("y = 2", 7),
                                                                              ("indented", 10)]


def test_a_lesson_whose_file_is_gone_still_lists_its_code():
    items, _rows = lesson_items(_lesson([Code("a\n", "", _pos(4))], Path("/nonexistent/l.md")))
    assert [(i.text, i.pos.line) for i in items if i.kind == "code line"] == [("a", 5)]  # below its fence


def test_missing_lines_quote_the_item_shortly():
    assert Item("sentence", "x" * 100, _pos(3)).missing_line() == f"l.md:3: missing sentence: {'x' * 79}…"
    assert RowItem(("a", " ", "b"), _pos(4)).missing_line() == "l.md:4: missing table row: a | b"
