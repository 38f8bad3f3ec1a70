"""Heading ids (the targets of a lesson's own in-page links). They are derived once, when a `Lesson`
is made, and carried on it as `Lesson.anchors` (the rules: `model.section_anchors`); read the field.
`heading_anchors` stays while modules still call it."""
from __future__ import annotations

from .model import Lesson, SourcePos


def heading_anchors(lesson: Lesson) -> dict[SourcePos, str]:
    """The id of each heading of `lesson`, by the heading's position: the value the lesson carries."""
    return lesson.anchors
