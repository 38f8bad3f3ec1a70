"""Jupyter notebooks as lessons: Markdown cells, code cells in the notebook's language and their text
outputs under them, in order; cells Jupyter Book removes left out; every position a line of the notebook."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from slidegen.errors import LessonError
from slidegen.model import Code, Paragraph, plain_text
from slidegen.parse import parse_file


def notebook(tmp_path: Path, cells: list[dict], indent: int | None = 1, language: str = "python") -> Path:
    data = {"cells": cells, "metadata": {"kernelspec": {"language": language, "name": "k"}}, "nbformat": 4,
            "nbformat_minor": 5}
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps(data, indent=indent, ensure_ascii=False) + "\n")
    return path


def markdown(*lines: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": list(lines)}


def code(source: list[str], outputs: list[dict] = (), tags: list[str] = ()) -> dict:
    return {"cell_type": "code", "execution_count": 1, "metadata": {"tags": list(tags)} if tags else {},
            "outputs": list(outputs), "source": source}


CELLS = [markdown("# 넘파이 기초\n", "\n", "배열을 **만들어** 봅니다."),
         code(["import numpy as np\n", "print(np.arange(3))"], [{"name": "stdout", "output_type": "stream",
                                                                  "text": ["[0 1 2]\n"]}]),
         markdown("## 모양\n", "\n", "- 첫째\n", "- 둘째"),
         code(["hidden()"], tags=["remove-input"]),
         code(["np.zeros(2).shape"], [{"data": {"text/plain": ["(2,)"]}, "metadata": {},
                                       "execution_count": 1, "output_type": "execute_result"},
                                      {"data": {"text/plain": ["<Figure size 640x480>"], "image/png": "iVBOR"},
                                       "metadata": {}, "output_type": "display_data"},
                                      {"data": {"text/plain": ["<IPython.lib.display.YouTubeVideo at 0x7f>"],
                                                "text/html": ["<iframe></iframe>"]},
                                       "metadata": {}, "output_type": "display_data"}]),
         code(["removed()"], tags=["remove-cell"]),
         {"cell_type": "raw", "metadata": {}, "source": ["raw text"]}]


def summary(block):
    if isinstance(block, Code):
        return (block.language, block.text)
    return plain_text(block.runs) if isinstance(block, Paragraph) else type(block).__name__


@pytest.mark.parametrize("indent", [1, None])
def test_cells_in_order_with_their_text_outputs(tmp_path, indent):
    lesson = parse_file(notebook(tmp_path, CELLS, indent))
    assert lesson.title == "넘파이 기초"
    (second,) = lesson.sections
    assert [summary(b) for b in lesson.preamble] == [
        "배열을 만들어 봅니다.", ("python", "import numpy as np\nprint(np.arange(3))\n"), ("text", "[0 1 2]\n")]
    assert [summary(b) for b in second.blocks] == ["ListBlock", ("python", "np.zeros(2).shape\n"), ("text", "(2,)\n")]


def test_positions_are_lines_of_the_notebook(tmp_path):
    path = notebook(tmp_path, CELLS)
    lines = path.read_text().split("\n")
    lesson = parse_file(path)
    paragraph, python, output = lesson.preamble
    assert "배열을" in lines[paragraph.pos.line - 1]
    assert lines[python.pos.line - 1].strip() == '"source": ['
    assert "import numpy" in lines[python.pos.line]


def test_pictures_in_outputs_are_announced_and_the_language_is_the_kernel_s(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="slidegen")
    path = notebook(tmp_path, [code(["x <- 1"]), CELLS[4]], language="R")
    blocks = parse_file(path).preamble
    assert blocks[0].language == "r" and "pictures and HTML" in caplog.text


def test_a_broken_notebook_is_a_lesson_error_with_its_line(tmp_path):
    path = tmp_path / "bad.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": \n')
    with pytest.raises(LessonError, match=r"bad\.ipynb:\d+: not a readable notebook"):
        parse_file(path)
    path.write_text("[1, 2]")
    with pytest.raises(LessonError, match="not a Jupyter notebook"):
        parse_file(path)


def test_an_error_output_shows_its_traceback_and_later_cells_keep_their_lines(tmp_path):
    """A cell that teaches an error (`df['age']` → KeyError) lost its output: only streams and results
    were read."""
    error = {"output_type": "error", "ename": "KeyError", "evalue": "'age'",
             "traceback": ["\u001b[0;31m---------------------------------------\u001b[0m",
                           "\u001b[0;31mKeyError\u001b[0m: 'age'\nDuring handling…"]}
    cells = [markdown("# Errors\n", "\n", "Read the traceback."), code(["df['age']"], [error]),
             markdown("## After\n", "\n", "Fix the key.")]
    path = notebook(tmp_path, cells)
    lesson = parse_file(path)
    assert [summary(b) for b in lesson.preamble][1:] == [
        ("python", "df['age']\n"), ("text", "---------------------------------------\nKeyError: 'age'\nDuring handling…\n")]
    after = lesson.sections[0].blocks[0]
    assert "Fix the key." in path.read_text().split("\n")[after.pos.line - 1]
