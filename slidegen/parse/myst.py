"""MyST Markdown (Jupyter Book, Sphinx with myst-parser): directives written as fences with a `{name}`,
```` ```{note} ```` or `:::{tip}`, with their `:key: value` (or `---` YAML) options under the first line,
rewritten before Markdown parsing as what the parser reads, line numbers kept:

- admonitions (`{note}`, `{tip}`, `{warning}`, `{admonition} Title` with `:class: tip`, `{seealso}`,
  `{dropdown}`, `{card}`, `{exercise}`, `{solution}`, `{prf:theorem}`, …) → `:::kind Title` boxes;
- code (`{code-cell} python`, `{code-block}`, `{code}`) → a fence in that language (its `:emphasize-lines:`
  and `:caption:` written into the fence's info as a line range and a title), `{math}` → a ```` ```math ````
  display formula, `{figure} path` and `{image} path` → the picture (`:alt:`), its caption below it;
- navigation that a handout has no use for (`{toctree}`, `{tableofcontents}`, `{contents}`, …) is left
  out with a warning; the directives that group (`{tab-set}`, `{grid}`, `{list-table}`, …) and any other
  colon-fenced one show their content as if they were not there. A backtick fence with a name MyST does
  not know (```` ```{r} ````, ```` ```{python} ````: Quarto's and R Markdown's cells) is code.

Target lines `(label)=`, which name what follows for cross-references, show nothing. Roles
(``{math}`x^2` ``, ``{ref}`text <target>` ``) are read inline (`inline.py`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import warn
from .fences import Fences
from .box_kinds import MYST, box_lines, box_of

MAX_DEPTH = 12
_OPENING = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\{([A-Za-z][\w:.-]*)\}(.*)$")  # greedy: never backtracks
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_OPTION = re.compile(r"^\s*:([\w-]+):(.*)$")
_PLAIN_LINE = re.compile(r"^\s*(?![-*+>#|<!`~:]|\d+[.)]\s)\S")  # a paragraph's line, not a list, quote, tag, …
_TARGET = re.compile(r"^\s{0,3}\(([^()\s]{1,200})\)=\s*$")

_ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
                "seealso", "admonition", "dropdown", "card", "exercise", "solution", "margin", "sidebar",
                "topic", "tab-item", "tip", "todo", "versionadded", "versionchanged", "deprecated"}
_TITLED = {"admonition", "dropdown", "card", "exercise", "margin", "sidebar", "topic", "tab-item"}
_DEFAULT_TITLES = {"seealso": "See also", "solution": "Solution", "exercise": "Exercise", "versionadded": "New",
                   "versionchanged": "Changed", "deprecated": "Deprecated", "todo": "To do"}
_CODE = {"code-cell", "code-block", "code", "sourcecode", "ipython", "jupyter-execute"}
_GROUPS = {"tab-set", "grid", "grid-item", "grid-item-card", "list-table", "glossary", "div", "container",
           "only", "epigraph", "pull-quote", "highlights", "rubric", "centered", "csv-table", "table",
           "panels", "tabbed", "cssclass", "hlist", "figure-md"}  # shown as their content
_LABELLED = {"figure-md", "solution"}  # whose argument is a label for cross-references, not text
_HIDDEN = {"toctree", "tableofcontents", "contents", "bibliography", "index", "meta", "raw", "include",
           "literalinclude", "glue:figure", "glue:math", "mermaid", "graphviz", "tikz", "plot"}


_KNOWN = _ADMONITIONS | _CODE | _GROUPS | _HIDDEN | {"math", "figure", "image"}


@dataclass
class _Directive:
    line: int
    indent: str
    marker: str
    name: str
    argument: str
    options: dict[str, str] = field(default_factory=dict)
    options_end: int = 0  # the last line of its options
    height: int = 0

    @property
    def opaque(self) -> bool:
        """Whether its content is not Markdown (code, a formula, hidden text): read as written."""
        return self.name in _CODE or self.name in _HIDDEN or self.name == "math"


def directives_rewritten(text: str, file: str) -> str:
    """The text with MyST's directives written as boxes, fences, pictures or their bare content."""
    if "{" not in text and ")=" not in text:
        return text
    lines = text.split("\n")
    pairs, unclosed = _pairs(lines)
    hidden: dict[str, int] = {}
    for directive, closing in pairs:
        _rewrite(lines, directive, closing)
        if directive.name in _HIDDEN:
            hidden.setdefault(directive.name, directive.line)
    for name, line in hidden.items():
        warn(f"{file}:{line + 1}", f"the {{{name}}} directive shows nothing a slide or handout can use; left out")
    if unclosed:
        first, more = unclosed[0], f" (and {len(unclosed) - 1} more)" if len(unclosed) > 1 else ""
        warn(f"{file}:{first.line + 1}", f"'{{{first.name}}}' is never closed{more}; it is shown as written")
    fences = Fences()
    for number, line in enumerate(lines):
        if not fences.is_code(line) and _TARGET.match(line):
            lines[number] = ""
    return "\n".join(lines)


