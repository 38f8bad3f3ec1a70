"""Errors and warnings that name the lesson file and line: `content/x.md:12: message`."""
from __future__ import annotations

import logging

from .model import SourcePos

log = logging.getLogger("slidegen")


class SlidegenError(Exception):
    """Any failure the CLI reports as one line and an exit code, without a traceback."""

    exit_code = 1


class LessonError(SlidegenError):
    """The lesson (or a file it names) cannot be built."""

    def __init__(self, pos: SourcePos | str, message: str):
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message


class UsageError(SlidegenError):
    """A wrong command line, template folder or reference deck."""

    exit_code = 2


def warn(pos: SourcePos | str, message: str) -> None:
    log.warning("%s: warning: %s", pos, message)


class WarningCounter(logging.Handler):
    """Counts the warnings logged while it is attached (for `--strict`, and a build's summary)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1
