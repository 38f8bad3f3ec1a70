"""Hostile or careless lessons (issue 18, findings 1 and 3): each builds, or fails with `file:line`, a
non-zero exit and no traceback, quickly; and `slidegen check` reads what was built in linear time.

The causes that lie in modules this file's author did not own are strict xfails that name the cause."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from slidegen.build import build_both
from slidegen.model import Table, TableFrame, TableRow, SourcePos, Run
from slidegen.paginate.table import column_parts
from slidegen.verify import check_outputs
from slidegen.verify.deck import RowIndex, TextSearch, found_in, row_found
from slidegen.verify.items import RowItem

from conftest import ROOT

SLIDEGEN = ROOT / ".venv" / "bin" / "slidegen"
TEMPLATES = ROOT / "templates"
HEAD = "---\ntitle: Hostile\n---\n\n# Hostile\n\n## Part\n\n"


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(HEAD + body + "\n", encoding="utf-8")
    return path


def slidegen(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(SLIDEGEN), "-q", *map(str, args)], capture_output=True, text=True, timeout=timeout)


def output_report(report, output: str):
    return next(o for o in report.lessons[0].outputs if o.output == output)


def wide_table(columns: int) -> str:
    return ("| " + " | ".join(f"c{i}" for i in range(columns)) + " |\n|" + "---|" * columns + "\n"
            + "| " + " | ".join(f"v{i}" for i in range(columns)) + " |")


# ------------------------------------------------------------------------------- finding 3: 200 columns


def _cells(*texts) -> tuple:
    return tuple((Run(t),) for t in texts)


def test_a_table_too_wide_for_a_slide_is_cut_into_column_parts_repeating_its_first_column():
    pos = SourcePos("t.md", 1)
    table = Table(_cells("k", "a", "b", "c", "d"), (None,) * 5, (TableRow(_cells("r", "1", "2", "3", "4"), pos),), pos)
    parts = column_parts(table, 3)
    assert [[c[0].text for c in part.header] for part in parts] == [["k", "a", "b"], ["k", "c", "d"]]
    assert [[c[0].text for c in part.rows[0].cells] for part in parts] == [["r", "1", "2"], ["r", "3", "4"]]
    assert column_parts(table, 5) == [table]


@pytest.mark.slow  # a lesson of hostile size: make test, not the edit loop
def test_a_table_of_200_columns_builds_and_every_row_is_found_in_the_deck(tmp_path, caplog):
    lesson = write(tmp_path, "wide", wide_table(200))
    deck, handout = build_both(lesson, tmp_path, TEMPLATES)
    from slidegen.build import lesson_and_deck

    _lesson, model, _theme = lesson_and_deck(lesson, TEMPLATES)
    tables = [f for s in model.slides for f in s.frames if isinstance(f, TableFrame)]
    assert len(tables) > 1 and all(min(f.row_heights) > 0 and min(f.col_widths) > 0 for f in tables)
    assert any("table of 200 columns is too wide for a slide" in r.getMessage() for r in caplog.records)
    deck_report = output_report(check_outputs([(lesson, deck, handout)], TEMPLATES), "deck")
    assert deck_report.ok and deck_report.rows == 2, deck_report.missing_rows


@pytest.mark.slow  # a lesson of hostile size: make test, not the edit loop
def test_a_table_of_200_columns_is_whole_in_the_handout(tmp_path):
    lesson = write(tmp_path, "wide", wide_table(200))
    deck, handout = build_both(lesson, tmp_path, TEMPLATES)
    assert output_report(check_outputs([(lesson, deck, handout)], TEMPLATES), "handout").ok
    text = subprocess.run(["pdftotext", "-layout", str(handout), "-"], capture_output=True, text=True).stdout
    headers = [line.split() for line in text.splitlines() if line.split()[:1] == ["c0"]]
    values = [line.split() for line in text.splitlines() if line.split()[:1] == ["v0"]]
    assert len(headers) == len(values) > 1  # in parts, each repeating the key column and the header
    assert [c for part in headers for c in part[1:]] == [f"c{i}" for i in range(1, 200)]
    assert [v for part in values for v in part[1:]] == [f"v{i}" for i in range(1, 200)]
    assert "Columns 1–" in text and f"of 200 (part {len(headers)} of {len(headers)})" in text


def test_a_table_that_fits_the_handout_page_is_one_part_and_a_wide_one_is_cut_in_order():
    from slidegen.handout_tables import LOOK, table_parts

    pos = SourcePos("t.md", 1)
    narrow = Table(_cells("k", "a", "b"), (None,) * 3, (TableRow(_cells("r", "1", "2"), pos),), pos)
    assert [p.table for p in table_parts(narrow)] == [narrow]
    wide = Table(_cells(*(f"head{i}" for i in range(60))), (None,) * 60,
                 (TableRow(_cells(*(f"value{i}" for i in range(60))), pos),), pos)
    parts = table_parts(wide)
    assert len(parts) > 1 and all(p.table.header[0] == wide.header[0] for p in parts)
    assert [c for p in parts for c in p.table.header[1:]] == list(wide.header[1:])
    assert [(p.first, p.last) for p in parts][0][0] == 1 and parts[-1].last == 60
    assert len(table_parts(wide, LOOK.text_width / 2)) > len(parts)  # inside a box or a list: narrower


def test_the_handout_table_look_matches_the_stylesheet():
    import re

    from slidegen.handout_tables import LOOK, MM

    css = (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")
    assert re.search(r"@page \{\s*size: A4;\s*margin: 25mm 20mm 22mm 20mm;", css)
    assert abs(LOOK.text_width - 170 * MM) < 0.01
    assert re.search(r"table\.lesson-table \{[^}]*font-size: 9pt;", css)
    assert re.search(r"\.lesson-table td \{[^}]*padding: 1\.3mm 2mm;", css)


@pytest.mark.slow  # a lesson of hostile size: make test, not the edit loop
def test_a_word_of_200000_characters_in_the_handout_costs_linear_time(tmp_path):
    """WeasyPrint lays the rest of a word out again at each line it breaks it: 16 minutes for 200,000
    characters before `render_handout.huge_word` set it in pieces. Timed without the deck (whose
    pagination of such a word is the deck test's)."""
    from slidegen.parse import parse_file
    from slidegen.render_handout import render_handout

    lesson = parse_file(write(tmp_path, "word", "x" * scaled(200000) + "\n\n| a | b |\n|---|---|\n| k | "
                              + "y" * scaled(8000) + " |"))
    started = time.perf_counter()
    pdf = tmp_path / "word.pdf"
    pdf.write_bytes(render_handout(lesson, None, TEMPLATES))
    assert time.perf_counter() - started < SECONDS
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("x") == scaled(200000) and text.count("y") == scaled(8000) and "\u200b" not in text


def test_a_row_shown_in_column_parts_is_found_and_a_broken_one_is_not():
    row = RowItem(("k", "a", "b", "c"), SourcePos("t.md", 1))
    assert row_found(row, [("k", "a"), ("x", "y"), ("k", "b", "c")])
    assert not row_found(row, [("k", "a"), ("k", "c", "b")])
    assert row_found(row, RowIndex([("k", "a", "b", "c")]))


def test_a_symlink_loop_under_the_content_folder_is_a_warning(tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    lesson = write(tmp_path, "loop", "![a picture](loop1/x.png)\n\n![another](loop2)")
    run = slidegen("slides", lesson, "-o", tmp_path)
    assert run.returncode == 0 and "internal error" not in run.stderr, run.stderr
    assert (tmp_path / "loop.pptx").is_file()


def test_a_lesson_that_is_a_symlink_loop_is_a_clear_error(tmp_path):
    lesson = tmp_path / "self.md"
    lesson.symlink_to(lesson)
    run = slidegen("slides", lesson, "-o", tmp_path)
    assert run.returncode == 1 and f"{lesson}: cannot read the lesson" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr


# ------------------------------------------------------------------------------ the checker's text search


def test_a_sentence_over_many_slides_is_found_in_linear_time():
    sentence = "".join(f"w{i}" for i in range(20000))
    pieces = [sentence[i:i + 2000] for i in range(0, len(sentence), 2000)]
    started = time.perf_counter()
    assert found_in(sentence, ["Title", *pieces, "Footer"])
    assert not found_in(sentence + "x", ["Title", *pieces])
    assert time.perf_counter() - started < 1.0


def test_titles_between_the_pieces_of_a_continued_paragraph_are_skipped():
    search = TextSearch(["Part", "onetwo", "Part(continued)", "three"], flow=["onetwo", "three"])
    assert search.has("twothree") and search.has("Part(continued)") and not search.has("twoPart")


def test_many_items_are_found_in_linear_time():
    segments = [f"item{i}" for i in range(100000)]
    search = TextSearch(segments)
    started = time.perf_counter()
    assert all(search.has(s) for s in segments) and search.has("item5")
    assert time.perf_counter() - started < 2.0


def test_many_unclosed_html_comments_cost_linear_time_in_the_html_reader():
    from slidegen.parse.html_text import TextExtractor

    started = time.perf_counter()
    extractor = TextExtractor()
    extractor.feed("<div>" + "<!--" * 40000)
    extractor.close()
    assert time.perf_counter() - started < 2.0 and extractor.text().count("<!--") == 40000


@pytest.mark.parametrize("block", ["<A " * 40000, '<A x="' * 40000, "<A x={" * 40000 + ">", "</A " * 40000])
def test_many_tags_that_never_close_cost_linear_time_in_the_html_reader(block):
    """Python's HTML parser rescans the rest of the block for every `<` whose tag has no `>` after it
    (5 s for 5,000 of them, an hour for 100,000): such a `<` is text before the parser sees it."""
    from slidegen.parse.html_text import TextExtractor
    from slidegen.parse.jsx_scan import plain_tags

    started = time.perf_counter()
    extractor = TextExtractor()
    extractor.feed(plain_tags(block))
    extractor.close()
    assert time.perf_counter() - started < 2.0 and extractor.text().count("A") == 40000


def test_many_blank_lines_cost_linear_time_in_the_mdx_readers():
    from slidegen.parse.mdx import imported_pictures, without_mdx_comments

    text = "\n" * 100000 + "{/* a */}\n" * 1000 + "import A from './a.png'\n"
    started = time.perf_counter()
    assert imported_pictures(without_mdx_comments(text)) == {"A": "./a.png"}
    assert time.perf_counter() - started < 2.0


# ------------------------------------------------------------------------ finding 1: hostile lessons, built

# The sizes of issue 18's lessons times SCALE (SLIDEGEN_HOSTILE_SCALE=1 builds them at full size, each
# within the 60 s and 1 GB budget); at the default a quarter of it, within a quarter of the time.
SCALE = float(os.environ.get("SLIDEGEN_HOSTILE_SCALE", "0.25"))
SECONDS = max(60 * SCALE, 5)


def scaled(n: int) -> int:
    return max(1, int(n * SCALE))


HOSTILE = {
    "runs of <": lambda: "<" * scaled(50000),
    "runs of <a": lambda: "<a" * scaled(25000),
    "runs of [": lambda: "[" * scaled(50000),
    "runs of [a](": lambda: "[a](" * scaled(12500),
    "runs of backticks": lambda: "`" * scaled(50000),
    "runs of |": lambda: "|" * scaled(50000),
    "runs of <!": lambda: "<!" * scaled(25000),
    "runs of {": lambda: "{" * scaled(50000),
    "runs of _": lambda: "_" * scaled(50000),
    "only images": lambda: " ".join(f"![alt {i}](img{i}.png)" for i in range(scaled(2500))),
    "only <br/>": lambda: "<br/>" * scaled(10000),
    "mdx import lines": lambda: "\n".join(f"import X{i} from './x{i}'" for i in range(scaled(1600))),
    "mdx export lines": lambda: "\n".join(f"export const a{i} = {{b: {i}}}" for i in range(scaled(1600))),
    "an import of many names": lambda: "import " + "{a, " * scaled(12500),
    "long attribute list": lambda: "<div " + " ".join(f'a{i}="v{i}"' for i in range(scaled(5000))) + ">x</div>",
    "runs of an unclosed component": lambda: "<A " * scaled(100000),  # html.parser rescans per `<`
    "runs of an unclosed attribute quote": lambda: '<A x="' * scaled(100000),
    "runs of an unclosed jsx expression": lambda: "<A x={" * scaled(50000) + ">",
    "runs of an unclosed jsx comment": lambda: "<A x={/*" * scaled(50000),
    "long jsx attribute list": lambda: "<Tabs " + " ".join(f"a{i}={{{i}}}" for i in range(scaled(5000))) + ">x</Tabs>",
    "many nested quotes": lambda: ">" * 1000 + " a",
    "a deeply nested list": lambda: "\n".join("  " * i + "- a" for i in range(scaled(1000))),
    "nested boxes": lambda: ":::note\n" * 500 + "x\n" + ":::\n" * 500,
    "box components nested 3000 deep": lambda: "<Tip>\n\n" * 3000 + "x\n\n" + "</Tip>\n\n" * 3000,  # 20 s before
    "many blank lines": lambda: "\n" * scaled(200000) + "x",  # mdx.imported_pictures rescanned them per line
    "box components never closed": lambda: "<Note>\n\n" * scaled(30000) + "x",
    "a formula nested 5000 deep": lambda: "$" + r"\frac{" * 5000 + "x" + "}{y}" * 5000 + "$",  # math-core's stack
    "runs of {%": lambda: "{%" * scaled(25000),
    "a long fence info": lambda: "```" + "a" * scaled(50000) + "\ncode\n```",
    "combining marks": lambda: "e" + "\u0301" * scaled(50000),
    "nested emphasis": lambda: "*a **b. " * scaled(7000),
    "a table of 200 columns": lambda: wide_table(200),
    "many distinct characters": lambda: " ".join(chr(c) for c in range(0x3400, 0x3400 + scaled(6000))),
    "runs of <!--": lambda: "<!--" * scaled(50000),  # 15 s at full size: parse/html_blocks._COMMENT, see the report
    "a paragraph of many runs": lambda: "{/*" * scaled(16000),  # once runs x slides: paginate/runs.RunCuts
    "one word of 200,000 characters": lambda: "x" * scaled(200000),
    "a line of a million characters": lambda: ("word " * scaled(200000))[: scaled(1_000_000)],
    "many sections": lambda: "\n\n".join(f"## h{i}\n\ntext" for i in range(scaled(5000))),  # render_pptx/parts.py
    "a long code block": lambda: "```\n" + "x = 1\n" * scaled(20000) + "```",  # model.Code.lines split once
}

def hostile_params():
    return [pytest.param(name, make, id=name) for name, make in HOSTILE.items()]


def assert_clear(run: subprocess.CompletedProcess, lesson: Path) -> None:
    """No traceback, not stopped by a budget, and a failure names the lesson (check reports on stdout)."""
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr[-1500:]
    assert "--max-seconds" not in run.stderr and "--max-memory" not in run.stderr, run.stderr[-500:]
    if run.returncode:
        assert run.returncode in (1, 3) and f"{lesson}" in run.stderr + run.stdout, run.stderr[-500:]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "make"), hostile_params())
