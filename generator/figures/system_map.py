"""The ring map of an organization's local system ("mapa del sistema"), as a standalone SVG.

The organization sits at the centre. Concentric rings hold the actors by the relationship the
organization has with them (fuerte, colaborativa, débil, conflictiva, from the inside out, plus
a ring for actors whose relationship is not recorded). As in the methodology's figure, actors
with positive results sit on the left half and negative ones on the right; actors without a
recorded result go in a wedge at the bottom. Each actor is a numbered disc in its sector's
colour; below the rings, a numbered key gives each number its actor's full name (the 5Rs
matrix on the same page holds the resources and rules).

Layout. Inside a ring, each side's discs are spread by angle over the whole of that side (the
first near the top, the last near the bottom), so a half-ring is used from end to end instead
of crowding along the divider. When a side holds more discs than fit at one radius, they
alternate between concentric tracks, so neighbours on the same track stay apart. Rings share
the room up to a fixed radius (the figure has a fixed width, so its type prints at a known
size); a ring that needs more tracks is thicker. Rings differ by shade (darker inside) and by
the line that closes them (weight and dash pattern), repeated in the legend.

Type. Every text is at least ``MIN_FONT_SIZE`` units and the figure is ``MAP_WIDTH`` units wide, so
printed at the width of a page's text block (17 cm or more) no text is below 7 pt, and shown at
natural size on a screen no text is below 11 px. The height stays within ``MAX_HEIGHT`` units
whenever the actors allow it (the rings shrink, never the type), so the figure prints whole on
a portrait page at that scale.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from generator.contract.models import Actor, Relationship, Outcome, Sector
from generator.figures.measure import text_width, wrap
from generator.figures.svg import Figure, documento, esc, texto

MAP_WIDTH = 720.0  # the figure's width (units of the viewBox)
MAX_HEIGHT = 940.0  # the height that still prints at full width on a letter or A4 portrait page
MIN_FONT_SIZE = 12.0  # no text of the figure is smaller
MARGIN = 20.0

# Actors: a numbered disc in the rings, a numbered line in the key.
DISC_RADIUS = 12.0
DISC_GAP = 6.0  # between two discs, and between a disc and a divider or a ring's name
TRACK_STEP = 2 * DISC_RADIUS + DISC_GAP  # between concentric tracks of one ring
RING_PADDING = 6.0  # between a ring's edges and its discs
NUMBER_SIZE = 12.0
NAME_SIZE = 12.0  # names in the key
LINE_HEIGHT = 1.25
MAX_LINES = 3

RING_LABEL_HEIGHT = 19.0  # the pill with a ring's name, inside the ring at its top
RING_SIZE = 12.0
MIN_RING = RING_LABEL_HEIGHT + 2 * RING_PADDING + 6  # thickness of a ring without actors
ALPHA = math.radians(32)  # half the opening of the bottom wedge
INSET = math.radians(9)  # kept free at each end of a side's angles, so no disc sits on a divider
CENTRE_SIZE = 13.0
SIDE_SIZE = 13.5
LEGEND_SIZE = 12.0

# Sector fills (light, for dark text) and borders (a darker shade of the same hue).
COLOURS: dict[Sector, tuple[str, str]] = {
    Sector.gobierno: ("#c6dbf2", "#2c6aa8"),
    Sector.sociedad_civil: ("#b9e4d4", "#1b7f62"),
    Sector.privado: ("#f8caa6", "#b5561b"),
    Sector.academia: ("#dccbee", "#6a4a9a"),
    Sector.internacional: ("#bfe7f6", "#1c86ab"),
    Sector.medios: ("#f2e39c", "#8f7407"),
    Sector.religioso: ("#f6c4d3", "#ad365d"),
    Sector.comunitario: ("#d5e6a6", "#5f7f1c"),
    Sector.informal: ("#e6d3bd", "#86572a"),
    Sector.otro: ("#dedede", "#5e5e5e"),
}
INK = "#1a1a1a"
SOFT_INK = "#36414d"
NO_RELATIONSHIP = "sin_relacion"


@dataclass(frozen=True)
class RingStyle:
    """How a ring is told apart: its shade and the line that closes it (also its legend swatch)."""

    fill: str
    stroke: str
    width: float
    dash: str | None


# From the inside out: a darker shade and a heavier line for a closer relationship; the
# conflictive ring is closed by a dotted red line, an unrecorded relationship by a faint one.
RING_STYLES: dict[str, RingStyle] = {
    Relationship.fuerte.value: RingStyle("#cfdbe6", "#1f3b57", 4.0, None),
    Relationship.colaborativa.value: RingStyle("#dfe7ef", "#36536f", 2.2, None),
    Relationship.debil.value: RingStyle("#edf1f5", "#4f6478", 2.0, "9 5"),
    Relationship.conflictiva.value: RingStyle("#f8f0ef", "#a3362a", 2.6, "2.5 4"),
    NO_RELATIONSHIP: RingStyle("#fbfbfb", "#8795a3", 1.4, "1 3"),
}

SIDES = (Outcome.positivo.value, Outcome.negativo.value, "sin_resultado")
# Which way each side goes from the divider: positive results on the left, as in the methodology.
SIDE_SIGN = {Outcome.positivo.value: -1.0, Outcome.negativo.value: 1.0}


@dataclass
class _Card:
    numero: int
    actor: Actor
    ring: str
    side: str
    sector: Sector
    card_name: list[str]
    share: float = 0.5  # where along its side it belongs: i / (n - 1) among the side's n actors, in input order
    angle: float = 0.0  # clockwise from the top, radians, in [0, 2π)
    radius: float = 0.0


@dataclass(frozen=True)
class _Ring:
    key: str
    inner: float
    outer: float
    tracks: int
    pill_half: float


def ring_map(organizacion: str, actores: Sequence[Actor], rotulos: Mapping[str, str],
                 resaltar: Collection[str] = (), *, clave: bool = True) -> Figure:
    """Draw the ring map of ``actores`` around ``organizacion``.

    ``rotulos`` holds the figure's words (see the module's callers); ``resaltar`` names the
    actors whose disc gets a thick dashed border. With no actors it is the blank map: the rings,
    the two halves and the legend of the rings. Without ``clave`` the numbered key is left out
    (the handbook prints it as its own figure, ``map_key_figure``, so that each fits a page).
    """
    tarjetas = [_card(numero, actor) for numero, actor in enumerate(actores, 1)]
    claves = [r.value for r in Relationship]
    if any(t.ring == NO_RELATIONSHIP for t in tarjetas):
        claves.append(NO_RELATIONSHIP)
    nombres_anillo = {r.value: _capitalized(r.etiqueta) for r in Relationship}
    nombres_anillo[NO_RELATIONSHIP] = rotulos["sin_relacion"]
    cuna = any(t.side == "sin_resultado" for t in tarjetas)

    lineas_centro = wrap(organizacion, 120, CENTRE_SIZE, 5, bold=True)
    alto_centro = len(lineas_centro) * CENTRE_SIZE * LINE_HEIGHT
    ancho_centro = max((text_width(linea, CENTRE_SIZE, bold=True) for linea in lineas_centro), default=0)
    r_centro = max(50.0, math.hypot(ancho_centro / 2, alto_centro / 2) + 6)

    ancho = MAP_WIDTH
    texto_lado = ancho / 2 - MARGIN - 12
    lineas_positivo = wrap(rotulos["positivo"], texto_lado, SIDE_SIZE, 2, bold=True)
    lineas_negativo = wrap(rotulos["negativo"], texto_lado, SIDE_SIZE, 2, bold=True)
    alto_lados = max(len(lineas_positivo), len(lineas_negativo)) * SIDE_SIZE * LINE_HEIGHT
    lineas_cuna = wrap(rotulos["sin_resultado"], ancho - 2 * MARGIN, SIDE_SIZE, 2, bold=True) if cuna else []
    alto_cuna = len(lineas_cuna) * SIDE_SIZE * LINE_HEIGHT + 6 if cuna else 0.0
    columnas = _key_columns(len(tarjetas))
    ancho_columna = (ancho - 2 * MARGIN - (columnas - 1) * 16) / columnas
    for t in tarjetas:
        t.card_name = wrap(t.actor.nombre, ancho_columna - 2 * DISC_RADIUS - 10, NAME_SIZE, MAX_LINES)
    alto_clave = _key_height(tarjetas, columnas) if clave else 0.0
    sectores = [s for s in Sector if any(t.sector == s for t in tarjetas)]
    leyenda = [(rotulos["leyenda_sectores"], "leyenda-sector", "data-sector",
                [(s.value, _capitalized(s.etiqueta)) for s in sectores]),
               (rotulos["anillos"], "leyenda-anillo", "data-anillo", [(c, nombres_anillo[c]) for c in claves])]
    _, alto_leyenda = _legend(leyenda, MARGIN, 0, ancho - 2 * MARGIN)

    # The rings take the room the width allows, less what keeps the figure within ALTO_MAXIMO.
    fijo = MARGIN + alto_lados + 14 + 12 + alto_cuna + (alto_clave + 10 if tarjetas and clave else 0) + 8 + alto_leyenda + MARGIN
    radio_deseado = min(ancho / 2 - MARGIN, (MAX_HEIGHT - fijo) / 2)
    anillos = _rings(claves, tarjetas, nombres_anillo, r_centro, radio_deseado, cuna)
    radio = anillos[-1].outer
    if 2 * (radio + MARGIN) > ancho:  # only an extreme crowding of one ring gets here
        ancho = 2 * (radio + MARGIN)
    cx, cy = ancho / 2, MARGIN + alto_lados + 14 + radio

    cuerpo: list[str] = []
    for ring in reversed(anillos):
        estilo = RING_STYLES[ring.key]
        cuerpo.append(
            f'<circle class="anillo" data-anillo="{ring.key}" data-r-interior="{ring.inner:.1f}" '
            f'data-r-exterior="{ring.outer:.1f}" cx="{cx:.1f}" cy="{cy:.1f}" r="{ring.outer:.1f}" '
            f'fill="{estilo.fill}"{_stroke(estilo)}/>')
    divisoria = 'stroke="#5b6673" stroke-width="1.5" stroke-dasharray="6 4"'
    fin_divisoria = cy if cuna else cy + radio + 6
    cuerpo.append(f'<line class="divisoria" x1="{cx:.1f}" y1="{cy - radio - 10:.1f}" x2="{cx:.1f}" '
                  f'y2="{fin_divisoria:.1f}" {divisoria}/>')
    if cuna:
        for signo in (-1, 1):
            cuerpo.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{cx + signo * radio * math.sin(ALPHA):.1f}" '
                          f'y2="{cy + radio * math.cos(ALPHA):.1f}" {divisoria}/>')
    for ring in anillos:
        arriba = cy - ring.inner - 3 - RING_LABEL_HEIGHT
        cuerpo.append(
            f'<rect class="rotulo-anillo" x="{cx - ring.pill_half:.1f}" y="{arriba:.1f}" '
            f'width="{2 * ring.pill_half:.1f}" height="{RING_LABEL_HEIGHT:g}" rx="{RING_LABEL_HEIGHT / 2:g}" '
            f'fill="#ffffff" stroke="{RING_STYLES[ring.key].stroke}" stroke-width="1"/>')
        cuerpo.append(texto(cx, arriba + RING_LABEL_HEIGHT - 5, [nombres_anillo[ring.key]], RING_SIZE,
                            anchor="middle", peso="bold", color=SOFT_INK, clase="nombre-anillo"))
    cuerpo.append(f'<circle class="centro" cx="{cx:.1f}" cy="{cy:.1f}" r="{r_centro:.1f}" fill="#ffffff" '
                  f'stroke="#2b3640" stroke-width="2"/>')
    cuerpo.append(texto(cx, cy - alto_centro / 2 + CENTRE_SIZE * 0.9, lineas_centro, CENTRE_SIZE, anchor="middle",
                        peso="bold", color=INK))
    base_lados = cy - radio - 14 - alto_lados + SIDE_SIZE
    cuerpo.append(texto(cx - 10, base_lados, lineas_positivo, SIDE_SIZE, anchor="end", peso="bold",
                        color=SOFT_INK, clase="lado-positivo"))
    cuerpo.append(texto(cx + 10, base_lados, lineas_negativo, SIDE_SIZE, peso="bold", color=SOFT_INK,
                        clase="lado-negativo"))

    for t in tarjetas:
        cuerpo.append(_draw_card(t, cx, cy, t.actor.nombre in resaltar))

    y = cy + radio + 12
    if cuna:
        cuerpo.append(texto(cx, y + SIDE_SIZE, lineas_cuna, SIDE_SIZE, anchor="middle", peso="bold",
                            color=SOFT_INK))
        y += alto_cuna
    if tarjetas and clave:
        cuerpo.extend(_cards(tarjetas, columnas, MARGIN, y + 10, ancho_columna))
        y += 10 + alto_clave
    partes, alto_leyenda = _legend(leyenda, MARGIN, y + 8, ancho - 2 * MARGIN)
    cuerpo.extend(partes)
    alto = y + 8 + alto_leyenda + MARGIN

    alternative = _alternative(organizacion, tarjetas, claves, nombres_anillo, rotulos)
    return Figure(svg=documento(ancho, alto, cuerpo, rotulos["titulo"], alternative),
                  alternative=alternative, ancho=round(ancho), alto=round(alto))


def map_key_figure(actores: Sequence[Actor], rotulos: Mapping[str, str]) -> Figure:
    """The ring map's numbered key on its own: each actor's number on its sector's disc and its full name."""
    if not actores:
        raise ValueError("the key of a map needs at least one actor")
    tarjetas = [_card(numero, actor) for numero, actor in enumerate(actores, 1)]
    columnas = _key_columns(len(tarjetas))
    ancho_columna = (MAP_WIDTH - 2 * MARGIN - (columnas - 1) * 16) / columnas
    for t in tarjetas:
        t.card_name = wrap(t.actor.nombre, ancho_columna - 2 * DISC_RADIUS - 10, NAME_SIZE, MAX_LINES)
    alto = 2 * MARGIN + _key_height(tarjetas, columnas)
    cuerpo = _cards(tarjetas, columnas, MARGIN, MARGIN, ancho_columna)
    alternative = f'{rotulos["clave"]}: ' + "; ".join(f"{t.numero}. {t.actor.nombre}" for t in tarjetas) + "."
    return Figure(svg=documento(MAP_WIDTH, alto, cuerpo, rotulos["clave"], alternative), alternative=alternative,
                  ancho=round(MAP_WIDTH), alto=round(alto))


