"""The ring map of the local system (generator.figures.system_map): placement, spread, the rings
told apart, the printed size of its text, safety."""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from generator.contract.models import Actor, Relationship, Sector
from generator.figures.system_map import (MAP_WIDTH, COLOURS, DISC_RADIUS, RING_STYLES, MIN_FONT_SIZE, map_key_figure,
                                          ring_map)
from generator.figures.slide_map import slide_map
from generator.outputs.figure_print import MIN_PRINTED_PT, PORTRAIT, figure_size

NS = "{http://www.w3.org/2000/svg}"
ROTULOS = {
    "titulo": "Mapa del sistema", "positivo": "Resultado positivo", "negativo": "Resultado negativo",
    "sin_resultado": "Resultado sin registrar", "sin_relacion": "Sin relación registrada",
    "recursos": "Recursos", "reglas": "Reglas", "leyenda_sectores": "Sectores", "anillos": "Relación",
    "clave": "Clave de los actores",
}
ORG = "Red Ciudadana por la Transparencia, A.C."
ANILLOS = [r.value for r in Relationship] + ["sin_relacion"]
SECTORES = [s.value for s in Sector]
HOSTIL = '{{ 7*7 }} <b>x</b> & "q"'


def actor(nombre: str, **campos) -> Actor:
    return Actor.model_validate({"nombre": nombre, **campos})


@dataclass
class Disco:
    nombre: str
    numero: str
    ring: str | None
    side: str | None
    x: float
    y: float
    r: float
    circulo: ET.Element
    grupo: ET.Element


@dataclass
class Mapa:
    raiz: ET.Element
    discos: list[Disco]
    fichas: list[Disco]  # the numbered key (anillo and lado are None)
    anillos: dict[str, tuple[float, float]]  # key -> (inner radius, outer radius)
    circulos_anillo: dict[str, ET.Element]
    pildoras: list[tuple[float, float, float, float]]  # the rings' name pills: x0, y0, x1, y1
    centro: tuple[float, float, float]  # cx, cy, r
    card_box: tuple[float, float, float, float]  # viewBox

    def angulo(self, d: Disco) -> float:
        """Degrees clockwise from the top, as the disc is drawn."""
        return math.degrees(math.atan2(d.x - self.centro[0], self.centro[1] - d.y)) % 360


