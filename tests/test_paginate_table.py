"""Tables with the half-em fake face: at 10 pt a character is 5 pt; cells have 5 pt of padding on
each side and columns ask 4% more than their text (`column_widths`)."""
from __future__ import annotations

import pytest
from test_metrics import POS, fake_metrics

from slidegen.model import Box, Run, SourcePos, Table, TableFrame, TableRow
from slidegen.paginate import table
from slidegen.paginate.flow import Flow


def row(*cells: str, line: int = 1) -> TableRow:
    return TableRow(tuple((Run(c),) if c else () for c in cells), SourcePos("lesson.md", line), continues_group=not cells[0])


def make(*rows: TableRow, header=("a", "b")) -> Table:
    return Table(tuple((Run(h),) for h in header), (None,) * len(header), rows, POS)


TWO_COLUMNS = make(row("aaaa bbbb", "cc"))
# column 1: widest word 20 pt, whole text 45 pt; column 2: 10 pt; each + 10 pt padding, words x 1.04
LEAST, NATURAL = [10 + 20 * 1.04, 10 + 10 * 1.04], [10 + 45 * 1.04, 10 + 10 * 1.04]


def test_columns_share_a_wide_table_in_proportion_to_their_text():
    widths = table.column_widths(fake_metrics(), TWO_COLUMNS, 200, 10.0)
    assert widths == pytest.approx([w * 200 / sum(NATURAL) for w in NATURAL])


def test_spare_width_goes_to_the_columns_whose_text_would_wrap():
    spare = 70 - sum(LEAST)  # 70 pt: more than the widest words need, less than the whole texts
    assert table.column_widths(fake_metrics(), TWO_COLUMNS, 70, 10.0) == pytest.approx([LEAST[0] + spare, LEAST[1]])


def test_a_column_asks_for_no_more_than_a_third_of_the_table():
    url = make(row("a" * 40, "cc"))  # a 200 pt word: capped at 10 + 300 / 3, the rest goes to column 2
    widths = table.column_widths(fake_metrics(), url, 300, 10.0)
    assert widths[0] == pytest.approx(110 * 300 / (110 + NATURAL[1]))


def test_columns_too_narrow_for_their_words_are_refused_unless_forced():
    m = fake_metrics()
    least = [10 + 40 / 3, LEAST[1]]  # 40 pt wide: the first column's 20 pt word is capped at a third
    assert table.column_widths(m, TWO_COLUMNS, 40, 10.0) is None
    assert table.column_widths(m, TWO_COLUMNS, 40, 10.0, force=True) == pytest.approx([40 * w / sum(least) for w in least])


def test_fit_table_takes_the_largest_size_that_fits_the_width_and_room():
    m = fake_metrics()
    sizes = (16.0, 14.0, 12.0, 10.0)
    # 46 pt wide (columns capped at 25.3 pt): the least widths are 50.7, 49.9, 47.8 and 45.7 pt
    assert table.fit_table(m, TWO_COLUMNS, 46, sizes).size == 10.0
    assert table.fit_table(m, TWO_COLUMNS, 200, sizes).size == 16.0
    # at 16 pt the table is two rows of one line (16 + 1 pt each); 30 pt of room needs a smaller size…
    assert table.fit_table(m, TWO_COLUMNS, 200, sizes, room=30).size == 14.0
    # …and when no size fits the room, the largest that fits the width
    assert table.fit_table(m, TWO_COLUMNS, 200, sizes, room=5).size == 16.0
    too_wide = table.fit_table(m, TWO_COLUMNS, 40, sizes)
    assert too_wide.too_wide and too_wide.size == 10.0


def test_a_row_with_an_empty_first_cell_belongs_to_the_group_above():
    t = make(row("x", "1"), row("", "2"), row("y", "3"))
    assert table.table_groups(t) == [[0, 1], [2]]
    assert table.split_points(t, (10, 10, 10), room=30) == [[0, 1], [2]]
    assert table.split_points(t, (10, 10, 10), room=15) == [[0], [1], [2]]  # a group taller than a slide


def test_split_takes_the_leading_groups_that_fit():
    groups = [[0, 1], [2], [3]]
    assert table.split(groups, (10, 10, 10, 10), room=25) == [0, 1]
    assert groups == [[2], [3]]


def test_a_long_table_repeats_its_header_and_the_label_of_a_split_group():
    t = make(row("x", "1"), row("", "2"), row("", "3"), row("", "4"), row("y", "5"))
    f = Flow(fake_metrics(), Box(0, 0, 200, 70), 10.0, lambda image: "")
    table.place(f, t)  # at 16 pt each row is 17 pt: the header and three rows to a slide
    pieces = [frame for page in f.pages for frame in page.frames if isinstance(frame, TableFrame)]
    assert [[r.cells[1][0].text for r in piece.rows] for piece in pieces] == [["1", "2", "3"], ["4", "5"]]
    assert all(piece.header == t.header for piece in pieces)
    label = pieces[1].rows[0].cells[0]
    assert label == (Run("x", italic=True),) and not pieces[1].rows[0].continues_group
    assert table.height(table.fit_table(fake_metrics(), t, 200, (16.0,)), [0, 1]) == 3 * 17
