"""Characters a deck cannot hold (issue 18, finding 7) and front matter of the wrong type or size (finding 8):
dropped or refused with `file:line` at the source-reading stage, so that no later stage sees them."""
from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import pytest

from slidegen.build import build_both, with_short_properties
from slidegen.errors import LessonError
from slidegen.model import plain_text
from slidegen.parse import parse_text
from slidegen.parse.source import UNWANTED, clean_text
from slidegen.verify import check_outputs

from conftest import ROOT, all_blocks

TEMPLATES = ROOT / "templates"
XML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f",
                                  "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"])
def test_each_kind_of_unwanted_character_is_dropped_with_one_warning_at_its_line(char, caplog):
    text = f"# T\n\nline two\nbad{char}word and{char}{char}more\n"
    assert clean_text(text, "l.md") == "# T\n\nline two\nbadword andmore\n"
    assert warnings(caplog) == [f"l.md:4: warning: 3 control character(s) or noncharacter(s) dropped "
                                f"(the first U+{ord(char):04X}); a deck cannot hold them"]


def test_tabs_line_ends_and_ordinary_text_are_kept_without_a_warning(caplog):
    text = "# T\n\n\tcode\n한국어 é 😀 \u200b\n"
    assert clean_text(text, "l.md") is text and not warnings(caplog)


def test_line_and_paragraph_separators_become_line_ends(caplog):
    assert clean_text("a\u2028b\u2029c\n", "l.md") == "a\nb\nc\n"
    assert "2 line or paragraph separator(s) (U+2028/U+2029) made line ends" in warnings(caplog)[0]


HOSTILE = ("---\ntitle: \"Ti\\x0btle\\uFFFE\"\ndescription: \"d\\x01\"\ntags: [\"a\\x07\"]\n---\n\n"
           "# Ti\x0btle\n\n## Se\x0cction\n\nText\x0b with\x01 bell\x07 and\ufffe more\u2028after.\n\n"
           "![alt\x07text](missing.png)\n\n```py\x08thon\ncode\x0c = 1\n```\n\n| a\x0b | b |\n|---|---|\n| c\x1f | d |\n")


def test_no_stage_after_reading_sees_an_unwanted_character(caplog):
    lesson = parse_text(HOSTILE, Path("h.md"))
    texts = [lesson.title, lesson.description, *lesson.tags, *map(str, lesson.meta.values())]
    for section in lesson.sections:
        texts.append(plain_text(section.title))
        texts += [repr(block) for block in all_blocks(section.blocks)]
    assert not [t for t in texts if UNWANTED.search(t) or "\u2028" in t]
    assert lesson.title == "Title" and lesson.tags == ("a",)


@pytest.mark.slow  # an end-to-end build: in `make test`, not in the edit loop
def test_a_lesson_full_of_control_characters_builds_a_deck_without_escapes(tmp_path, caplog):
    lesson = tmp_path / "h.md"
    lesson.write_text(HOSTILE, encoding="utf-8")
    deck, handout = build_both(lesson, tmp_path, TEMPLATES)
    body = [w for w in warnings(caplog) if "control character" in w]
    with zipfile.ZipFile(deck) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert not XML_ESCAPE.search(xml) and not UNWANTED.search(xml)
    assert check_outputs([(lesson, deck, handout)], TEMPLATES).ok
    assert body == [f"{lesson}:7: warning: 11 control character(s) or noncharacter(s) dropped and 1 line or "
                    "paragraph separator(s) (U+2028/U+2029) made line ends (the first U+000B); a deck cannot hold them",
                    f"{lesson}:2: warning: control characters or noncharacters in the front matter are dropped; "
                    "a deck cannot hold them"]


# ------------------------------------------------------------------------------------------ front matter


def parse_front(front: str):
    return parse_text(f"---\n{front}\n---\n\n## Part\n\nText.\n", Path("f.md"))


