"""Small SVG toolkit shared by the figures: escaping, text elements, documents.

Labels are measured and wrapped by ``generator.figures.measure`` in the fonts named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape

FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
# Every figure is drawn on a background of this colour, white to the eye but found again in a
# printed PDF: the tests take a rectangle of exactly this fill as a figure's box, and measure the
# text inside it (no other part of the handbook uses this colour).
BACKGROUND = "#fefefd"

# Figures drawn for a slide (generator.outputs.decks) are laid out in points of the slide's body
# box, so one unit of their viewBox is one point on the projected slide and their text sizes
# are what the room reads.
SLIDE_BOX_W = 880.0
SLIDE_BOX_H = 358.0
SLIDE_TEXT = 20.0  # the size of a slide figure's text (the issue asks for at least ~18 pt)


@dataclass(frozen=True)
class Figure:
    """A drawn figure: the SVG document and a text alternative for readers who cannot see it."""

    svg: str
    alternative: str
    ancho: float
    alto: float


def esc(texto: object) -> str:
    """Text or attribute value for SVG/XML (quotes included)."""
    return _escape(str(texto), {'"': "&quot;", "'": "&apos;"})


def texto(x: float, y: float, lineas: list[str], tamano: float, *, interlinea: float = 1.25,
          anchor: str = "start", peso: str | None = None, color: str = "#1a1a1a", clase: str | None = None) -> str:
    """A ``<text>`` with one ``<tspan>`` per line; ``y`` is the first line's baseline."""
    attrs = [f'x="{x:.1f}"', f'y="{y:.1f}"', f'font-size="{tamano:g}"', f'fill="{color}"']
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if peso:
        attrs.append(f'font-weight="{peso}"')
    if clase:
        attrs.append(f'class="{clase}"')
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else tamano * interlinea:.1f}">{esc(linea)}</tspan>'
        for i, linea in enumerate(lineas))
    return f"<text {' '.join(attrs)}>{spans}</text>"


def documento(ancho: float, alto: float, cuerpo: list[str], titulo: str, descripcion: str) -> str:
    """A standalone SVG document, scalable (viewBox), with its title and description."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho:.0f} {alto:.0f}" '
        f'width="{ancho:.0f}" height="{alto:.0f}" role="img" font-family="{esc(FONT_FAMILY)}">'
        f"<title>{esc(titulo)}</title><desc>{esc(descripcion)}</desc>"
        f'<rect class="fondo" x="0" y="0" width="{ancho:.0f}" height="{alto:.0f}" fill="{BACKGROUND}"/>'
        + "".join(cuerpo) + "</svg>\n"
    )

