"""Colour arithmetic for readable text: WCAG contrast of two colours, and a colour made legible on a
background. Hex strings ("1F2A44") in and out."""
from __future__ import annotations


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two hex colours."""
    def luminance(hex_value: str) -> float:
        channels = [int(hex_value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def legible(colour: str, background: str, ratio: float = 4.5) -> str:
    """`colour`, darkened (or, on a dark background, lightened) in small steps until it keeps `ratio`
    contrast on `background` (WCAG AA for body text); hex in, hex out."""
    towards = 0 if contrast("000000", background) >= contrast("FFFFFF", background) else 255
    channels = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    for _ in range(40):
        value = "".join(f"{c:02X}" for c in channels)
        if contrast(value, background) >= ratio:
            return value
        channels = [round(c + (towards - c) * 0.1) for c in channels]
    return "000000" if towards == 0 else "FFFFFF"
