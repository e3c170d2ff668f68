"""The five Rs (roles, recursos, relaciones, reglas, resultados) as five cards read left to right.

Drawn for a slide (session 2): each card holds its letter's number, the R's name and its
one-line meaning from ``content/productos.yaml`` (``cinco_erres``), laid out in slide points
at slide text size so the room reads it.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from generator.colour import DEFAULT_PRIMARY, mix
from generator.figures.measure import text_width, wrap
from generator.figures.svg import SLIDE_BOX_H, SLIDE_BOX_W, SLIDE_TEXT, Figure, documento, texto
from generator.methodology.models import FiveR

GAP = 14.0
PAD = 12.0
RADIUS = 24.0  # the disc with the R
TITLE_SIZES = (24.0, 22.0, SLIDE_TEXT)  # the largest at which every R's name fits its card on one line
LEADING = 1.25
MAX_LINES = 7
INK = "#1a1a1a"


def five_rs(rs: Sequence[FiveR], labels: Mapping[str, str], *, color: str = DEFAULT_PRIMARY) -> Figure:
    """``rs`` (the five Rs, in order) as cards; ``labels``: ``titulo`` (the SVG title)."""
    count = len(rs)
    card_w = (SLIDE_BOX_W - (count - 1) * GAP) / count
    inner = card_w - 2 * PAD
    title_size = next((size for size in TITLE_SIZES
                       if all(text_width(r.titulo, size, bold=True) <= inner for r in rs)), SLIDE_TEXT)
    titles = [wrap(r.titulo, inner, title_size, 2, bold=True) for r in rs]
    meanings = [wrap(r.significado, inner, SLIDE_TEXT, MAX_LINES) for r in rs]
    light, dark = mix(color, "#ffffff", 0.85), mix(color, "#000000", 0.3)
    body = ['<rect width="100%" height="100%" fill="#ffffff"/>']
    top = PAD + 2 * RADIUS + 10
    for i, (r, title, meaning) in enumerate(zip(rs, titles, meanings)):
        x = i * (card_w + GAP)
        cx = x + card_w / 2
        body.append(f'<g class="erre" data-erre="{i + 1}">')
        body.append(f'<rect x="{x + 1:.1f}" y="1" width="{card_w - 2:.1f}" height="{SLIDE_BOX_H - 2:.1f}" rx="10" '
                    f'fill="{light}" stroke="{dark}" stroke-width="2"/>')
        body.append(f'<circle cx="{cx:.1f}" cy="{PAD + RADIUS:.1f}" r="{RADIUS:g}" fill="{dark}"/>')
        body.append(texto(cx, PAD + RADIUS + 24 * 0.36, [f"R{i + 1}"], 24, anchor="middle",
                          peso="bold", color="#ffffff"))
        body.append(texto(cx, top + title_size, title, title_size, interlinea=LEADING, anchor="middle",
                          peso="bold", color=INK, clase="nombre"))
        y = top + title_size + len(title) * title_size * LEADING + 8
        body.append(texto(x + PAD, y + SLIDE_TEXT * 0.85, meaning, SLIDE_TEXT, interlinea=LEADING, color=INK,
                          clase="significado"))
        body.append("</g>")
    alternative = "; ".join(f"{r.titulo}: {r.significado}" for r in rs)
    svg = documento(SLIDE_BOX_W, SLIDE_BOX_H, body, labels["titulo"], alternative)
    return Figure(svg=svg, alternative=alternative, ancho=SLIDE_BOX_W, alto=SLIDE_BOX_H)
