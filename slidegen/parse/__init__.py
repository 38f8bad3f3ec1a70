"""Lesson text → `Lesson` (being split into one module per concern)."""
from __future__ import annotations

from .blocks import MAX_LESSON_BYTES, parse_file, parse_text, read_source

__all__ = ["MAX_LESSON_BYTES", "parse_file", "parse_text", "read_source"]
