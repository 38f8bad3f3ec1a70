"""Lesson text → `Lesson`: Markdown (CommonMark + GFM tables + strikethrough), YAML front matter,
the boxes and tags of Docusaurus, MkDocs, Quarto, MyST, GitBook, Jekyll and Hugo, MDX lines and raw HTML. No slide decisions are made here.

One module per concern, lowest first (each imports only those above it):

- `source`       reading the file: UTF-8 with or without BOM, line ends, the size limit
- `notebook`     a Jupyter notebook written as the Markdown its cells stand for, with its lines' map
- `fences`       which lines are code fences', for the passes that rewrite the text before parsing
- `attributes`   attribute lists in braces (`{#id .class key=value}`: pandoc, Quarto, MkDocs, kramdown)
- `roles`        what a MyST or Sphinx role (``{ref}`…` ``, `:numref:`…``) shows
- `box_kinds`    box words beyond the theme's kinds (Material's, Obsidian's, MyST's, Hugo's) and their colours
- `site_markup`  markup a course site hides (Liquid comments, kramdown attribute lists), removed first
- `template_tags`  GitBook/Jekyll `{% … %}` and Hugo `{{< … >}}` block tags as boxes, code, pictures
- `mkdocs`       MkDocs' `!!! kind` titles and PyMdown's `/// kind | Title` blocks as boxes
- `myst`         MyST directives (```` ```{note} ````, `{code-cell}`, `{figure}`) and `(label)=` targets
- `presenting`   speaker notes, pauses and builds (`::: notes`, `. . .`, `<!-- build -->`)
- `includes`     mdBook's `{{#include path:anchor}}` in code, and the Rust lines a book hides
- `table_captions`  pandoc's `: Caption {#tbl-id}` under a table, set as its caption
- `fenced_divs`  what a pandoc/Quarto div `::: {.callout-tip}` stands for
- `markdown`     the markdown-it setup
- `runs`         small operations on inline runs (merge, trim, bold)
- `urls`         splitting addresses; which links stay clickable
- `heading_ids`  the id a lesson gives a heading (`{#id}`, `{/*id*/}`, `[[id]]`)
- `html_text`    raw HTML → visible text, pictures, players; tag attributes
- `media`        players (`<video>`, `<iframe>`, YouTube components) named and linked
- `jsx_scan`     where a tag ends when its attributes are `{…}` JavaScript; those attributes taken out
- `mdx`          MDX `import`/`export` lines, `{…}` expressions, components and their labels
- `box_components`  MDX box components (`<Tip>`, `<Callout>`, `<Pitfall>`, …) written as `:::kind` boxes
- `html_blocks`  raw HTML/MDX blocks → model blocks (notes, pictures, components, text)
- `html_inline`  raw HTML inside text (`<br>`, `<img>`, `<a>`, players)
- `images`       where a picture's file is (inside the lesson's site or repository, or none)
- `inline`       Markdown inline nodes → runs and images
- `blocks`       Markdown blocks → model blocks
- `lesson`       the whole lesson: front matter, title, sections, language; `parse_text`, `parse_file`
"""
from __future__ import annotations

from .lesson import parse_file, parse_text
from .source import MAX_LESSON_BYTES, read_source

__all__ = ["MAX_LESSON_BYTES", "parse_file", "parse_text", "read_source"]
