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
from generator.figures.svg import Figura, documento, texto

MARGEN = 20.0
ANCHO_MAX = 680.0  # fits the text column of a 1280 px screen at natural size
CHEVRON_MAX = 260.0
PUNTA = 22.0          # depth of the chevron's point and notch
HUECO = 8.0           # gap between chevrons
ENTRE_FILAS = 44.0    # vertical room for the connector between rows
RADIO = 14.0          # number circle
TAMANO = 13.0
INTERLINEA = 1.25
MAX_LINEAS = 4
OSCURO = "#1a1a1a"


def ruta_critica(etapas: Sequence[str], rotulos: Mapping[str, str], *, color: str = DEFAULT_PRIMARY,
                 destacada: int | None = None) -> Figura:
    """The ``etapas`` (2 to 8 names) as numbered chevrons; ``destacada`` (1-based) is highlighted.

    ``rotulos``: ``titulo`` (SVG title).
    """
    total = len(etapas)
    if not 2 <= total <= 8:
        raise ValueError("the Critical Route figure draws 2 to 8 stages")
    if destacada is not None and not 1 <= destacada <= total:
        raise ValueError(f"destacada must be between 1 and {total}")
    por_fila = total if total <= 4 else math.ceil(total / 2)
    filas = [range(por_fila)] + ([range(por_fila, total)] if por_fila < total else [])
    paso_max = (ANCHO_MAX - 2 * MARGEN - PUNTA + HUECO) / por_fila
    ancho_chevron = min(CHEVRON_MAX, paso_max + PUNTA - HUECO)
    paso = ancho_chevron - PUNTA + HUECO

    util = ancho_chevron - 2 * PUNTA - 8
    lineas = [wrap(e, util, TAMANO, MAX_LINEAS, bold=destacada == n) for n, e in enumerate(etapas, 1)]
    alto_chevron = 10 + 2 * RADIO + 6 + max(map(len, lineas)) * TAMANO * INTERLINEA + 12

    claro, oscuro = mix(color, "#ffffff", 0.86), mix(color, "#000000", 0.3)
    cuerpo = []
    for f, fila in enumerate(filas):
        y = MARGEN + f * (alto_chevron + ENTRE_FILAS)
        for i, n in enumerate(fila):
            cuerpo.append(_etapa(n + 1, lineas[n], MARGEN + i * paso, y, ancho_chevron, alto_chevron,
                                 primera=i == 0, destacada=destacada == n + 1,
                                 colores=(claro, color, oscuro)))
    if len(filas) == 2:
        cuerpo.append(_conector(MARGEN + (por_fila - 1) * paso + ancho_chevron / 2,
                                MARGEN + ancho_chevron / 2, MARGEN + alto_chevron, oscuro))
    ancho = round(MARGEN * 2 + (por_fila - 1) * paso + ancho_chevron, 2)
    alto = MARGEN * 2 + len(filas) * alto_chevron + (len(filas) - 1) * ENTRE_FILAS
    alternativa = "; ".join(f"{n}. {e}" for n, e in enumerate(etapas, 1))
    svg = documento(ancho, alto, cuerpo, rotulos["titulo"], alternativa)
    return Figura(svg=svg, alternativa=alternativa, ancho=ancho, alto=alto)


def _etapa(numero: int, lineas: list[str], x: float, y: float, w: float, h: float, *,
           primera: bool, destacada: bool, colores: tuple[str, str, str]) -> str:
    """One chevron: flat left side for the first of a row, notched otherwise."""
    claro, color, oscuro = colores
    muesca = 0.0 if primera else PUNTA
    puntos = [(x, y), (x + w - PUNTA, y), (x + w, y + h / 2), (x + w - PUNTA, y + h),
              (x, y + h), (x + muesca, y + h / 2)]
    relleno = color if destacada else claro
    letra = text_on(relleno, (OSCURO, "#ffffff"))
    cx = x + w / 2
    cy = y + 10 + RADIO
    clase = "etapa destacada" if destacada else "etapa"
    arriba, abajo = cy + RADIO + 6, y + h - 8  # the names' box, below the number
    alto_texto = len(lineas) * TAMANO * INTERLINEA
    return (
        f'<g class="{clase}" data-numero="{numero}">'
        f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in puntos)}" fill="{relleno}" '
        f'stroke="{OSCURO if destacada else oscuro}" stroke-width="{3 if destacada else 1.5}" '
        f'stroke-linejoin="round"/>'
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIO:g}" fill="#ffffff" stroke="{oscuro}" stroke-width="1.5"/>'
        + texto(cx, cy + 5, [str(numero)], 14, anchor="middle", peso="bold", color=OSCURO)
        + texto(cx, arriba + (abajo - arriba - alto_texto) / 2 + TAMANO * 0.9, lineas, TAMANO,
                interlinea=INTERLINEA, anchor="middle",
                peso="bold" if destacada else None, color=letra)
        + "</g>"
    )


def _conector(x_desde: float, x_hasta: float, y: float, color: str) -> str:
    """Elbow arrow from below the end of row 1 to above the start of row 2."""
    medio = y + ENTRE_FILAS / 2
    punta = y + ENTRE_FILAS - 2
    return (
        f'<path class="conector" d="M{x_desde:.1f} {y + 2:.1f} V{medio:.1f} H{x_hasta:.1f} V{punta - 8:.1f}" '
        f'fill="none" stroke="{color}" stroke-width="2"/>'
        f'<path d="M{x_hasta - 6:.1f} {punta - 9:.1f} H{x_hasta + 6:.1f} L{x_hasta:.1f} {punta:.1f} z" '
        f'fill="{color}"/>'
    )