def leer(svg: str) -> Mapa:
    """Discs, key, rings, centre and viewBox, read from the SVG's attributes."""
    raiz = ET.fromstring(svg)
    grupos: dict[str, list[Disco]] = {"actor": [], "ficha": []}
    for g in raiz.iter(f"{NS}g"):
        if g.get("class") in grupos:
            c = g.find(f"{NS}circle")
            assert c is not None and "transform" not in g.attrib
            numero = " ".join(next(t for t in g.iter(f"{NS}text") if t.get("class") == "numero").itertext())
            grupos[g.get("class")].append(
                Disco(g.get("data-actor"), numero, g.get("data-anillo"), g.get("data-lado"),
                      float(c.get("cx")), float(c.get("cy")), float(c.get("r")), c, g))
    anillos, circulos, centro = {}, {}, None
    for c in raiz.iter(f"{NS}circle"):
        if c.get("class") == "anillo":
            anillos[c.get("data-anillo")] = (float(c.get("data-r-interior")), float(c.get("data-r-exterior")))
            circulos[c.get("data-anillo")] = c
        elif c.get("class") == "centro":
            centro = (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
    pildoras = [(float(r.get("x")), float(r.get("y")), float(r.get("x")) + float(r.get("width")),
                 float(r.get("y")) + float(r.get("height")))
                for r in raiz.iter(f"{NS}rect") if r.get("class") == "rotulo-anillo"]
    assert centro is not None
    card_box = tuple(float(v) for v in raiz.get("viewBox").split())
    return Mapa(raiz, grupos["actor"], grupos["ficha"], anillos, circulos, pildoras, centro, card_box)


def comprobar_geometria(mapa: Mapa) -> None:
    """No two discs touch (gap >= 4), none touches a ring's name, each inside its ring band and
    on its side (positive results on the left), all inside the viewBox."""
    cx, cy, r = mapa.centro
    x0, y0, ancho, alto = mapa.card_box
    assert x0 == 0 and y0 == 0
    for d in mapa.discos:
        assert d.r == DISC_RADIUS
        assert d.r <= d.x <= ancho - d.r and d.r <= d.y <= alto - d.r, d.nombre
        r_in, r_ex = mapa.anillos[d.ring]
        assert r_in + d.r < math.hypot(d.x - cx, d.y - cy) < r_ex - d.r, (d.nombre, d.ring)
        if d.side == "positivo":
            assert d.x < cx - d.r, d.nombre
        elif d.side == "negativo":
            assert d.x > cx + d.r, d.nombre
        else:
            assert d.side == "sin_resultado" and d.y > cy and abs(mapa.angulo(d) - 180) < 32, d.nombre
        for px0, py0, px1, py1 in mapa.pildoras:
            cercano = math.hypot(max(px0 - d.x, 0, d.x - px1), max(py0 - d.y, 0, d.y - py1))
            assert cercano >= d.r + 4, d.nombre
    for i, a in enumerate(mapa.discos):
        for b in mapa.discos[i + 1:]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r + 4, (a.nombre, b.nombre)
    radios = [mapa.anillos[k] for k in ANILLOS if k in mapa.anillos]
    assert all(ex <= sig_in for (_, ex), (sig_in, _) in zip(radios, radios[1:]))
    assert radios[0][0] >= r


def recorrido(mapa: Mapa, side: str) -> float:
    """The share of its half (180°) that a side's discs span, from the first angle to the last."""
    angulos = [mapa.angulo(d) for d in mapa.discos if d.side == side]
    return (max(angulos) - min(angulos)) / 180


def textos(elemento: Mapa | ET.Element) -> str:
    """All the text drawn (in a map or inside one element), one space between lines."""
    raiz = elemento.raiz if isinstance(elemento, Mapa) else elemento
    return " ".join(" ".join(t.itertext()) for t in raiz.iter(f"{NS}text"))


def leyenda(mapa: Mapa, clase: str, atributo: str) -> list[str]:
    return [g.get(atributo) for g in mapa.raiz.iter(f"{NS}g") if g.get("class") == clase]


def fuentes(svg: str) -> list[float]:
    return [float(t.get("font-size")) for t in ET.fromstring(svg).iter(f"{NS}text")]


def al_azar(semilla: int, n: int, **fijos) -> list[Actor]:
    """``n`` actors with long names (60+ characters), many resources and rules; ``fijos`` overrides fields."""
    rng = random.Random(semilla)
    words = ("Consejo Instituto Municipal Red Fundación Cámara Comité Vecinal Universidad Periódico "
                "Asociación Colectivo Coordinadora Observatorio").split()
    actores = []
    for i in range(n):
        nombre = f"{i} " + " ".join(rng.choice(words) for _ in range(rng.randint(6, 10)))
        campos = {
            "sector": rng.choice(SECTORES + [None]),
            "relacion": rng.choice([r.value for r in Relationship] + [None]),
            "resultado": rng.choice(["positivo", "negativo", None]),
            "recursos": [rng.choice(words).lower() + " " + rng.choice(words).lower()
                         for _ in range(rng.randint(0, 8))],
            "reglas": rng.choice([None, "Asambleas mensuales abiertas; deciden por mayoría y publican sus actas "
                                        "en el portal del municipio cada trimestre."]),
        }
        campos.update(fijos)
        actores.append(actor(nombre.ljust(60, "x"), **campos))
    return actores


VARIADO = [
    actor("Cabildo de Monterrey", sector="gobierno", relacion="debil", resultado="negativo",
          recursos=["Información presupuestal", "Audiencias públicas"], reglas="Solicitudes por escrito."),
    actor("Instituto Estatal de Transparencia", sector="gobierno", relacion="fuerte", resultado="positivo",
          recursos=["Capacitación"]),
    actor("Universidad Regional del Norte", sector="academia", relacion="colaborativa", resultado="positivo",
          reglas="Todo proyecto pasa por el comité académico."),
    actor("Cámara de Comercio", sector="privado", relacion="debil", resultado="positivo"),
    actor("Periódico El Vigía", sector="medios", relacion="colaborativa", resultado="negativo"),
    actor("Constructora del Norte", sector="privado", relacion="conflictiva", resultado="negativo"),
    actor("Comités vecinales", sector="comunitario", relacion="fuerte", resultado="negativo"),
    actor("Fundación Regia", sector="sociedad_civil", relacion="conflictiva", resultado="positivo"),
]


def test_cada_actor_en_su_anillo_y_lado_positivo_a_la_izquierda():
    figura = ring_map(ORG, VARIADO, ROTULOS)
    mapa = leer(figura.svg)
    comprobar_geometria(mapa)
    esperado = [(a.nombre, a.relacion.value, a.resultado.value) for a in VARIADO]
    assert [(d.nombre, d.ring, d.side) for d in mapa.discos] == esperado
    assert [d.numero for d in mapa.discos] == [str(i) for i in range(1, 9)]
    assert list(mapa.anillos) == ["conflictiva", "debil", "colaborativa", "fuerte"]  # drawn from the outside in
    # The methodology's figure: "Resultado positivo" over the left half, "Resultado negativo" over the right.
    cx = mapa.centro[0]
    rotulos = {t.get("class"): t for t in mapa.raiz.iter(f"{NS}text")}
    assert " ".join(rotulos["lado-positivo"].itertext()) == "Resultado positivo"
    assert float(rotulos["lado-positivo"].get("x")) < cx and rotulos["lado-positivo"].get("text-anchor") == "end"
    assert float(rotulos["lado-negativo"].get("x")) > cx and rotulos["lado-negativo"].get("text-anchor") is None
    assert leyenda(mapa, "leyenda-sector", "data-sector") == [
        "gobierno", "sociedad_civil", "privado", "academia", "medios", "comunitario"]
    assert leyenda(mapa, "leyenda-anillo", "data-anillo") == ["fuerte", "colaborativa", "debil", "conflictiva"]
    todo = textos(mapa)
    for rotulo in ("Fuerte", "Colaborativa", "Débil", "Conflictiva", ORG.split()[0]):
        assert rotulo in todo
    assert "Resultado sin registrar" not in todo and "Sin relación registrada" not in todo
    # The numbered key: each number with its actor's full name, in order.
    assert [(f.numero, f.nombre) for f in mapa.fichas] == [(str(i), a.nombre) for i, a in enumerate(VARIADO, 1)]
    for f, a in zip(mapa.fichas, VARIADO):
        assert textos(f.grupo) == f"{f.numero} {a.nombre}"
    assert min(fuentes(figura.svg)) >= MIN_FONT_SIZE
    assert figura.ancho == mapa.card_box[2] == MAP_WIDTH and figura.alto == mapa.card_box[3]


def test_the_slide_map_keeps_the_positive_half_on_the_left():
    ring_labels = {r.value: r.value for r in Relationship} | {"sin_relacion": "sin relación"}
    figura = slide_map("RCT", VARIADO, ROTULOS | {"titulo": "Mapa", "anillos": "Relación"}, ring_labels)
    raiz = ET.fromstring(figura.svg)
    centro = next(c for c in raiz.iter(f"{NS}circle") if c.get("class") == "centro")
    cx = float(centro.get("cx"))
    lados = {}
    for grupo in raiz.iter(f"{NS}g"):
        if grupo.get("class") == "actor":
            disco = grupo.find(f"{NS}circle")
            lados.setdefault(grupo.get("data-lado"), []).append(float(disco.get("cx")) - cx)
    assert lados["positivo"] and all(x < 0 for x in lados["positivo"])
    assert lados["negativo"] and all(x > 0 for x in lados["negativo"])


def test_los_actores_se_reparten_por_todo_su_medio_anillo():
    """Each half's discs span more than 60 % of its 180°, not a column along the divider."""
    mapa = leer(ring_map(ORG, VARIADO, ROTULOS).svg)
    assert recorrido(mapa, "positivo") > 0.6 and recorrido(mapa, "negativo") > 0.6
    # Lone discs of different rings do not line up: each sits at its place among its side's discs.
    solos = [360 - mapa.angulo(d) for d in mapa.discos if d.side == "positivo"]
    assert solos == sorted(solos) and min(b - a for a, b in zip(solos, solos[1:])) > 20
    muchos = leer(ring_map(ORG, al_azar(3, 40, resultado="positivo"), ROTULOS).svg)
    assert recorrido(muchos, "positivo") > 0.6
    for ring in ANILLOS:
        angulos = [360 - muchos.angulo(d) for d in muchos.discos if d.ring == ring]
        if len(angulos) >= 3:
            assert (max(angulos) - min(angulos)) / 180 > 0.5, ring
    # Nothing on the right half when every result is positive.
    assert all(d.x < muchos.centro[0] for d in muchos.discos)


def test_los_anillos_y_su_leyenda_se_distinguen():
    """Rings differ by shade and by the weight or dash of their line, and the legend shows the same."""
    estilos = list(RING_STYLES.values())
    assert len({e.fill for e in estilos}) == len(estilos)
    assert len({(e.width, e.dash) for e in estilos}) == len(estilos)
    # From the inside out the shade lightens: a closer relationship reads darker.
    claridad = [sum(int(e.fill[i:i + 2], 16) for i in (1, 3, 5)) for e in estilos]
    assert claridad == sorted(claridad)
    actores = VARIADO + [actor("Sin relación", sector="otro", resultado="positivo")]
    mapa = leer(ring_map(ORG, actores, ROTULOS).svg)
    for clave, circulo in mapa.circulos_anillo.items():
        estilo = RING_STYLES[clave]
        assert circulo.get("fill") == estilo.fill and circulo.get("stroke") == estilo.stroke
        assert float(circulo.get("stroke-width")) == estilo.width and circulo.get("stroke-dasharray") == estilo.dash
    for g in mapa.raiz.iter(f"{NS}g"):
        if g.get("class") == "leyenda-anillo":
            estilo = RING_STYLES[g.get("data-anillo")]
            muestra = g.find(f"{NS}rect")
            linea = g.find(f"{NS}line")
            assert muestra.get("fill") == estilo.fill
            assert (linea.get("stroke"), float(linea.get("stroke-width")), linea.get("stroke-dasharray")) == (
                estilo.stroke, estilo.width, estilo.dash)


@pytest.mark.parametrize("semilla, fijos", [(2024, {}), (7, {"relacion": "fuerte", "resultado": "positivo"}),
                                            (7, {"relacion": "conflictiva", "resultado": "negativo"}),
                                            (7, {"relacion": None, "resultado": None})])
def test_cuarenta_actores_no_se_enciman_y_se_imprimen_legibles(semilla, fijos):
    actores = al_azar(semilla, 40, **fijos)
    figura = ring_map(ORG, actores, ROTULOS, clave=False)
    mapa = leer(figura.svg)
    assert len(mapa.discos) == 40 and mapa.fichas == []
    comprobar_geometria(mapa)
    assert min(fuentes(figura.svg)) >= MIN_FONT_SIZE
    # Printed as large as a portrait page allows, its smallest text stays at 7 pt or more.
    assert figure_size(figura.svg).smallest_printed(PORTRAIT) >= MIN_PRINTED_PT
    clave = map_key_figure(actores, ROTULOS)
    fichas = leer_clave(clave.svg)
    assert [f.numero for f in fichas] == [str(i) for i in range(1, 41)]
    assert figure_size(clave.svg).smallest_printed(PORTRAIT) >= MIN_PRINTED_PT
    # Long names wrap to at most three lines, the last ending in "…".
    lineas = [len(list(next(t for t in f.grupo.iter(f"{NS}text") if t.get("class") == "nombre"))) for f in fichas]
    assert max(lineas) == 3 and "…" in textos(ET.fromstring(clave.svg))


def leer_clave(svg: str) -> list[Disco]:
    """The key figure's entries (the same groups as a map's key)."""
    envoltorio = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
                  '<circle class="centro" cx="0" cy="0" r="1"/>' + svg.split("?>")[-1] + "</svg>")
    return leer(envoltorio).fichas


