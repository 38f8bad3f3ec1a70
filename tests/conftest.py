"""Shared test helpers: paths, and the `../shared` folder that exists on developer machines and in CI."""
from __future__ import annotations

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