def _pairs(lines: list[str]) -> tuple[list[tuple[_Directive, int]], list[_Directive]]:
    """Each directive and the line closing it; a plain code fence's lines are code and skipped."""
    pairs, stack, plain_fence = [], [], ""
    number = 0
    while number < len(lines):
        line = lines[number]
        if plain_fence:
            plain_fence = "" if _closes(line, plain_fence) else plain_fence
        elif stack and _closes(line, stack[-1].marker):
            directive = stack.pop()
            pairs.append((directive, number))
            if stack:
                stack[-1].height = max(stack[-1].height, directive.height + 1)
        elif stack and stack[-1].opaque:
            pass
        elif (opening := _OPENING.match(line)) and len(stack) < MAX_DEPTH and _is_directive(opening):
            stack.append(_opened(lines, number, opening))
            number = stack[-1].options_end
        elif (fence := _FENCE.match(line)):
            plain_fence = fence.group(2)
        number += 1
    return pairs, stack


def _is_directive(opening: re.Match) -> bool:
    """A colon fence with a `{name}` is always a directive; a backtick one only when MyST knows the name:
    ```` ```{r} ```` and ```` ```{python} ```` are Quarto's and R Markdown's code cells."""
    name = opening.group(3).lower()
    return opening.group(2)[0] == ":" or name in _KNOWN or name.startswith("prf:")


