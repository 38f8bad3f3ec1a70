"""Hostile or careless input: refused with `file:line`, quickly, without losing the other lessons."""
from __future__ import annotations

import subprocess

from conftest import FIXTURES, ROOT

SLIDEGEN = ROOT / ".venv" / "bin" / "slidegen"


def _slidegen(*args, cwd=None):
    return subprocess.run([str(SLIDEGEN), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_yaml_alias_bomb_is_refused_with_its_line(tmp_path):
    nested = "\n".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10))
    lesson = tmp_path / "bomb.md"
    lesson.write_text(f"---\nl0: &l0 [lol]\n{nested}\ntitle: *l9\n---\n\n# Hi\n", encoding="utf-8")
    run = _slidegen("-q", "slides", lesson, "-o", tmp_path)
    assert run.returncode == 1
    assert f"{lesson}:3: invalid YAML front matter: aliases" in run.stderr
    assert "Traceback" not in run.stderr


def test_one_bad_lesson_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "a-bad.md"
    bad.write_bytes(b"---\ntitle: [unclosed\n---\n# x\n")
    run = _slidegen("-q", "slides", bad, FIXTURES / "code.md", "-o", tmp_path)
    assert run.returncode == 1
    assert (tmp_path / "code.pptx").is_file() and not (tmp_path / "a-bad.pptx").exists()
    assert str(bad) in run.stderr and "Traceback" not in run.stderr
