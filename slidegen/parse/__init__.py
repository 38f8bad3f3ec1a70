"""Lesson text → `Lesson`: Markdown (CommonMark + GFM tables + strikethrough), YAML front matter,
Docusaurus admonitions, MDX lines and raw HTML. No slide decisions are made here.

One module per concern, lowest first (each imports only those above it):

- `source`       reading the file: UTF-8 with or without BOM, line ends, the size limit
- `fences`       which lines are code fences', for the passes that rewrite the text before parsing
- `site_markup`  markup a course site hides (Liquid comments, kramdown attribute lists), removed first
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