@pytest.mark.parametrize(("front", "tags", "warning"), [
    ("tags: 5", ("5",), None),
    ("tags: true", (), "f.md:2: warning: front matter 'tags' should be a word or a list of words; 'true' (true or false) is ignored"),
    ("tags: [a, 3, {label: b}]", ("a", "3", "b"), None),
    ("title: T\ntags: [a, [b], null]", ("a",), "f.md:3: warning: front matter 'tags' should be a word or a list of words; a list is ignored"),
    ("tags: {a: 1}", (), "f.md:2: warning: front matter 'tags' should be a word or a list of words; a mapping is ignored"),
    ("tags: []", (), None),
])
def test_tags_of_any_type_become_words_or_are_ignored_with_a_warning(front, tags, warning, caplog):
    assert parse_front(front).tags == tags
    assert warnings(caplog) == ([warning] if warning else [])


@pytest.mark.parametrize(("front", "title", "warning"), [
    ("title: 2026", "2026", None),
    ("title: [Part, Two]", "Part, Two", None),
    ("title: {a: 1}", "Part", "f.md:2: warning: front matter 'title' should be text, not a mapping; it is ignored"),
    ("title: true", "Part", "f.md:2: warning: front matter 'title' should be text, not 'true' (true or false); it is ignored"),
])
def test_a_title_of_the_wrong_type_is_text_or_ignored(front, title, warning, caplog):
    assert parse_front(front).title == title
    assert warnings(caplog) == ([warning] if warning else [])


@pytest.mark.parametrize(("front", "message"), [
    ("title: T\ndate: 2026-13-45", r"f\.md:3: invalid YAML front matter: '2026-13-45' is not a date \(month must be in 1\.\.12\)"),
    ("count: " + "9" * 5000, r"f\.md:2: invalid YAML front matter: a number of 5,000 digits \(at most 100\); quote it"),
])
def test_a_date_or_number_python_cannot_hold_is_an_error_at_its_line(front, message):
    with pytest.raises(LessonError, match=message):
        parse_front(front)


def test_a_real_date_and_a_quoted_bad_one_are_kept_as_text():
    assert parse_front("date: 2026-01-31").meta["date"] == "2026-01-31"
    assert parse_front("date: '2026-13-45'").meta["date"] == "2026-13-45"


def test_long_values_are_announced_and_cut_only_in_the_document_properties(tmp_path, caplog):
    title, tags = "T" * 300, [f"tag{i}" for i in range(100)]
    lesson = tmp_path / "long.md"
    lesson.write_text(f"---\ntitle: {title}\ndescription: {'d' * 300}\nauthor: {'a' * 300}\ntags: [{', '.join(tags)}]\n"
                      "---\n\n## Part\n\nText.\n", encoding="utf-8")
    deck, _handout = build_both(lesson, tmp_path, TEMPLATES)
    with zipfile.ZipFile(deck) as z:
        core, cover = z.read("docProps/core.xml").decode(), z.read("ppt/slides/slide1.xml").decode()
    assert f"<dc:title>{'T' * 255}</dc:title>" in core and f"<dc:creator>{'a' * 255}</dc:creator>" in core
    keywords = re.search(r"<cp:keywords>(.*)</cp:keywords>", core).group(1)
    assert len(keywords) == 255 and keywords.startswith("tag0, tag1, ")
    assert title in cover  # the slides show the whole title
    announced = [w for w in warnings(caplog) if "document properties keep the first 255" in w]
    assert [w.split(": warning")[0] for w in announced] == [f"{lesson}:{n}" for n in (2, 3, 4, 5)]


def test_short_properties_leave_short_values_alone():
    lesson = parse_front("title: T\ntags: [a, b]\nauthor: Me")
    from slidegen.model import Deck

    short = with_short_properties(Deck(lesson, ())).lesson
    assert (short.title, short.tags, short.meta["author"]) == ("T", ("a", "b"), "Me")
