"""What a MyST (Sphinx) role shows, as text: ``{ref}`the text <target>` `` its text, ``{doc}`path` `` and
``{numref}`fig-x` `` their target (the number or title Sphinx would look up is not known here),
``{cite}`key` `` `[key]`, ``{eq}`label` `` `(label)`, ``{py:func}`~a.b.c` `` `c`; ``{sup}``/``{sub}``
raised and lowered, ``{kbd}``, ``{code}``, ``{file}``… as code. (``{math}`` is a formula: `inline.py`.)"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Run

_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]*)>$", re.DOTALL)
_CODE_ROLES = {"code", "literal", "kbd", "command", "file", "samp", "program", "envvar", "option"}
_SCRIPTS = {"sup": "super", "sub": "sub"}


def role_text(name: str, content: str, style: Run) -> tuple[str, Run]:
    """The text a role shows and the style it is set in."""
    if name in _SCRIPTS:
        return content, replace(style, script=_SCRIPTS[name])
    if name in _CODE_ROLES:
        return content, replace(style, code=True)
    explicit = _EXPLICIT.match(content)
    text, target = (explicit.group(1), explicit.group(2)) if explicit else ("", content)
    if text:
        return text.replace("%s", target), style
    if name.startswith("cite"):
        return f"[{target}]", style
    if name in ("eq", "eqref"):
        return f"({target})", style
    if target.startswith("~"):  # Sphinx: show the last part of a dotted name
        target = target[1:].rsplit(".", 1)[-1]
    return target.lstrip("!"), style
