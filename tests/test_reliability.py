"""Hostile or careless input: refused with `file:line`, quickly, without losing the other lessons."""
from __future__ import annotations

import subprocess

import pytest

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


def _reference_with(tmp_path, name: str, change) -> object:
    """Our own master with one part changed (or added) by `change(name, data) -> data`."""
    import zipfile

    src = ROOT / "templates" / "deck" / "master.pptx"
    out = tmp_path / name
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for item in z.infolist():
            w.writestr(item.filename, change(item.filename, z.read(item)))
        extra = change("", b"")
        if extra:
            w.writestr(*extra)
    return out


def _refused(tmp_path, reference, words: str) -> None:
    run = _slidegen("-q", "slides", FIXTURES / "code.md", "--reference-deck", reference, "-o", tmp_path)
    assert run.returncode == 2 and words in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert not (tmp_path / "code.pptx").exists()


def test_reference_deck_with_macros_is_refused(tmp_path):
    ref = _reference_with(tmp_path, "m.pptx", lambda n, d: ("ppt/vbaProject.bin", b"x" * 10) if n == "" else d)
    _refused(tmp_path, ref, "macros")


def test_reference_deck_with_an_entity_is_refused(tmp_path):
    def dtd(name, data):
        if name == "ppt/slideMasters/slideMaster1.xml":
            return data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
        return b"" if name == "" else data
    _refused(tmp_path, _reference_with(tmp_path, "d.pptx", dtd), "DTD")


def test_reference_deck_with_an_external_picture_is_refused(tmp_path):
    def external(name, data):
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            rel = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   b'relationships/image" Target="file:///etc/passwd" TargetMode="External"/>')
            return data.replace(b"</Relationships>", rel + b"</Relationships>")
        return b"" if name == "" else data
    _refused(tmp_path, _reference_with(tmp_path, "e.pptx", external), "points outside the file")


@pytest.mark.slow
def test_reference_zip_bomb_is_refused(tmp_path):
    bomb = lambda n, d: ("ppt/media/huge.bin", b"\0" * (320 * 1024 * 1024)) if n == "" else d  # noqa: E731
    _refused(tmp_path, _reference_with(tmp_path, "z.pptx", bomb), "unpacks to more than")


def _deck_seconds(tmp_path, name: str, text: str) -> float:
    import time

    lesson = tmp_path / f"{name}.md"
    lesson.write_text(f"# Growth\n\n## Part\n\n{text}\n", encoding="utf-8")
    started = time.perf_counter()
    run = _slidegen("-q", "slides", lesson, "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    return time.perf_counter() - started


@pytest.mark.slow
def test_a_paragraph_many_slides_long_costs_linear_time(tmp_path):
    """4x the words may cost at most ~6x the time (it was 16x: the rest was measured whole at every cut)."""
    def words(n):
        return " ".join(f"word{i % 97}" + ("." if i % 13 == 0 else "") for i in range(n))
    base = _deck_seconds(tmp_path, "w1", words(3000)) - 0.25  # less start-up (imports)
    grown = _deck_seconds(tmp_path, "w4", words(12000)) - 0.25
    assert grown / max(base, 0.05) < 6.5, (base, grown)


def test_a_build_over_its_time_budget_stops_with_the_lesson_named(tmp_path):
    lesson = tmp_path / "slow.md"
    lesson.write_text("# Slow\n\n## Part\n\n" + " ".join(f"word{i}." for i in range(20000)) + "\n", encoding="utf-8")
    run = _slidegen("--max-seconds", "0.2", "-q", "slides", lesson, "-o", tmp_path)
    assert run.returncode == 1 and f"{lesson}: stopped after 0.2 s (--max-seconds)" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "slow.pptx").exists()


def test_the_memory_budget_ends_with_the_command(tmp_path):
    """`--max-memory` caps a build, not the program that called main() (the tests, a user's script)."""
    import resource

    from slidegen.cli import main

    lesson = tmp_path / "small.md"
    lesson.write_text("## One\n\nA sentence.\n", encoding="utf-8")
    before = resource.getrlimit(resource.RLIMIT_AS)
    assert main(["-q", "--max-memory", "900", "slides", str(lesson), "-o", str(tmp_path)]) == 0
    assert resource.getrlimit(resource.RLIMIT_AS) == before