def test_a_hostile_lesson_builds_a_deck_or_fails_clearly_within_the_budget(name, make, tmp_path):
    lesson = write(tmp_path, "hostile", make())
    run = slidegen("--max-seconds", SECONDS, "--max-memory", 1024, "slides", lesson, "-o", tmp_path,
                   timeout=SECONDS + 30)
    assert_clear(run, lesson)
    assert run.returncode == 0 and (tmp_path / "hostile.pptx").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["many distinct characters", "nested emphasis", "only images", "only <br/>"])
def test_a_hostile_lesson_builds_a_handout_and_check_reads_both_within_the_budget(name, tmp_path):
    lesson = write(tmp_path, "hostile", HOSTILE[name]())
    for command in ("slides", "handout"):
        run = slidegen("--max-seconds", SECONDS, "--max-memory", 1024, command, lesson, "-o", tmp_path,
                       timeout=SECONDS + 30)
        assert_clear(run, lesson)
    started = time.perf_counter()
    run = slidegen("check", lesson, "-o", tmp_path, timeout=SECONDS + 30)
    assert_clear(run, lesson)
    assert time.perf_counter() - started < SECONDS and "Open XML errors" in run.stdout


def test_a_huge_picture_file_is_not_read(tmp_path, monkeypatch, caplog):
    """A picture over the size cap is shown as its alt text with a warning, never read whole."""
    from slidegen.build import build_deck
    from slidegen.parse import images

    monkeypatch.setattr(images, "MAX_PICTURE_BYTES", 1000)
    (tmp_path / "big.png").write_bytes(b"\x89PNG" + b"\0" * 5000)
    lesson = write(tmp_path, "big", "![a very large chart](big.png)")
    build_deck(lesson, tmp_path / "out", ROOT / "templates")
    assert any("larger than" in r.getMessage() for r in caplog.records)


