"""Jupyter notebooks (`.ipynb`) as lessons: the notebook written as the Markdown its cells stand for —
Markdown cells as they are, code cells as fences in the notebook's language, their text outputs (streams
`text/plain` results and error tracebacks, not the text standing in for a plot or a widget) as `text`
fences under them,
the way Jupyter Book shows a notebook. Raw cells,
cells tagged `remove-cell`, inputs tagged `remove-input` and outputs tagged `remove-output` are left out,
as Jupyter Book leaves them; pictures and HTML in outputs are not shown (one warning).

Each line written is mapped to the line of the notebook file that holds it (notebooks are stored one
string per line), so that a `file:line` the parser reports points into the notebook itself (warnings of
the passes that rewrite text before parsing give the Markdown's lines). A notebook stored otherwise
(a cell's source as one string) maps every line to line 1."""
from __future__ import annotations

import json
import re

from ..errors import LessonError, warn

_LONGEST_FENCE = re.compile(r"^\s*(`{3,})", re.MULTILINE)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_OBJECT_REPR = re.compile(r"<[^<>\n]{1,300}>")
_TEXT_OUTPUTS = ("stream", "execute_result", "display_data", "error")


def notebook_as_markdown(text: str, file: str) -> tuple[str, list[int]]:
    """The Markdown a notebook's cells stand for (see the module's docstring), and for each of its lines
    the notebook line it comes from (1 for all when the notebook is not stored one string per line)."""
    notebook = _loaded(text, file)
    language = _language(notebook)
    cells = [cell for cell in notebook.get("cells", []) if isinstance(cell, dict)]
    if any(_has_pictures(cell) for cell in cells):
        warn(f"{file}:1", "pictures and HTML in the notebook's outputs are not shown (text outputs are)")
    parts = [_parts(cell, language) for cell in cells]
    sources = [len(_strings(cell.get("source"))) for cell in cells]
    openings = _located(text.split("\n"), list(zip(parts, sources)))
    return _written([part for cell in parts for part in cell], openings)


def _loaded(text: str, file: str) -> dict:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise LessonError(f"{file}:{error.lineno}", f"not a readable notebook: {error.msg}") from None
    except RecursionError:
        raise LessonError(f"{file}:1", "not a readable notebook: nested too deep") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells", []), list):
        raise LessonError(f"{file}:1", "not a Jupyter notebook: it has no list of cells")
    return notebook


