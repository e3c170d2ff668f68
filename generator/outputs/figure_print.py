"""How a figure goes on paper: on the portrait page, or on a landscape page of its own.

A figure is printed as large as the page's text block allows (its width, and a height that
leaves room for its heading and caption). What it must keep is its type: its smallest text
(``font-size`` in the SVG) times the print scale must stay at or above ``MIN_PRINTED_PT``. A
figure that would fall below it on a portrait page goes on a landscape page (``LANDSCAPE_CLASS``,
whose ``page`` rule and paper ``page_stylesheet`` writes); scaling the drawing down is never the
answer. The limits below are those of the narrower paper (A4 across, letter down) with
``pdf.css``'s margins, so the decision holds on both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import Tag

MIN_PRINTED_PT = 7.2  # a little above the 7 pt floor, for rounding in the PDF
PT_PER_CM = 72 / 2.54
# The text block (width, height available to the image) on each orientation, in points:
# A4 is the narrower (21.0 cm - 3.6 cm of margins), letter the shorter (27.94 cm - 4 cm).
PORTRAIT = (17.4 * PT_PER_CM, 21.0 * PT_PER_CM)
LANDSCAPE = (24.1 * PT_PER_CM, 14.2 * PT_PER_CM)
LANDSCAPE_CLASS = "hb-figura--apaisada"
LANDSCAPE_PAGE = "apaisada"  # the named page of pdf.css

_ROOT = re.compile(r"<svg\b[^>]*?\bwidth=\"([\d.]+)\"[^>]*?\bheight=\"([\d.]+)\"")
_FONT_SIZE = re.compile(r"\bfont-size=\"([\d.]+)\"")


@dataclass(frozen=True)
class FigureSize:
    width: float      # units of the drawing
    height: float
    smallest_text: float | None  # font size, units of the drawing; None when it has no text

    def scale(self, box: tuple[float, float]) -> float:
        """Points per unit when printed as large as ``box`` allows (never above the natural 0.75 pt/px)."""
        return min(box[0] / self.width, box[1] / self.height, 0.75)

    def smallest_printed(self, box: tuple[float, float]) -> float | None:
        return None if self.smallest_text is None else self.smallest_text * self.scale(box)

    def needs_landscape(self) -> bool:
        portrait = self.smallest_printed(PORTRAIT)
        return portrait is not None and portrait < MIN_PRINTED_PT and self.smallest_printed(LANDSCAPE) > portrait


def figure_size(svg: str) -> FigureSize:
    raiz = _ROOT.search(svg)
    if raiz is None:
        raise ValueError("not one of the handbook's figures: the <svg> has no width and height")
    tamanos = [float(t) for t in _FONT_SIZE.findall(svg)]
    return FigureSize(float(raiz.group(1)), float(raiz.group(2)), min(tamanos, default=None))


def place_figures(contenido: Tag, svg_of: callable) -> None:
    """Mark the figures (``figure.hb-figura`` holding an SVG image) that need a landscape page.

    ``svg_of(src)`` gives the SVG text of an image's ``src``, or None when it is not a figure file.
    """
    figuras = [e for e in contenido.descendants  # a walk: much cheaper than a CSS selector
               if isinstance(e, Tag) and e.name == "figure" and "hb-figura" in e.get("class", ())]
    for figura in figuras:
        imagen = figura.find("img", src=True)
        svg = svg_of(imagen["src"]) if imagen is not None else None
        if svg is not None and figure_size(svg).needs_landscape():
            figura["class"] = [*figura.get("class", []), LANDSCAPE_CLASS]


def svg_from_file_uri(src: str, local_path: callable) -> str | None:
    ruta: Path | None = local_path(src)
    if ruta is None or ruta.suffix != ".svg" or not ruta.is_file():
        return None
    return ruta.read_text(encoding="utf-8")
