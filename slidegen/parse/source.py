"""Reading a lesson file: UTF-8 with or without a BOM, CRLF/CR/LF line ends, the size limit, and the
characters a deck cannot hold.

`clean_text` drops what XML (and so a deck) cannot carry or a reader cannot see, before any other stage
sees the text: C0 and C1 control characters other than tab and line end, DEL, and Unicode noncharacters
(U+FDD0–U+FDEF, U+FFFE/U+FFFF of every plane). A line or paragraph separator (U+2028/U+2029) becomes a
line end, as editors that show it as one count it. One warning names the first line that had any."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import LessonError, warn

MAX_LESSON_BYTES = 2 * 1024 * 1024  # a lesson is a few dozen KB; `--max-bytes` raises the limit

_PLANE_ENDS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
UNWANTED = re.compile("[" + r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef" + _PLANE_ENDS + "]")  # one class: linear
SEPARATORS = re.compile("[\u2028\u2029]")
_ANY = re.compile(f"{UNWANTED.pattern}|{SEPARATORS.pattern}")


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


def clean_text(text: str, file: str) -> str:
    """`text` without the characters a deck cannot hold (see the module's docstring), with one warning
    `file:line` (the first line that had any) when some were dropped or turned into line ends."""
    first = _ANY.search(text)
    if first is None:
        return text
    line = text.count("\n", 0, first.start()) + len(SEPARATORS.findall(text, 0, first.start())) + 1
    separators = len(SEPARATORS.findall(text))
    cleaned = UNWANTED.sub("", SEPARATORS.sub("\n", text))
    dropped = len(text) - len(cleaned)
    what = [f"{dropped:,} control character(s) or noncharacter(s) dropped"] if dropped else []
    what += [f"{separators:,} line or paragraph separator(s) (U+2028/U+2029) made line ends"] if separators else []
    warn(f"{file}:{line}", f"{' and '.join(what)} (the first U+{ord(first.group()):04X}); a deck cannot hold them")
    return cleaned
