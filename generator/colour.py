"""Colour: the one place that parses, mixes and judges colours ("#rrggbb").

Used by the site's palette CSS, the figures, the DOCX and the portal. Contrast follows WCAG 2
(relative luminance, ratio ``(L1 + 0.05) / (L2 + 0.05)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Colours of the base handbook when an organization gives none.
DEFAULT_PRIMARY = "#1f4e79"
DEFAULT_ACCENT = "#c8553d"
WHITE = "#ffffff"
BLACK = "#000000"
TEXT_CONTRAST = 4.5  # WCAG AA for normal text


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` → its three channels (0–255)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValueError(f"colour must be '#rrggbb', got {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix(colour: str, other: str, t: float) -> str:
    """``colour`` moved a fraction ``t`` towards ``other``."""
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(rgb(colour), rgb(other)))


def tint(colour: str, share: float) -> str:
    """``share`` of ``colour`` on white: light enough for black text whatever the colour."""
    return mix(colour, WHITE, 1 - share)


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
              for c in (v / 255 for v in rgb(colour))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21, whichever is lighter."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(background: str, candidates: Sequence[str] = (WHITE, BLACK)) -> str:
    """The candidate text colour that contrasts most with ``background`` (the first on a tie)."""
    return max(candidates, key=lambda c: contrast(background, c))


def legible_on_white(colour: str) -> str:
    """``colour``, or the nearest darker shade of it that reaches WCAG AA contrast on white."""
    for step in range(21):
        candidate = mix(colour, BLACK, step / 20)
        if contrast(candidate, WHITE) >= TEXT_CONTRAST:
            return candidate
    return BLACK


def palette(colores: Any) -> tuple[str, str]:
    """The organization's primary and accent colours (its ``organizacion.colores``, which may
    be missing or partial), or the base handbook's."""
    primary = getattr(colores, "primario", None) or DEFAULT_PRIMARY
    accent = getattr(colores, "acento", None) or DEFAULT_ACCENT
    return primary, accent
