"""Facts about a picture file that more than one stage needs (its shape), read with Pillow."""
from __future__ import annotations

from pathlib import Path

DEFAULT_RATIO = 0.6  # the height / width assumed for a picture that cannot be read


def ratio(path: Path | None) -> float:
    """Height / width of the picture at `path`; `DEFAULT_RATIO` when it cannot be read."""
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as picture:
            w, h = picture.size
        return h / w if w else DEFAULT_RATIO
    except Exception:  # noqa: BLE001 (an unreadable picture is shown at a default shape; the renderer reports it)
        return DEFAULT_RATIO
