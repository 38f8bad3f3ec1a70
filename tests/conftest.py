"""Shared test helpers: paths, and the `../shared` folder that exists on developer machines and in CI."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONTENT_LESSON = ROOT / "content" / "01-generative-ai-llm.md"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

MATH_FIXTURES = sorted((FIXTURES / "math").glob("*.md"))
GOOD_FIXTURES = sorted(p for p in FIXTURES.glob("*.md*")) + MATH_FIXTURES
CORPUS_LESSONS = sorted(p for p in CORPUS.glob("*.md*")) if CORPUS.is_dir() else []


def needs_corpus():
    return pytest.mark.skipif(not CORPUS_LESSONS, reason="../shared/corpus is not here (it is on developer machines and in CI, not in a user's clone)")


def needs_soffice():
    return pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-impress")


def corpus_params():
    """Corpus lessons as parameters; one skipped placeholder when the corpus is absent."""
    if CORPUS_LESSONS:
        return [pytest.param(p, id=p.name) for p in CORPUS_LESSONS]
    return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus is not here (developer machines and CI only)"))]


def all_blocks(blocks):
    """Every block, including those nested in admonitions, quotes and list items."""
    from slidegen.model import Admonition, ListBlock, Quote

    for block in blocks:
        yield block
        if isinstance(block, (Admonition, Quote)):
            yield from all_blocks(block.blocks)
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from all_blocks(item.children)


class Outputs:
    """Decks and handouts of lessons as `slidegen slides` / `handout` write them (the default templates),
    each built once per test run on first use and shared by the tests that only read them: the content
    lesson's deck was built by five modules, each fixture's deck by three. Under pytest -n the workers
    share one folder, and a lock lets one of them build each output while the others wait for it. A test
    that changes an output changes a copy of it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._named: dict[str, Path] = {}

    def deck(self, lesson: Path) -> Path:
        from slidegen.build import build_deck

        return self._built(lesson, ".pptx", build_deck)

    def handout(self, lesson: Path) -> Path:
        from slidegen.build import build_handout

        return self._built(lesson, ".pdf", build_handout)

    def _built(self, lesson: Path, suffix: str, build) -> Path:
        import fcntl

        lesson = Path(lesson).resolve()
        named = self._named.setdefault(lesson.stem, lesson)
        assert named == lesson, f"two lessons of one name share the outputs folder: {named}, {lesson}"
        path = self.folder / f"{lesson.stem}{suffix}"
        with open(self.folder / f".{lesson.stem}{suffix}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.is_file():
                assert build(lesson, self.folder, ROOT / "templates") == path
        return path


@pytest.fixture(scope="session")
def lesson_outputs(tmp_path_factory) -> Outputs:
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each worker's folder lies in the run's own folder, which they share.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return Outputs(shared / "outputs")
