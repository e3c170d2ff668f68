"""The Critical Route: its stages as numbered chevrons read left to right.

Up to 4 stages go on one row; more are split into two rows (the first one holds the extra
stage when the count is odd), both read left to right, joined by an elbow arrow from the end
of the first row to the start of the second. Chevrons widen when a row holds fewer stages so
the figure stays within ~860 units. Light tints with dark outlines and dark text keep it
legible in black and white; the highlighted stage is filled with the colour itself.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from generator.colour import DEFAULT_PRIMARY, mix, text_on
from generator.figures.measure import wrap
from generator.figures.svg import Figure, documento, texto

MARGIN = 20.0
MAX_WIDTH = 680.0  # fits the text column of a 1280 px screen at natural size
CHEVRON_MAX = 260.0
ARROW_TIP = 22.0          # depth of the chevron's point and notch
GAP = 8.0           # gap between chevrons
ROW_GAP = 44.0    # vertical room for the connector between rows
RADIUS = 14.0          # number circle
FONT_SIZE = 13.0
LINE_HEIGHT = 1.25
MAX_LINES = 4
DARK = "#1a1a1a"


def ruta_critica(etapas: Sequence[str], rotulos: Mapping[str, str], *, color: str = DEFAULT_PRIMARY,
                 destacada: int | None = None, tamano: float = FONT_SIZE) -> Figure:
    """The ``etapas`` (2 to 8 names) as numbered chevrons; ``destacada`` (1-based) is highlighted.

    ``rotulos``: ``titulo`` (SVG title). ``tamano``: the text size (a slide uses the slide's; the
    number discs grow with it).
    """
    total = len(etapas)
    if not 2 <= total <= 8:
        raise ValueError("the Critical Route figure draws 2 to 8 stages")
    if destacada is not None and not 1 <= destacada <= total:
        raise ValueError(f"destacada must be between 1 and {total}")
    por_fila = total if total <= 4 else math.ceil(total / 2)
    filas = [range(por_fila)] + ([range(por_fila, total)] if por_fila < total else [])
    paso_max = (MAX_WIDTH - 2 * MARGIN - ARROW_TIP + GAP) / por_fila
    ancho_chevron = min(CHEVRON_MAX, paso_max + ARROW_TIP - GAP)
    paso = ancho_chevron - ARROW_TIP + GAP

    util = ancho_chevron - 2 * ARROW_TIP - 8
    lineas = [wrap(e, util, tamano, MAX_LINES, bold=destacada == n) for n, e in enumerate(etapas, 1)]
    radio = RADIUS * tamano / FONT_SIZE
    alto_chevron = 10 + 2 * radio + 6 + max(map(len, lineas)) * tamano * LINE_HEIGHT + 12

    claro, oscuro = mix(color, "#ffffff", 0.86), mix(color, "#000000", 0.3)
    cuerpo = []
    for f, fila in enumerate(filas):
        y = MARGIN + f * (alto_chevron + ROW_GAP)
        for i, n in enumerate(fila):
            cuerpo.append(_stage(n + 1, lineas[n], MARGIN + i * paso, y, ancho_chevron, alto_chevron,
                                 primera=i == 0, destacada=destacada == n + 1,
                                 colores=(claro, color, oscuro), tamano=tamano))
    if len(filas) == 2:
        cuerpo.append(_connector(MARGIN + (por_fila - 1) * paso + ancho_chevron / 2,
                                MARGIN + ancho_chevron / 2, MARGIN + alto_chevron, oscuro))
    ancho = round(MARGIN * 2 + (por_fila - 1) * paso + ancho_chevron, 2)
    alto = MARGIN * 2 + len(filas) * alto_chevron + (len(filas) - 1) * ROW_GAP
    alternative = "; ".join(f"{n}. {e}" for n, e in enumerate(etapas, 1))
    svg = documento(ancho, alto, cuerpo, rotulos["titulo"], alternative)
    return Figure(svg=svg, alternative=alternative, ancho=ancho, alto=alto)


def _stage(numero: int, lineas: list[str], x: float, y: float, w: float, h: float, *,
           primera: bool, destacada: bool, colores: tuple[str, str, str], tamano: float = FONT_SIZE) -> str:
    """One chevron: flat left side for the first of a row, notched otherwise."""
    claro, color, oscuro = colores
    muesca = 0.0 if primera else ARROW_TIP
    puntos = [(x, y), (x + w - ARROW_TIP, y), (x + w, y + h / 2), (x + w - ARROW_TIP, y + h),
              (x, y + h), (x + muesca, y + h / 2)]
    relleno = color if destacada else claro
    letra = text_on(relleno, (DARK, "#ffffff"))
    cx = x + w / 2
    radio = RADIUS * tamano / FONT_SIZE
    numero_tamano = 14 * tamano / FONT_SIZE
    cy = y + 10 + radio
    clase = "etapa destacada" if destacada else "etapa"
    arriba, abajo = cy + radio + 6, y + h - 8  # the names' box, below the number
    alto_texto = len(lineas) * tamano * LINE_HEIGHT
    return (
        f'<g class="{clase}" data-numero="{numero}">'
        f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in puntos)}" fill="{relleno}" '
        f'stroke="{DARK if destacada else oscuro}" stroke-width="{3 if destacada else 1.5}" '
        f'stroke-linejoin="round"/>'
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radio:g}" fill="#ffffff" stroke="{oscuro}" stroke-width="1.5"/>'
        + texto(cx, cy + numero_tamano * 0.36, [str(numero)], numero_tamano, anchor="middle", peso="bold",
                color=DARK)
        + texto(cx, arriba + (abajo - arriba - alto_texto) / 2 + tamano * 0.9, lineas, tamano,
                interlinea=LINE_HEIGHT, anchor="middle",
                peso="bold" if destacada else None, color=letra)
        + "</g>"
    )


def _connector(x_desde: float, x_hasta: float, y: float, color: str) -> str:
    """Elbow arrow from below the end of row 1 to above the start of row 2."""
    medio = y + ROW_GAP / 2
    punta = y + ROW_GAP - 2
    return (
        f'<path class="conector" d="M{x_desde:.1f} {y + 2:.1f} V{medio:.1f} H{x_hasta:.1f} V{punta - 8:.1f}" '
        f'fill="none" stroke="{color}" stroke-width="2"/>'
        f'<path d="M{x_hasta - 6:.1f} {punta - 9:.1f} H{x_hasta + 6:.1f} L{x_hasta:.1f} {punta:.1f} z" '
        f'fill="{color}"/>'
    )
