"""Bad input builds cleanly or fails clearly (one `file:line: message` line, exit code, no traceback),
and nothing is ever lost: outputs are replaced atomically."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from slidegen.build import build_deck
from slidegen.output import write_atomic

from conftest import CONTENT_LESSON, FIXTURES, ROOT

BAD = FIXTURES / "bad"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "slidegen", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


# name -> (exit code, regex the stderr must match)
CATALOGUE = {
    "empty.md": (0, r"built .*empty\.pptx"),
    "only-front-matter.md": (0, r"built"),
    "invalid-yaml.md": (1, r"invalid-yaml\.md:2: invalid YAML front matter"),
    "invalid-utf8.md": (1, r"invalid-utf8\.md:7: not valid UTF-8"),
    "bom-crlf.md": (0, r"built"),
    "unclosed-fence.md": (0, r"unclosed-fence\.md:7: warning: code fence is never closed"),
    "table-12-columns.md": (0, r"built"),
    "table-400-char-cells.md": (0, r"built"),
    "word-3000-chars.md": (0, r"word-3000-chars\.md:\d+: warning: a sentence is too long for one slide"),
    "list-12-levels.md": (0, r"built"),
    "images-outside.md": (0, r"images-outside\.md:7: warning: image 'file:///etc/passwd'.*\n.*:9: warning: image '\.\./\.\./\.\./\.\./etc/passwd' is outside.*\n.*:11: warning: image 'http://127\.0\.0\.1:9/x\.png' is not a local file"),
    "script-style.md": (0, r"script-style\.md:\d+: warning: <script> content is not lesson text.*\n(.*\n)*.*<style> content is not lesson text"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_bad_input_catalogue(name, tmp_path):
    code, pattern = CATALOGUE[name]
    result = run("slides", BAD / name, "-o", tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert __import__("re").search(pattern, result.stderr), result.stderr
    if code == 0:
        assert len(Presentation(tmp_path / (Path(name).stem + ".pptx")).slides) >= 2


def test_bom_crlf_builds_exactly_like_lf(tmp_path):
    a = build_deck(BAD / "bom-crlf.md", tmp_path / "a", ROOT / "templates")
    b = build_deck(BAD / "bom-crlf.lf.md", tmp_path / "b", ROOT / "templates")
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.slow
def test_2000_headings_build(tmp_path):
    result = run("-q", "slides", BAD / "headings-2000.md", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(Presentation(tmp_path / "headings-2000.pptx").slides) > 2000


def test_5_mb_lesson_is_refused_with_a_limit(tmp_path):
    big = tmp_path / "big.md"
    big.write_text("---\ntitle: Big\n---\n\n" + ("## Part\n\n" + "문장입니다. " * 2000 + "\n\n") * 200, encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    result = run("slides", big, "-o", tmp_path)
    assert result.returncode == 1
    assert "big.md:1: the lesson is" in result.stderr and "--max-bytes" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_template_folder_is_a_usage_error(tmp_path):
    result = run("slides", CONTENT_LESSON, "-o", tmp_path, "--templates", tmp_path / "nowhere")
    assert result.returncode == 2 and "not a slidegen template folder" in result.stderr


def test_unwritable_output_folder_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("slides", CONTENT_LESSON, "-o", blocker / "out")
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_reference_deck_that_is_not_a_deck_is_a_usage_error(tmp_path):
    (tmp_path / "ref.pptx").write_text("not a zip", encoding="utf-8")
    result = run("slides", CONTENT_LESSON, "-o", tmp_path, "--reference-deck", tmp_path / "ref.pptx")
    assert result.returncode == 2 and "not a usable" in result.stderr and "Traceback" not in result.stderr


def test_python_pptx_default_template_builds_as_reference_deck(tmp_path):
    from pptx import Presentation as New

    New().save(tmp_path / "ref.pptx")
    result = run("slides", CONTENT_LESSON, "-o", tmp_path, "--reference-deck", tmp_path / "ref.pptx")
    assert result.returncode == 0, result.stderr


def test_debug_shows_a_traceback(tmp_path):
    result = run("--debug", "slides", BAD / "invalid-yaml.md", "-o", tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_strict_fails_on_warnings(tmp_path):
    result = run("--strict", "slides", BAD / "unclosed-fence.md", "-o", tmp_path)
    assert result.returncode == 1 and "--strict" in result.stderr


def test_failed_build_leaves_previous_output_intact(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous deck")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new deck")
    assert target.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]  # no temporary file left behind


@pytest.mark.slow
def test_killed_build_leaves_previous_output_intact(tmp_path):
    """Kill real builds at different moments: the deck is always the old one or a complete new one."""
    lesson = tmp_path / "medium.md"
    lesson.write_text("\n\n".join(f"## Part {i}\n\n### Topic {i}\n\nText {i}." for i in range(300)), encoding="utf-8")
    first = run("-q", "slides", lesson, "-o", tmp_path)
    assert first.returncode == 0
    deck = tmp_path / "medium.pptx"
    before = deck.read_bytes()
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\nChanged.", encoding="utf-8")
    for delay in (0.3, 0.8, 1.3):
        proc = subprocess.Popen([sys.executable, "-m", "slidegen", "-q", "slides", str(lesson), "-o", str(tmp_path)],
                                cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if deck.read_bytes() != before:  # the build finished before the kill: a whole new deck
            assert proc.returncode == 0 or _opens(deck)
        assert zipfile.ZipFile(deck).testzip() is None


def _opens(deck) -> bool:
    from pptx import Presentation

    return len(Presentation(str(deck)).slides) > 0


@pytest.mark.slow
def test_two_builds_at_once_never_corrupt(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "slidegen", "-q", "slides", str(CONTENT_LESSON), "-o", str(tmp_path)],
                              cwd=ROOT) for _ in range(3)]
    assert all(p.wait() == 0 for p in procs)
    assert zipfile.ZipFile(tmp_path / "01-generative-ai-llm.pptx").testzip() is None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
