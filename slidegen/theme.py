"""The deck's look as data: `templates/deck/theme.yaml` (fonts, sizes, colours, boxes) and the words the
deck writes itself (`strings.<lang>.yaml`, Jinja2 templates). Changing the look needs no code change."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


from .errors import UsageError
from .model import Box
from .safe_yaml import YAMLError, load_yaml


@dataclass(frozen=True)
class Theme:
    width: float
    height: float
    fonts: dict[str, str]
    sizes: dict[str, Any]
    spacing: dict[str, float]
    colors: dict[str, Any]
    boxes: dict[str, Box]
    strings: dict[str, str] = field(default_factory=dict)

    def box(self, name: str) -> Box:
        try:
            return self.boxes[name]
        except KeyError:
            raise UsageError(f"the deck theme has no box '{name}'") from None

    def sizes_of(self, name: str, optional: bool = False) -> tuple[float, ...]:
        """The sizes (pt) a theme lists under `name`; none for a missing `optional` entry."""
        if optional and name not in self.sizes:
            return ()
        value = self.sizes[name]
        return tuple(float(v) for v in (value if isinstance(value, list) else [value]))

    def text(self, key: str, **values: Any) -> str:
        """A deck string rendered with its values, e.g. text('continued', title='Intro')."""
        template = self.strings.get(key)
        if template is None:
            raise UsageError(f"the deck strings have no '{key}'")
        return _compiled(template).render(**values)

    def with_boxes(self, boxes: dict[str, Box]) -> "Theme":
        return replace(self, boxes={**self.boxes, **boxes})


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")


class _Substitution:
    """A template whose only Jinja2 syntax is `{{ name }}`: rendered the same, without loading Jinja2
    (the deck's start-up time is mostly imports)."""

    def __init__(self, template: str):
        self.template = template

    def render(self, **values) -> str:
        def value(match: re.Match) -> str:
            if match.group(1) not in values:
                raise UsageError(f"deck string {self.template!r} uses '{match.group(1)}', which is not given")
            return str(values[match.group(1)])

        return _PLACEHOLDER.sub(value, self.template)


@functools.lru_cache(maxsize=None)
def _compiled(template: str):
    if not re.search(r"\{[%#]", _PLACEHOLDER.sub("", template)) and "{{" not in _PLACEHOLDER.sub("", template):
        return _Substitution(template)
    from jinja2 import Environment, StrictUndefined

    return Environment(undefined=StrictUndefined, autoescape=False).from_string(template)


def load_theme(templates: Path, lang: str = "en") -> Theme:
    deck_dir = Path(templates) / "deck"
    data = _read_yaml(deck_dir / "theme.yaml")
    strings_file = deck_dir / f"strings.{lang}.yaml"
    if not strings_file.is_file():
        strings_file = deck_dir / "strings.en.yaml"
    try:
        return Theme(
            width=float(data["slide"]["width"]), height=float(data["slide"]["height"]),
            fonts=dict(data["fonts"]), sizes=dict(data["sizes"]),
            spacing={k: float(v) for k, v in data["spacing"].items()}, colors=dict(data["colors"]),
            boxes={name: Box(*map(float, xywh)) for name, xywh in data["boxes"].items()},
            strings={k: str(v) for k, v in _read_yaml(strings_file).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{deck_dir / 'theme.yaml'}: incomplete theme ({exc})") from None


def _read_yaml(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError:
        raise UsageError(f"template file missing: {path}") from None
    except YAMLError as exc:
        raise UsageError(f"{path}: invalid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a YAML mapping")
    return data


# text colour key, background colour key (or a hex colour) and the ratio WCAG AA asks of that text
_TEXT_ON = (("text", "FFFFFF", 4.5), ("title", "FFFFFF", 3.0), ("muted", "FFFFFF", 4.5), ("accent", "FFFFFF", 4.5),
            ("section_text", "section_bg", 3.0), ("table_header_text", "table_header_bg", 4.5),
            ("text", "table_band", 4.5), ("text", "code_bg", 4.5))


def unreadable_colours(theme: Theme) -> list[str]:
    """The theme's text/background colour pairs below WCAG AA contrast (4.5:1 for body text, 3:1 for
    titles), each told with both colours."""
    from .colors import contrast

    colors = theme.colors
    pairs = [(f"{text} {colors[text]}", f"{back} {colors[back]}" if back in colors else f"the slide {back}",
              colors[text], colors.get(back, back), ratio) for text, back, ratio in _TEXT_ON if text in colors]
    for kind, box in (colors.get("admonition") or {}).items():
        if {"fill", "title"} <= set(box):
            pairs.append((f"admonition.{kind}.title {box['title']}", f"its fill {box['fill']}", box["title"], box["fill"], 3.0))
            pairs.append((f"text {colors['text']}", f"admonition.{kind}.fill {box['fill']}", colors["text"], box["fill"], 4.5))
    return [f"colour {text_name} on {back_name} has contrast {contrast(fg, bg):.2f}:1, below WCAG AA {ratio:g}:1"
            for text_name, back_name, fg, bg, ratio in pairs
            if _hex(fg) and _hex(bg) and contrast(fg, bg) < ratio]


def _hex(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9A-Fa-f]{6}", value) is not None
