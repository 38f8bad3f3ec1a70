"""`slidegen doctor`: the fonts and system libraries slidegen cannot install itself, each with the
command that installs it (Debian/Ubuntu and macOS), and whether this machine has it."""
from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    what: str
    needed_for: str
    debian: str
    macos: str


NEEDS = (
    Need("a Korean font (Noto Sans CJK KR)", "deck and handout", "sudo apt-get install fonts-noto-cjk",
         "brew install --cask font-noto-sans-cjk-kr"),
    Need("pango", "handout (WeasyPrint)", "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0", "brew install pango"),
    Need("harfbuzz-subset", "a fast handout (fonts subset in C, not in Python)",
         "sudo apt-get install libharfbuzz-subset0", "brew install harfbuzz"),
    Need("poppler (pdftotext)", "slidegen check", "sudo apt-get install poppler-utils", "brew install poppler"),
    Need("LibreOffice (soffice)", "slidegen check --render", "sudo apt-get install libreoffice-impress",
         "brew install --cask libreoffice"),
)


def _has_korean_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


def _has_pango() -> bool:
    return bool(ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0"))


PROBES = {
    NEEDS[0].what: _has_korean_font,
    NEEDS[1].what: _has_pango,
    NEEDS[2].what: lambda: bool(ctypes.util.find_library("harfbuzz-subset")),
    NEEDS[3].what: lambda: shutil.which("pdftotext") is not None,
    NEEDS[4].what: lambda: shutil.which("soffice") is not None,
}


def report() -> tuple[str, bool]:
    """One line per need ('ok' or the command to install it); True when the build's own needs are met
    (the first three: check and --render are optional)."""
    lines, ready = [], True
    for index, need in enumerate(NEEDS):
        have = PROBES[need.what]()
        if have:
            lines.append(f"ok       {need.what} ({need.needed_for})")
            continue
        ready = ready and index >= 3
        lines.append(f"missing  {need.what} ({need.needed_for}): {need.debian}   # macOS: {need.macos}")
    return "\n".join(lines), ready
