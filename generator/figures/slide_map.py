"""The system map for a slide: the rings and numbered discs alone, large, read with a key.

The handbook's ring map (``system_map``) is tall, with cards and a key below the rings: shrunk
onto a 16:9 slide its text cannot be read from the back of a room. This version keeps what
the map says by position (the organization at the centre, one ring per kind of relationship,
positive results on the left, negative on the right (as in the methodology and the printed map), unrecorded ones in a wedge at the
bottom) and shows each actor as a numbered disc in its sector's colour; the numbered key (each
actor's name) goes on the slides that follow (``generator.outputs.decks``). The legends of the
rings and sectors sit beside the circle.

It is laid out in slide points at slide text size; when the rings need more room than the
slide's body box (many actors on one side of a ring), the drawing grows and is scaled down as
a whole, which the deck's tests measure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from generator.colour import mix
from generator.contract.models import Actor, Relationship, Outcome, Sector
from generator.figures.measure import text_width, wrap
from generator.figures.svg import SLIDE_BOX_H, SLIDE_BOX_W, SLIDE_TEXT, Figure, documento, esc, texto
from generator.figures.system_map import COLOURS, NO_RELATIONSHIP, SIDE_SIGN

DISC = 14.0  # radius of an actor's disc
NUMBER_SIZE = 19.0  # a little over 18 pt: the picture is placed a hair smaller than its box
SPACING = 2 * DISC + 6
RING_PAD = 2.0  # between a ring's edges and its discs  # between neighbouring discs' centres
EMPTY_BAND = 16.0  # thickness of a ring without actors
WEDGE = math.radians(32)  # half the opening of the bottom wedge
SIDE_W = 250.0  # each column beside the circle
LEADING = 1.2
INK = "#1a1a1a"
RING_LINE = "#5b6673"
RING_FILLS = ("#b7c6d4", "#d3dde6", "#e6ecf1", "#f4f7f9", "#fbfcfd")  # inner to outer, darker inside


def slide_map(center: str, actors: Sequence[Actor], labels: Mapping[str, str],
              ring_labels: Mapping[str, str]) -> Figure:
    """The map of ``actors`` (numbered from 1, in order) around ``center`` (the organization's
    short name). ``labels``: the map's words (``content/productos.yaml``, ``rotulos.mapa``) and
    ``titulo``; ``ring_labels``: the name of each ring (relationship, and ``sin_relacion``)."""
    rings = [r.value for r in Relationship]
    if any(a.relacion is None for a in actors):
        rings.append(NO_RELATIONSHIP)
    wedge = any(a.resultado is None for a in actors)
    placed = [(n, a, a.relacion.value if a.relacion else NO_RELATIONSHIP,
               a.resultado.value if a.resultado else "sin_resultado") for n, a in enumerate(actors, 1)]

    center_lines = wrap(center, 100, SLIDE_TEXT, 2, bold=True)  # a long name without siglas is cut with "…"
    center_w = max((text_width(line, SLIDE_TEXT, bold=True) for line in center_lines), default=0)
    r_center = max(42.0, math.hypot(center_w / 2, len(center_lines) * SLIDE_TEXT * LEADING / 2) + 6)

    def arc(side: str, r: float) -> tuple[float, float]:
        """The angles (clockwise from the top) a disc's centre may take on ``side`` at radius ``r``."""
        off = math.asin(min(1.0, (DISC + 4) / r))
        if side == "sin_resultado":
            return math.pi - WEDGE + off, math.pi + WEDGE - off
        return off, math.pi - (WEDGE if wedge else 0.0) - off

    def fits(count: int, side: str, r: float) -> bool:
        start, end = arc(side, r)
        if count <= 1:
            return end >= start
        step = (end - start) / count  # discs sit at the middles of equal shares
        return end > start and 2 * r * math.sin(step / 2) >= SPACING

    bands: list[tuple[str, float, float, float]] = []  # ring, inner radius, disc radius, outer radius
    r_in = r_center
    for ring in rings:
        counts = {side: sum(1 for p in placed if p[2] == ring and p[3] == side)
                  for side in (Outcome.positivo.value, Outcome.negativo.value, "sin_resultado")}
        if not any(counts.values()):
            bands.append((ring, r_in, r_in, r_in + EMPTY_BAND))
            r_in += EMPTY_BAND
            continue
        r = r_in + DISC + RING_PAD
        while not all(fits(c, side, r) for side, c in counts.items() if c):
            r += 2
        bands.append((ring, r_in, r, r + DISC + RING_PAD))
        r_in = r + DISC + RING_PAD
    radius = r_in

    scale = max(1.0, (2 * radius + 4) / SLIDE_BOX_H, (2 * radius + 2 * SIDE_W + 20) / SLIDE_BOX_W)
    width, height = SLIDE_BOX_W * scale, SLIDE_BOX_H * scale
    cx, cy = width / 2, height / 2

    body = ['<rect width="100%" height="100%" fill="#ffffff"/>']
    for i, (ring, inner, _, outer) in reversed(list(enumerate(bands))):
        body.append(f'<circle class="anillo" data-anillo="{ring}" cx="{cx:.1f}" cy="{cy:.1f}" r="{outer:.1f}" '
                    f'fill="{RING_FILLS[i % len(RING_FILLS)]}" stroke="{RING_LINE}" stroke-width="1.2"/>')
    dashed = f'stroke="{RING_LINE}" stroke-width="1.5" stroke-dasharray="6 4"'
    body.append(f'<line x1="{cx:.1f}" y1="{cy - radius:.1f}" x2="{cx:.1f}" y2="{cy if wedge else cy + radius:.1f}" '
                f'{dashed}/>')
    if wedge:
        for sign in (-1, 1):
            body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{cx + sign * radius * math.sin(WEDGE):.1f}" '
                        f'y2="{cy + radius * math.cos(WEDGE):.1f}" {dashed}/>')
    body.append(f'<circle class="centro" cx="{cx:.1f}" cy="{cy:.1f}" r="{r_center:.1f}" fill="#ffffff" '
                f'stroke="#2b3640" stroke-width="2"/>')
    body.append(texto(cx, cy - len(center_lines) * SLIDE_TEXT * LEADING / 2 + SLIDE_TEXT * 0.85, center_lines,
                      SLIDE_TEXT, interlinea=LEADING, anchor="middle", peso="bold", color=INK))

    for ring, _, r, _ in bands:
        for side in (Outcome.positivo.value, Outcome.negativo.value, "sin_resultado"):
            here = [p for p in placed if p[2] == ring and p[3] == side]
            start, end = arc(side, r)
            for j, (number, actor, _, _) in enumerate(here):
                angle = start + (end - start) * (j + 0.5) / len(here)
                x = cx + SIDE_SIGN.get(side, 1.0) * r * math.sin(angle)  # the printed map's sides
                y = cy - r * math.cos(angle)
                fill = COLOURS[actor.sector or Sector.otro][1]
                body.append(f'<g class="actor" data-actor="{esc(actor.nombre)}" data-numero="{number}" '
                            f'data-anillo="{ring}" data-lado="{side}">'
                            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{DISC:g}" fill="{fill}" stroke="#ffffff" '
                            f'stroke-width="1.5"/>'
                            + texto(x, y + NUMBER_SIZE * 0.36, [str(number)], NUMBER_SIZE, anchor="middle",
                                    peso="bold", color="#ffffff", clase="numero")
                            + "</g>")

    # Beside the circle: the halves' names on top, the rings' legend (left) and the sectors' (right).
    left, right = 8.0, width - 8.0
    line = SLIDE_TEXT * LEADING
    positive = wrap(f"← {labels['positivo']}", SIDE_W, SLIDE_TEXT, 2, bold=True)
    negative = wrap(f"{labels['negativo']} →", SIDE_W, SLIDE_TEXT, 2, bold=True)
    body.append(texto(left, SLIDE_TEXT, positive, SLIDE_TEXT, interlinea=LEADING, peso="bold", color=INK))
    body.append(texto(right, SLIDE_TEXT, negative, SLIDE_TEXT, interlinea=LEADING, anchor="end", peso="bold",
                      color=INK))
    y = SLIDE_TEXT + max(len(negative), len(positive)) * line + 10
    y_left = _legend(body, left, y, labels["anillos"],
                     [(RING_FILLS[i % len(RING_FILLS)], ring_labels[ring]) for i, (ring, *_) in enumerate(bands)])
    sectors = [s for s in Sector if any((a.sector or Sector.otro) == s for a in actors)]
    _legend(body, width - 8 - SIDE_W, y, labels["leyenda_sectores"],
            [(COLOURS[s][1], s.etiqueta[:1].upper() + s.etiqueta[1:]) for s in sectors])
    if wedge:
        body.append(texto(left, max(y_left + 10, height - 8 - 2 * line) + SLIDE_TEXT,
                          wrap(f"↓ {labels['sin_resultado']}", SIDE_W, SLIDE_TEXT, 2, bold=True), SLIDE_TEXT,
                          interlinea=LEADING, peso="bold", color=INK))

    alternative = f"{labels['titulo']}: {center}. " + " ".join(
        f"{n}. {a.nombre}: {ring_labels[ring]}, {labels.get(side, side)}." for n, a, ring, side in placed)
    return Figure(svg=documento(width, height, body, labels["titulo"], alternative), alternative=alternative,
                  ancho=round(width), alto=round(height))


def _legend(body: list[str], x: float, y: float, heading: str, items: Sequence[tuple[str, str]]) -> float:
    """A heading and one swatch + label per row; returns the y below it."""
    line = SLIDE_TEXT * LEADING + 4
    body.append(texto(x, y + SLIDE_TEXT * 0.85, [heading], SLIDE_TEXT, peso="bold", color=INK))
    y += line
    for fill, label in items:
        body.append(f'<rect x="{x:.1f}" y="{y + 2:.1f}" width="22" height="18" rx="3" fill="{fill}" '
                    f'stroke="{RING_LINE}" stroke-width="1"/>')
        body.append(texto(x + 30, y + SLIDE_TEXT * 0.85, wrap(label, SIDE_W - 30, SLIDE_TEXT, 1), SLIDE_TEXT,
                          color=INK))
        y += line
    return y
