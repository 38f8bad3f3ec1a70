"""One lesson from file to output: parse → paginate → render → write atomically.

`build_deck` never imports WeasyPrint; `build_handout` imports it through render_handout only."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import UsageError, warn
from .model import Deck, Lesson
from .output import write_atomic
from .paginate import paginate
from .parse import MAX_LESSON_BYTES, parse_file
from .parse.lesson import DOCUMENT_PROPERTY_CHARS
from .theme import Theme, load_theme, unreadable_colours


def output_path(lesson_path: Path, out: Path, suffix: str) -> Path:
    """`out/NAME{suffix}`; `out` itself when it names a file of that kind (`-o talk.pptx`, as pandoc's `-o`)."""
    out = Path(out)
    if names_file(out, "." + suffix.rpartition(".")[2]):
        return out
    return out / f"{Path(lesson_path).stem}{suffix}"


def names_file(out: Path, extension: str) -> bool:
    """Whether `-o` names an output file (ends in `extension` and is not an existing folder)."""
    return Path(out).suffix.lower() == extension and not Path(out).is_dir()


def check_templates(templates: Path) -> Path:
    templates = Path(templates)
    if not (templates / "deck" / "theme.yaml").is_file():
        raise UsageError(f"{templates}: not a slidegen template folder (no deck/theme.yaml)")
    return templates


def lesson_and_deck(lesson_path: Path, templates: Path, reference: Path | None = None,
                    max_bytes: int = MAX_LESSON_BYTES) -> tuple[Lesson, Deck, Theme]:
    lesson = parse_file(Path(lesson_path), max_bytes=max_bytes)
    theme = load_theme(check_templates(templates), lesson.lang)
    if reference is not None:
        from .reference import theme_from_reference

        theme = theme_from_reference(theme, reference, lesson.lang)
    for problem in unreadable_colours(theme):
        warn(str(reference or Path(templates) / "deck" / "theme.yaml"), problem)
    return lesson, paginate(lesson, theme), theme


def build_deck(lesson_path: Path, out_dir: Path, templates: Path, reference: Path | None = None,
               max_bytes: int = MAX_LESSON_BYTES) -> Path:
    built = lesson_and_deck(lesson_path, templates, reference, max_bytes)
    return write_deck(lesson_path, out_dir, templates, built, reference)


def build_handout(lesson_path: Path, out_dir: Path, templates: Path, layout: str = "notes",
                  max_bytes: int = MAX_LESSON_BYTES, notes: bool = False) -> Path:
    built = lesson_and_deck(lesson_path, templates, None, max_bytes)
    return write_handout(lesson_path, out_dir, templates, built, layout, notes)


def build_both(lesson_path: Path, out_dir: Path, templates: Path,
               max_bytes: int = MAX_LESSON_BYTES) -> tuple[Path, Path]:
    """Deck and notes handout from one parse and one pagination (its warnings are shown once)."""
    built = lesson_and_deck(lesson_path, templates, None, max_bytes)
    return (write_deck(lesson_path, out_dir, templates, built),
            write_handout(lesson_path, out_dir, templates, built, "notes"))


def write_deck(lesson_path: Path, out_dir: Path, templates: Path, built, reference: Path | None = None) -> Path:
    from .render_pptx import render_pptx

    _lesson, deck, theme = built
    master = reference or Path(templates) / "deck" / "master.pptx"
    return write_atomic(output_path(lesson_path, out_dir, ".pptx"), render_pptx(with_short_properties(deck), theme, master))


def with_short_properties(deck: Deck) -> Deck:
    """The deck with its lesson's title, description, author and tags cut to what a deck's document
    properties hold (255 characters); its slides, made from the whole lesson, are unchanged."""
    lesson, limit = deck.lesson, DOCUMENT_PROPERTY_CHARS
    meta = dict(lesson.meta)
    if "author" in meta:
        meta["author"] = str(meta["author"])[:limit]
    keywords = ", ".join(lesson.tags)
    if len(keywords) > limit:
        meta["tags"] = [keywords[:limit]]  # the deck's keywords, one text
    short = replace(lesson, title=lesson.title[:limit], description=lesson.description[:limit], meta=meta)
    return replace(deck, lesson=short)


HANDOUT_SUFFIXES = {"notes": ".pdf", "slides": "-slides.pdf", "deck": "-deck.pdf"}


def write_handout(lesson_path: Path, out_dir: Path, templates: Path, built, layout: str, notes: bool = False) -> Path:
    """The handout in `layout`; `deck` is a PDF of the deck itself (`notes`: speaker notes under each slide)."""
    from .render_handout import render_handout

    lesson, deck, _theme = built
    pdf = render_handout(lesson, deck, Path(templates), layout, notes)
    return write_atomic(output_path(lesson_path, out_dir, HANDOUT_SUFFIXES.get(layout, "-slides.pdf")), pdf)
