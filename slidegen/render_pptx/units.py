"""Lengths: points in the deck model, EMU in the package. Decides the rounding (to the nearest EMU)."""
from __future__ import annotations

from pptx.util import Emu, Length, Pt

EMU_PER_PT = Pt(1)  # python-pptx's own count of EMU in a point (12700)


def emu(points: float) -> Length:
    """A length in points as EMU, rounded to the nearest EMU (`Pt(points)` would truncate)."""
    return Emu(round(points * EMU_PER_PT))
