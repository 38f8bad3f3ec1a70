"""The markdown-it setup every lesson is read with: CommonMark with raw HTML, GFM tables and
strikethrough, YAML front matter, `:::kind` containers and MkDocs' `!!! kind` boxes for admonitions, and math: `$…$` and `$$…$$`
(dollarmath; `$5 and $10` stays text: no space inside the dollars, no digit after the closing one),
`\\(…\\)` and `\\[…\\]` (texmath), `\\begin{align}…` environments (amsmath), and `\\\\(…\\\\)`,
`\\\\[…\\\\]` as MDX course sites escape them (`escaped_math` below). Inside a formula nothing is
Markdown: the plugins take its source as written. Footnotes: `[^1]` references, `[^1]: text`
definitions and inline `^[text]` notes (the footnote plugin; `footnotes.py` reads them)."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from mdit_py_plugins.texmath import texmath_plugin

from .attributes import attribute_list
from .cjk_emphasis import CjkFriendlyInline

# Docusaurus's kinds have their own colours (a pandoc div's `{.class …}` is `fenced_divs`'); any other word (`:::details`, VitePress's `::: details`) makes
# a box of the neutral kind's colours, titled by the lesson or by the word itself.
ADMONITION_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)\b\s*(?:\[(.*)\]|(.*))$", re.DOTALL)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(front_matter_plugin)
    md.use(admon_plugin)  # MkDocs' `!!! kind "Title"`, `??? kind`
    md.use(container_plugin, name="admonition", validate=lambda params, *_: (
        bool(ADMONITION_INFO.match(params)) or attribute_list(params.strip()) is not None))
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    md.use(amsmath_plugin)
    md.use(footnote_plugin)
    md.use(myst_role_plugin)  # MyST's ``{name}`content` `` (roles.py)
    md.inline.ruler.before("escape", "escaped_math", escaped_math)
    return md


_ESCAPED_MATH = re.compile(r"\\\\(\(|\[)(.+?)\\\\(\)|\])", re.DOTALL)
_CLOSING = {"(": ")", "[": "]"}


def escaped_math(state, silent: bool) -> bool:
    r"""`\\(x\\)` and `\\[x\\]`: MDX sites (Hugging Face's doc-builder) double the backslash, which
    CommonMark would read as an escaped backslash followed by text."""
    match = _ESCAPED_MATH.match(state.src, state.pos)
    if not match or _CLOSING[match.group(1)] != match.group(3):
        return False
    if not silent:
        token = state.push("math_inline" if match.group(1) == "(" else "math_inline_double", "math", 0)
        token.content = match.group(2)
        token.markup = "\\\\" + match.group(1)
    state.pos = match.end()
    return True


MD = make_markdown()
PANDOC_MD = make_markdown()  # pandoc's dialect: emphasis next to Korean as pandoc reads it
PANDOC_MD.inline.__class__ = CjkFriendlyInline
PANDOC_MD.use(deflist_plugin)  # `Term` then `: definition` (GitHub's and Docusaurus's Markdown have none)
PANDOC_SUFFIXES = (".qmd", ".rmd")


def markdown_for(path) -> MarkdownIt:
    """The parser for a lesson file: pandoc's reading of emphasis for Quarto and R Markdown lessons."""
    return PANDOC_MD if str(path).lower().endswith(PANDOC_SUFFIXES) else MD
