"""`slidegen watch`: which lessons a change touches."""
from __future__ import annotations


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


def test_what_a_build_writes_inside_the_lesson_folder_touches_nothing(tmp_path):
    """`slidegen watch lesson.md -o build` beside the lesson: writing the outputs (and their temporary
    files) must not set off another build, while a picture beside the lesson still does."""
    lesson, templates, out = tmp_path / "01-a.md", tmp_path / "templates", tmp_path / "build"
    out.mkdir(), templates.mkdir()
    written = {out / "01-a.pptx", out / ".tmp-01-a.pdf.x1y2", out}
    assert affected(written, [lesson], templates, out) == []
    assert affected(written | {tmp_path / "img.png"}, [lesson], templates, out) == [lesson]
    beside = {tmp_path / "01-a.pdf", tmp_path / ".tmp-01-a.pptx.z"}  # -o . : outputs beside the lesson
    assert affected(beside, [lesson], templates, tmp_path) == []
    assert affected(beside | {lesson}, [lesson], templates, tmp_path) == [lesson]


def test_watch_rebuilds_on_save_and_keeps_last_good_outputs(tmp_path):
    import argparse
    import threading
    import time

    from slidegen.watch import watch

    from conftest import ROOT

    lesson = tmp_path / "content" / "01-a.md"
    lesson.parent.mkdir()
    lesson.write_text("---\ntitle: A\n---\n\n## One\n\nFirst text.\n", encoding="utf-8")
    args = argparse.Namespace(lessons=[lesson], output=tmp_path / "build", templates=ROOT / "templates")
    stop, lines = threading.Event(), []
    thread = threading.Thread(target=watch, args=(args, stop, lines.append), daemon=True)
    thread.start()

    def wait_for(predicate):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not predicate():
            time.sleep(0.1)
        return predicate()

    try:
        assert wait_for(lambda: any(l.startswith("watching") for l in lines))
        deck = args.output / "01-a.pptx"
        first = deck.read_bytes()
        lesson.write_text("---\ntitle: A\n---\n\n## One\n\nSecond text.\n", encoding="utf-8")
        assert wait_for(lambda: deck.read_bytes() != first)
        good = deck.read_bytes()
        lesson.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        assert wait_for(lambda: any("previous outputs kept" in l for l in lines))
        assert deck.read_bytes() == good
    finally:
        stop.set()
        thread.join(timeout=10)
