"""The ring map of an organization's local system ("mapa del sistema"), as a standalone SVG.

The organization sits at the centre. Concentric rings hold the actors by the relationship the
organization has with them (fuerte, colaborativa, débil, conflictiva, from the inside out, plus
a ring for actors whose relationship is not recorded); actors with positive results sit on the
right half, negative ones on the left, and actors without a recorded result in a wedge at the
bottom. Each actor is a small numbered card with its name, coloured by sector; below the rings,
a key repeats each number on a full card with the actor's resources and rules (the post-it of
the methodology). Keeping the ring cards small is what keeps the map legible at page width: a
card with resources and rules inside the rings made the figure twice as wide.

Layout. Every ring is an annulus and its cards lie entirely inside it, so cards of different
rings never meet. Inside a ring each side (right half, left half, bottom wedge) is a region
bounded by half-planes that keep a gap to the other sides, so sides never meet either. A side's
cards go, in input order, in one row along the ring's inner edge, spread evenly from the top
down (left to right in the wedge) when they fit that way, and otherwise in horizontal shelves
clipped to the side's region. Each ring is made as thin as lets all its sides fit (a search
over its thickness), and the next ring starts where it ends.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from generator.colour import mix
from generator.contract.models import Actor, Relacion, Resultado, Sector
from generator.figures.measure import text_width, wrap
from generator.figures.svg import Figura, documento, esc, texto

# Cards in the rings (units of the viewBox; the figure's natural size).
ANCHO_TARJETA = 122.0
RELLENO = 5.0  # inside a card
RADIO_NUMERO = 8.0  # the number's disc, at the card's left
ANCHO_INTERIOR = ANCHO_TARJETA - 2 * RELLENO - 2 * RADIO_NUMERO - 4
TAM_NOMBRE = 11.0
TAM_NUMERO = 10.0
INTERLINEA = 1.25
MAX_LINEAS = 3
# Cards of the key, below the rings.
ANCHO_FICHA = 240.0
RELLENO_FICHA = 7.0
ANCHO_INTERIOR_FICHA = ANCHO_FICHA - 2 * RELLENO_FICHA - 2 * RADIO_NUMERO - 4
TAM_DETALLE = 10.5
MAX_LINEAS_FICHA = 4

# Spacing.
SEPARACION = 8.0  # between cards, and twice the distance from a card to a side's border
HOLGURA = 8.0  # between a ring's edges and its cards
ALTO_ROTULO_ANILLO = 18.0  # the pill with a ring's name, inside the ring at its top
GROSOR_VACIO = 36.0  # of a ring without cards
SEPARACION_ROTULO = 6.0  # between a ring's name pill and the cards
MARGEN = 24.0
ALFA = math.radians(32)  # half the opening of the bottom wedge
PASO_ARCO = 4.0  # step between the positions tried for a card
TAM_CENTRO = 13.0
TAM_LADO = 13.0
TAM_ANILLO = 11.0
TAM_LEYENDA = 11.0

# Sector fills (light, for dark text) and borders (a darker shade of the same hue).
COLORES: dict[Sector, tuple[str, str]] = {
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
FONDOS_ANILLO = ("#eef2f6", "#f8fafb")  # alternating ring bands, from the inside out
LINEA_ANILLO = "#8795a3"
TINTA = "#1a1a1a"
TINTA_SUAVE = "#36414d"

LADOS = (Resultado.positivo.value, Resultado.negativo.value, "sin_resultado")
SIN_RELACION = "sin_relacion"

Caja = tuple[float, float, float, float]  # x0, y0, x1, y1, relative to the map's centre
Semiplano = tuple[float, float, float]  # (nx, ny, k): the region where nx*x + ny*y >= k


@dataclass
class _Tarjeta:
    numero: int
    actor: Actor
    anillo: str
    lado: str
    sector: Sector
    nombre: list[str]
    alto: float
    ficha_nombre: list[str]
    detalles: list[list[str]]
    alto_ficha: float
    caja: Caja | None = None


def mapa_anillos(organizacion: str, actores: Sequence[Actor], rotulos: Mapping[str, str],
                 resaltar: Collection[str] = ()) -> Figura:
    """Draw the ring map of ``actores`` around ``organizacion``.

    ``rotulos`` holds the figure's words (see the module's callers); ``resaltar`` names the
    actors whose card gets a thick dashed border.
    """
    tarjetas = [_tarjeta(numero, actor, rotulos) for numero, actor in enumerate(actores, 1)]
    claves = [r.value for r in Relacion]
    if any(t.anillo == SIN_RELACION for t in tarjetas):
        claves.append(SIN_RELACION)
    nombres_anillo = {r.value: _mayuscula_inicial(r.etiqueta) for r in Relacion}
    nombres_anillo[SIN_RELACION] = rotulos["sin_relacion"]
    cuna = any(t.lado == "sin_resultado" for t in tarjetas)

    lineas_centro = wrap(organizacion, 130, TAM_CENTRO, 5, bold=True)
    alto_centro = len(lineas_centro) * TAM_CENTRO * INTERLINEA
    ancho_centro = max((text_width(linea, TAM_CENTRO, bold=True) for linea in lineas_centro), default=0)
    r_centro = max(56.0, math.hypot(ancho_centro / 2, alto_centro / 2) + 8)

    # Rings, from the inside out: (key, inner radius, outer radius, name pill).
    anillos: list[tuple[str, float, float, Caja]] = []
    r_interior = r_centro + HOLGURA
    for clave in claves:
        ancho_pildora = text_width(nombres_anillo[clave], TAM_ANILLO, bold=True) + 16
        pildora = (-ancho_pildora / 2, -(r_interior + 3 + ALTO_ROTULO_ANILLO), ancho_pildora / 2, -(r_interior + 3))
        del_anillo = [t for t in tarjetas if t.anillo == clave]
        r_exterior = _colocar_anillo(del_anillo, r_interior, pildora, cuna)
        anillos.append((clave, r_interior, r_exterior, pildora))
        r_interior = r_exterior

    radio = anillos[-1][2]
    ancho = 2 * (radio + MARGEN)
    columnas = max(1, int((ancho - 2 * MARGEN + SEPARACION) // (ANCHO_FICHA + SEPARACION)))
    if len(tarjetas) > columnas:  # the key's rows should not be narrower than the rings
        ancho = max(ancho, 2 * MARGEN + 2 * (ANCHO_FICHA + SEPARACION) - SEPARACION)
    radio_visible = ancho / 2 - MARGEN
    lineas_positivo = wrap(rotulos["positivo"], radio_visible - 12, TAM_LADO, 2, bold=True)
    lineas_negativo = wrap(rotulos["negativo"], radio_visible - 12, TAM_LADO, 2, bold=True)
    alto_lados = max(len(lineas_positivo), len(lineas_negativo)) * TAM_LADO * INTERLINEA
    cx, cy = ancho / 2, MARGEN + alto_lados + 18 + radio

    cuerpo: list[str] = []
    for i, (clave, r_in, r_ex, _) in reversed(list(enumerate(anillos))):
        cuerpo.append(
            f'<circle class="anillo" data-anillo="{clave}" data-r-interior="{r_in:.1f}" data-r-exterior="{r_ex:.1f}" '
            f'cx="{cx:.1f}" cy="{cy:.1f}" r="{r_ex:.1f}" fill="{FONDOS_ANILLO[i % 2]}" '
            f'stroke="{LINEA_ANILLO}" stroke-width="1.2"/>')
    divisoria = 'stroke="#5b6673" stroke-width="1.5" stroke-dasharray="6 4"'
    fin_divisoria = cy if cuna else cy + radio + 6
    cuerpo.append(f'<line x1="{cx:.1f}" y1="{cy - radio - 14:.1f}" x2="{cx:.1f}" y2="{fin_divisoria:.1f}" '
                  f'{divisoria}/>')
    if cuna:
        for signo in (-1, 1):
            cuerpo.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{cx + signo * radio * math.sin(ALFA):.1f}" '
                          f'y2="{cy + radio * math.cos(ALFA):.1f}" {divisoria}/>')
    for i, (clave, _, _, (x0, y0, x1, y1)) in enumerate(anillos):
        cuerpo.append(
            f'<rect x="{cx + x0:.1f}" y="{cy + y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
            f'rx="{ALTO_ROTULO_ANILLO / 2:g}" fill="#ffffff" stroke="{LINEA_ANILLO}" stroke-width="1"/>')
        cuerpo.append(texto(cx, cy + y1 - 5, [nombres_anillo[clave]], TAM_ANILLO, anchor="middle", peso="bold",
                            color=TINTA_SUAVE, clase="nombre-anillo"))
    cuerpo.append(f'<circle class="centro" cx="{cx:.1f}" cy="{cy:.1f}" r="{r_centro:.1f}" fill="#ffffff" '
                  f'stroke="#2b3640" stroke-width="2"/>')
    cuerpo.append(texto(cx, cy - alto_centro / 2 + TAM_CENTRO * 0.9, lineas_centro, TAM_CENTRO, anchor="middle",
                        peso="bold", color=TINTA))
    base_lados = cy - radio - 18 - alto_lados + TAM_LADO
    cuerpo.append(texto(cx + 10, base_lados, lineas_positivo, TAM_LADO, peso="bold", color=TINTA_SUAVE))
    cuerpo.append(texto(cx - 10, base_lados, lineas_negativo, TAM_LADO, anchor="end", peso="bold", color=TINTA_SUAVE))

    for t in tarjetas:
        cuerpo.append(_dibujar_tarjeta(t, cx, cy, t.actor.nombre in resaltar))

    y = cy + radio + 12
    if cuna:
        lineas = wrap(rotulos["sin_resultado"], ancho - 2 * MARGEN, TAM_LADO, 2, bold=True)
        cuerpo.append(texto(cx, y + TAM_LADO, lineas, TAM_LADO, anchor="middle", peso="bold", color=TINTA_SUAVE))
        y += len(lineas) * TAM_LADO * INTERLINEA + 6

    if tarjetas:
        partes, alto_fichas = _fichas(tarjetas, MARGEN, y + 8, ancho - 2 * MARGEN, rotulos)
        cuerpo.extend(partes)
        y += 8 + alto_fichas

    sectores = [s for s in Sector if any(t.sector == s for t in tarjetas)]
    leyenda = [(rotulos["leyenda_sectores"], "leyenda-sector", "data-sector",
                [(s.value, _mayuscula_inicial(s.etiqueta), *COLORES[s]) for s in sectores])]
    leyenda.append((rotulos["anillos"], "leyenda-anillo", "data-anillo",
                    [(clave, nombres_anillo[clave], FONDOS_ANILLO[i % 2], LINEA_ANILLO)
                     for i, clave in enumerate(claves)]))
    partes, alto_leyenda = _leyenda(leyenda, MARGEN, y + 8, ancho - 2 * MARGEN)
    cuerpo.extend(partes)
    alto = y + 8 + alto_leyenda + MARGEN

    alternativa = _alternativa(organizacion, tarjetas, claves, nombres_anillo, rotulos)
    return Figura(svg=documento(ancho, alto, cuerpo, rotulos["titulo"], alternativa),
                  alternativa=alternativa, ancho=round(ancho), alto=round(alto))


# ---------------------------------------------------------------- cards


def _tarjeta(numero: int, actor: Actor, rotulos: Mapping[str, str]) -> _Tarjeta:
    nombre = wrap(actor.nombre, ANCHO_INTERIOR, TAM_NOMBRE, MAX_LINEAS, bold=True)
    alto = 2 * RELLENO + max(2 * RADIO_NUMERO, len(nombre) * TAM_NOMBRE * INTERLINEA)
    ficha_nombre = wrap(actor.nombre, ANCHO_INTERIOR_FICHA, TAM_NOMBRE, MAX_LINEAS_FICHA, bold=True)
    detalles = []
    if actor.recursos:
        detalles.append(f'{rotulos["recursos"]}: {", ".join(actor.recursos)}')
    if actor.reglas:
        detalles.append(f'{rotulos["reglas"]}: {actor.reglas}')
    detalles_lineas = [wrap(d, ANCHO_FICHA - 2 * RELLENO_FICHA, TAM_DETALLE, MAX_LINEAS_FICHA) for d in detalles]
    alto_ficha = (2 * RELLENO_FICHA + max(2 * RADIO_NUMERO, len(ficha_nombre) * TAM_NOMBRE * INTERLINEA)
                  + sum(3 + len(lineas) * TAM_DETALLE * INTERLINEA for lineas in detalles_lineas))
    return _Tarjeta(
        numero=numero, actor=actor,
        anillo=actor.relacion.value if actor.relacion else SIN_RELACION,
        lado=actor.resultado.value if actor.resultado else "sin_resultado",
        sector=actor.sector or Sector.otro,
        nombre=nombre, alto=round(alto, 1),
        ficha_nombre=ficha_nombre, detalles=detalles_lineas, alto_ficha=round(alto_ficha, 1))


def _numero(t: _Tarjeta, x: float, y: float) -> str:
    """The actor's number on a disc of its sector's colour, top left at (x, y)."""
    borde = COLORES[t.sector][1]
    cx, cy = x + RADIO_NUMERO, y + RADIO_NUMERO
    return (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIO_NUMERO:g}" fill="{borde}"/>'
            + texto(cx, cy + TAM_NUMERO * 0.35, [str(t.numero)], TAM_NUMERO, anchor="middle", peso="bold",
                    color="#ffffff", clase="numero"))


def _dibujar_tarjeta(t: _Tarjeta, cx: float, cy: float, resaltada: bool) -> str:
    assert t.caja is not None
    x, y = cx + t.caja[0], cy + t.caja[1]
    relleno, borde = COLORES[t.sector]
    trazo = (f'stroke="{TINTA}" stroke-width="3.5" stroke-dasharray="8 4"' if resaltada
             else f'stroke="{borde}" stroke-width="1.5"')
    return "".join([
        f'<g class="actor" data-actor="{esc(t.actor.nombre)}" data-numero="{t.numero}" data-anillo="{t.anillo}" '
        f'data-lado="{t.lado}">',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{ANCHO_TARJETA:g}" height="{t.alto:.1f}" rx="5" '
        f'fill="{relleno}" {trazo}/>',
        _numero(t, x + RELLENO, y + RELLENO),
        texto(x + RELLENO + 2 * RADIO_NUMERO + 4, y + RELLENO + TAM_NOMBRE * 0.85, t.nombre, TAM_NOMBRE, peso="bold",
              color=TINTA, clase="nombre"),
        "</g>",
    ])


def _fichas(tarjetas: list[_Tarjeta], x: float, y: float, ancho: float,
            rotulos: Mapping[str, str]) -> tuple[list[str], float]:
    """The key: one full card per actor (number, name, resources, rules) in rows; returns parts and height."""
    columnas = max(1, int((ancho + SEPARACION) // (ANCHO_FICHA + SEPARACION)))
    hueco = (ancho - columnas * ANCHO_FICHA) / max(1, columnas - 1) if columnas > 1 else 0
    partes: list[str] = []
    y_fila = y
    for inicio in range(0, len(tarjetas), columnas):
        fila = tarjetas[inicio:inicio + columnas]
        for i, t in enumerate(fila):
            xf = x + i * (ANCHO_FICHA + hueco)
            relleno, borde = COLORES[t.sector]
            partes.append(
                f'<g class="ficha" data-actor="{esc(t.actor.nombre)}" data-numero="{t.numero}">'
                f'<rect x="{xf:.1f}" y="{y_fila:.1f}" width="{ANCHO_FICHA:g}" height="{t.alto_ficha:.1f}" rx="5" '
                f'fill="{mix(relleno, "#ffffff", 0.45)}" stroke="{borde}" stroke-width="1.2"/>')
            partes.append(_numero(t, xf + RELLENO_FICHA, y_fila + RELLENO_FICHA))
            partes.append(texto(xf + RELLENO_FICHA + 2 * RADIO_NUMERO + 4, y_fila + RELLENO_FICHA + TAM_NOMBRE * 0.85,
                                t.ficha_nombre, TAM_NOMBRE, peso="bold", color=TINTA, clase="nombre"))
            yd = y_fila + RELLENO_FICHA + max(2 * RADIO_NUMERO, len(t.ficha_nombre) * TAM_NOMBRE * INTERLINEA)
            for lineas in t.detalles:
                yd += 3
                partes.append(texto(xf + RELLENO_FICHA, yd + TAM_DETALLE * 0.85, lineas, TAM_DETALLE, color=TINTA))
                yd += len(lineas) * TAM_DETALLE * INTERLINEA
            partes.append("</g>")
        y_fila += max(t.alto_ficha for t in fila) + SEPARACION
    return partes, y_fila - y


# ---------------------------------------------------------------- layout


def _colocar_anillo(tarjetas: list[_Tarjeta], r_interior: float, pildora: Caja, cuna: bool) -> float:
    """Place the ring's cards (setting ``caja``) around the ring's name pill; return the outer radius."""
    minimo = r_interior + GROSOR_VACIO
    if not tarjetas:
        return minimo
    base = r_interior + HOLGURA
    encoger = SEPARACION - SEPARACION_ROTULO  # the pill, as an obstacle, keeps a smaller gap than cards
    obstaculo = (pildora[0] + encoger, pildora[1] + encoger, pildora[2] - encoger, pildora[3] - encoger)
    lados = [(lado, [t for t in tarjetas if t.lado == lado]) for lado in LADOS]
    lados = [(lado, grupo) for lado, grupo in lados if grupo]

    def intentar(grosor: float) -> list[list[Caja] | None]:
        return [_colocar_lado(lado, [t.alto for t in grupo], base, base + grosor, obstaculo, cuna)
                for lado, grupo in lados]

    # Grow the thickness until every card fits, then narrow it down by bisection.
    fallido, grosor = 0.0, max(t.alto for t in tarjetas) + 2
    while None in (colocadas := intentar(grosor)):
        fallido, grosor = grosor, grosor * 1.3 + 10
    for _ in range(5 if fallido else 0):
        medio = (fallido + grosor) / 2
        if None in (intento := intentar(medio)):
            fallido = medio
        else:
            grosor, colocadas = medio, intento

    lejano = 0.0
    for (_, grupo), cajas in zip(lados, colocadas):
        for t, caja in zip(grupo, cajas):
            t.caja = tuple(round(v, 1) for v in caja)
            lejano = max(lejano, _distancia_lejana(t.caja))
    return max(minimo, lejano + HOLGURA)


def _colocar_lado(lado: str, altos: list[float], base: float, tope: float, obstaculo: Caja,
                  cuna: bool) -> list[Caja] | None:
    """Boxes for cards of heights ``altos`` on one side of a ring, in order, or None if they don't fit.

    Cards stay off the circle of radius ``base`` and within the one of radius ``tope``, and inside
    the side's half-planes (``semiplanos``: nx*x + ny*y >= k for every corner). The left half is
    laid out as the mirror image of the right half. A side takes one row along the ring when
    that fits, else rows of shelves.
    """
    mitad = SEPARACION / 2
    if lado == "sin_resultado":
        desde, hasta = math.pi + ALFA, math.pi - ALFA  # left to right
        semiplanos = [(-math.cos(ALFA), math.sin(ALFA), mitad), (math.cos(ALFA), math.sin(ALFA), mitad)]
    else:
        desde, hasta = 0.0, math.pi - (ALFA if cuna else 0.0)  # top to bottom
        semiplanos = [(1.0, 0.0, mitad)] + ([(math.cos(ALFA), -math.sin(ALFA), mitad)] if cuna else [])
    cajas = (_en_arco(altos, desde, hasta, base, tope, semiplanos, obstaculo)
             or _en_estantes(altos, base, tope, semiplanos, obstaculo, desde_abajo=lado == "sin_resultado"))
    if cajas and lado == Resultado.negativo.value:
        cajas = [(-x1, y0, -x0, y1) for x0, y0, x1, y1 in cajas]
    return cajas


def _en_arco(altos: list[float], desde: float, hasta: float, base: float, tope: float,
             semiplanos: list[Semiplano], obstaculo: Caja) -> list[Caja] | None:
    """One row of cards touching the ring's inner edge, spread evenly from angle ``desde`` to ``hasta``.

    Angles run clockwise from the top. Each card takes the free angle nearest to its even share
    of the side (a lone card goes to the start), never before the previous card's.
    """
    pasos = max(2, math.ceil(abs(hasta - desde) * (base + tope) / 2 / PASO_ARCO))
    angulos = [desde + (hasta - desde) * i / pasos for i in range(pasos + 1)]
    ocupadas, cajas = [obstaculo], []
    i = 0
    for n, alto in enumerate(altos):
        objetivo = pasos * n / max(1, len(altos) - 1)
        for i in sorted(range(i, pasos + 1), key=lambda j: abs(j - objetivo)):
            caja = _junto_al_borde(math.sin(angulos[i]), -math.cos(angulos[i]), ANCHO_TARJETA / 2, alto / 2,
                                   base, semiplanos)
            if caja and _distancia_lejana(caja) <= tope and not any(_se_tocan(caja, o) for o in ocupadas):
                break
        else:
            return None
        ocupadas.append(caja)
        cajas.append(caja)
    return cajas


def _junto_al_borde(dx: float, dy: float, hw: float, hh: float, base: float,
                    semiplanos: list[Semiplano]) -> Caja | None:
    """The box of half sizes ``hw``, ``hh`` centred on the ray (dx, dy), as near the centre as it
    stays off the circle of radius ``base`` and inside the half-planes; None if the ray leaves one.
    """
    a, c = abs(dx), abs(dy)
    if a > 1e-9 and (base + hw) / a * c <= hh:  # only the box's side faces the centre
        rho = (base + hw) / a
    elif c > 1e-9 and (base + hh) / c * a <= hw:  # only its top or bottom does
        rho = (base + hh) / c
    else:  # a corner does: (rho*a - hw)^2 + (rho*c - hh)^2 = base^2
        p = a * hw + c * hh
        rho = p + math.sqrt(max(0.0, p * p - hw * hw - hh * hh + base * base))
    for nx, ny, k in semiplanos:
        avance = nx * dx + ny * dy  # moving out along the ray gains this much per unit
        if avance <= 1e-9:
            return None
        rho = max(rho, (k + abs(nx) * hw + abs(ny) * hh) / avance)
    return (rho * dx - hw, rho * dy - hh, rho * dx + hw, rho * dy + hh)


def _en_estantes(altos: list[float], base: float, tope: float, semiplanos: list[Semiplano], obstaculo: Caja,
                 desde_abajo: bool) -> list[Caja] | None:
    """Cards in horizontal shelves clipped to the side's region, from the top down, each shelf
    filled from left to right.

    The wedge below the centre (``desde_abajo``) starts its shelves at ``base``, where the ring's
    inner circle no longer reaches; the right half starts at the ring's top.
    """
    ocupadas, cajas = [obstaculo], []
    y = base if desde_abajo else -tope
    while len(cajas) < len(altos):
        if y > tope:
            return None
        x, alto_estante = -tope, 0.0
        while len(cajas) < len(altos):
            alto = altos[len(cajas)]
            tramo = _tramo(y, alto, base, tope, semiplanos)
            if tramo is None:
                break
            x = max(x, tramo[0])
            while (estorbo := next((o for o in ocupadas if _se_tocan((x, y, x + ANCHO_TARJETA, y + alto), o)), None)):
                x = estorbo[2] + SEPARACION
            if x > tramo[1]:
                break
            caja = (x, y, x + ANCHO_TARJETA, y + alto)
            ocupadas.append(caja)
            cajas.append(caja)
            x += ANCHO_TARJETA + SEPARACION
            alto_estante = max(alto_estante, alto)
        y += alto_estante + SEPARACION if alto_estante else PASO_ARCO
    return cajas


def _tramo(y: float, alto: float, base: float, tope: float, semiplanos: list[Semiplano]) -> tuple[float, float] | None:
    """Range of left edges for a card spanning ``y`` to ``y + alto`` inside the side's region.

    The inner circle is cleared to its right, which is where a right-half card goes (wedge
    shelves start below it).
    """
    lejos = max(abs(y), abs(y + alto))
    if lejos >= tope:
        return None
    alcance = math.sqrt(tope * tope - lejos * lejos)
    menor, mayor = -alcance, alcance - ANCHO_TARJETA
    cerca = 0.0 if y <= 0 <= y + alto else min(abs(y), abs(y + alto))
    if cerca < base:
        menor = max(menor, math.sqrt(base * base - cerca * cerca))
    for nx, ny, k in semiplanos:
        y_atadura = y if ny > 0 else y + alto  # the corner that binds first
        if nx > 0:
            menor = max(menor, (k - ny * y_atadura) / nx)
        else:
            mayor = min(mayor, (k - ny * y_atadura) / nx - ANCHO_TARJETA)
    return (menor, mayor) if menor <= mayor else None


def _se_tocan(a: Caja, b: Caja) -> bool:
    return (a[0] < b[2] + SEPARACION and b[0] < a[2] + SEPARACION
            and a[1] < b[3] + SEPARACION and b[1] < a[3] + SEPARACION)


def _distancia_lejana(caja: Caja) -> float:
    return math.hypot(max(abs(caja[0]), abs(caja[2])), max(abs(caja[1]), abs(caja[3])))


# ---------------------------------------------------------------- legend and text alternative


def _leyenda(bloques: list[tuple[str, str, str, list[tuple[str, str, str, str]]]], x: float, y: float,
             ancho: float) -> tuple[list[str], float]:
    """Legend blocks (heading, then swatch + label items flowing in rows); returns parts and height."""
    partes: list[str] = []
    alto_fila = TAM_LEYENDA * 1.9
    y_actual = y + 10
    for titulo, clase, atributo, elementos in bloques:
        if not elementos:
            continue
        y_actual += TAM_LEYENDA + 2
        partes.append(texto(x + 10, y_actual, [titulo], TAM_LEYENDA, peso="bold", color=TINTA))
        y_actual += 6
        x_actual = x + 10
        for clave, etiqueta, relleno, borde in elementos:
            ancho_elemento = 18 + 6 + text_width(etiqueta, TAM_LEYENDA) + 16
            if x_actual > x + 10 and x_actual + ancho_elemento > x + ancho - 10:
                x_actual = x + 10
                y_actual += alto_fila
            partes.append(
                f'<g class="{clase}" {atributo}="{clave}">'
                f'<rect x="{x_actual:.1f}" y="{y_actual + 3:.1f}" width="18" height="12" rx="2" fill="{relleno}" '
                f'stroke="{borde}" stroke-width="1.2"/>'
                + texto(x_actual + 24, y_actual + 3 + TAM_LEYENDA * 0.95, [etiqueta], TAM_LEYENDA, color=TINTA)
                + "</g>")
            x_actual += ancho_elemento
        y_actual += alto_fila + 4
    alto = y_actual - y + 4
    partes.insert(0, f'<rect class="leyenda" x="{x:.1f}" y="{y:.1f}" width="{ancho:.1f}" height="{alto:.1f}" '
                     f'rx="4" fill="#ffffff" stroke="#b7c0c9" stroke-width="1"/>')
    return partes, alto


def _alternativa(organizacion: str, tarjetas: list[_Tarjeta], claves: list[str], nombres_anillo: dict[str, str],
                 rotulos: Mapping[str, str]) -> str:
    frases = [f'{rotulos["titulo"]}: {organizacion}' + ("" if organizacion.endswith(".") else ".")]
    for clave in claves:
        for lado in LADOS:
            aqui = [t for t in tarjetas if t.anillo == clave and t.lado == lado]
            if aqui:
                actores = ", ".join(f"{t.actor.nombre} ({t.sector.etiqueta})" for t in aqui)
                frases.append(f"{nombres_anillo[clave]}, {_minuscula_inicial(rotulos[lado])}: {actores}.")
    return " ".join(frases)


def _mayuscula_inicial(texto_: str) -> str:
    return texto_[:1].upper() + texto_[1:]


def _minuscula_inicial(texto_: str) -> str:
    """Lower-case the first letter unless the word is an acronym (its second letter is upper-case)."""
    return texto_ if texto_[1:2].isupper() else texto_[:1].lower() + texto_[1:]
