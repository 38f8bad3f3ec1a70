"""The check's findings and how they are told: `OutputReport` (one deck or handout: what it lacks,
which boxes overflow, what LibreOffice drew outside, Open XML errors), `LessonReport` (a lesson's two
outputs) and `CheckReport` (every lesson checked), each with its text summary and JSON form.
Nothing here prints or exits: the command line does that."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .items import Item, RowItem


@dataclass
class OutputReport:
    """What one output lacks, and (for a deck) what does not fit."""

    output: str  # deck | handout
    path: str
    items: int = 0
    missing: list[Item] = field(default_factory=list)
    rows: int = 0
    missing_rows: list[RowItem] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)  # boxes (of the model or the file) too small for their text
    chars_outside: int | None = None  # after a LibreOffice render; None when not rendered
    outside: list[str] = field(default_factory=list)
    error: str = ""  # the output could not be read
    hints: dict = field(default_factory=dict)  # missing item → why it may be missing
    invalid: list[str] | None = None  # Open XML rule breaks (PowerPoint would repair); None: not checked
    tex_shown: list[Item] = field(default_factory=list)  # formulas whose TeX source shows as text
    accessibility: list[str] | None = None  # what an accessibility checker would flag; None: not checked

    @property
    def ok(self) -> bool:
        return not (self.error or self.missing or self.missing_rows or self.overflow or self.chars_outside
                    or self.invalid or self.tex_shown or self.accessibility)

    def summary(self) -> str:
        if self.error:
            return f"{self.output} {self.error}"
        parts = [f"{self.items - len(self.missing)}/{self.items} items",
                 f"{self.rows - len(self.missing_rows)}/{self.rows} table rows"]
        if self.output == "deck":
            parts.append(f"{len(self.overflow)} boxes overflowing")
            if self.chars_outside is not None:
                parts.append(f"{self.chars_outside} chars outside")
            if self.invalid is not None:
                parts.append(f"{len(self.invalid)} Open XML errors")
        if self.accessibility is not None:
            parts.append(f"{len(self.accessibility)} accessibility problems")
        return f"{self.output} {', '.join(parts)} ({self.path})"

    def details(self) -> list[str]:
        lines = [item.missing_line() + self.hint(item) for item in [*self.missing, *self.missing_rows]]
        lines += [f"{item.pos}: formula shown as TeX source: {item.text}" for item in self.tex_shown]
        lines += [f"{self.path}: accessibility: {problem}" for problem in self.accessibility or []]
        return lines + self.overflow + self.outside + (self.invalid or [])

    def hint(self, item) -> str:
        return f" ({self.hints[item]})" if item in self.hints else ""

    def as_json(self) -> dict:
        data = {"output": self.output, "path": self.path, "ok": self.ok, "error": self.error or None,
                "items": self.items, "present": self.items - len(self.missing),
                "table_rows": self.rows, "table_rows_present": self.rows - len(self.missing_rows),
                "missing": [{"kind": i.kind, "text": i.text, "file": i.pos.file, "line": i.pos.line,
                             "hint": self.hints.get(i)} for i in self.missing]
                + [{"kind": "table row", "text": " | ".join(r.cells), "file": r.pos.file, "line": r.pos.line,
                    "hint": self.hints.get(r)} for r in self.missing_rows],
                "tex_shown": [{"text": i.text, "file": i.pos.file, "line": i.pos.line} for i in self.tex_shown]}
        if self.output == "deck":
            data.update(overflow=self.overflow, chars_outside=self.chars_outside, outside=self.outside,
                        open_xml_errors=self.invalid)
        return data


def readable(path: Path, report: OutputReport, command: str) -> bool:
    """Whether `path` is there and starts as its kind of file should; if not, `report.error` says why
    (and, for a missing file, which `command` builds it)."""
    if not Path(path).is_file():
        report.error = f"{path}: not found (build it first: {command} LESSON -o {Path(path).parent})"
        return False
    try:
        with open(path, "rb") as f:
            magic = f.read(5)
    except OSError as exc:
        report.error = f"{path}: cannot be read ({exc.strerror or exc})"
        return False
    expected = b"PK" if report.output == "deck" else b"%PDF-"
    if not magic.startswith(expected):
        report.error = f"{path}: not a {'.pptx' if report.output == 'deck' else 'PDF'} file"
        return False
    return True


@dataclass
class LessonReport:
    lesson: str
    outputs: list[OutputReport]

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outputs)

    def as_json(self) -> dict:
        return {"lesson": self.lesson, "ok": self.ok, "outputs": {o.output: o.as_json() for o in self.outputs}}

    def lines(self) -> list[str]:
        """Each output's summary line, then its details indented."""
        return [line for o in self.outputs for line in (o.summary(), *(f"  {d}" for d in o.details()))]


@dataclass
class CheckReport:
    """Every lesson checked, in the order given."""

    lessons: list[LessonReport]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.lessons)

    def as_json(self) -> dict:
        return {"ok": self.ok, "lessons": [r.as_json() for r in self.lessons]}

    def text(self, as_json: bool = False) -> str:
        """The report as `slidegen check` prints it: summary and detail lines, or a JSON document."""
        if as_json:
            return json.dumps(self.as_json(), ensure_ascii=False, indent=2)
        return "\n".join(line for report in self.lessons for line in report.lines())
