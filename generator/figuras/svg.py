"""Small SVG toolkit shared by the figures: escaping, text measure and wrapping, documents.

Text is measured with an average glyph width (no font files are read): good enough to wrap
labels into boxes when the figure uses a common sans-serif at a known size, with a margin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape

FUENTE = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
ANCHO_GLIFO = 0.56  # average advance of a glyph, in ems, for the fonts above (with a margin)


@dataclass(frozen=True)
class Figura:
    """A drawn figure: the SVG document and a text alternative for readers who cannot see it."""

    svg: str
    alternativa: str
    ancho: float
    alto: float


def esc(texto: object) -> str:
    """Text or attribute value for SVG/XML (quotes included)."""
    return _escape(str(texto), {'"': "&quot;", "'": "&apos;"})


def ancho_texto(texto: str, tamano: float) -> float:
    return len(texto) * tamano * ANCHO_GLIFO


def envolver(texto: str, ancho: float, tamano: float, max_lineas: int | None = None) -> list[str]:
    """Split ``texto`` into lines that fit ``ancho`` at font size ``tamano``.

    Words longer than a line are cut. With ``max_lineas``, the last kept line ends in "…".
    """
    por_linea = max(1, int(ancho / (tamano * ANCHO_GLIFO)))
    lineas: list[str] = []
    actual = ""
    for palabra in str(texto).split():
        while len(palabra) > por_linea:
            if actual:
                lineas.append(actual)
                actual = ""
            lineas.append(palabra[:por_linea - 1] + "-")
            palabra = palabra[por_linea - 1:]
        candidata = f"{actual} {palabra}" if actual else palabra
        if len(candidata) <= por_linea:
            actual = candidata
        else:
            lineas.append(actual)
            actual = palabra
    if actual:
        lineas.append(actual)
    if max_lineas is not None and len(lineas) > max_lineas:
        lineas = lineas[:max_lineas]
        ultima = lineas[-1]
        lineas[-1] = (ultima[:por_linea - 1] if len(ultima) >= por_linea else ultima) + "…"
    return lineas


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
        f'width="{ancho:.0f}" height="{alto:.0f}" role="img" font-family="{esc(FUENTE)}">'
        f"<title>{esc(titulo)}</title><desc>{esc(descripcion)}</desc>"
        + "".join(cuerpo) + "</svg>\n"
    )


def mezcla(color: str, otro: str, t: float) -> str:
    """``color`` moved a fraction ``t`` towards ``otro`` (both "#rrggbb")."""
    a, b = _rgb(color), _rgb(otro)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def _rgb(color: str) -> tuple[int, int, int]:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        raise ValueError(f"color must be '#rrggbb', got {color!r}")
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