def test_datos_faltantes_van_al_anillo_sin_relacion_a_la_cuna_inferior_y_al_color_otro():
    actores = [
        actor("Sin relación", sector="medios", resultado="positivo"),
        actor("Sin resultado", sector="academia", relacion="fuerte"),
        actor("Sin sector", relacion="debil", resultado="negativo"),
        actor("Sector otro", sector="otro", relacion="debil", resultado="positivo"),
    ]
    mapa = leer(ring_map(ORG, actores, ROTULOS).svg)
    comprobar_geometria(mapa)
    por_nombre = {d.nombre: d for d in mapa.discos}
    assert (por_nombre["Sin relación"].ring, por_nombre["Sin relación"].side) == ("sin_relacion", "positivo")
    assert (por_nombre["Sin resultado"].ring, por_nombre["Sin resultado"].side) == ("fuerte", "sin_resultado")
    assert por_nombre["Sin sector"].circulo.get("fill") == por_nombre["Sector otro"].circulo.get("fill") == \
        COLOURS[Sector.otro][0]
    assert list(mapa.anillos) == ["sin_relacion", "conflictiva", "debil", "colaborativa", "fuerte"]
    assert leyenda(mapa, "leyenda-sector", "data-sector") == ["academia", "medios", "otro"]
    todo = textos(mapa)
    assert "Resultado sin registrar" in todo and "Sin relación registrada" in todo

    # Each missing datum brings its ring or wedge only when some actor needs it.
    solo_sin_resultado = leer(ring_map(ORG, actores[1:2], ROTULOS).svg)
    assert "sin_relacion" not in solo_sin_resultado.anillos
    assert "Resultado sin registrar" in textos(solo_sin_resultado)
    assert "Sin relación registrada" not in textos(solo_sin_resultado)
    solo_sin_relacion = leer(ring_map(ORG, actores[:1], ROTULOS).svg)
    assert "sin_relacion" in solo_sin_relacion.anillos
    assert "Resultado sin registrar" not in textos(solo_sin_relacion)


