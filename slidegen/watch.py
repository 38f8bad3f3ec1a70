"""`slidegen watch`: rebuild a lesson's deck and handout when it, a file beside it, or a template changes.

One line per rebuild with its time; a failed rebuild prints its error and keeps the last good outputs
(they are only ever replaced atomically by a complete new file)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from .errors import SlidegenError

LESSON_SUFFIXES = (".md", ".mdx", ".qmd", ".Rmd", ".ipynb")
OUTPUT_SUFFIXES = (".pptx", ".pdf")


def lessons_to_watch(given: list[Path]) -> list[Path]:
    if given:
        return [Path(p) for p in given]
    return sorted(p for p in Path("content").glob("*") if p.suffix in LESSON_SUFFIXES)


def affected(changed: set[Path], lessons: list[Path], templates: Path, output: Path | None = None) -> list[Path]:
    """Lessons to rebuild for a set of changed files: a template change touches every lesson; a lesson
    touches itself; any other file (an image) touches the lessons in its folder tree. What the builds
    write (anything under `output`, which may lie inside a lesson's folder) touches nothing: a build
    would otherwise set off the next one, for ever."""
    templates = templates.resolve()
    sources = {path.resolve() for path in changed}
    if output is not None:
        sources = {path for path in sources if not is_output(path, output.resolve())}
    hit: list[Path] = []
    for lesson in lessons:
        folder = lesson.resolve().parent
        for path in sources:
            if path == lesson.resolve() or path.is_relative_to(templates) or \
                    (path.suffix not in LESSON_SUFFIXES and path.is_relative_to(folder)):
                hit.append(lesson)
                break
    return hit


def is_output(path: Path, output: Path) -> bool:
    """What a build writes into `output`: the folder itself, decks, PDFs and their temporary files
    (`-o .` puts them beside the lessons, which still count)."""
    if path == output:
        return True
    return path.parent == output and (path.name.startswith(".tmp-") or path.suffix in OUTPUT_SUFFIXES)


def rebuild(lesson: Path, args, say=print) -> bool:
    """Deck and handout from one parse: the handout in a forked child while this process writes the deck."""
    from .build import lesson_and_deck, write_deck, write_handout
    from .side_by_side import run_both

    started = time.perf_counter()
    try:
        built = lesson_and_deck(lesson, args.templates)
        run_both(lambda: write_handout(lesson, args.output, args.templates, built, "notes"),
                 lambda: write_deck(lesson, args.output, args.templates, built))
    except SlidegenError as exc:
        say(f"{exc}  (previous outputs kept)")
        return False
    say(f"rebuilt {lesson} in {time.perf_counter() - started:.2f} s")
    return True


def warm_up(templates: Path) -> None:
    """Load WeasyPrint and parse the handout's stylesheets here, once, so that every forked handout
    build starts with them (a child's own imports and parsing would be lost with it)."""
    from . import render_handout  # noqa: F401
    from .handout_css import parsed

    for sheet in sorted((templates / "handout").glob("*.css")):
        parsed(sheet.resolve())


def watch(args, stop: threading.Event | None = None, say=print) -> int:
    from watchfiles import watch as watch_changes

    lessons = lessons_to_watch(args.lessons)
    if not lessons:
        say("nothing to watch: no lessons given and none in content/")
        return 2
    warm_up(Path(args.templates))
    for lesson in lessons:
        rebuild(lesson, args, say)
    roots = sorted({str(p.resolve().parent) for p in lessons} | {str(Path(args.templates).resolve())})
    say(f"watching {len(lessons)} lesson(s); Ctrl-C to stop")
    try:
        for changes in watch_changes(*roots, stop_event=stop, debounce=200, rust_timeout=500, yield_on_timeout=False):
            changed = {Path(path) for _kind, path in changes}
            for lesson in affected(changed, lessons, Path(args.templates), Path(args.output)):
                rebuild(lesson, args, say)
    except KeyboardInterrupt:
        pass
    return 0
