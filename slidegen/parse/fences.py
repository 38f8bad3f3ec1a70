"""Which lines of a lesson are code fences' (```` ``` ```` or `~~~`, with their opening and closing lines),
for the passes that rewrite the lesson's text before Markdown parsing and must leave code as written."""
from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class Fences:
    """Fed the lines in order, says of each whether it belongs to a code fence."""

    def __init__(self) -> None:
        self.open = ""  # the marker of the fence the lines are in, else ""

    def is_code(self, line: str, may_open: bool = True) -> bool:
        """Whether `line` opens, continues or closes a fence (`may_open`: whether it may open one)."""
        marker = _FENCE.match(line)
        if self.open:
            if marker and marker.group(1)[0] == self.open[0] and len(marker.group(1)) >= len(self.open):
                self.open = ""
            return True
        if marker and may_open:
            self.open = marker.group(1)
            return True
        return False
