"""slidegen side by side with pandoc: wall time, peak memory and output size, alternating A/B/C.

usage: .venv/bin/python benchmarks/bench.py [--runs 5] [--quick] [--course-runs 3]
Every row of issue 16's target table, each against both pandocs a user may have: the one on PATH
(Debian's) and the recent one in the pypandoc-binary wheel (fetched once with pip into .venv/). Each
command runs as a fresh process; peak memory is the process's maximum resident set (os.wait4, the
largest of it and its children). Timing lives here and nowhere in the tests.
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
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "content" / "01-generative-ai-llm.md"
VENV_BIN = ROOT / ".venv" / "bin"
RECENT_PANDOC_DIR = ROOT / ".venv" / "pandoc-recent"
COURSE_SIZE = 20


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    case: str
    target: str
    ours: list[Sample]
    theirs: dict[str, list[Sample]]  # pandoc name → samples
    note: str = ""
    limit: float | None = None  # the target ratio (None: an absolute target, shown as is)


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
    """Run each command `runs` times, interleaved A, B, C, A, B, C... so drift hits all alike."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            if before:
                before(name)
            samples[name].append(run_once(cmd, cwd, env))
    return samples


def median(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


# ------------------------------------------------------------------------------------------ pandocs


def pandocs() -> dict[str, str]:
    """name → executable: Debian's (on PATH) and the pypandoc-binary wheel's."""
    found = {}
    system = shutil.which("pandoc")
    if system:
        found[f"pandoc {pandoc_version(system)}"] = system
    recent = recent_pandoc()
    if recent:
        found[f"pandoc {pandoc_version(recent)}"] = recent
    if not found:
        raise SystemExit("bench: no pandoc (make bench installs Debian's with apt-get)")
    return found


def pandoc_version(exe: str) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


def recent_pandoc() -> str | None:
    """The pandoc inside the pypandoc-binary wheel, downloaded (no install) into .venv/pandoc-recent."""
    exe = RECENT_PANDOC_DIR / "pypandoc" / "files" / "pandoc"
    if not exe.exists():
        RECENT_PANDOC_DIR.mkdir(parents=True, exist_ok=True)
        got = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "pypandoc-binary",
                              "-d", str(RECENT_PANDOC_DIR)], capture_output=True, text=True)
        wheels = sorted(RECENT_PANDOC_DIR.glob("pypandoc_binary-*.whl"))
        if got.returncode or not wheels:
            print("bench: pypandoc-binary could not be downloaded; only the system pandoc is measured")
            return None
        with zipfile.ZipFile(wheels[-1]) as wheel:
            wheel.extract("pypandoc/files/pandoc", RECENT_PANDOC_DIR)
        exe.chmod(0o755)
    return str(exe)


# ------------------------------------------------------------------------------------------ inputs


def repeated(work: Path, times: int) -> Path:
    text = LESSON.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    big = work / f"{times}x.md"
    big.write_text(head + "\n---\n" + "\n\n".join([body] * times), encoding="utf-8")
    return big


def count_slides(pptx: Path) -> int:
    with zipfile.ZipFile(pptx) as z:
        return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def count_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


# ------------------------------------------------------------------------------------------ rows


def deck_row(lesson: Path, label: str, target: str, limit: float, slide_level: list[str], work: Path,
             runs: int, env: dict, exes: dict[str, str]) -> Row:
    out = work / "out"
    out.mkdir(exist_ok=True)
    commands = {"slidegen": [str(VENV_BIN / "slidegen"), "-q", "slides", str(lesson), "-o", str(out)]}
    for n, (name, exe) in enumerate(exes.items()):
        commands[name] = [exe, str(lesson), *slide_level, "-o", str(out / f"pandoc{n}.pptx")]
    got = alternate(commands, runs, work, env)
    theirs = ", ".join(str(count_slides(out / f"pandoc{n}.pptx")) for n in range(len(exes)))
    return Row(label, target, got.pop("slidegen"), got,
               f"{count_slides(out / f'{lesson.stem}.pptx')} slides vs {theirs}", limit)


