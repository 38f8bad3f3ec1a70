"""`slidegen build`: the deck and the handout of every lesson given, in one process.

A course built by `make` used to start two fresh Pythons per lesson, each importing python-pptx, lxml,
markdown-it, fontTools and WeasyPrint (about 0.5 s) before doing any work. Here the libraries are
imported once, then a pool of worker processes (forked, so they share those imports) builds one lesson
each at a time, its deck and handout from one parse and one pagination (`build.build_both`).

A lesson that fails is reported with its error and does not stop the others; the exit status is the
worst of all lessons. Each output is still written atomically (`output.write_atomic`).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SlidegenError, WarningCounter

log = logging.getLogger("slidegen")
EXIT_LESSON = 1


@dataclass(frozen=True)
class BuildOptions:
    """What every lesson of one `slidegen build` is built with."""

    out_dir: Path
    templates: Path
    max_bytes: int
    max_seconds: float = 0.0
    debug: bool = False


@dataclass(frozen=True)
class Outcome:
    """One lesson's result: the files written, or the error line and its exit code."""

    lesson: Path
    outputs: tuple[Path, ...] = ()
    seconds: float = 0.0
    exit_code: int = 0
    error: str = ""
    warnings: int = 0


@dataclass
class Totals:
    worst: int = 0
    warnings: int = 0
    failed: list[Path] = field(default_factory=list)


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_lessons(lessons: list[Path], options: BuildOptions, jobs: int, guard: Callable) -> Totals:
    """Build every lesson, `jobs` at a time; `guard(path, seconds, build_one)` keeps each within its budget.
    One line per lesson as it finishes; a failure is printed and the rest go on."""
    totals = Totals()
    jobs = max(1, min(jobs, len(lessons)))
    outcomes = _in_this_process(lessons, options, guard) if jobs == 1 else _in_pool(lessons, options, guard, jobs)
    for number, outcome in enumerate(outcomes, start=1):
        _report(outcome, number, len(lessons), totals)
    return totals


def _in_this_process(lessons: list[Path], options: BuildOptions, guard: Callable):
    for lesson in lessons:
        yield build_one(lesson, options, guard)


def _in_pool(lessons: list[Path], options: BuildOptions, guard: Callable, jobs: int):
    _import_renderers()  # once, before the fork: every worker starts with them loaded
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                             initializer=_configure_worker, initargs=(log.getEffectiveLevel(),)) as pool:
        pending = {pool.submit(build_one, lesson, options, guard): lesson for lesson in lessons}
        for future in as_completed(pending):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield Outcome(pending[future], exit_code=EXIT_LESSON,
                              error=f"{pending[future]}: the build's worker process stopped (out of memory or killed)")


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _import_renderers() -> None:
    from . import render_handout, render_pptx  # noqa: F401
    import weasyprint  # noqa: F401


def _configure_worker(level: int) -> None:
    """A spawned worker (no fork on this platform) has no logging set up yet; a forked one keeps the parent's."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level, format="%(message)s")


def build_one(lesson: Path, options: BuildOptions, guard: Callable) -> Outcome:
    """Deck and notes handout of one lesson (runs in a worker); errors come back as an `Outcome`."""
    from .build import build_both

    counter = WarningCounter()
    log.addHandler(counter)
    started = time.perf_counter()
    try:
        outputs = guard(lesson, options.max_seconds,
                        lambda path: build_both(path, options.out_dir, options.templates, options.max_bytes))
        return Outcome(lesson, tuple(outputs), time.perf_counter() - started, warnings=counter.count)
    except SlidegenError as exc:
        return Outcome(lesson, exit_code=exc.exit_code, error=str(exc), warnings=counter.count)
    except Exception as exc:  # a bug of ours on this lesson: report it, build the others
        if options.debug:
            import traceback

            traceback.print_exc()
        return Outcome(lesson, exit_code=EXIT_LESSON, warnings=counter.count,
                       error=f"{lesson}: internal error: {exc!r} (run with --debug for the traceback)")
    finally:
        log.removeHandler(counter)


def _report(outcome: Outcome, number: int, total: int, totals: Totals) -> None:
    totals.warnings += outcome.warnings
    if outcome.exit_code:
        totals.worst = max(totals.worst, outcome.exit_code)
        totals.failed.append(outcome.lesson)
        log.error("%s", outcome.error)
        return
    progress = f"[{number}/{total}] " if total > 1 else ""
    log.info("%sbuilt %s (%.2f s)", progress, " and ".join(map(str, outcome.outputs)), outcome.seconds)
