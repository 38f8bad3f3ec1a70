"""`slidegen check` on the command line: output paths, exit codes and printed report, for a tiny lesson
written in the test (the whole-lesson runs are in test_verify.py)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from conftest import ROOT

from slidegen.build import build_both
from slidegen.cli import EXIT_CHECK, EXIT_OK, EXIT_USAGE, check_paths, cmd_check, main
from slidegen.errors import UsageError

TEMPLATES = ROOT / "templates"
LESSON = "# Tiny\n\n## Part\n\nOne sentence. Another one.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"


def _args(lessons, out: Path, **overrides) -> argparse.Namespace:
    values = dict(lessons=lessons, deck=None, handout=None, output=out, render=False, a11y=False, json=False, templates=TEMPLATES)
    values.update(overrides)
    return argparse.Namespace(**values)


@pytest.fixture
def lesson(tmp_path) -> Path:
    path = tmp_path / "tiny.md"
    path.write_text(LESSON, encoding="utf-8")
    return path


def test_outputs_default_to_the_output_folder(tmp_path):
    assert check_paths(_args([Path("a/x.md"), Path("y.md")], tmp_path)) == [
        (Path("a/x.md"), tmp_path / "x.pptx", tmp_path / "x.pdf"), (Path("y.md"), tmp_path / "y.pptx", tmp_path / "y.pdf")]
    assert check_paths(_args([Path("x.md")], tmp_path, deck=Path("d.pptx")))[0][1:] == (Path("d.pptx"), tmp_path / "x.pdf")


def test_deck_and_handout_name_one_lesson(tmp_path, capsys):
    with pytest.raises(UsageError, match="give exactly one lesson"):
        check_paths(_args([Path("x.md"), Path("y.md")], tmp_path, handout=Path("h.pdf")))
    assert main(["check", "x.md", "y.md", "--deck", "d.pptx"]) == EXIT_USAGE
    assert "--deck and --handout name the outputs of one lesson" in capsys.readouterr().err


def test_nothing_built_fails_the_check(lesson, tmp_path, capsys):
    assert cmd_check(_args([lesson], tmp_path / "none")) == EXIT_CHECK
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"deck {tmp_path}/none/tiny.pptx: not found (build it first: slidegen slides LESSON -o {tmp_path}/none)",
                     f"handout {tmp_path}/none/tiny.pdf: not found (build it first: slidegen handout LESSON -o {tmp_path}/none)"]


def test_built_outputs_pass_and_print_one_line_each(lesson, tmp_path, capsys):
    build_both(lesson, tmp_path, TEMPLATES)
    assert cmd_check(_args([lesson], tmp_path)) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("deck 4/4 items, 2/2 table rows, 0 boxes overflowing") and out[0].endswith("(" + str(tmp_path / "tiny.pptx") + ")")
    assert out[1] == f"handout 4/4 items, 2/2 table rows ({tmp_path / 'tiny.pdf'})"
    assert cmd_check(_args([lesson], tmp_path, json=True)) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["ok"] is True