def handout_row(lesson: Path, label: str, work: Path, runs: int, env: dict, exes: dict[str, str]) -> Row:
    out = work / "out"
    out.mkdir(exist_ok=True)
    commands = {"slidegen": [str(VENV_BIN / "slidegen"), "-q", "handout", str(lesson), "-o", str(out)]}
    for n, (name, exe) in enumerate(exes.items()):
        commands[name] = [exe, str(lesson), "-s", "-o", str(out / f"pandoc{n}.pdf"), "--pdf-engine=weasyprint"]
    got = alternate(commands, runs, work, env)
    theirs = ", ".join(str(count_pages(out / f"pandoc{n}.pdf")) for n in range(len(exes)))
    return Row(label, "≤ 1.0×", got.pop("slidegen"), got,
               f"{count_pages(out / f'{lesson.stem}.pdf')} pages vs {theirs}", 1.0)


def course_rows(work: Path, runs: int, env: dict, exes: dict[str, str]) -> list[Row]:
    """20 lessons through the project's Makefile from clean (-j2, -j1), against each pandoc building the
    same course serially (deck + pandoc/WeasyPrint handout per lesson); and a no-change rerun."""
    course = work / "course"
    (course / "content").mkdir(parents=True)
    make = course_make(course)
    for i in range(1, COURSE_SIZE + 1):
        shutil.copy(LESSON, course / "content" / f"{i:02d}-lesson.md")
    commands = {"make -j2": [*make, "-j2", "all"], "make -j1": [*make, "-j1", "all"]}
    for n, (name, exe) in enumerate(exes.items()):
        script = course / f"pandoc{n}-all.sh"
        script.write_text(f"set -e\nfor f in content/*.md; do n=$(basename $f .md); {exe} $f -o build/$n.pptx; "
                          f"{exe} $f -s -o build/$n.pdf --pdf-engine=weasyprint; done\n")
        commands[name] = ["bash", str(script)]
    (course / "build").mkdir()
    clean = lambda _name: [p.unlink() for p in (course / "build").glob("*") if p.is_file()]
    got = alternate(commands, runs, course, env, before=clean)
    parallel, serial = got.pop("make -j2"), got.pop("make -j1")
    noop = alternate({"noop": [*make, "all"]}, runs, course, env)["noop"]
    return [Row(f"course of {COURSE_SIZE}, make -j2 all vs pandoc serial", "≤ 0.6×", parallel, got,
                "deck + handout each", 0.6),
            Row(f"course of {COURSE_SIZE}, make -j1 all vs pandoc serial", "≤ 1.0×", serial, got,
                "deck + handout each", 1.0),
            Row(f"course of {COURSE_SIZE}, make all, nothing changed", "", noop, {}, "no rebuild")]


def course_make(course: Path) -> list[str]:
    """The project's Makefile in `course`, using the project's .venv but never setting it up: its set-up
    stamps are replaced by two fresh files, so that make cannot reinstall the shared .venv from here
    (an editable install would then point at this temporary folder)."""
    for name in ("slidegen", "templates", ".venv", "Makefile"):
        (course / name).symlink_to(ROOT / name)
    for name in ("pyproject.toml", "setup.py", ".bench-installed", ".bench-fonts"):
        (course / name).touch()
        time.sleep(0.01)  # each stamp newer than what it depends on
    return ["make", "-s", "STAMP=.bench-installed", "FONTS=.bench-fonts"]


