"""The Open XML audit: what in a built deck breaks the rules PowerPoint checks on opening (a file it
would offer to repair), found by openxml-audit — a test dependency, so the audit is skipped (None)
where it is not installed."""
from __future__ import annotations

from pathlib import Path


def open_xml_errors(path: Path) -> list[str] | None:
    """What breaks the Open XML rules PowerPoint checks on opening (openxml-audit, a test dependency:
    None where it is not installed)."""
    try:
        from openxml_audit import validate_pptx
    except ImportError:
        return None
    return [f"{path}: {error}" for error in validate_pptx(path).errors]
