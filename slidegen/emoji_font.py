"""Install a monochrome emoji font (Noto Emoji, SIL Open Font License) for fontconfig when none is there.

usage: python -m slidegen.emoji_font      (the Makefile runs it once; it does nothing when the font exists)

Lessons use emoji (📝, ✅, 🧩). Without a font that has them, the deck and the handout show empty boxes.
Debian's colour emoji font is a bitmap font that WeasyPrint can only embed as Type 3, and Symbola stops
at Unicode 9, so this fetches the outline font from the npm registry (package @fontsource/noto-emoji),
merges its Unicode-range subsets into one TrueType file and installs it in the user's font folder.
"""
from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "@fontsource/noto-emoji@5"
FAMILY = "Noto Emoji"
FOLDER = Path.home() / ".local" / "share" / "fonts"
WEIGHTS = {"400": "NotoEmoji-Regular.ttf", "700": "NotoEmoji-Bold.ttf"}  # a real Bold: no synthetic bold


def installed() -> bool:
    out = subprocess.run(["fc-list", FAMILY, "style"], capture_output=True, text=True).stdout
    return "Regular" in out and "Bold" in out


def fetch_package(work: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=work, check=True, capture_output=True, timeout=300)
    tarball = next(work.glob("*.tgz"))
    subprocess.run(["tar", "xzf", tarball.name], cwd=work, check=True)
    return work / "package" / "files"


def subsets(files: Path, weight: str) -> list[Path]:
    found = [Path(p) for p in sorted(glob.glob(str(files / f"noto-emoji-*-{weight}-normal.woff")))]
    if not found:
        raise RuntimeError(f"the package holds no weight-{weight} font files")
    return found


def merge(parts: list[Path], target: Path, work: Path) -> None:
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    plain = []
    for i, woff in enumerate(parts):
        font = TTFont(woff)
        font.flavor = None
        path = work / f"subset-{i}.ttf"
        font.save(path)
        plain.append(str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    Merger().merge(plain).save(target)


def main() -> int:
    if not shutil.which("fc-list"):
        print("emoji font: fontconfig is missing; skipped")
        return 0
    if installed():
        return 0
    if not shutil.which("npm"):
        print(f"emoji font: optional '{FAMILY}' not installed (needs npm); emoji may show as boxes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        try:
            files = fetch_package(Path(tmp))
            for weight, name in WEIGHTS.items():
                merge(subsets(files, weight), FOLDER / name, Path(tmp))
        except (subprocess.SubprocessError, OSError, RuntimeError, StopIteration) as exc:
            print(f"emoji font: optional '{FAMILY}' not installed ({exc}); emoji may show as boxes")
            return 0
    subprocess.run(["fc-cache", "-f", str(FOLDER)], capture_output=True)
    print(f"emoji font: installed {', '.join(WEIGHTS.values())} in {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
