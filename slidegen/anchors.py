"""Heading ids as Docusaurus and GitHub make them ("문장 요약" → "문장-요약"; repeats get -1, -2), or the id
the lesson gives a heading (`{#id}`), so a lesson's own in-page links (`[…](#문장-요약)`) reach their
heading: a PDF destination in the handout, a slide jump in the deck."""
from __future__ import annotations

import re

from .model import Lesson, Section, SourcePos

_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def heading_anchors(lesson: Lesson) -> dict[SourcePos, str]:
    anchors: dict[SourcePos, str] = {}
    seen: dict[str, int] = {}
    for section in walk_sections(lesson.sections):
        slug = section.anchor or _DROP.sub("", section.title_text.strip().lower()).replace(" ", "-") \
            or f"h{section.pos.line}"
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors[section.pos] = slug if count == 0 else f"{slug}-{count}"
    return anchors


def walk_sections(sections: tuple[Section, ...]):
    for section in sections:
        yield section
        yield from walk_sections(section.subsections)
