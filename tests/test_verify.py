"""`slidegen check` on whole lessons: every lesson (content, fixtures, corpus) built and proved complete
on both outputs; mutated decks prove the checker itself catches a lost table row, a cut sentence and
text pushed past its box; LibreOffice renders the content deck with nothing outside its shape; the CLI
end to end. All of it builds lessons (`slow`); LibreOffice tests are also `render`. The verify modules'
own unit tests, from small objects, are in tests/test_verify_*.py."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from slidegen.cli import EXIT_CHECK, EXIT_OK, cmd_check
from slidegen.verify import check_lesson
from slidegen.verify.overflow_render import chars_outside, render_decks
from slidegen.verify.text import unshowable

from conftest import CONTENT_LESSON, GOOD_FIXTURES, ROOT, corpus_params, needs_corpus, needs_soffice

TEMPLATES = ROOT / "templates"
pytestmark = pytest.mark.slow
LESSON_PARAMS = ([pytest.param(CONTENT_LESSON, id=CONTENT_LESSON.name)]
                 + [pytest.param(p, id=p.name) for p in GOOD_FIXTURES] + corpus_params())


class Builds:
    """Lessons built on first use (the test run's shared outputs, conftest.Outputs), and their check reports."""

    def __init__(self, outputs):
        self.outputs = outputs
        self.out = outputs.folder
        self.reports = {}
        self.handout_problem = ""

    def deck(self, lesson: Path) -> Path:
        return self.outputs.deck(lesson)

    def handout(self, lesson: Path) -> Path | None:
        if self.handout_problem:
            return None
        try:
            return self.outputs.handout(lesson)
        except ImportError as exc:  # the handout renderer is not there yet
            self.handout_problem = f"the handout cannot be built yet: {exc}"
            return None

    def report(self, lesson: Path):
        if lesson not in self.reports:
            deck, handout = self.deck(lesson), self.handout(lesson)
            self.reports[lesson] = check_lesson(lesson, deck, handout or self.out / "absent.pdf", TEMPLATES)
        return self.reports[lesson]


@pytest.fixture(scope="module")
def builds(lesson_outputs) -> Builds:
    return Builds(lesson_outputs)


def _explain(report) -> str:
    return "\n".join([report.summary(), *report.details()])


# ------------------------------------------------------------------------------------- every lesson


@pytest.mark.parametrize("lesson", LESSON_PARAMS)
def test_deck_carries_the_whole_lesson(builds, lesson):
    deck = builds.report(lesson).outputs[0]
    assert deck.ok, _explain(deck)
    assert deck.items > 0


@pytest.mark.parametrize("lesson", LESSON_PARAMS)
def test_handout_carries_the_whole_lesson(builds, lesson):
    report = builds.report(lesson)
    if builds.handout_problem:
        pytest.skip(builds.handout_problem)
    handout = report.outputs[1]
    if not handout.ok and set(handout.missing) | set(handout.missing_rows) <= set(handout.hints):
        chars = sorted({c for item in handout.missing for c in unshowable(item.text)}
                       | {c for row in handout.missing_rows for c in unshowable("".join(row.cells))})
        pytest.xfail(f"the handout shows boxes for {' '.join(chars)}: no installed font has them "
                     "(run: python -m slidegen.emoji_font)")
    assert handout.ok, _explain(handout)


def test_content_lesson_summary(builds):
    deck, handout = builds.report(CONTENT_LESSON).outputs
    assert deck.summary().startswith("deck 78/78 items, 9/9 table rows, 0 boxes overflowing")
    if not builds.handout_problem:
        assert handout.summary().startswith("handout 78/78 items, 9/9 table rows")


# ------------------------------------------------------------------------------------- the checker itself


def _mutated(builds, tmp_path: Path, change) -> Path:
    """A copy of the content deck with `change(prs)` applied, under the deck's usual name."""
    prs = Presentation(builds.deck(CONTENT_LESSON))
    change(prs)
    path = tmp_path / f"{CONTENT_LESSON.stem}.pptx"
    prs.save(path)
    return path


def _deck_report(deck: Path):
    return check_lesson(CONTENT_LESSON, deck, deck.with_suffix(".pdf"), TEMPLATES).outputs[0]


def _shape_with(prs, text: str):
    return next(shape for slide in prs.slides for shape in slide.shapes
                if shape.has_text_frame and text in shape.text_frame.text)


SENTENCE = "이 기술은 단순히 데이터의 패턴을 학습하여 결과를 추론하는 것을 넘어,"


def test_a_deleted_table_row_is_named(builds, tmp_path):
    def drop_row(prs):
        table = next(sh.table for s in prs.slides for sh in s.shapes if sh.has_table)
        row = table._tbl.findall(qn("a:tr"))[4]  # 소리 | 음악 생성 | …
        row.getparent().remove(row)

    report = _deck_report(_mutated(builds, tmp_path, drop_row))
    assert not report.ok
    assert [r.pos.line for r in report.missing_rows] == [49]
    assert "01-generative-ai-llm.md:49: missing table row: 소리 | 음악 생성 | 음악 패턴과" in _explain(report)


def test_a_cut_sentence_is_named(builds, tmp_path):
    def cut(prs):
        for t in _shape_with(prs, SENTENCE).text_frame._txBody.iter(qn("a:t")):
            t.text = t.text.replace(SENTENCE, "")

    report = _deck_report(_mutated(builds, tmp_path, cut))
    assert not report.ok
    assert [(i.kind, i.pos.line) for i in report.missing] == [("sentence", 11)]
    assert report.details()[0].endswith(f"01-generative-ai-llm.md:11: missing sentence: {SENTENCE}")


def _shrink(prs):
    shape = _shape_with(prs, SENTENCE)
    shape.height = shape.height // 3


def _enlarge(prs):
    for r_pr in _shape_with(prs, SENTENCE).text_frame._txBody.iter(qn("a:rPr")):
        r_pr.set("sz", str(int(r_pr.get("sz")) * 2))


@pytest.mark.parametrize("push", [_shrink, _enlarge], ids=["box shrunk", "font enlarged"])
def test_text_pushed_past_its_box_is_named(builds, tmp_path, push):
    report = _deck_report(_mutated(builds, tmp_path, push))
    assert not report.ok and not report.missing
    assert len(report.overflow) == 1, report.overflow
    assert "01-generative-ai-llm.md:11: slide 4: “생성형 AI는 대화" in report.overflow[0]


def test_a_deck_powerpoint_would_repair_is_named(builds, tmp_path):
    pytest.importorskip("openxml_audit", reason="openxml-audit is a test dependency: pip install -e '.[test]'")

    def number_from_zero(prs):  # what an unchecked `0.` list once wrote
        p_pr = _shape_with(prs, SENTENCE).text_frame.paragraphs[0]._p.get_or_add_pPr()
        for old in p_pr.findall(qn("a:buNone")):
            p_pr.remove(old)
        p_pr.append(p_pr.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod", "startAt": "0"}))

    report = _deck_report(_mutated(builds, tmp_path, number_from_zero))
    assert not report.ok and not report.missing and len(report.invalid) == 1
    assert "startAt" in report.invalid[0] and "1 Open XML errors" in report.summary()


# ------------------------------------------------------------------------------------- rendering


@pytest.mark.render
@needs_soffice()
def test_rendered_content_deck_has_nothing_outside_and_a_pushed_box_is_caught(builds, tmp_path):
    deck = builds.deck(CONTENT_LESSON)
    mutated_dir = tmp_path / "mutated"
    mutated_dir.mkdir()
    mutated = _mutated(builds, mutated_dir, _enlarge)
    pdfs = render_decks([deck, mutated], tmp_path / "render")  # one soffice run for both
    count, lines = chars_outside(deck, pdfs[deck])
    assert count == 0, lines
    count, lines = chars_outside(mutated, pdfs[mutated])
    assert count > 0 and any("slide 4:" in line for line in lines), lines


# ------------------------------------------------------------------------------------- the command


def _args(out: Path, **overrides) -> argparse.Namespace:
    values = dict(lessons=[CONTENT_LESSON], deck=None, handout=None, output=out, render=False, a11y=False, json=False,
                  templates=TEMPLATES)
    values.update(overrides)
    return argparse.Namespace(**values)


def test_json_report_and_a_missing_output(builds, tmp_path, capsys):
    assert cmd_check(_args(tmp_path / "nothing-built", json=True)) == EXIT_CHECK
    doc = json.loads(capsys.readouterr().out)
    deck = doc["lessons"][0]["outputs"]["deck"]
    assert doc["ok"] is False and "not found" in deck["error"]

    builds.deck(CONTENT_LESSON)
    code = cmd_check(_args(builds.out, json=True, handout=builds.handout(CONTENT_LESSON) or tmp_path / "none.pdf"))
    doc = json.loads(capsys.readouterr().out)
    deck = doc["lessons"][0]["outputs"]["deck"]
    assert (deck["items"], deck["present"], deck["table_rows_present"], deck["missing"]) == (78, 78, 9, [])
    assert (code == EXIT_OK) is (not builds.handout_problem)


def test_cli_check_exit_codes(builds, tmp_path):
    if builds.handout(CONTENT_LESSON) is None:
        pytest.skip(builds.handout_problem)
    out = tmp_path / "build"
    out.mkdir()
    shutil.copy(builds.deck(CONTENT_LESSON), out)
    shutil.copy(builds.handout(CONTENT_LESSON), out)
    command = [sys.executable, "-m", "slidegen", "-q", "check", str(CONTENT_LESSON.relative_to(ROOT)), "-o", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "deck 78/78 items, 9/9 table rows, 0 boxes overflowing" in done.stdout

    _mutated(builds, out, lambda prs: _shrink(prs))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "1 boxes overflowing" in done.stdout and ":11: slide 4:" in done.stdout


@pytest.mark.render
@needs_soffice()
@needs_corpus()
def test_rendered_fixture_and_corpus_decks_have_nothing_outside(builds, tmp_path):
    """LibreOffice draws every fixture and corpus deck; not one character lands outside its shape."""
    from conftest import CORPUS_LESSONS, GOOD_FIXTURES

    decks = [builds.deck(path) for path in GOOD_FIXTURES + CORPUS_LESSONS]
    pdfs = render_decks(decks, tmp_path / "render")
    outside = {deck.name: chars_outside(deck, pdfs[deck]) for deck in decks}
    assert all(count == 0 for count, _ in outside.values()), {k: v for k, v in outside.items() if v[0]}
