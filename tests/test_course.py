"""`slidegen build`: many lessons in one process, a failing one reported without stopping the others;
and `make all` handing it only the lessons make finds stale."""
from __future__ import annotations

import logging
import shutil
import subprocess
import time

import pytest

from slidegen.cli import main

from conftest import ROOT

GOOD = "---\ntitle: {title}\n---\n\n## One\n\nSome text about {title}.\n\n- an item\n- another item\n"


def write_lessons(folder, *titles):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, title in enumerate(titles, start=1):
        path = folder / f"{number:02d}-{title}.md"
        path.write_text(GOOD.format(title=title), encoding="utf-8")
        paths.append(path)
    return paths


def test_build_makes_deck_and_handout_of_each_lesson_and_reports_a_failure(tmp_path, caplog):
    first, second = write_lessons(tmp_path / "content", "alpha", "beta")
    broken = tmp_path / "content" / "03-broken.md"
    broken.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    out = tmp_path / "build"
    with caplog.at_level(logging.INFO, logger="slidegen"):
        code = main(["build", str(first), str(broken), str(second), "-o", str(out), "--jobs", "2"])
    assert code == 1  # the worst lesson's status
    for lesson in (first, second):
        assert (out / f"{lesson.stem}.pptx").stat().st_size > 0
        assert (out / f"{lesson.stem}.pdf").read_bytes().startswith(b"%PDF")
    assert not (out / "03-broken.pptx").exists()
    assert any("03-broken.md:2" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert not list(out.glob(".tmp-*"))


def test_build_writes_the_same_deck_as_slides(tmp_path):
    (lesson,) = write_lessons(tmp_path / "content", "gamma")
    assert main(["-q", "build", str(lesson), "-o", str(tmp_path / "both"), "--jobs", "1"]) == 0
    assert main(["-q", "slides", str(lesson), "-o", str(tmp_path / "deck")]) == 0
    assert (tmp_path / "both" / f"{lesson.stem}.pptx").read_bytes() == \
        (tmp_path / "deck" / f"{lesson.stem}.pptx").read_bytes()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_all_lists_only_the_stale_lessons(tmp_path):
    """The sub-make of `make all` (LIST=file) names a lesson whose outputs are missing or older, and
    builds nothing itself."""
    for name in ("slidegen", "templates", ".venv", "Makefile"):
        (tmp_path / name).symlink_to(ROOT / name)
    for name in ("pyproject.toml", "setup.py", "stamp-installed", "stamp-fonts"):  # make never sets up here:
        (tmp_path / name).touch()                                                 # a reinstall would point
        time.sleep(0.01)                                                          # .venv at this folder
    fresh, stale = write_lessons(tmp_path / "content", "fresh", "stale")
    (tmp_path / "build").mkdir()
    for suffix in (".pptx", ".pdf"):
        (tmp_path / "build" / f"{fresh.stem}{suffix}").write_bytes(b"built")
    listing = tmp_path / "build" / "stale-list"
    subprocess.run(["make", "-s", "--no-print-directory", "STAMP=stamp-installed", "FONTS=stamp-fonts",
                    f"LIST={listing}", "slides", "handout"],
                   cwd=tmp_path, check=True)
    named = listing.read_text().split()
    assert named and set(named) == {f"content/{stale.name}"}
    assert not (tmp_path / "build" / f"{stale.stem}.pptx").exists()
