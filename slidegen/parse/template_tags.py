"""Block tags of site generators' templates, each alone on its line, as the parser's boxes, code and
pictures, rewritten before Markdown parsing with the line numbers kept:

- GitBook and Jekyll (Liquid): `{% hint style="warning" %}` … `{% endhint %}` a box, `{% tab title="…" %}` a
  box titled by its tab (`{% tabs %}` only groups), `{% code title="app.py" %}` the title of the fence it
  holds, `{% highlight ruby %}` … `{% endhighlight %}` code, `{% embed url="…" %}` a link;
- Hugo shortcodes: `{{< hint warning >}}`, `{{% notice tip %}}`, `{{< alert title="…" color="…" >}}`,
  `{{< details "Title" >}}` and `{{< tab "Title" >}}` boxes, `{{< highlight go >}}` code,
  `{{< katex display >}}` a display formula, `{{< figure src="…" caption="…" >}}` a picture,
  `{{< youtube id >}}` a link to the video (Quarto's `{{< video url >}}` too).

Tags that group (`tabs`, `columns`) show their content in place; any other tag alone on its line
(Liquid's `{% if %}`, `{% include %}`, an unknown shortcode) is left out with one warning per lesson,
its content kept. Tags inside a line (`{{< ref "x" >}}`) are left as written. (Liquid comments and
`{% raw %}` are `site_markup`'s.)"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from ..errors import warn
from .fences import Fences
from .box_kinds import TEMPLATE_TAGS, box_lines, box_of

MAX_DEPTH = 12
# greedy (`.*` then the closing marks): a long line is matched in one pass, never retried per character
_LIQUID = re.compile(r"^(\s*)\{%-?\s*(end)?([A-Za-z][\w-]*)(.*)%\}\s*$")
_HUGO = re.compile(r"^(\s*)\{\{([<%])\s*(/)?\s*([A-Za-z][\w-]*)(.*)[>%]\}\}\s*$")
_FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")

_BOXES = {"hint", "notice", "alert", "callout", "admonition", "note", "tip", "info", "warning", "danger",
          "caution", "important", "details", "expand", "collapse", "spoiler", "tab", "callout-box"}
_TITLED = {"details", "expand", "collapse", "spoiler", "tab"}  # their first argument is their title
_GROUPS = {"tabs", "columns", "column", "center", "section", "tabpane", "blocks", "cards", "card"}
_CODE = {"highlight"}
_MATH = {"katex", "math"}
_KIND_WORDS = {"primary": "info", "secondary": "secondary", "light": "note", "dark": "note", "success": "success",
               "warning": "warning", "danger": "danger", "error": "danger", "info": "info", "note": "note",
               "tip": "tip", "caution": "caution", "important": "important"}


@dataclass
class _Tag:
    line: int
    indent: str
    name: str
    arguments: list[str]
    named: dict[str, str]
    closing: bool
    height: int = 0


def template_tags_rewritten(text: str, file: str) -> str:
    """The text with its generators' block tags as boxes, code, pictures or their bare content."""
    if "{%" not in text and "{{" not in text:
        return text
    lines = text.split("\n")
    pairs, single = _pairs(lines)
    left_out = []
    for opening, closing in pairs:
        if not _rewrite_pair(lines, opening, closing):
            left_out.append(opening)
    for tag in single:
        if not _rewrite_single(lines, tag):
            left_out.append(tag)
    if left_out:
        names = ", ".join(dict.fromkeys(tag.name for tag in left_out))
        warn(f"{file}:{left_out[0].line + 1}", f"template tags a slide cannot show are left out ({names}); "
                                              "what they hold is kept")
    return "\n".join(lines)


def _read_tag(line: str) -> _Tag | None:
    """The tag that is all of `line`, or None."""
    stripped = line.strip()
    if stripped.startswith("{%") and stripped.endswith("%}") and (liquid := _LIQUID.match(line)):
        closing = bool(liquid.group(2))
        return _tag(liquid.group(1), liquid.group(3), liquid.group(4).rstrip().removesuffix("-"), closing)
    if stripped.startswith("{{") and stripped.endswith("}}") and (hugo := _HUGO.match(line)):
        return _tag(hugo.group(1), hugo.group(4), hugo.group(5), bool(hugo.group(3)))
    return None


def _tag(indent: str, name: str, rest: str, closing: bool) -> _Tag:
    try:
        words = shlex.split(rest.strip().rstrip("/"))
    except ValueError:  # an unbalanced quote: the words as written
        words = rest.split()
    arguments = [word for word in words if "=" not in word]
    named = dict(word.split("=", 1) for word in words if "=" in word)
    return _Tag(0, indent, name.lower(), arguments, named, closing)


