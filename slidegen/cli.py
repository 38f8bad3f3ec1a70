"""Command line: argparse, logging and exit codes. The only module that calls `sys.exit`.

Exit codes: 0 built, 1 lesson error, 2 usage error, 3 check failed.
Each command imports only what it needs, so `slidegen slides` never loads WeasyPrint.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from pathlib import Path

from .errors import SlidegenError, UsageError, WarningCounter

EXIT_OK, EXIT_LESSON, EXIT_USAGE, EXIT_CHECK = 0, 1, 2, 3


def default_templates() -> Path:
    """The templates an installed slidegen carries (slidegen/templates in a wheel), else the repository's
    own top-level templates/ (a source checkout or an editable install)."""
    here = Path(__file__).resolve().parent
    shipped = here / "templates"
    return shipped if (shipped / "deck" / "theme.yaml").is_file() else here.parent / "templates"


DEFAULT_TEMPLATES = default_templates()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="slidegen", description="Markdown lessons to a PowerPoint deck and a PDF handout")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    ap.add_argument("--strict", action="store_true", help="fail the build on any warning")
    ap.add_argument("-q", "--quiet", action="store_true", help="only errors")
    ap.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    ap.add_argument("--max-seconds", type=float, default=60.0, metavar="S",
                    help="stop a lesson's build after S seconds (default 60; 0: no limit)")
    ap.add_argument("--max-memory", type=int, default=1024, metavar="MB",
                    help="stop a build that needs more than MB megabytes (default 1024; 0: no limit)")
    sub = ap.add_subparsers(dest="command", required=True)

    outline = sub.add_parser("outline", help="print a lesson's structure")
    outline.add_argument("lessons", nargs="+", type=Path)

    slides = sub.add_parser("slides", help="build decks (.pptx)")
    _build_args(slides)
    slides.add_argument("--reference-deck", type=Path, help="use this .pptx's layouts and theme")

    handout = sub.add_parser("handout", help="build handouts (.pdf)")
    _build_args(handout)
    handout.add_argument("--layout", choices=("notes", "slides", "deck"), default="notes",
                         help="notes: the lesson as text (NAME.pdf); slides: three slides a page (NAME-slides.pdf); "
                              "deck: the deck itself, a page per slide (NAME-deck.pdf)")
    handout.add_argument("--notes", action="store_true", help="with --layout deck: speaker notes under each slide")

    build = sub.add_parser("build", help="build deck and handout of every lesson, several at once (what make all runs)")
    _build_args(build)
    build.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                       help="lessons built at once (default 0: one per core)")

    check = sub.add_parser("check", help="prove that built outputs carry every item of their lessons")
    check.add_argument("lessons", nargs="+", type=Path)
    check.add_argument("--deck", type=Path, help="deck to check (default: build/NAME.pptx)")
    check.add_argument("--handout", type=Path, help="handout to check (default: build/NAME.pdf)")
    check.add_argument("-o", "--output", type=Path, default=Path("build"))
    check.add_argument("--render", action="store_true", help="also render the deck with LibreOffice")
    check.add_argument("--a11y", action="store_true",
                       help="also check what an accessibility checker would flag (titles, alt text, tags, contrast)")
    check.add_argument("--json", action="store_true")
    check.add_argument("--templates", type=Path, default=DEFAULT_TEMPLATES, help="template folder")

    templates = sub.add_parser("templates", help="write the default templates into a folder, to change them")
    templates.add_argument("folder", type=Path)

    sub.add_parser("doctor", help="list the fonts and system libraries slidegen needs, with install commands")

    watch = sub.add_parser("watch", help="rebuild deck and handout when a lesson or template changes")
    _build_args(watch, nargs="*")
    return ap


class _VersionAction(argparse.Action):
    """`--version`, looked up only when asked (importlib.metadata costs every command 15 ms otherwise)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"slidegen {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("slidegen")
    except PackageNotFoundError:
        from . import __version__

        return __version__


