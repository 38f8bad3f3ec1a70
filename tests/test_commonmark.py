"""Every example of the CommonMark spec (`../shared/data/commonmark-spec.txt`) built as a lesson (issue 18):
no traceback and no hang on any of them, and `slidegen check` passes but for the examples listed below
with the reason a slide or a page cannot show what the check looks for.

Each example is parsed, paginated and written as a deck on its own, in this process (fast). Handouts
and the check cost a WeasyPrint layout and a read-back each, so the examples are built and checked in
batches: one lesson of `BATCH` examples, each under its own heading; a missing item is charged to the
example whose lines hold it."""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import pytest

from slidegen.build import build_both
from slidegen.errors import LessonError
from slidegen.paginate import paginate
from slidegen.parse import parse_text
from slidegen.render_pptx import render_pptx
from slidegen.theme import load_theme
from slidegen.verify import check_outputs

from conftest import ROOT, SHARED

SPEC = SHARED / "data" / "commonmark-spec.txt"
TEMPLATES = ROOT / "templates"
FENCE = "`" * 32
BATCH = 60
SECONDS_PER_EXAMPLE = 10.0  # a hang shows as far more; a slide deck of a few lines takes ~0.05 s

needs_spec = pytest.mark.skipif(not SPEC.is_file(), reason="../shared/data/commonmark-spec.txt is not here "
                                                           "(it is on developer machines and in CI, not in a user's clone)")
pytestmark = [needs_spec, pytest.mark.slow]

# Examples that are no lesson: a clear `file:line` error is what a lesson author gets for them.
REFUSED: dict[int, str] = {
    96: "a lesson's first line `---` opens its front matter; `Foo` there is not YAML key: value lines",
}
# Examples whose check cannot pass, and why. Keyed by the spec's example number.
NOT_CHECKABLE: dict[int, str] = {
    27: "&#XD06; &#xcab; are Malayalam and Kannada letters: with no installed font that draws them (the CI "
        "image has none) the handout's text layer lacks them, and the check says so",
}


def spec_examples() -> list[tuple[int, str]]:
    """(number, Markdown) of every example, tabs restored from the spec's →."""
    text = SPEC.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{FENCE} example\n(.*?)^\.\n.*?^{FENCE}$", re.DOTALL | re.MULTILINE)
    return [(n, m.group(1).replace("→", "\t")) for n, m in enumerate(pattern.finditer(text), start=1)]


def test_the_spec_has_its_examples():
    assert len(spec_examples()) >= 600


def test_every_example_builds_a_deck_on_its_own():
    logging.disable(logging.WARNING)  # thousands of expected warnings (missing pictures, raw HTML)
    try:
        theme = {lang: load_theme(TEMPLATES, lang) for lang in ("en", "ko")}
        master = TEMPLATES / "deck" / "master.pptx"
        slow, refused = [], {}
        for number, markdown in spec_examples():
            started = time.perf_counter()
            try:
                lesson = parse_text(markdown, Path(f"example-{number}.md"))
            except LessonError as exc:
                assert str(exc).startswith(f"example-{number}.md:"), exc
                refused[number] = exc.message
                continue
            render_pptx(paginate(lesson, theme[lesson.lang]), theme[lesson.lang], master)
            if time.perf_counter() - started > SECONDS_PER_EXAMPLE:
                slow.append(number)
    finally:
        logging.disable(logging.NOTSET)
    assert not slow
    assert refused.keys() == REFUSED.keys(), refused


def batches() -> list[list[tuple[int, str]]]:
    examples = spec_examples()
    return [examples[i:i + BATCH] for i in range(0, len(examples), BATCH)]


def batch_lesson(examples: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """One lesson of the examples, each under `## Example N`, and (first line, number) of each."""
    parts, starts, line = ["# CommonMark examples\n\n"], [], 3
    for number, markdown in examples:
        block = f"## Example {number}\n\n{markdown}\n\n"
        starts.append((line, number))
        parts.append(block)
        line += block.count("\n")
    return "".join(parts), starts


def example_at(line: int, starts: list[tuple[int, int]]) -> int:
    return max((number for first, number in starts if first <= line), default=starts[0][1])


@pytest.mark.parametrize("index", range(len(batches()) if SPEC.is_file() else 0))
def test_every_example_builds_a_handout_and_passes_the_check(index, tmp_path):
    examples = [(n, markdown) for n, markdown in batches()[index] if n not in REFUSED]
    text, starts = batch_lesson(examples)
    lesson = tmp_path / f"commonmark-{index}.md"
    lesson.write_text(text, encoding="utf-8")
    logging.disable(logging.WARNING)
    try:
        deck, handout = build_both(lesson, tmp_path, TEMPLATES)
        report = check_outputs([(lesson, deck, handout)], TEMPLATES)
    finally:
        logging.disable(logging.NOTSET)
    failing: dict[int, list[str]] = {}
    for output in report.lessons[0].outputs:
        assert not output.error, output.error
        for item in [*output.missing, *output.missing_rows]:
            failing.setdefault(example_at(item.pos.line, starts), []).append(f"{output.output}: {item.missing_line()}")
        for line in output.overflow:
            found = re.match(r".*?:(\d+): ", line)
            failing.setdefault(example_at(int(found.group(1)), starts) if found else 0, []).append(f"{output.output}: {line}")
        assert not output.invalid, output.invalid
    unexpected = {n: why for n, why in failing.items() if n not in NOT_CHECKABLE}
    assert not unexpected, unexpected
