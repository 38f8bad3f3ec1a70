"""Reading a lesson file: UTF-8 with or without a BOM, CRLF/CR/LF line ends, and the size limit."""
from __future__ import annotations

from pathlib import Path

from ..errors import LessonError

MAX_LESSON_BYTES = 2 * 1024 * 1024  # a lesson is a few dozen KB; `--max-bytes` raises the limit


def read_source(path: Path, max_bytes: int = MAX_LESSON_BYTES) -> str:
    """The lesson's text: UTF-8 with or without BOM, CRLF or LF; invalid UTF-8 is a `LessonError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LessonError(path, f"cannot read the lesson: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise LessonError(f"{path}:1", f"the lesson is {len(data):,} bytes, over the limit of {max_bytes:,} "
                                       "(split it, or raise the limit with --max-bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LessonError(f"{path}:{line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
