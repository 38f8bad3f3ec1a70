"""Heading ids as Docusaurus and GitHub make them ("문장 요약" → "문장-요약"; repeats get -1, -2), or the id
the lesson gives a heading (`{#id}`), so a lesson's own in-page links (`[…](#문장-요약)`) reach their
heading: a PDF destination in the handout, a slide jump in the deck.

The ids are worked out once, when a `Lesson` is made (`Lesson.anchors`, from `section_anchors`);
`heading_anchors(lesson)` only hands back that carried value. This module reads sections by their
attributes and imports nothing of the model at run time, so the model can import it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Lesson, Section, SourcePos

_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def heading_anchors(lesson: Lesson) -> dict[SourcePos, str]:
    """The id of each heading of `lesson`, by the heading's position (the value the lesson carries)."""
    return lesson.anchors


def section_anchors(sections: tuple[Section, ...]) -> dict[SourcePos, str]:
    """The id of every heading in `sections` (nested ones too), by the heading's position."""
    anchors: dict[SourcePos, str] = {}
    seen: dict[str, int] = {}
    for section in walk_sections(sections):
        slug = section.anchor or _DROP.sub("", section.title_text.strip().lower()).replace(" ", "-") \
            or f"h{section.pos.line}"
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors[section.pos] = slug if count == 0 else f"{slug}-{count}"
    return anchors


def walk_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    """Every section, each before its subsections (document order)."""
    for section in sections:
        yield section
        yield from walk_sections(section.subsections)