def _stroke(estilo: RingStyle) -> str:
    dash = f' stroke-dasharray="{estilo.dash}"' if estilo.dash else ""
    return f' stroke="{estilo.stroke}" stroke-width="{estilo.width:g}"{dash}'


# ---------------------------------------------------------------- actors


def _card(numero: int, actor: Actor) -> _Card:
    return _Card(
        numero=numero, actor=actor,
        ring=actor.relacion.value if actor.relacion else NO_RELATIONSHIP,
        side=actor.resultado.value if actor.resultado else "sin_resultado",
        sector=actor.sector or Sector.otro, card_name=[])


def _disc(t: _Card, x: float, y: float, clase: str, trazo: str | None = None) -> str:
    """The actor's number on a disc of its sector's colours, centred at (x, y)."""
    relleno, borde = COLOURS[t.sector]
    trazo = trazo or f'stroke="{borde}" stroke-width="2"'
    return (f'<circle class="{clase}" cx="{x:.1f}" cy="{y:.1f}" r="{DISC_RADIUS:g}" fill="{relleno}" {trazo}/>'
            + texto(x, y + NUMBER_SIZE * 0.36, [str(t.numero)], NUMBER_SIZE, anchor="middle", peso="bold",
                    color=INK, clase="numero"))


def _draw_card(t: _Card, cx: float, cy: float, resaltada: bool) -> str:
    x = cx + t.radius * math.sin(t.angle)
    y = cy - t.radius * math.cos(t.angle)
    trazo = f'stroke="{INK}" stroke-width="3.5" stroke-dasharray="4 2.5"' if resaltada else None
    return (f'<g class="actor" data-actor="{esc(t.actor.nombre)}" data-numero="{t.numero}" '
            f'data-anillo="{t.ring}" data-lado="{t.side}" data-angulo="{math.degrees(t.angle):.2f}">'
            + _disc(t, x, y, "marca", trazo) + "</g>")


