"""Footnotes (mdit-py-plugins' footnote plugin): `[^label]` references, `[^label]: text` definitions
(several paragraphs when indented) and inline notes `^[text]`.

A reference becomes a superscript run whose text is the note's number and whose `note` holds the
note's runs (`model.Run.note`); notes are numbered in the order the lesson first refers to them. A
definition is never shown where it is written: the plugin gathers them into one `footnote_block` at
the end of the tokens, which `read_footnotes` reads before the lesson's blocks so that every reference
finds its note. A reference to a note that is not defined stays as written, and a definition that is
never referred to is left out, each with a warning.

`FootnoteParsing` is mixed into the lesson parser (`lesson.LessonParser`), which gives it `lines`,
`pos`, `blocks` and `inline_runs`."""
from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from ..errors import warn
from ..model import LINE_BREAK, Code, Inline, ListBlock, Paragraph, Run, SourcePos
from .runs import trim

UNDEFINED_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


class FootnoteParsing:
    """The lesson's notes by the plugin's id, and the numbers they are shown with."""

    reading_note = False  # reading the notes themselves: a reference inside one carries no note

    def read_footnotes(self, tree: SyntaxTreeNode, env: dict) -> None:
        self.note_runs, self.note_numbers = {}, {}
        footnotes = env.get("footnotes", {})
        self.defined_labels = {key[1:] for key in footnotes.get("refs", {})}
        for label, note_id in footnotes.get("refs", {}).items():
            if note_id == -1:
                warn(self.definition_pos(label[1:]), f"footnote [^{label[1:]}] is defined but never referred to; "
                                                     "it is not shown")
        block = next((node for node in tree.children if node.type == "footnote_block"), None)
        if block is None:
            return
        self.number_notes_in_reading_order(tree)
        self.reading_note = True
        try:
            for note in block.children:
                if note.type == "footnote":
                    self.note_runs[int(note.meta["id"])] = self.note_text(note)
        finally:
            self.reading_note = False

    def number_notes_in_reading_order(self, tree: SyntaxTreeNode) -> None:
        """Numbers for the notes the lesson's text refers to, in the order it first does; the notes are
        read before the text, and a reference inside one (`[^a]: see [^b]`) must not take a number first."""
        for child in tree.children:
            if child.type == "footnote_block":
                continue
            for node in child.walk():
                if node.type == "footnote_ref":
                    self.note_numbers.setdefault(int(node.meta["id"]), len(self.note_numbers) + 1)

    def note_text(self, note: SyntaxTreeNode) -> Inline:
        """A note's paragraphs (and lists or code in it) as one run of text, paragraphs on lines of their own."""
        parts: list[Inline] = []
        for child in note.children:
            if child.type == "footnote_anchor":
                continue
            for block in self.blocks(child):
                parts.extend(_block_runs(block))
        runs: list[Run] = []
        for part in (trim(part) for part in parts):
            if part:
                runs.extend((LINE_BREAK, *part) if runs else part)
        return tuple(runs)

    def note_mark(self, note_id: int) -> Run:
        """The superscript mark of a reference, carrying its note (a reference inside a note carries none)."""
        numbers = vars(self).setdefault("note_numbers", {})
        number = numbers.setdefault(note_id, len(numbers) + 1)
        note = () if self.reading_note else vars(self).get("note_runs", {}).get(note_id, ())
        return Run(str(number), script="super", note=note)

    def definition_pos(self, label: str) -> SourcePos:
        start = re.compile(rf"^\s{{0,3}}\[\^{re.escape(label)}\]:")
        line = next((i for i, text in enumerate(self.lines) if start.match(text)), 0)
        return SourcePos(self.file, line + 1)

    def warn_undefined_references(self, text: str, pos: SourcePos) -> None:
        for match in UNDEFINED_REFERENCE.finditer(text):
            if match.group(1) not in vars(self).get("defined_labels", ()):
                warn(pos, f"footnote [^{match.group(1)}] has no definition ([^{match.group(1)}]: text); "
                          "it is shown as written")


def _block_runs(block) -> list[Inline]:
    if isinstance(block, Paragraph):
        return [block.runs]
    if isinstance(block, ListBlock):
        return [item for entry in block.items for item in ((Run("• "), *entry.runs), *_nested_runs(entry))]
    if isinstance(block, Code):
        return [(Run(line, code=True),) for line in block.lines]
    return []


def _nested_runs(entry) -> list[Inline]:
    return [runs for child in entry.children for runs in _block_runs(child)]