def watch_row(work: Path, runs: int, env: dict) -> Row:
    """`slidegen watch`: from writing the lesson to both outputs replaced (the watcher running already)."""
    folder = work / "watched"
    folder.mkdir()
    lesson = folder / LESSON.name
    text = LESSON.read_text(encoding="utf-8")
    lesson.write_text(text, encoding="utf-8")
    out = folder / "build"
    outputs = [out / f"{lesson.stem}.pptx", out / f"{lesson.stem}.pdf"]
    proc = subprocess.Popen([str(VENV_BIN / "slidegen"), "-q", "watch", str(lesson), "-o", str(out)], cwd=folder,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []
    try:
        while "watching" not in proc.stdout.readline():
            pass
        time.sleep(0.5)
        for run in range(runs):
            before = [p.stat().st_mtime_ns for p in outputs]
            started = time.perf_counter()
            lesson.write_text(text + "\n" * (run % 2 + 1), encoding="utf-8")
            while any(p.stat().st_mtime_ns == b for p, b in zip(outputs, before)):
                time.sleep(0.005)
            samples.append(Sample(time.perf_counter() - started, 0.0))
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait()
    return Row("watch: save of the lesson → new deck and handout", "≤ 0.5 s", samples, {}, "seconds, not a ratio")


def memory_row(handout: Row) -> Row:
    peak = max(s.peak_mb for s in handout.ours)
    return Row("peak memory, lesson x10 handout", "≤ 200 MB", [Sample(peak, peak)], {}, f"{peak:.0f} MB")


# ------------------------------------------------------------------------------------------ report


def print_table(rows: list[Row], names: list[str]) -> None:
    """One markdown table: slidegen's median, each pandoc's median and the ratio to it."""
    head = " | ".join(f"{name} s | ratio" for name in names)
    print(f"| case | target | slidegen s (min-max) | {head} | output |")
    print("| --- | --- | --- | " + " | ".join("---: | ---:" for _ in names) + " | --- |")
    for row in rows:
        times = [s.seconds for s in row.ours]
        ours = f"{statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f})"
        cells = []
        for name in names:
            theirs = row.theirs.get(name)
            if not theirs:
                cells.append(" | ")
                continue
            ratio = statistics.median(times) / median(theirs)
            mark = "" if row.limit is None or ratio <= row.limit else " ✗"
            cells.append(f"{median(theirs):.2f} | {ratio:.2f}×{mark}")
        print(f"| {row.case} | {row.target} | {ours} | {' | '.join(cells)} | {row.note} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--course-runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip the course and the 50x deck")
    args = ap.parse_args(argv)
    exes = pandocs()
    env = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ['PATH']}")  # pandoc finds WeasyPrint here
    # as installed: a wheel's modules are compiled once, at install; with PYTHONDONTWRITEBYTECODE set
    # (some CI images set it) every run compiled slidegen's own ~60 modules again (0.15 s a run)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "slidegen")], env=env, check=False)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lesson = work / LESSON.name
        shutil.copy(LESSON, lesson)
        ten = repeated(work, 10)
        rows = [deck_row(lesson, "deck, content lesson", "≤ 2.0×", 2.0, [], work, args.runs, env, exes),
                deck_row(ten, "deck, lesson x10 (pandoc --slide-level=3)", "≤ 1.0×", 1.0, ["--slide-level=3"],
                         work, args.runs, env, exes)]
        if not args.quick:
            rows.append(deck_row(repeated(work, 50), "deck, lesson x50 (pandoc --slide-level=3)", "≤ 0.5×", 0.5,
                                 ["--slide-level=3"], work, max(1, args.runs // 2 + 1), env, exes))
        rows += [handout_row(lesson, "handout, content lesson", work, args.runs, env, exes),
                 handout_row(ten, "handout, lesson x10", work, args.runs, env, exes)]
        rows.append(memory_row(rows[-1]))
        rows.append(watch_row(work, args.runs, env))
        if not args.quick:
            rows += course_rows(work, args.course_runs, env, exes)
    load = os.getloadavg()[0]
    print(f"slidegen vs pandoc, {os.cpu_count()} cores, load average {load:.1f} at the end, median of "
          f"{args.runs} runs alternating (course: {args.course_runs}); ratio = slidegen / pandoc")
    print_table(rows, list(exes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