def _key_columns(n: int) -> int:
    return 1 if n <= 4 else 2 if n <= 14 else 3


def _line_height(t: _Card) -> float:
    return max(2 * DISC_RADIUS, len(t.card_name) * NAME_SIZE * LINE_HEIGHT) + 6


def _key_chunks(tarjetas: list[_Card], columnas: int) -> list[list[_Card]]:
    """The key in columns read downwards, in number order."""
    por_columna = math.ceil(len(tarjetas) / columnas) if tarjetas else 0
    return [tarjetas[i:i + por_columna] for i in range(0, len(tarjetas), por_columna or 1)]


def _key_height(tarjetas: list[_Card], columnas: int) -> float:
    return max((sum(_line_height(t) for t in columna) for columna in _key_chunks(tarjetas, columnas)), default=0)


def _cards(tarjetas: list[_Card], columnas: int, x: float, y: float, ancho_columna: float) -> list[str]:
    """The numbered key: each actor's disc and full name, in columns."""
    partes: list[str] = []
    for i, columna in enumerate(_key_chunks(tarjetas, columnas)):
        xc = x + i * (ancho_columna + 16)
        yf = y
        for t in columna:
            alto = _line_height(t)
            alto_texto = len(t.card_name) * NAME_SIZE * LINE_HEIGHT
            partes.append(f'<g class="ficha" data-actor="{esc(t.actor.nombre)}" data-numero="{t.numero}">'
                          + _disc(t, xc + DISC_RADIUS, yf + DISC_RADIUS, "marca")
                          + texto(xc + 2 * DISC_RADIUS + 8,
                                  yf + max(DISC_RADIUS - alto_texto / 2, 0) + NAME_SIZE * 0.9,
                                  t.card_name, NAME_SIZE, color=INK, clase="nombre")
                          + "</g>")
            yf += alto
    return partes


