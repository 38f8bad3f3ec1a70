"""Where a picture's file is: a `src` relative to the lesson (or `/…` to the content folder, or to the
folders a site serves from it: Docusaurus's `static/`, Next.js's `public/`, MkDocs's `docs/`) that
names a file inside the content folder; remote, missing, outside or unreadable addresses get no path,
and a warning (the slide and the page show the alt text instead).

The content folder of a lesson file is the site or repository it belongs to (`site_root`): course
sites keep pictures beside the pages folder (`../img/shot.png`, `/img/shot.png`).

`ImageSources` is mixed into the lesson parser (`lesson.LessonParser`), which gives it `lesson_dir` and
`content_root`."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from .. import pictures
from ..errors import warn
from ..model import Image, SourcePos, shown_address
from .urls import split_url

SITE_MARKERS = (".git", "package.json", "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs",
                "mkdocs.yml", "mkdocs.yaml", "_config.yml", "_quarto.yml", "book.toml", "theme.config.tsx",
                "theme.config.jsx", "theme.config.js")
SITE_DEPTH = 8  # folders above a lesson searched for its site
SERVED_FOLDERS = ("", "static", "public", "docs")  # where a site's `/…` addresses may live
MAX_PICTURE_BYTES = 50 * 2**20  # a picture file read into a deck and a handout (a 1.5 GB one took 4.7 GB)


def site_root(lesson_dir: Path) -> Path:
    """The nearest folder at or above the lesson's that holds a site or repository (a `.git`, a
    `package.json`, a Docusaurus, MkDocs, Jupyter Book, Quarto, mdBook or Nextra configuration); the
    lesson's own folder when none does."""
    lesson_dir = lesson_dir.resolve()
    for folder in [lesson_dir, *lesson_dir.parents][:SITE_DEPTH]:
        if any(_exists(folder / marker) for marker in SITE_MARKERS):
            return folder
    return lesson_dir


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder the user may not read
        return False


class ImageSources:
    """Pictures of a lesson, their files resolved (a mixin of `lesson.LessonParser`)."""

    def image(self, src: str, alt: str, title: str | None, pos: SourcePos, width_px: float | None = None) -> Image:
        path = self.resolve_image(src, pos)
        if path is not None and not (alt.strip() or (title or "").strip()):
            warn(pos, f"image '{shown_address(src)}' has no alt text; it is marked decorative (a screen reader skips it): "
                      "describe it as ![what it shows](…)")
        return Image(src, alt, path, pos, title or None, width_px)

    def resolve_image(self, src: str, pos: SourcePos) -> Path | None:
        parts = split_url(src)
        if parts is None:
            warn(pos, f"image '{shown_address(src)}' is not a valid address; it is not read (alt text shown instead)")
            return None
        if parts.scheme or src.startswith("//"):
            warn(pos, f"image '{shown_address(src)}' is not a local file; it is not fetched (alt text shown instead)")
            return None
        try:
            target = self.local_file(unquote(parts.path))
        except (OSError, RuntimeError) as exc:  # a symlink loop; a name the system refuses
            warn(pos, f"image '{shown_address(src)}' cannot be opened ({exc}); its alt text is shown instead")
            return None
        if not target.is_relative_to(self.content_root):
            warn(pos, f"image '{shown_address(src)}' is outside the content folder; it is not read (alt text shown instead)")
            return None
        if not target.is_file():
            warn(pos, f"image '{shown_address(src)}' not found; its alt text is shown instead")
            return None
        if target.stat().st_size > MAX_PICTURE_BYTES:
            warn(pos, f"image '{shown_address(src)}' is larger than {MAX_PICTURE_BYTES // 2**20} MB; it is not read "
                      "(its alt text is shown instead): save a smaller copy for the slides")
            return None
        trouble = pictures.problem(target)
        if trouble:
            warn(pos, f"image '{shown_address(src)}' cannot be shown ({trouble}); its alt text is shown instead")
            return None
        return target

    def local_file(self, rel: str) -> Path:
        """The file a local address names: beside the lesson, or for `/…` in the content folder or a
        folder it serves from (the first that has it)."""
        if not rel.startswith("/"):
            return (self.lesson_dir / rel).resolve()
        candidates = [(self.content_root / served / rel.lstrip("/")).resolve() for served in SERVED_FOLDERS]
        return next((c for c in candidates if c.is_file()), candidates[0])