def _pairs(lines: list[str]) -> tuple[list[tuple[_Tag, int]], list[_Tag]]:
    """Each paired tag with its closing line, and the tags that stand alone; code fences skipped (and
    the code inside `{% highlight %}`)."""
    pairs, stack, single, fences, in_code = [], [], [], Fences(), ""
    for number, line in enumerate(lines):
        if in_code:
            tag = _read_tag(line) if "{" in line else None
            if tag and tag.closing and tag.name == in_code:
                in_code = ""
                tag.line = number
                _close(stack, tag, number, pairs, single)
            continue
        if fences.is_code(line) or "{" not in line or (tag := _read_tag(line)) is None:
            continue
        tag.line = number
        if tag.closing:
            _close(stack, tag, number, pairs, single)
        elif len(stack) < MAX_DEPTH:
            stack.append(tag)
            in_code = tag.name if tag.name in _CODE or tag.name in _MATH else ""
        else:
            single.append(tag)  # deeper than MAX_DEPTH: left out, its content kept
    return pairs, sorted(single + stack, key=lambda tag: tag.line)


def _close(stack: list[_Tag], closing: _Tag, number: int, pairs: list, single: list) -> None:
    name = closing.name
    if not any(tag.name == name for tag in stack):
        single.append(closing)  # closes nothing: left out
        return
    while stack[-1].name != name:
        single.append(stack.pop())  # tags opened inside it and never closed: they stand alone
    opening = stack.pop()
    pairs.append((opening, number))
    if stack:
        stack[-1].height = max(stack[-1].height, opening.height + 1)


def _rewrite_pair(lines: list[str], tag: _Tag, closing: int) -> bool:
    """A tag and its closing tag; False when slidegen does not know the tag (its content stays)."""
    indent = tag.indent
    if tag.name in _BOXES:
        kind, title = _box(tag)
        lines[tag.line], lines[closing] = box_lines(TEMPLATE_TAGS, tag.height, indent, kind, title)
    elif tag.name in _CODE or tag.name in _MATH:
        language = "math" if tag.name in _MATH else (tag.arguments[:1] or [""])[0]
        lines[tag.line], lines[closing] = f"{indent}~~~~{language}", f"{indent}~~~~"
    elif tag.name == "code":  # GitBook: the fence it holds takes its title
        lines[tag.line] = lines[closing] = ""
        _title_next_fence(lines, tag.line + 1, closing, tag.named.get("title", ""))
    else:  # groups, and paired tags slidegen does not know: their content in place
        lines[tag.line] = lines[closing] = ""
        return tag.name in _GROUPS
    return True


def _rewrite_single(lines: list[str], tag: _Tag) -> bool:
    """A tag standing alone; False when it is left out."""
    indent, named = tag.indent, tag.named
    if tag.name == "figure" and named.get("src"):
        caption = named.get("caption") or named.get("title") or ""
        quoted = f' "{caption}"' if caption and '"' not in caption else ""
        lines[tag.line] = f"{indent}![{named.get('alt', caption).replace(']', '')}]({named['src']}{quoted})"
        return True
    if tag.name in ("youtube", "vimeo") and (tag.arguments or named.get("id")):
        video = tag.arguments[0] if tag.arguments else named["id"]
        site = "https://www.youtube.com/watch?v=" if tag.name == "youtube" else "https://vimeo.com/"
        lines[tag.line] = f"{indent}<{site}{video}>"
        return True
    if tag.name in ("embed", "content-ref", "video") and (named.get("url") or named.get("src") or tag.arguments):
        target = named.get("url") or named.get("src") or tag.arguments[0]
        lines[tag.line] = f"{indent}<{target}>" if "://" in target else f"{indent}{target}"
        return True
    lines[tag.line] = ""
    return tag.name in _GROUPS or tag.name in ("tabs", "endtabs")


def _box(tag: _Tag) -> tuple[str, str | None]:
    """(kind, title) of a box tag: its kind from `style=`, `color=`, `type=` or its first argument."""
    named, arguments = tag.named, tag.arguments
    title = named.get("title") or named.get("name") or (arguments[0] if tag.name in _TITLED and arguments else None)
    word = named.get("style") or named.get("color") or named.get("type") or (
        arguments[0] if arguments and tag.name not in _TITLED else None)
    if tag.name in _KIND_WORDS:
        word = tag.name
    kind = _KIND_WORDS.get((word or "").lower(), (word or "note").lower()) if word else "note"
    return box_of(kind, title)


def _title_next_fence(lines: list[str], start: int, stop: int, title: str) -> None:
    for number in range(start, stop):
        if _FENCE_LINE.match(lines[number]):
            if title and '"' not in title:
                lines[number] = f'{lines[number].rstrip()} title="{title}"'
            return
