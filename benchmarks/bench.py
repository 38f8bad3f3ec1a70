"""slidegen side by side with pandoc: wall time, peak memory and output size, alternating A/B.

usage: .venv/bin/python benchmarks/bench.py [--runs 5] [--quick]
Rows: the content lesson, the same lesson 10x, and a course of 20 lessons (make -j2 vs serial). Each
command runs as a fresh process; peak memory is the process's maximum resident set (os.wait4).
Timing lives here and nowhere in the tests.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "content" / "01-generative-ai-llm.md"
VENV_BIN = ROOT / ".venv" / "bin"


@dataclass
class Sample:
    seconds: float
    peak_mb: float


def run_once(cmd: list[str], cwd: Path, env: dict) -> Sample:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        err = proc.stderr.read().decode(errors="replace")[-400:]
        raise SystemExit(f"bench: command failed: {' '.join(cmd)}\n{err}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def alternate(commands: dict[str, list[str]], runs: int, cwd: Path, env: dict, before=None) -> dict[str, list[Sample]]:
    """Run each command `runs` times, interleaved A, B, A, B... so drift hits both alike."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            if before:
                before(name)
            samples[name].append(run_once(cmd, cwd, env))
    return samples


def summary(samples: list[Sample]) -> tuple[float, float, float, float]:
    times = [s.seconds for s in samples]
    return statistics.median(times), min(times), max(times), max(s.peak_mb for s in samples)


def ten_times(work: Path) -> Path:
    text = LESSON.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    big = work / "10x.md"
    big.write_text(head + "\n---\n" + "\n\n".join([body] * 10), encoding="utf-8")
    return big


def count_slides(pptx: Path) -> int:
    import zipfile

    with zipfile.ZipFile(pptx) as z:
        return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def count_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


def lesson_rows(lesson: Path, label: str, work: Path, runs: int, env: dict) -> list[tuple]:
    out = work / "out"
    out.mkdir(exist_ok=True)
    sg = str(VENV_BIN / "slidegen")
    rows = []
    deck = alternate({
        "slidegen": [sg, "-q", "slides", str(lesson), "-o", str(out)],
        "pandoc": ["pandoc", str(lesson), "-o", str(out / "pandoc.pptx")],
        "pandoc3": ["pandoc", str(lesson), "--slide-level=3", "-o", str(out / "pandoc3.pptx")],
    }, runs, work, env)
    slides = count_slides(out / f"{lesson.stem}.pptx")
    rows.append((f"{label} deck", deck["slidegen"], deck["pandoc"], f"{slides} slides vs {count_slides(out / 'pandoc.pptx')}"))
    rows.append((f"{label} deck vs --slide-level=3", deck["slidegen"], deck["pandoc3"],
                 f"{slides} slides vs {count_slides(out / 'pandoc3.pptx')}"))
    hand = alternate({
        "slidegen": [sg, "-q", "handout", str(lesson), "-o", str(out)],
        "pandoc": ["pandoc", str(lesson), "-s", "-o", str(out / "pandoc.pdf"), "--pdf-engine=weasyprint"],
    }, runs, work, env)
    rows.append((f"{label} handout", hand["slidegen"], hand["pandoc"],
                 f"{count_pages(out / f'{lesson.stem}.pdf')} pages vs {count_pages(out / 'pandoc.pdf')}"))
    return rows


def course_rows(work: Path, runs: int, env: dict) -> list[tuple]:
    """20 lessons through the project's Makefile: serial, -j2, and a no-change rerun; pandoc serially."""
    course = work / "course"
    (course / "content").mkdir(parents=True)
    for name in ("slidegen", "templates", "pyproject.toml", ".venv", "Makefile"):
        (course / name).symlink_to(ROOT / name)
    for i in range(1, 21):
        shutil.copy(LESSON, course / "content" / f"{i:02d}-lesson.md")
    script = course / "pandoc-all.sh"
    script.write_text("set -e\nfor f in content/*.md; do n=$(basename $f .md); "
                      "pandoc $f -o build/$n.pptx; pandoc $f -s -o build/$n.pdf --pdf-engine=weasyprint; done\n")
    (course / "build").mkdir()
    clean = lambda _name: [p.unlink() for p in (course / "build").glob("*") if p.is_file()]
    samples = alternate({
        "serial": ["make", "-s", "all"],
        "parallel": ["make", "-s", "-j2", "all"],
        "pandoc": ["bash", str(script)],
    }, runs, course, env, before=clean)
    noop = alternate({"noop": ["make", "-s", "all"]}, runs, course, env)
    return [
        ("course of 20: make -j2 vs serial", samples["parallel"], samples["serial"], "same outputs"),
        ("course of 20: make -j2 vs pandoc serial", samples["parallel"], samples["pandoc"], "deck + handout each"),
        ("course of 20: make all, nothing changed", noop["noop"], None, "no rebuild"),
    ]


def print_table(rows: list[tuple]) -> None:
    print(f"{'case':44} {'slidegen median (min-max) s':>28} {'peak MB':>8} {'other median s':>15} {'peak MB':>8} {'ratio':>6}  output")
    for label, ours, theirs, note in rows:
        om, olo, ohi, opeak = summary(ours)
        if theirs is None:
            print(f"{label:44} {om:8.3f} ({olo:.3f}-{ohi:.3f}) {opeak:8.0f} {'':>15} {'':>8} {'':>6}  {note}")
            continue
        tm, _tlo, _thi, tpeak = summary(theirs)
        print(f"{label:44} {om:8.3f} ({olo:.3f}-{ohi:.3f}) {opeak:8.0f} {tm:15.3f} {tpeak:8.0f} {om / tm:6.2f}  {note}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 20-lesson course")
    args = ap.parse_args(argv)
    if not shutil.which("pandoc"):
        raise SystemExit("bench: pandoc is not installed (make bench installs it with apt-get)")
    env = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ['PATH']}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(LESSON, work / LESSON.name)
        rows = lesson_rows(work / LESSON.name, "lesson", work, args.runs, env)
        rows += lesson_rows(ten_times(work), "lesson x10", work, args.runs, env)
        if not args.quick:
            rows += course_rows(work, max(1, args.runs // 2), env)
    print(f"slidegen vs pandoc, {os.cpu_count()} cores, {args.runs} runs alternating (ratio = slidegen / other)")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