# ---------------------------------------------------------------- layout


def _side_range(side: str, rho: float, pill_half: float, cuna: bool) -> tuple[float, float]:
    """The angles (clockwise from the top) a disc centre at radius ``rho`` may take on ``side``.

    Sides are laid out on the right (0 to π) and mirrored for the left; the wedge is around π.
    """
    margen = math.asin(min(1.0, (DISC_RADIUS + DISC_GAP) / rho))
    if side == "sin_resultado":
        return math.pi - ALPHA + margen, math.pi + ALPHA - margen
    desde = math.asin(min(1.0, (pill_half + DISC_RADIUS + DISC_GAP) / rho)) + INSET
    hasta = math.pi - (ALPHA if cuna else 0.0) - margen - INSET
    return desde, hasta


def _capacity(side: str, rho: float, pill_half: float, cuna: bool) -> int:
    """How many discs fit on one track of radius ``rho`` of ``side``, spread from end to end."""
    desde, hasta = _side_range(side, rho, pill_half, cuna)
    if hasta < desde:
        return 0
    paso = 2 * math.asin(min(1.0, TRACK_STEP / (2 * rho)))  # the angle between two touching discs
    return 1 + int((hasta - desde) / paso + 1e-9)


def _track_radii(inner: float, pistas: int) -> list[float]:
    first = inner + RING_PADDING + DISC_RADIUS + 4
    return [first + i * TRACK_STEP for i in range(pistas)]


