"""Two pieces of work at once: one in a forked child, one here (`slidegen watch` writes a lesson's
handout in the child while this process writes its deck, so a save waits for the slower of the two,
not for both). Where there is no fork, the two run one after the other.

The child reports only an error's text, through a pipe; its outputs are written atomically like any
other, so a child that dies leaves the previous file in place."""
from __future__ import annotations

import os
from collections.abc import Callable

from .errors import SlidegenError


def run_both(in_child: Callable[[], object], here: Callable[[], object]) -> None:
    """`in_child()` in a forked process and `here()` in this one; a `SlidegenError` in either is raised
    here (this process's own first), after both have finished."""
    if not hasattr(os, "fork"):
        in_child()
        here()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, say what went wrong, leave without running the parent's exit code
        os.close(read_end)
        os._exit(_child(in_child, write_end))
    os.close(write_end)
    try:
        here()
    finally:
        message = _read_all(read_end)
        _pid, status = os.waitpid(pid, 0)
    if message:
        raise SlidegenError(message)
    if status:
        raise SlidegenError(f"the handout's build stopped (status {status}); the previous handout is kept")


def _child(work: Callable[[], object], write_end: int) -> int:
    code, message = 0, ""
    try:
        work()
    except SlidegenError as exc:
        code, message = 1, str(exc)
    except BaseException as exc:  # a bug of ours: the parent reports it as one line
        code, message = 1, f"internal error: {exc!r}"
    os.write(write_end, message.encode("utf-8", "replace"))
    os.close(write_end)
    return code


def _read_all(read_end: int) -> str:
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    return b"".join(chunks).decode("utf-8", "replace")