def _closes(line: str, marker: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(marker) and set(stripped) == {marker[0]}


def _opened(lines: list[str], number: int, opening: re.Match) -> _Directive:
    directive = _Directive(number, opening.group(1), opening.group(2), opening.group(3).lower(),
                           opening.group(4).strip(), options_end=number)
    following = lines[number + 1:number + 2]
    if following and following[0].strip() == "---":  # options as a YAML block
        for end in range(number + 2, min(len(lines), number + 200)):
            if lines[end].strip() == "---":
                directive.options_end = end
                break
            key, _, value = lines[end].partition(":")
            directive.options[key.strip()] = value.strip()
        return directive
    while directive.options_end + 1 < len(lines) and (option := _OPTION.match(lines[directive.options_end + 1])):
        directive.options[option.group(1)] = option.group(2).strip()
        directive.options_end += 1
    return directive


def _rewrite(lines: list[str], directive: _Directive, closing: int) -> None:
    for number in range(directive.line + 1, directive.options_end + 1):
        lines[number] = ""
    name, indent, argument = directive.name, directive.indent, directive.argument
    if name in _HIDDEN:
        for number in range(directive.line, closing + 1):
            lines[number] = ""
    elif name in _CODE or name == "math":
        language = "math" if name == "math" else (argument.split() or [""])[0]
        marker = directive.marker if directive.marker[0] != ":" else "~" * len(directive.marker)
        lines[directive.line] = ""
        lines[directive.options_end] = f"{indent}{marker}{language}{_code_info(directive) if name in _CODE else ''}"
        lines[closing] = f"{indent}{marker}"
    elif name in ("figure", "image"):
        alt = directive.options.get("alt", "").replace("]", "")
        lines[directive.line] = f"{indent}![{alt}]({argument})" if argument else ""
        lines[closing] = ""
        _caption_set_as_caption(lines, directive.options_end + 1, closing)
    elif name in _ADMONITIONS or name.startswith("prf:"):
        _as_box(lines, directive, closing)
    else:  # a group: its content in place (its argument, a caption or heading, above it; a label not shown)
        lines[directive.line] = "" if name in _LABELLED else f"{indent}{argument}"
        lines[closing] = ""
        if name == "figure-md":  # its picture, then its caption
            picture = next((n for n in range(directive.options_end + 1, closing) if lines[n].strip()), closing)
            _caption_set_as_caption(lines, _paragraph_end(lines, picture, closing) + 1, closing)


def _code_info(directive: _Directive) -> str:
    """What a code directive's options add to the fence's info: its lines to highlight (`:emphasize-lines:`
    as a `{2,4-5}` range, read by `code_marks`) and its caption as the block's title."""
    info = ""
    lines = re.sub(r"[^\d,-]", "", directive.options.get("emphasize-lines", ""))
    if lines:
        info += f" {{{lines}}}"
    caption = re.sub(r"[\"']", "", directive.options.get("caption", ""))
    if caption:
        info += f' title="{caption}"'
    return info


def _paragraph_end(lines: list[str], start: int, stop: int) -> int:
    """The last line of the paragraph starting at `start` (before `stop`)."""
    end = start
    while end + 1 < stop and lines[end + 1].strip():
        end += 1
    return end


def _caption_set_as_caption(lines: list[str], start: int, stop: int) -> None:
    """A figure's caption, its first paragraph after the picture, set in italics as a caption is read
    (`paginate.items.is_caption`): between `<em>` tags, Markdown inside it still read."""
    first = next((n for n in range(start, stop) if lines[n].strip()), None)
    if first is None or not _PLAIN_LINE.match(lines[first]):
        return
    last = _paragraph_end(lines, first, stop)
    lines[first] = lines[first].replace(lines[first].lstrip(), "<em>" + lines[first].lstrip(), 1)
    lines[last] = lines[last].rstrip() + "</em>"


def _as_box(lines: list[str], directive: _Directive, closing: int) -> None:
    """A box: its argument is its title for titled directives; for the others MyST reads it as the first
    line of the content, which it then is."""
    name, argument = directive.name, directive.argument
    classes = directive.options.get("class", "").split()
    word = next((c for c in classes if c in _ADMONITIONS or c in ("success", "info")), None) or (
        "note" if name in _TITLED or name.startswith("prf:") or name in _DEFAULT_TITLES else name)
    titled = name in _TITLED or name.startswith("prf:")
    title = (argument if titled else None) or _DEFAULT_TITLES.get(name)
    if name.startswith("prf:") and not argument:
        title = name[4:].capitalize()
    kind, title = box_of(word, title or None)
    lines[directive.line], lines[closing] = box_lines(MYST, directive.height, directive.indent, kind, title)
    if argument and not titled and name not in _LABELLED:  # `{solution} ex-1` names its exercise
        _argument_as_first_line(lines, directive, closing)


def _argument_as_first_line(lines: list[str], directive: _Directive, closing: int) -> None:
    """MyST reads the first line's text of a directive that takes no argument as its content's first line."""
    spare, after = directive.options_end, directive.line + 1
    if spare > directive.line:  # its options' lines are blank now: the last stands before the content
        lines[spare] = f"{directive.indent}{directive.argument}"
    elif after < closing and not lines[after].strip():
        lines[after] = f"{directive.indent}{directive.argument}"
    elif after < closing:
        lines[after] = f"{directive.indent}{directive.argument} {lines[after].lstrip()}"
    else:  # no line to hold it: it titles the box
        lines[directive.line] = f"{lines[directive.line]} {directive.argument}"