def _ring_tracks(grupos: dict[str, list[_Card]], inner: float, pill_half: float, cuna: bool) -> int:
    """The fewest tracks, from the ring's inner edge outwards, that hold every side's discs."""
    pistas = 1
    while any(sum(_capacity(side, rho, pill_half, cuna) for rho in _track_radii(inner, pistas)) < len(grupo)
              for side, grupo in grupos.items()):
        pistas += 1
    return pistas


def _shares(n: int, capacidades: list[int]) -> list[int]:
    """``n`` discs shared over tracks in proportion to what each holds, none over its capacity."""
    total = sum(capacidades)
    cuotas = [n * c / total for c in capacidades]
    partes = [min(c, int(q)) for c, q in zip(capacidades, cuotas)]
    orden = sorted(range(len(capacidades)), key=lambda i: (partes[i] - cuotas[i], -capacidades[i]))
    while sum(partes) < n:
        for i in orden:
            if sum(partes) < n and partes[i] < capacidades[i]:
                partes[i] += 1
    return partes


def _rings(claves: list[str], tarjetas: list[_Card], nombres: Mapping[str, str], r_centro: float,
           radio_deseado: float, cuna: bool) -> list[_Ring]:
    """Size the rings (their thickness from the tracks their actors need, the room left shared
    out evenly up to ``radio_deseado``) and place every actor (``angle``, ``radius``)."""
    grupos = {clave: {side: [t for t in tarjetas if t.ring == clave and t.side == side] for side in SIDES}
              for clave in claves}
    grupos = {clave: {side: g for side, g in por_lado.items() if g} for clave, por_lado in grupos.items()}
    for side in SIDES:
        del_lado = [t for t in tarjetas if t.side == side]
        for i, t in enumerate(del_lado):
            t.share = i / (len(del_lado) - 1) if len(del_lado) > 1 else 0.5
    medias = {clave: (text_width(nombres[clave], RING_SIZE, bold=True) + 18) / 2 for clave in claves}

    def thicknesses(extra: float) -> list[tuple[float, float, int]]:
        filas, inner = [], r_centro + 4
        for clave in claves:
            pistas = _ring_tracks(grupos[clave], inner, medias[clave], cuna) if grupos[clave] else 0
            grosor = max(MIN_RING, 2 * RING_PADDING + 8 + pistas * TRACK_STEP) + extra
            filas.append((inner, inner + grosor, pistas))
            inner += grosor
        return filas

    filas = thicknesses(0.0)
    sobra = radio_deseado - filas[-1][1]
    if sobra > 0:
        filas = thicknesses(sobra / len(claves))
    anillos = []
    for clave, (inner, outer, pistas) in zip(claves, filas):
        anillos.append(_Ring(clave, inner, outer, pistas, medias[clave]))
        if pistas:
            _place(grupos[clave], inner, outer, pistas, medias[clave], cuna)
    return anillos


