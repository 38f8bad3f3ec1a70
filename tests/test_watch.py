"""`slidegen watch`: which lessons a change touches."""
from __future__ import annotations

from pathlib import Path

from slidegen.watch import affected


def test_a_change_touches_the_right_lessons(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    content.mkdir(), templates.mkdir()
    a, b = content / "01-a.md", content / "02-b.md"
    for p in (a, b, templates / "base.html", content / "img.png"):
        p.write_text("x")
    assert affected({a}, [a, b], templates) == [a]
    assert affected({templates / "base.html"}, [a, b], templates) == [a, b]
    assert affected({content / "img.png"}, [a, b], templates) == [a, b]
    assert affected({tmp_path / "elsewhere.txt"}, [a, b], templates) == []
