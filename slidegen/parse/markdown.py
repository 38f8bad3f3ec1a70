"""The markdown-it setup every lesson is read with: CommonMark with raw HTML, GFM tables and
strikethrough, YAML front matter, and `:::kind` containers for admonitions."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# Docusaurus's kinds have their own colours; any other word (`:::details`, VitePress's `::: details`) makes
# a box of the neutral kind's colours, titled by the lesson or by the word itself.
ADMONITION_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)\b\s*(?:\[(.*)\]|(.*))$", re.DOTALL)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(front_matter_plugin)
    md.use(container_plugin, name="admonition", validate=lambda params, *_: bool(ADMONITION_INFO.match(params)))
    return md


MD = make_markdown()