def _place(grupos: dict[str, list[_Card]], inner: float, outer: float, pistas: int, pill_half: float,
           cuna: bool) -> None:
    """Place each side's discs on the ring's ``pistas`` tracks (moved out to the middle of a ring
    thicker than they need): on the first track at their share of the side when it holds them,
    else spread from end to end over every track."""
    radios = _track_radii(inner, pistas)
    desplazamiento = max(0.0, ((inner + outer) / 2 + 2) - (radios[0] + radios[-1]) / 2)
    radios = [r + desplazamiento for r in radios]
    for side, grupo in grupos.items():
        capacidades = [_capacity(side, rho, pill_half, cuna) for rho in radios]
        if len(grupo) <= capacidades[0]:
            angulos = _on_one_track(grupo, *_side_range(side, radios[0], pill_half, cuna), radios[0])
            colocados = [(t, a, radios[0]) for t, a in zip(grupo, angulos)]
        else:
            colocados = _on_tracks(grupo, side, radios, capacidades, pill_half, cuna)
        for t, angulo, rho in colocados:
            if SIDE_SIGN.get(side, 1.0) < 0:
                angulo = 2 * math.pi - angulo
            t.angle = angulo % (2 * math.pi)
            t.radius = rho


def _on_one_track(grupo: list[_Card], desde: float, hasta: float, rho: float) -> list[float]:
    """The ring's discs of one side from end to end of its angles, in number order; a lone disc
    at its share of the side (so that lone discs of different rings do not line up)."""
    paso = 2 * math.asin(min(1.0, TRACK_STEP / (2 * rho)))
    n = len(grupo)
    angulos = [desde + (hasta - desde) * (i / (n - 1) if n > 1 else t.share) for i, t in enumerate(grupo)]
    for i in range(1, len(angulos)):
        angulos[i] = max(angulos[i], angulos[i - 1] + paso)
    if angulos and angulos[-1] > hasta:
        angulos[-1] = hasta
        for i in range(len(angulos) - 2, -1, -1):
            angulos[i] = min(angulos[i], angulos[i + 1] - paso)
    return angulos


