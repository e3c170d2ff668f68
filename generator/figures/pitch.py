"""The elevator pitch's structure: its parts on a time bar proportional to their seconds.

Drawn for a slide (session 4). The bar across the top gives each part a length proportional
to its seconds and says them; below it, one column per part (joined to its stretch of the bar)
holds the part's name, the words that fit in its seconds at the stated speaking rate
(``generator.plan.products.discurso_elevador``) and its guide from ``content/productos.yaml``.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from generator.colour import DEFAULT_PRIMARY, mix, text_on
from generator.figures.measure import text_width, wrap
from generator.figures.svg import SLIDE_BOX_H, SLIDE_BOX_W, SLIDE_TEXT, Figure, documento, texto
from generator.plan.products import PitchPart

BAR_TOP = 34.0
BAR_H = 44.0
COLUMNS_TOP = BAR_TOP + BAR_H + 30
GAP = 16.0
PAD = 10.0
LEADING = 1.25
TITLE_SIZE = 22.0
INK = "#1a1a1a"


def pitch(parts: Sequence[PitchPart], labels: Mapping[str, str], *, color: str = DEFAULT_PRIMARY) -> Figure:
    """``parts`` of the pitch; ``labels``: ``titulo``, ``segundos`` ("{segundos} s"), ``total``
    ("… {segundos} …") and ``words`` ("… {words} …")."""
    total = sum(p.parte.segundos for p in parts)
    shades = [mix(color, "#000000", 0.3), color, mix(color, "#ffffff", 0.45)]
    body = ['<rect width="100%" height="100%" fill="#ffffff"/>']
    body.append(texto(SLIDE_BOX_W, BAR_TOP - 10, [labels["total"].format(segundos=total)], SLIDE_TEXT,
                      anchor="end", peso="bold", color=INK, clase="total"))
    column_w = (SLIDE_BOX_W - (len(parts) - 1) * GAP) / len(parts)
    x = 0.0
    for i, part in enumerate(parts):
        width = SLIDE_BOX_W * part.parte.segundos / total
        fill = shades[i % len(shades)]
        ink = text_on(fill, (INK, "#ffffff"))
        seconds = labels["segundos"].format(segundos=part.parte.segundos)
        body.append(f'<g class="tramo" data-parte="{part.parte.clave}" data-segundos="{part.parte.segundos}">'
                    f'<rect x="{x:.1f}" y="{BAR_TOP:g}" width="{width:.1f}" height="{BAR_H:g}" fill="{fill}" '
                    f'stroke="#ffffff" stroke-width="2"/>')
        size = SLIDE_TEXT if text_width(seconds, SLIDE_TEXT, bold=True) <= width - 4 else None
        if size:
            body.append(texto(x + width / 2, BAR_TOP + BAR_H / 2 + size * 0.36, [seconds], size, anchor="middle",
                              peso="bold", color=ink))
        body.append("</g>")
        # The part's column, joined to its stretch of the bar.
        cx = i * (column_w + GAP)
        body.append(f'<path d="M{x + width / 2:.1f} {BAR_TOP + BAR_H:.1f} L{cx + column_w / 2:.1f} {COLUMNS_TOP:.1f}" '
                    f'stroke="{shades[0]}" stroke-width="2" fill="none"/>')
        inner = column_w - 2 * PAD
        heading = wrap(f"{i + 1}. {part.parte.titulo}", inner, TITLE_SIZE, 2, bold=True)
        head_seconds = [] if size else [seconds]  # said here when its stretch of the bar is too short
        words = labels["palabras"].format(palabras=part.max_words)
        guide = wrap(part.parte.guia, inner, SLIDE_TEXT, 6)
        body.append(f'<g class="parte" data-parte="{part.parte.clave}">'
                    f'<rect x="{cx:.1f}" y="{COLUMNS_TOP:.1f}" width="{column_w:.1f}" '
                    f'height="{SLIDE_BOX_H - COLUMNS_TOP - 1:.1f}" rx="8" fill="{mix(color, "#ffffff", 0.88)}" '
                    f'stroke="{shades[0]}" stroke-width="2"/>')
        y = COLUMNS_TOP + PAD + TITLE_SIZE * 0.85
        body.append(texto(cx + PAD, y, heading, TITLE_SIZE, interlinea=LEADING, peso="bold", color=INK))
        y += len(heading) * TITLE_SIZE * LEADING
        words_lines = wrap(" · ".join([*head_seconds, words]), inner, SLIDE_TEXT, 2)
        body.append(texto(cx + PAD, y, words_lines, SLIDE_TEXT, interlinea=LEADING, color=INK, clase="palabras"))
        y += len(words_lines) * SLIDE_TEXT * LEADING + 6
        body.append(texto(cx + PAD, y, guide, SLIDE_TEXT, interlinea=LEADING, color=INK, clase="guia"))
        body.append("</g>")
        x += width
    alternative = "; ".join(f"{p.parte.titulo}: {labels['segundos'].format(segundos=p.parte.segundos)}, "
                            f"{labels['palabras'].format(palabras=p.max_words)}. {p.parte.guia}" for p in parts)
    svg = documento(SLIDE_BOX_W, SLIDE_BOX_H, body, labels["titulo"], alternative)
    return Figure(svg=svg, alternative=alternative, ancho=SLIDE_BOX_W, alto=SLIDE_BOX_H)
