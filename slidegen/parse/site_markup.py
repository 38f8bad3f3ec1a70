"""Markup a course site's generator hides, removed before Markdown parsing (line numbers kept):
Liquid/Jekyll `{% comment %}…{% endcomment %}` (its text is hidden on the site) and the `{% raw %}`,
`{% endraw %}` markers, kramdown attribute lists on their own line (`{: .class }`), attribute
blocks right after an image (`![a](b){alt='…'}`), abbreviation definitions (`*[HTML]: …`, a
tooltip on the site), and Sphinx/d2lbook anchor lines (`:label:`id``,
`:eqlabel:`id``), which name a heading, figure or equation for cross-references and show nothing;
their references (`:numref:`id``, `:eqref:`id``, `:cite:`key``) show their label. Code (fenced or inline) is left as written.
Each kind removed is reported once, at its first line."""
from __future__ import annotations

import re

from ..errors import warn
from ..model import Run
from .fences import Fences
from .roles import role_text

_COMMENT_OPEN = re.compile(r"\{%-?\s*comment\s*-?%\}")
_COMMENT_CLOSE = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_IAL_LINE = re.compile(r"^\s{0,3}\{:[^{}\n]{0,200}\}\s*$")
_LABEL_LINE = re.compile(r"^\s{0,3}:(?:label|eqlabel):`[^`\n]{1,200}`\s*$")
# Sphinx/d2lbook roles written `:name:`target`` (MyST's ``{name}`target` `` are read inline: roles.py)
_SPHINX_ROLE = re.compile(r":(numref|eqref|ref|cite|citet|citep|doc|term):`([^`\n]{1,300})`")
# a line of only LaTeX commands that print nothing on a web page (pandoc drops raw TeX from HTML)
_LATEX_LINE = re.compile(r"^\s{0,3}(?:\\(?:index|newpage|clearpage|pagebreak|noindent|vspace\*?|"
                         r"medskip|bigskip|smallskip|FloatBarrier)(?:\{[^{}\n]{0,200}\})?\s*)+$")
_ABBR_LINE = re.compile(r"^\s{0,3}\*\[[^\]\n]{1,200}\]:(?:\s.*)?$")  # Python-Markdown/Material's `*[HTML]: …`
_IMAGE_ATTRS = re.compile(r"(!\[[^\]\n]{0,500}\]\([^()\n]{0,2000}\))\{[^{}\n]{0,500}\}")

KINDS = {"comment": "a Liquid {% comment %} block (hidden on the site) is left out",
         "raw": "Liquid {% raw %} markers are left out",
         "ial": "a kramdown attribute list ({: … }) is left out",
         "image": "an attribute block after an image ({…}) is left out",
         "abbr": "an abbreviation definition (*[HTML]: …) is left out: the site shows it only as a tooltip",
         "label": "a cross-reference anchor line (:label:`…`) is left out",
         "latex": "LaTeX commands on their own line (\\index{…}, \\newpage, …) are left out, as the site leaves them",
         "role": "cross-references (:numref:`…`, :eqref:`…`, :cite:`…`) show their label: the numbers the "
                 "site gives them are not known here"}


def hide_site_markup(text: str, file: str) -> str:
    """`text` with the site's hidden markup blanked (each removed line kept as an empty line)."""
    if "{" not in text and "*[" not in text and ":label:" not in text and ":eqlabel:" not in text and ":`" not in text and "\\" not in text:
        return text
    lines, seen = text.split("\n"), {}
    fences, in_comment = Fences(), False
    for number, line in enumerate(lines):
        if fences.is_code(line, may_open=not in_comment):
            continue
        lines[number], in_comment = _clean(line, in_comment, number + 1, seen)
    for kind, line_number in seen.items():
        warn(f"{file}:{line_number}", KINDS[kind])
    return "\n".join(lines)


def _clean(line: str, in_comment: bool, number: int, seen: dict[str, int]) -> tuple[str, bool]:
    """One line outside code: what stays of it, and whether a comment is still open after it."""
    if in_comment or _COMMENT_OPEN.search(line):
        seen.setdefault("comment", number)
        start = 0 if in_comment else _COMMENT_OPEN.search(line).start()
        close = _COMMENT_CLOSE.search(line, start)
        if close is None:
            return line[:start] if not in_comment else "", True
        rest, _ = _clean(line[close.end():], False, number, seen)
        return (line[:start] if not in_comment else "") + rest, False
    if "{%" in line and _RAW.search(line):
        seen.setdefault("raw", number)
        line = _RAW.sub("", line)
    if line.lstrip().startswith("{:") and _IAL_LINE.match(line):
        seen.setdefault("ial", number)
        return "", False
    if line.lstrip().startswith("\\") and _LATEX_LINE.match(line):
        seen.setdefault("latex", number)
        return "", False
    if line.lstrip().startswith("*[") and _ABBR_LINE.match(line):
        seen.setdefault("abbr", number)
        return "", False
    if line.lstrip().startswith((":label:", ":eqlabel:")) and _LABEL_LINE.match(line):
        seen.setdefault("label", number)
        return "", False
    if ":`" in line and _SPHINX_ROLE.search(line):
        seen.setdefault("role", number)
        line = _SPHINX_ROLE.sub(lambda role: role_text(role.group(1), role.group(2), Run(""))[0], line)
    if "){" in line and "`" not in line and _IMAGE_ATTRS.search(line):
        seen.setdefault("image", number)
        line = _IMAGE_ATTRS.sub(r"\1", line)
    return line, False
