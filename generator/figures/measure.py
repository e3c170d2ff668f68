"""How wide a label is in the figures' fonts, and how it wraps into a box.

Widths come from the fonts' own advance widths (Pillow reads the TrueType files Debian
installs). The figures ask for Helvetica, Arial, Liberation Sans or DejaVu Sans: Liberation
Sans has the metrics of the first two, and DejaVu Sans is wider, so a label is as wide as the
wider of those two, and fits whichever one the reader's machine picks. Only where neither
font file exists does an average glyph width stand in.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype")
FONTS = {
    False: (FONT_DIR / "liberation/LiberationSans-Regular.ttf", FONT_DIR / "dejavu/DejaVuSans.ttf"),
    True: (FONT_DIR / "liberation/LiberationSans-Bold.ttf", FONT_DIR / "dejavu/DejaVuSans-Bold.ttf"),
}
EM = 1000  # fonts are loaded at this size and their widths scaled: no hinting to speak of
# Fallback average advance, in ems, of a glyph of those fonts (with a margin), and of a bold one.
AVERAGE_GLYPH = {False: 0.56, True: 0.6}
ELLIPSIS = "…"


@lru_cache(maxsize=None)
def _faces(bold: bool) -> tuple[ImageFont.FreeTypeFont, ...]:
    # The basic layout (no shaping library) gives the same widths on every machine.
    return tuple(ImageFont.truetype(str(path), EM, layout_engine=ImageFont.Layout.BASIC)
                 for path in FONTS[bold] if path.is_file())


def uses_font_metrics() -> bool:
    """Whether widths come from font files (else from the average glyph width)."""
    return bool(_faces(False) and _faces(True))


@lru_cache(maxsize=8192)
def _width_in_ems(text: str, bold: bool) -> float:
    faces = _faces(bold)
    if not faces:
        return len(text) * AVERAGE_GLYPH[bold]
    return max(face.getlength(text) for face in faces) / EM


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` at font size ``size`` (units of the figure)."""
    return _width_in_ems(text, bold) * size


def wrap(text: object, width: float, size: float, max_lines: int | None = None, *,
         bold: bool = False) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` at font size ``size``.

    ``textwrap`` breaks the lines (at spaces and hyphens; a word longer than a line is cut);
    the most characters per line whose lines all fit is searched with the real widths. With
    ``max_lines``, the last kept line ends in "…".
    """
    words = " ".join(str(text).split())
    if not words:
        return []

    def lines(per_line: int) -> list[str]:
        return textwrap.wrap(words, per_line, max_lines=max_lines, placeholder=ELLIPSIS)

    def fits(per_line: int) -> bool:
        return all(text_width(line, size, bold=bold) <= width for line in lines(per_line))

    # Bisect for the largest count that fits: fewer characters a line almost always mean
    # narrower lines, and whatever count is kept has been checked to fit.
    low, high = 1, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return lines(low)