def _on_tracks(grupo: list[_Card], side: str, radios: list[float], capacidades: list[int], pill_half: float,
               cuna: bool) -> list[tuple[_Card, float, float]]:
    """Discs that one track cannot hold, spread from end to end of each track, the outer tracks
    taking more; the tracks take the discs in turn (by the share each still has to fill), so
    that consecutive numbers stay close in angle."""
    partes = _shares(len(grupo), capacidades)
    por_pista: list[list[_Card]] = [[] for _ in radios]
    for t in grupo:
        pista = min((i for i in range(len(radios)) if len(por_pista[i]) < partes[i]),
                    key=lambda i: (len(por_pista[i]) + 0.5) / partes[i])
        por_pista[pista].append(t)
    colocados = []
    for rho, en_pista in zip(radios, por_pista):
        desde, hasta = _side_range(side, rho, pill_half, cuna)
        n = len(en_pista)
        for i, t in enumerate(en_pista):
            colocados.append((t, (desde + hasta) / 2 if n == 1 else desde + (hasta - desde) * i / (n - 1), rho))
    return colocados


# ---------------------------------------------------------------- legend and text alternative


def _legend(online_blocks: list[tuple[str, str, str, list[tuple[str, str]]]], x: float, y: float,
             ancho: float) -> tuple[list[str], float]:
    """Legend blocks (heading, then swatch + label items flowing in rows); returns parts and height.

    A sector's swatch is a disc in its colours; a ring's is a band of its shade closed by its line.
    """
    partes: list[str] = []
    alto_fila = LEGEND_SIZE * 2.1
    y_actual = y + 10
    for titulo, clase, atributo, elementos in online_blocks:
        if not elementos:
            continue
        y_actual += LEGEND_SIZE + 2
        partes.append(texto(x + 10, y_actual, [titulo], LEGEND_SIZE, peso="bold", color=INK))
        y_actual += 6
        x_actual = x + 10
        for clave, etiqueta in elementos:
            muestra = 34.0 if clase == "leyenda-anillo" else 18.0
            ancho_elemento = muestra + 6 + text_width(etiqueta, LEGEND_SIZE) + 18
            if x_actual > x + 10 and x_actual + ancho_elemento > x + ancho - 10:
                x_actual = x + 10
                y_actual += alto_fila
            medio = y_actual + 3 + 8
            if clase == "leyenda-anillo":
                estilo = RING_STYLES[clave]
                dibujo = (f'<rect x="{x_actual:.1f}" y="{medio - 8:.1f}" width="{muestra:g}" height="16" '
                          f'fill="{estilo.fill}"/>'
                          f'<line x1="{x_actual:.1f}" y1="{medio + 8:.1f}" x2="{x_actual + muestra:.1f}" '
                          f'y2="{medio + 8:.1f}"{_stroke(estilo)}/>')
            else:
                relleno, borde = COLOURS[Sector(clave)]
                dibujo = (f'<circle cx="{x_actual + 9:.1f}" cy="{medio:.1f}" r="8" fill="{relleno}" '
                          f'stroke="{borde}" stroke-width="2"/>')
            partes.append(f'<g class="{clase}" {atributo}="{clave}">' + dibujo
                          + texto(x_actual + muestra + 6, medio + LEGEND_SIZE * 0.36, [etiqueta], LEGEND_SIZE,
                                  color=INK) + "</g>")
            x_actual += ancho_elemento
        y_actual += alto_fila + 4
    alto = y_actual - y + 4
    partes.insert(0, f'<rect class="leyenda" x="{x:.1f}" y="{y:.1f}" width="{ancho:.1f}" height="{alto:.1f}" '
                     f'rx="4" fill="#ffffff" stroke="#b7c0c9" stroke-width="1"/>')
    return partes, alto


def _alternative(organizacion: str, tarjetas: list[_Card], claves: list[str], nombres_anillo: dict[str, str],
                 rotulos: Mapping[str, str]) -> str:
    frases = [f'{rotulos["titulo"]}: {organizacion}' + ("" if organizacion.endswith(".") else ".")]
    for clave in claves:
        for side in SIDES:
            aqui = [t for t in tarjetas if t.ring == clave and t.side == side]
            if aqui:
                actores = ", ".join(f"{t.actor.nombre} ({t.sector.etiqueta})" for t in aqui)
                frases.append(f"{nombres_anillo[clave]}, {_lowercase_initial(rotulos[side])}: {actores}.")
    return " ".join(frases)


def _capitalized(texto_: str) -> str:
    return texto_[:1].upper() + texto_[1:]


def _lowercase_initial(texto_: str) -> str:
    """Lower-case the first letter unless the word is an acronym (its second letter is upper-case)."""
    return texto_ if texto_[1:2].isupper() else texto_[:1].lower() + texto_[1:]