def test_mapa_en_blanco_sin_actores():
    """The blank map (a worksheet): the four rings, both halves named, the rings' legend."""
    figura = ring_map(ORG, [], ROTULOS)
    mapa = leer(figura.svg)
    assert mapa.discos == [] and mapa.fichas == []
    assert list(mapa.anillos) == ["conflictiva", "debil", "colaborativa", "fuerte"]
    assert leyenda(mapa, "leyenda-sector", "data-sector") == []
    assert leyenda(mapa, "leyenda-anillo", "data-anillo") == ["fuerte", "colaborativa", "debil", "conflictiva"]
    assert "Resultado positivo" in textos(mapa) and "Resultado negativo" in textos(mapa)
    assert min(fuentes(figura.svg)) >= MIN_FONT_SIZE
    with pytest.raises(ValueError):
        map_key_figure([], ROTULOS)


def test_texto_hostil_aparece_literal_y_resaltar_solo_cambia_el_borde():
    actores = [
        actor(HOSTIL, sector="gobierno", relacion="fuerte", resultado="positivo", recursos=[HOSTIL], reglas=HOSTIL),
        actor("<script>&\"'", sector="medios", relacion="fuerte", resultado="positivo"),
        actor("Otro actor", sector="medios", relacion="debil", resultado="negativo"),
    ]
    rotulos = {**ROTULOS, "titulo": HOSTIL, "clave": HOSTIL}
    figura = ring_map(HOSTIL, actores, rotulos)
    mapa = leer(figura.svg)  # parses
    assert [d.nombre for d in mapa.discos] == [HOSTIL, "<script>&\"'", "Otro actor"]
    assert not list(mapa.raiz.iter(f"{NS}b")) and not list(mapa.raiz.iter(f"{NS}script"))
    assert textos(mapa.fichas[1].grupo) == "2 <script>&\"'"
    assert textos(mapa.fichas[0].grupo).split() == f"1 {HOSTIL}".split()
    assert "49" not in textos(mapa)
    assert mapa.raiz.find(f"{NS}title").text == HOSTIL
    clave = map_key_figure(actores, rotulos)
    raiz = ET.fromstring(clave.svg)
    assert raiz.find(f"{NS}title").text == HOSTIL and HOSTIL in textos(raiz) and "49" not in textos(raiz)

    resaltado = leer(ring_map(HOSTIL, actores, rotulos, resaltar={"<script>&\"'"}).svg)
    elementos = list(mapa.raiz.iter())
    cambiados = [(a, b) for a, b in zip(elementos, resaltado.raiz.iter()) if a.attrib != b.attrib or a.text != b.text]
    assert len(elementos) == len(list(resaltado.raiz.iter()))
    assert [a for a, _ in cambiados] == [mapa.discos[1].circulo]
    antes, despues = cambiados[0]
    assert {k for k in antes.attrib.keys() | despues.attrib.keys() if antes.get(k) != despues.get(k)} <= {
        "stroke", "stroke-width", "stroke-dasharray"}
    assert float(despues.get("stroke-width")) > float(antes.get("stroke-width"))
    assert despues.get("stroke-dasharray")


def test_la_alternativa_nombra_a_cada_actor_y_la_salida_es_determinista():
    actores = al_azar(11, 25)
    figura = ring_map(ORG, actores, ROTULOS)
    assert figura.alternative.startswith(f"Mapa del sistema: {ORG} ") and ".." not in figura.alternative
    for a in actores:
        assert a.nombre in figura.alternative
    assert "<" not in figura.alternative
    assert ring_map(ORG, list(actores), ROTULOS) == figura

    pequeno = ring_map(ORG, VARIADO[:3], ROTULOS).alternative
    assert "Fuerte, resultado positivo: Instituto Estatal de Transparencia (gobierno)." in pequeno
    assert "Débil, resultado negativo: Cabildo de Monterrey (gobierno)." in pequeno
    # Within a ring and side, actors keep their input order.
    primeros = [a.nombre for a in actores if a.relacion and a.relacion.value == "fuerte"
                and a.resultado and a.resultado.value == "positivo"]
    assert f"Fuerte, resultado positivo: {primeros[0]}" in figura.alternative
    posiciones = [figura.alternative.index(n) for n in primeros]
    assert posiciones == sorted(posiciones)
