"""The outcome-mapping chart: mission → priority strategy → ally → short, medium, long term.

Drawn for a slide (session 6), one chart per ally of a priority strategy, filled with the
organization's data (``plan_alianzas.estrategias_prioritarias``); a box without data says it is
to be defined in the session, so the chart also serves as the empty template. The mission runs
across the top, the strategy leads to the ally, and the ally's three terms follow left to right.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from generator.colour import DEFAULT_PRIMARY, mix
from generator.figures.measure import wrap
from generator.figures.svg import SLIDE_BOX_H, SLIDE_BOX_W, SLIDE_TEXT, Figure, documento, texto

PAD = 8.0
ARROW_GAP = 26.0  # room for an arrow between boxes
LEADING = 1.2
INK = "#1a1a1a"
MUTED = "#4a4a4a"
TERMS = ("corto", "mediano", "largo")


def outcome_map(mission: str | None, strategy: str | None, ally: str | None,
                terms: Sequence[Sequence[str]], labels: Mapping[str, str], *,
                color: str = DEFAULT_PRIMARY) -> Figure:
    """The chart; ``terms``: the short, medium and long-term activities. ``labels``: ``titulo``,
    ``mision``, ``estrategia``, ``aliado``, ``corto``, ``mediano``, ``largo``, ``por_definir``."""
    light, dark = mix(color, "#ffffff", 0.86), mix(color, "#000000", 0.3)
    body = ['<rect width="100%" height="100%" fill="#ffffff"/>']
    line = SLIDE_TEXT * LEADING

    def box(x: float, y: float, w: float, h: float, heading: str, text: str | None, lines: int, kind: str) -> None:
        inner = w - 2 * PAD
        shown = wrap(text, inner, SLIDE_TEXT, lines) if text else [labels["por_definir"]]
        body.append(f'<g class="caja" data-caja="{kind}">'
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" fill="{light}" '
                    f'stroke="{dark}" stroke-width="2"/>')
        body.append(texto(x + PAD, y + PAD + SLIDE_TEXT * 0.85, [heading], SLIDE_TEXT, peso="bold", color=dark))
        body.append(texto(x + PAD, y + PAD + SLIDE_TEXT * 0.85 + line, shown, SLIDE_TEXT, interlinea=LEADING,
                          color=INK if text else MUTED))
        body.append("</g>")

    def arrow(x1: float, y1: float, x2: float, y2: float) -> None:
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{dark}" '
                    f'stroke-width="3" marker-end="url(#punta)"/>')

    body.insert(1, f'<defs><marker id="punta" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" '
                   f'markerHeight="4" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="{dark}"/></marker></defs>')
    # Rows: the mission (2 lines of text), strategy and ally (2 lines), the terms (3 lines).
    heights = [2 * PAD + line * 3, 2 * PAD + line * 3, 2 * PAD + line * 4]
    spare = SLIDE_BOX_H - sum(heights) - 2 * ARROW_GAP - 2
    heights[-1] += max(0.0, spare)
    y0 = 1.0
    box(1, y0, SLIDE_BOX_W - 2, heights[0], labels["mision"], mission, 2, "mision")
    y1 = y0 + heights[0] + ARROW_GAP
    half = (SLIDE_BOX_W - ARROW_GAP) / 2
    arrow(half / 2, y0 + heights[0], half / 2, y1 - 2)
    box(1, y1, half - 1, heights[1], labels["estrategia"], strategy, 2, "estrategia")
    box(half + ARROW_GAP, y1, half - 1, heights[1], labels["aliado"], ally, 2, "aliado")
    arrow(half, y1 + heights[1] / 2, half + ARROW_GAP - 2, y1 + heights[1] / 2)
    y2 = y1 + heights[1] + ARROW_GAP
    third = (SLIDE_BOX_W - 2 * ARROW_GAP) / 3
    elbow = y1 + heights[1] + ARROW_GAP / 2  # from the ally down, left, and down into the short term
    body.append(f'<path d="M{half + ARROW_GAP + half / 2:.1f} {y1 + heights[1]:.1f} V{elbow:.1f} H{third / 2:.1f}" '
                f'stroke="{dark}" stroke-width="3" fill="none"/>')
    arrow(third / 2, elbow - 1.5, third / 2, y2 - 2)
    term_lines = int((heights[2] - 2 * PAD) // line) - 1
    for i, (key, items) in enumerate(zip(TERMS, terms)):
        x = i * (third + ARROW_GAP)
        box(x + 1, y2, third - 2, heights[2], labels[key], "; ".join(items) or None, term_lines, key)
        if i:
            arrow(x - ARROW_GAP, y2 + heights[2] / 2, x - 2, y2 + heights[2] / 2)
    missing = labels["por_definir"]
    alternative = (f"{labels['mision']}: {mission or missing}. {labels['estrategia']}: {strategy or missing}. "
                   f"{labels['aliado']}: {ally or missing}. "
                   + " ".join(f"{labels[k]}: {'; '.join(items) or missing}." for k, items in zip(TERMS, terms)))
    svg = documento(SLIDE_BOX_W, SLIDE_BOX_H, body, labels["titulo"], alternative)
    return Figure(svg=svg, alternative=alternative, ancho=SLIDE_BOX_W, alto=SLIDE_BOX_H)