def _build_args(cmd: argparse.ArgumentParser, nargs: str = "+") -> None:
    cmd.add_argument("lessons", nargs=nargs, type=Path)
    cmd.add_argument("-o", "--output", type=Path, default=Path("build"), help="output folder (default: build), or the output file of one lesson")
    cmd.add_argument("--templates", type=Path, default=DEFAULT_TEMPLATES, help="template folder")
    cmd.add_argument("--max-bytes", type=int, default=2 * 1024 * 1024, help="refuse lessons larger than this")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in ("weasyprint", "fontTools", "PIL", "watchfiles"):  # their progress chatter is not ours to show
        logging.getLogger(noisy).setLevel(logging.ERROR)
    strict = WarningCounter()
    logging.getLogger("slidegen").addHandler(strict)
    try:
        code = COMMANDS[args.command](args)
    except SlidegenError as exc:
        if args.debug:
            raise
        print(f"slidegen: {exc}" if isinstance(exc, UsageError) else str(exc), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader stopped reading (`slidegen outline x.md | head`): not an error
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug of ours: one line, the traceback only with --debug
        if args.debug:
            raise
        print(f"slidegen: internal error: {exc!r} (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_LESSON
    except KeyboardInterrupt:
        print("slidegen: interrupted; earlier outputs are unchanged", file=sys.stderr)
        return 130
    if code == EXIT_OK and args.strict and strict.count:
        print(f"slidegen: {strict.count} warning(s) and --strict", file=sys.stderr)
        return EXIT_LESSON
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail on the closed pipe."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def cmd_outline(args) -> int:
    from .outline import format_outline
    from .parse import parse_file

    for path in args.lessons:
        print(format_outline(parse_file(path)))
    return EXIT_OK


class BudgetExceeded(SlidegenError):
    """A lesson's build took longer than `--max-seconds`."""


class _OutOfTime(BaseException):
    """The alarm of `--max-seconds`: not an `Exception`, so that no `except Exception` on the way (a
    formula's or a picture's fallback) takes it for a failure of its own and goes on building."""


@contextlib.contextmanager
def memory_budget(megabytes: int):
    """Cap the process's address space while a command builds, so a lesson that would eat the machine
    fails instead; the previous limit comes back afterwards (main() may run inside another program,
    such as the tests)."""
    try:
        import resource
    except ImportError:  # not on this platform
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if megabytes > 0:
        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard < 0 else min(limit, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _within_budget(path: Path, seconds: float, build_one):
    """`build_one(path)`, stopped with a `file: …` error after `seconds` (where the platform has alarms)."""
    import signal

    if seconds <= 0 or not hasattr(signal, "setitimer"):
        return build_one(path)

    def stop(_signum, _frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return build_one(path)
    except _OutOfTime:
        raise BudgetExceeded(f"{path}: stopped after {seconds:g} s (--max-seconds); the lesson is too large "
                             "or has a construct slidegen handles slowly") from None
    except MemoryError:
        raise BudgetExceeded(f"{path}: needs more memory than --max-memory allows") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _each_lesson(args, build_one) -> int:
    """Build every lesson, one line per lesson with its time, each within the time and memory budget;
    a failed lesson does not stop the rest, and the exit status is the worst of them."""
    with memory_budget(getattr(args, "max_memory", 0)):
        return _each_lesson_within_budget(args, build_one)


def _each_lesson_within_budget(args, build_one) -> int:
    worst = EXIT_OK
    total = len(args.lessons)
    for number, path in enumerate(args.lessons, start=1):
        started = time.perf_counter()
        try:
            out = _within_budget(path, getattr(args, "max_seconds", 0), build_one)
        except SlidegenError as exc:
            if args.debug or total == 1:
                raise
            print(str(exc), file=sys.stderr)
            worst = max(worst, exc.exit_code)
            continue
        except Exception as exc:  # a bug of ours on this lesson: report it, build the others
            if args.debug or total == 1:
                raise
            print(f"{path}: internal error: {exc!r} (run with --debug for the traceback)", file=sys.stderr)
            worst = max(worst, EXIT_LESSON)
            continue
        progress = f"[{number}/{total}] " if total > 1 else ""
        _clear_bar()
        logging.getLogger("slidegen").info("%sbuilt %s (%.2f s)", progress, out, time.perf_counter() - started)
        _draw_bar(number, total)
    _clear_bar()
    return worst


def _draw_bar(done: int, total: int, width: int = 30) -> None:
    """A progress bar on the terminal's last line (only on a terminal, only for several lessons)."""
    if total > 1 and sys.stderr.isatty():
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()


def _clear_bar() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")


def one_lesson_for_a_file(args, extension: str) -> None:
    """`-o FILE.pptx` / `-o FILE.pdf` names the output of one lesson; for several, `-o` is a folder."""
    from .build import names_file

    if names_file(args.output, extension) and len(args.lessons) != 1:
        raise UsageError(f"-o {args.output} names one file; give one lesson, or a folder for several")


def cmd_slides(args) -> int:
    from .build import build_deck

    one_lesson_for_a_file(args, ".pptx")
    return _each_lesson(args, lambda path: build_deck(path, args.output, args.templates, args.reference_deck,
                                                                args.max_bytes))


def cmd_handout(args) -> int:
    from .build import build_handout

    one_lesson_for_a_file(args, ".pdf")
    return _each_lesson(args, lambda path: build_handout(path, args.output, args.templates, args.layout,
                                                                  args.max_bytes, args.notes))


def cmd_build(args) -> int:
    """`slidegen build`: deck + notes handout per lesson from one parse, `--jobs` lessons at a time."""
    from .course import BuildOptions, build_lessons, default_jobs

    output_is_a_folder(args, "build")
    options = BuildOptions(args.output, args.templates, args.max_bytes, args.max_seconds, args.debug)
    with memory_budget(getattr(args, "max_memory", 0)):
        totals = build_lessons(args.lessons, options, args.jobs or default_jobs(), _within_budget)
    if totals.worst == EXIT_OK and args.strict and totals.warnings:
        print(f"slidegen: {totals.warnings} warning(s) and --strict", file=sys.stderr)
        return EXIT_LESSON
    return totals.worst


def check_paths(args) -> list[tuple[Path, Path, Path]]:
    """(lesson, deck, handout) per lesson: `--deck`/`--handout`, else `OUTPUT/NAME.pptx` and `.pdf`."""
    lessons = [Path(p) for p in args.lessons]
    if (args.deck or args.handout) and len(lessons) != 1:
        raise UsageError("--deck and --handout name the outputs of one lesson; give exactly one lesson")
    out = Path(args.output)
    return [(lesson, Path(args.deck or out / f"{lesson.stem}.pptx"), Path(args.handout or out / f"{lesson.stem}.pdf"))
            for lesson in lessons]


def cmd_check(args) -> int:
    """`slidegen check`: one summary line per output (or a JSON document); exit 3 when anything failed."""
    from .verify import check_outputs

    templates = Path(getattr(args, "templates", None) or DEFAULT_TEMPLATES)
    report = check_outputs(check_paths(args), templates, render=args.render, a11y=args.a11y)
    print(report.text(as_json=args.json))
    return EXIT_OK if report.ok else EXIT_CHECK


def cmd_templates(args) -> int:
    """Copy the default templates into a new (or empty) folder, for `--templates FOLDER`."""
    import shutil

    folder = Path(args.folder)
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: not empty; give a new folder for the templates")
    shutil.copytree(DEFAULT_TEMPLATES, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    logging.getLogger("slidegen").info("templates written to %s; use them with --templates %s", folder, folder)
    return EXIT_OK


def cmd_doctor(args) -> int:
    from .doctor import report

    text, ready = report()
    print(text)
    return EXIT_OK if ready else EXIT_USAGE


def output_is_a_folder(args, command: str) -> None:
    """`build` and `watch` write a deck and a handout: `-o` names their folder, never one file."""
    from .build import names_file

    if names_file(args.output, ".pptx") or names_file(args.output, ".pdf"):
        raise UsageError(f"-o {args.output}: `slidegen {command}` writes a deck and a handout; -o names their folder")


def cmd_watch(args) -> int:
    from .watch import watch

    output_is_a_folder(args, "watch")
    return watch(args)


COMMANDS = {
    "outline": cmd_outline,
    "slides": cmd_slides,
    "handout": cmd_handout,
    "build": cmd_build,
    "check": cmd_check,
    "watch": cmd_watch,
    "templates": cmd_templates,
    "doctor": cmd_doctor,
}


if __name__ == "__main__":
    sys.exit(main())
