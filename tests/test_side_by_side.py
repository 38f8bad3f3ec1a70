"""run_both: the child's work and this process's both happen; the child's error comes back as one line."""
from __future__ import annotations

import pytest

from slidegen.errors import LessonError, SlidegenError
from slidegen.side_by_side import run_both


def test_both_pieces_of_work_are_done(tmp_path):
    child, here = tmp_path / "child", tmp_path / "here"
    run_both(lambda: child.write_text("c"), lambda: here.write_text("h"))
    assert child.read_text() == "c" and here.read_text() == "h"


def test_an_error_in_the_child_is_raised_here_after_this_side_is_done(tmp_path):
    here = tmp_path / "here"

    def fail():
        raise LessonError("lesson.md:3", "cannot be drawn")

    with pytest.raises(SlidegenError, match="lesson.md:3: cannot be drawn"):
        run_both(fail, lambda: here.write_text("h"))
    assert here.read_text() == "h"