def _language(notebook: dict) -> str:
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    for key, name in (("kernelspec", "language"), ("language_info", "name")):
        value = metadata.get(key, {}).get(name) if isinstance(metadata.get(key), dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return "python"


def _strings(value) -> list[str]:
    """A cell's source or an output's text: nbformat stores a list of lines, or one string."""
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _tags(cell: dict) -> set[str]:
    metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    tags = metadata.get("tags", [])
    return {tag for tag in tags if isinstance(tag, str)} if isinstance(tags, list) else set()


def _has_pictures(cell: dict) -> bool:
    return any(isinstance(output, dict) and isinstance(output.get("data"), dict)
               and any(kind.startswith("image/") or kind == "text/html" for kind in output["data"])
               for output in cell.get("outputs", []) if cell.get("cell_type") == "code")


def _parts(cell: dict, language: str) -> list[tuple[str, str, list[str]]]:
    """The cell's pieces in order, each (the JSON key holding it, "markdown" or "fence:LANG", its
    strings): its source, then each text output."""
    kind, tags = cell.get("cell_type"), _tags(cell)
    if "remove-cell" in tags or kind not in ("markdown", "code"):
        return []
    source = _strings(cell.get("source"))
    if kind == "markdown":
        return [("source", "markdown", source)] if source else []
    parts = [] if "remove-input" in tags or not "".join(source).strip() else [("source", f"fence:{language}", source)]
    if "remove-output" not in tags:
        parts += [part for part in map(_output_part, cell.get("outputs", [])) if part and part[2]]
    return parts


def _output_part(output) -> tuple[str, str, list[str]] | None:
    if not isinstance(output, dict) or output.get("output_type") not in _TEXT_OUTPUTS:
        return None
    if output.get("output_type") == "stream":
        return "text", "fence:text", [_ANSI.sub("", line) for line in _strings(output.get("text"))]
    if output.get("output_type") == "error":  # the traceback, as Jupyter Book shows it
        lines = [_ANSI.sub("", line) for line in _strings(output.get("traceback"))]
        return "traceback", "fence:text", [line if line.endswith("\n") else line + "\n" for line in lines]
    data = output.get("data") if isinstance(output.get("data"), dict) else {}
    plain = [_ANSI.sub("", line) for line in _strings(data.get("text/plain"))]
    if any(kind.startswith("image/") for kind in data) or _OBJECT_REPR.fullmatch("".join(plain).strip()):
        return None  # the text of a plot or a widget (`<Figure size 640x480>`) stands in for a picture
    return "text/plain", "fence:text", plain


def _located(raw: list[str], cells: list[tuple[list[tuple[str, str, list[str]]], int]]) -> list[int] | None:
    """The notebook line of each part's opening `[` (in the order of the parts), or None when the
    notebook is not stored one string per line. `cells`: each cell's parts and how many strings its
    source has (a cell left out is stepped over)."""
    openings, at = [], 0
    for parts, source_count in cells:
        source_line = _key_line(raw, "source", at)
        if source_line is None:
            return None
        outputs_at = at
        for key, _kind, strings in parts:
            opening = source_line if key == "source" else _key_line(raw, key, outputs_at)
            if key == "traceback" and opening is not None:  # its strings hold lines of their own and colours
                openings.append(opening)
                outputs_at = _closing_line(raw, opening) + 1
                continue
            if opening is None or not _one_per_line(raw, opening, strings):
                return None
            openings.append(opening)
            outputs_at = opening + len(strings) + 1 if key != "source" else outputs_at
        at = source_line + (source_count + 1 if raw[source_line].strip().endswith("[") else 0) + 1
    return openings


def _key_line(raw: list[str], key: str, start: int) -> int | None:
    """The next line at or after `start` opening the list stored under `key` (`"source": [`, or an
    empty one)."""
    opening = f'"{key}": ['
    return next((n for n in range(start, len(raw)) if raw[n].strip() in (opening, opening + "]", opening + "],")),
                None)


def _closing_line(raw: list[str], opening: int) -> int:
    """The line closing the list opened at `opening` (a traceback: one string per frame)."""
    return next((n for n in range(opening + 1, len(raw)) if raw[n].strip().startswith("]")), opening)


def _one_per_line(raw: list[str], opening: int, strings: list[str]) -> bool:
    """Whether the strings stand one per line right after `opening`, the list closing after them."""
    if opening + len(strings) + 1 >= len(raw) or not raw[opening + len(strings) + 1].strip().startswith("]"):
        return False
    for offset, string in enumerate(strings):
        written = raw[opening + 1 + offset].strip().removesuffix(",")
        try:
            if "\n" in string.rstrip("\n") or json.loads(written) != string:
                return False
        except json.JSONDecodeError:
            return False
    return True


def _written(parts: list[tuple[str, str, list[str]]], openings: list[int] | None) -> tuple[str, list[int]]:
    """The Markdown part after part, a blank line between, and the notebook line (counted from 1) of
    each line written (the part's opening line for its fences and the blank after it)."""
    lines, where = [], []
    for index, (_key, kind, strings) in enumerate(parts):
        first = openings[index] if openings else 0
        body = [string.rstrip("\n") for string in "".join(strings).rstrip("\n").split("\n")]
        numbers = [first + 1 + n if openings and len(strings) == len(body) else first for n in range(len(body))]
        if kind.startswith("fence:"):
            marker = _fence_for(strings)
            body, numbers = [marker + kind[len("fence:"):], *body, marker], [first, *numbers, first + len(strings) + 1]
        lines += [*body, ""]
        where += [n + 1 for n in numbers] + [numbers[-1] + 1]
    return "\n".join(lines) + "\n", where


def _fence_for(strings: list[str]) -> str:
    """A backtick fence longer than any inside the code."""
    longest = max((len(m.group(1)) for s in strings for m in _LONGEST_FENCE.finditer(s)), default=2)
    return "`" * max(3, longest + 1)