# ------------------------------------------------------------------------- an embedded data: picture


def test_shown_address_names_an_embedded_picture_and_cuts_a_long_address():
    from slidegen.model import SHOWN_ADDRESS_CHARS, shown_address

    assert shown_address("data:image/png;base64," + "A" * 4096) == "data:image/png (3 KB embedded)"
    assert len(shown_address("https://e.com/" + "x" * 5000)) == SHOWN_ADDRESS_CHARS
    assert shown_address("img/a.png") == "img/a.png"


def test_a_large_data_picture_is_named_not_spelled_out_in_the_warning_and_the_handout(tmp_path):
    """A 100 KB `data:` address once reached the handout as one 100,000-character word (50 s of line
    breaking in WeasyPrint) and the warning printed all of it."""
    lesson = write(tmp_path, "data-picture", "![a chart](data:image/png;base64," + "A" * 100_000 + ")")
    done = subprocess.run([str(SLIDEGEN), "handout", str(lesson), "-o", str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "data:image/png (73 KB embedded)" in done.stderr and len(done.stderr) < 2000
    text = subprocess.run(["pdftotext", str(tmp_path / "data-picture.pdf"), "-"], capture_output=True, text=True).stdout
    assert "AAAAAAAAAA" not in text and "a chart" in text


@pytest.mark.slow
def test_a_code_line_of_a_hundred_thousand_characters_is_all_in_both_outputs(tmp_path):
    """One code line of 700,000 characters once showed 124 of them in the handout (the rest ran off the
    page) and a 3,000-character one ran off the slide."""
    line = "".join(chr(97 + i % 26) for i in range(100_000))
    lesson = write(tmp_path, "long-code-line", f"```python\nkey = \"{line}\"\nok = 1\n```")
    done = slidegen("slides", lesson, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    done = slidegen("handout", lesson, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    check = slidegen("check", lesson, "-o", tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "long-code-line.pdf"), "-"], capture_output=True, text=True).stdout
    assert sum(char in "abcdefghijklmnopqrstuvwxyz" for char in text) >= len(line)  # pages cut it; check read it


def test_the_time_budget_is_not_swallowed_by_a_fallback_that_catches_every_exception(tmp_path):
    """The alarm once fired inside a formula's drawing, whose fallback caught it as a drawing failure:
    the build went on and ended in "internal error: FormulaError(… BudgetExceeded …)"."""
    from slidegen.cli import BudgetExceeded, _within_budget

    def stubborn(_path):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                time.sleep(0.01)
            except Exception:  # a library's or a fallback's broad handler
                pass
        return "finished"

    with pytest.raises(BudgetExceeded, match="stopped after 0.2 s"):
        _within_budget(tmp_path / "x.md", 0.2, stubborn)
